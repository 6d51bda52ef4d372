"""Benchmark the generator on synthetic briefings of growing size (`make bench`).

For each N it measures, each in a fresh process with its peak memory:
  (a) check        load and validate the content
  (b) generate     content to pages and maps (includes (a))
  (c) build        the full `mkdocs build` with the hook
  (d) floor        `mkdocs build` of the already-generated tree, same theme, no hook
and, in one process, a no-op regeneration and a regeneration after editing one event,
with the number of pages that edit re-rendered. Prints a Markdown table and writes it
to benchmarks/RESULTS.md. Never writes into content/ or docs/.

Usage: python benchmarks/run.py [--sizes 100,300,1000] [--out benchmarks/RESULTS.md]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1:8000/"}

STEP = """
import json, resource, sys, time
from pathlib import Path
from briefing.pipeline import check, generate
content = Path(sys.argv[2])
start = time.perf_counter()
result = check(content) if sys.argv[1] == "check" else generate(content)
seconds = time.perf_counter() - start
pages = len(getattr(result, "pages", {}))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "pages": pages, "peak_mb": peak}))
"""

INCREMENTAL = """
import json, os, resource, sys, time
from pathlib import Path
from briefing.pipeline import Generator
content = Path(sys.argv[1])
generator = Generator(content)
generator.generate()
start = time.perf_counter(); generator.generate(); noop = time.perf_counter() - start
noop_pages = generator.stats["pages_rendered"]
event = sorted((content / "events").glob("*.md"))[len(list((content / "events").glob("*.md"))) // 2]
event.write_text(event.read_text().replace("summary: ", "summary: Edited. ", 1))
stat = event.stat(); os.utime(event, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
start = time.perf_counter(); site = generator.generate(); edit = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"noop": noop, "noop_pages": noop_pages, "edit": edit, "edit_pages": generator.stats["pages_rendered"],
                  "edit_files": generator.stats["files_parsed"], "pages": len(site.pages), "peak_mb": peak}))
"""


def step(code: str, *args: str) -> dict[str, float]:
    """Run a measuring snippet in a fresh interpreter and return what it printed."""
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=ENV, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def timed(cmd: list[str], cwd: Path) -> dict[str, float]:
    """Wall time and peak memory of a command, measured by GNU time's format through /proc."""
    start = time.perf_counter()
    process = subprocess.Popen(
        cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {process.stderr.read() if process.stderr else ''}")
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024}


def site_root(work: Path, content: Path) -> Path:
    """A project folder with the real configuration, theme overrides and hook, and synthetic content."""
    root = work / "site-src"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for name in ("docs", "overrides", "scripts"):
        (root / name).symlink_to(ROOT / name)
    (root / "content").symlink_to(content)
    return root


def measure(n: int, work: Path) -> dict[str, float]:
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "synth.py"), str(n), str(work / "synth")], check=True
    )
    content = work / "synth" / "content"
    row: dict[str, float] = {"n": n}
    a = step(STEP, "check", str(content))
    b = step(STEP, "generate", str(content))
    root = site_root(work, content)
    c = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(work / "built")], root)
    tree = work / "tree"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "briefing.cli",
            "--content",
            str(content),
            "generate",
            "--out",
            str(tree / "docs"),
            "--docs",
            str(ROOT / "docs"),
            "--config",
            str(tree / "mkdocs.yml"),
            "--project-config",
            str(ROOT / "mkdocs.yml"),
        ],
        env=ENV,
        check=True,
        capture_output=True,
    )
    d = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tree / "mkdocs.yml")], tree)
    inc = step(INCREMENTAL, str(content))
    row.update(
        {
            "check": a["seconds"],
            "check_mb": a["peak_mb"],
            "generate": b["seconds"],
            "generate_mb": b["peak_mb"],
            "pages": b["pages"],
            "build": c["seconds"],
            "build_mb": c["peak_mb"],
            "floor": d["seconds"],
            "floor_mb": d["peak_mb"],
            "ratio": c["seconds"] / d["seconds"],
            "noop": inc["noop"],
            "noop_pages": inc["noop_pages"],
            "edit": inc["edit"],
            "edit_pages": inc["edit_pages"],
            "incremental_mb": inc["peak_mb"],
        }
    )
    return row


def table(rows: list[dict[str, float]], real: dict[str, float]) -> str:
    head = (
        "| N sources | pages | (a) check | (b) generate | (c) mkdocs build | (d) floor | (c)/(d) "
        "| no-op regen | one-event edit (pages re-rendered) | peak MB (a/b/c/d) |"
    )
    lines = [head, "|" + "---|" * 10]
    for r in rows:
        lines.append(
            f"| {r['n']:.0f} | {r['pages']:.0f} | {r['check']:.2f} s | {r['generate']:.2f} s | {r['build']:.1f} s "
            f"| {r['floor']:.1f} s | {r['ratio']:.2f} | {r['noop']:.2f} s ({r['noop_pages']:.0f} pages) "
            f"| {r['edit']:.2f} s ({r['edit_pages']:.0f}) "
            f"| {r['check_mb']:.0f} / {r['generate_mb']:.0f} / {r['build_mb']:.0f} / {r['floor_mb']:.0f} |"
        )
    lines.append(
        f"| real content | {real['pages']:.0f} | | | | | | {real['noop']:.2f} s ({real['noop_pages']:.0f} pages) "
        f"| {real['edit']:.2f} s ({real['edit_pages']:.0f}) | |"
    )
    return "\n".join(lines)


def growth(rows: list[dict[str, float]]) -> str:
    first, last = rows[0], rows[-1]
    scale = last["n"] / first["n"]
    factor = last["generate"] / first["generate"]
    return (
        f"From N = {first['n']:.0f} to N = {last['n']:.0f} ({scale:.0f}× the content), generation "
        f"(check included) took {factor:.1f}× as long: {'linear or better' if factor <= scale * 1.1 else 'worse than linear'}."
    )


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()} {platform.release()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,300,1000")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    args = parser.parse_args()
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            rows.append(measure(n, Path(tmp)))
            print(f"N={n}: done", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        real_content = Path(tmp) / "content"
        shutil.copytree(ROOT / "content", real_content)
        real = step(INCREMENTAL, str(real_content))
    text = (
        f"Measured on {time.strftime('%Y-%m-%d')}: {machine()}. Times are wall-clock seconds of one run each.\n\n"
        f"{table(rows, real)}\n\n{growth(rows)}\n"
    )
    print(text)
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
