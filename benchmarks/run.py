"""Benchmark the generator on synthetic briefings of growing size (`make bench`).

For each N (synthetic sources, benchmarks/synth.py), each step in a fresh process with its
peak memory (the largest of the process and the workers it forks):
  (a) check        load and validate the content (`briefing check` without the interpreter
                   start and imports, which do not grow with N; they are reported apart)
  (b) generate     content to pages and maps, after (a): (a)+(b) is the whole generator
  (c) build        the full `mkdocs build` with the hook, after a first build (timed apart)
                   that drew the maps later builds read back from .cache/
  (d) floor        `mkdocs build` of the already-generated tree, same theme, no hook
  (e) Markdown     Python-Markdown alone converting that tree's pages in one process, with the
                   site's extensions, and (e') with the extension the plugin adds to them
then, in one process, a no-op regeneration and a regeneration after editing one event,
with the number of pages that edit re-rendered and the number whose text changed.
(a) and (b) are the median of three runs; (c) and (d) run in pairs, three pairs up to
N = 1,000, where the build target is set (medians, and the median of the pairs' ratios), one pair
above.

On the real content it also measures the regenerations and `mkdocs serve`: the time from
saving a content file to the served page showing the edit, over several edits.

With --profile N, the floor build at that N runs under cProfile and the functions where
MkDocs spends its time are summarised. Writes benchmarks/RESULTS.md and, with --publish,
the figures block of docs/performance.md. Never writes into content/.

Usage: python benchmarks/run.py [--sizes 100,300,1000] [--profile 300] [--publish]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1:8000/"}
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
PAGE = ROOT / "docs" / "performance.md"
MARKERS = ("<!-- bench:start -->", "<!-- bench:end -->")
BUILD_PAIRS = 3
PAIRED_UP_TO = 1000
"""(c) and (d) are each the median of BUILD_PAIRS builds up to this N (one at larger N)."""

PEAK = """
import resource
def peak_mb():
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024
"""

STEPS = (
    PEAK
    + """
import json, sys, time
from pathlib import Path
start = time.perf_counter()
from briefing.render import renderer as render
from briefing.render import pages
from briefing.render import opendata
from briefing.render import feed
from briefing import pipeline, maps
from briefing.cache import Cache
from briefing.options import Options
from briefing.parallel import jobs
from briefing.maps import draw  # folium, which a build imports only when it draws a map
imports = time.perf_counter() - start
content = Path(sys.argv[1])
start = time.perf_counter()
briefing = pipeline.check(content, workers=jobs())
check = time.perf_counter() - start
start = time.perf_counter()
with pipeline._collection_paused(one_off=True):  # as in `mkdocs build` and the `briefing` command
    site = pipeline.render_site(briefing, Options(), Cache(), jobs())
generate = time.perf_counter() - start
print(json.dumps({"imports": imports, "check": check, "generate": generate, "pages": len(site.pages),
                  "files": len(site.assets), "mb": sum(len(t) for t in site.pages.values()) / 1e6,
                  "peak_mb": peak_mb()}))
"""
)

MARKDOWN_FLOOR = """
import json, sys, time
from pathlib import Path
import markdown
from mkdocs.config import load_config
from briefing.plugin import fastmarkdown
config = load_config(config_file=sys.argv[1])
docs = Path(config.docs_dir)
texts = []
for path in sorted(docs.rglob("*.md")):
    text = path.read_text(encoding="utf-8")
    texts.append(text.split("---\\n", 2)[2] if text.startswith("---\\n") else text)
def convert(extensions):
    start = time.perf_counter()
    for text in texts:  # one converter per page, as MkDocs makes
        markdown.Markdown(extensions=extensions, extension_configs=config.mdx_configs).convert(text)
    return time.perf_counter() - start
stock = convert(config.markdown_extensions)
fast = convert([*config.markdown_extensions, fastmarkdown.NAME])
print(json.dumps({"seconds": stock, "fast": fast, "pages": len(texts)}))
"""
"""(e) Python-Markdown alone: every page of the generated tree converted with the site's
extensions, in one process, with no theme, plugin, link resolution or file written; then (e')
the same with the extension the build adds (briefing.plugin.fastmarkdown: the same HTML)."""

INCREMENTAL = (
    PEAK
    + """
import json, os, sys, time
from pathlib import Path
from briefing.pipeline import Generator
content = Path(sys.argv[1])
generator = Generator(content)
before = dict(generator.generate().pages)
start = time.perf_counter(); generator.generate(); noop = time.perf_counter() - start
noop_pages = generator.stats["pages_rendered"]
events = sorted((content / "events").glob("*.md"))
event = events[len(events) // 2]
event.write_text(event.read_text().replace("summary: ", "summary: Edited. ", 1))
stat = event.stat(); os.utime(event, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
start = time.perf_counter(); site = generator.generate(); edit = time.perf_counter() - start
changed = sum(1 for path, text in site.pages.items() if before.get(path) != text)
print(json.dumps({"noop": noop, "noop_pages": noop_pages, "edit": edit,
                  "edit_pages": generator.stats["pages_rendered"], "changed": changed,
                  "pages": len(site.pages), "peak_mb": peak_mb()}))
"""
)


def step(code: str, *args: str) -> dict[str, float]:
    """Run a measuring snippet in a fresh interpreter and return what it printed."""
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=ENV, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def median_of(runs: int, code: str, *args: str) -> dict[str, float]:
    """Each measured number as the median of ``runs`` fresh runs (the machine is shared)."""
    found = [step(code, *args) for _ in range(runs)]
    return {key: statistics.median(r[key] for r in found) for key in found[0]}


def timed(cmd: list[str], cwd: Path) -> dict[str, float]:
    """Wall time and peak memory (largest of the command and its children) of a command."""
    start = time.perf_counter()
    process = subprocess.Popen(
        cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {process.stderr.read() if process.stderr else ''}")
    return {"seconds": seconds, "peak_mb": usage.ru_maxrss / 1024}


def project_copy(work: Path, content: Path) -> Path:
    """A project folder with the real configuration, theme overrides and plugin, and ``content``."""
    root = work / "site-src"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for name in ("docs", "overrides", "scripts"):
        (root / name).symlink_to(ROOT / name)
    (root / "content").symlink_to(content)
    return root


def generated_tree(content: Path, tree: Path) -> None:
    """The whole docs tree and a config without the plugin, as `briefing generate` writes them."""
    subprocess.run(
        [
            *(sys.executable, "-m", "briefing.cli", "--content", str(content), "generate"),
            *("--out", str(tree / "docs"), "--docs", str(ROOT / "docs")),
            *("--config", str(tree / "mkdocs.yml"), "--project-config", str(ROOT / "mkdocs.yml")),
        ],
        env=ENV,
        check=True,
        capture_output=True,
    )


def site_size(built: Path, sources: int) -> dict[str, float]:
    """The built site: MB in all, pages, MB per page, and the search index (MB, KB per source)."""
    files = [p for p in built.rglob("*") if p.is_file()]
    pages = sum(1 for p in files if p.name == "index.html")
    total = sum(p.stat().st_size for p in files) / 1e6
    index = built / "search" / "search_index.json"
    search = index.stat().st_size / 1e6 if index.is_file() else 0.0
    return {
        "site_mb": total,
        "html_pages": pages,
        "mb_per_page": total / max(pages, 1),
        "search_mb": search,
        "search_kb_per_source": search * 1000 / max(sources, 1),
    }


def zensical_build(tree: Path) -> dict[str, Any]:
    """A clean Zensical build of the generated tree (its cache emptied first); a build that
    fails is reported with the last line Zensical printed, not raised."""
    zensical = shutil.which("zensical", path=str(Path(sys.executable).parent)) or "zensical"
    shutil.rmtree(tree / ".cache", ignore_errors=True)
    try:
        return timed([zensical, "build", "--clean", "-f", str(tree / "mkdocs.yml")], tree)
    except RuntimeError as exc:
        return {"seconds": float("nan"), "peak_mb": float("nan"), "error": str(exc).strip().splitlines()[-1]}


def measure(n: int, work: Path, profile: bool) -> dict[str, Any]:
    synth = ROOT / "benchmarks" / "synth.py"
    subprocess.run([sys.executable, str(synth), str(n), str(work / "synth")], check=True)
    content = work / "synth" / "content"
    ab = median_of(3, STEPS, str(content))
    root = project_copy(work, content)
    build = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(work / "built")]
    tree = work / "tree"
    generated_tree(content, tree)
    floor = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tree / "mkdocs.yml")]
    # The first build of a project draws every map; later ones read unchanged maps back from
    # .cache/ (briefing.maps.cache), as an editor's builds after the first do. It is timed
    # on its own, then (c) and (d) back to back, pair after pair, so that both see the same
    # load on a shared machine; (c)/(d) is the median of the pairs' ratios.
    first = timed(build, root)
    pairs = [(timed(build, root), timed(floor, tree)) for _ in range(BUILD_PAIRS if n <= PAIRED_UP_TO else 1)]
    c = {key: statistics.median(p[0][key] for p in pairs) for key in pairs[0][0]}
    d = {key: statistics.median(p[1][key] for p in pairs) for key in pairs[0][1]}
    ratio = statistics.median(p[0]["seconds"] / p[1]["seconds"] for p in pairs)
    if profile:
        stats = work / "floor.prof"
        cmd = [sys.executable, "-m", "cProfile", "-o", str(stats), *floor[1:]]
        subprocess.run(cmd, cwd=tree, env=ENV, check=True, capture_output=True)
        summarise_profile(stats, n, d["seconds"])
    inc = step(INCREMENTAL, str(content))
    floor_md = step(MARKDOWN_FLOOR, str(tree / "mkdocs.yml"))
    zensical = zensical_build(tree)
    size = site_size(work / "built", n)
    return {
        "markdown": floor_md["seconds"],
        "markdown_fast": floor_md["fast"],
        "zensical": zensical["seconds"],
        "zensical_error": zensical.get("error", ""),
        "zensical_mb": zensical["peak_mb"],
        **size,
        "n": n,
        **{key: ab[key] for key in ("imports", "check", "generate", "pages", "files", "mb")},
        "ab_mb": ab["peak_mb"],
        "first": first["seconds"],
        "build": c["seconds"],
        "build_mb": c["peak_mb"],
        "floor": d["seconds"],
        "floor_mb": d["peak_mb"],
        "ratio": ratio,
        **{key: inc[key] for key in ("noop", "noop_pages", "edit", "edit_pages", "changed")},
        "incremental_mb": inc["peak_mb"],
    }


# --- MkDocs' own time ----------------------------------------------------------------------

PROFILE_GROUPS = (
    ("Python-Markdown: Markdown to HTML", "markdown/core.py", "convert"),
    ("theme: Material's templates (nav included)", "mkdocs/commands/build.py", "_build_page"),
    ("Material search: indexing every page", "material/plugins/search/plugin.py", "on_page_context"),
    ("anchor validation", "mkdocs/structure/pages.py", "validate_anchor_links"),
)


def summarise_profile(stats_file: Path, n: int, seconds: float) -> None:
    """Where the floor build spends its time, as shares of the profiled run."""
    stats = pstats.Stats(str(stats_file))
    total = max(v[3] for v in stats.stats.values())  # type: ignore[attr-defined]
    rows = []
    for label, file, function in PROFILE_GROUPS:
        cumulative = sum(
            v[3]
            for (path, _, name), v in stats.stats.items()  # type: ignore[attr-defined]
            if path.endswith(file) and name == function
        )
        rows.append((label, cumulative / total))
    nav = sum(
        v[3]
        for (path, _, name), v in stats.stats.items()  # type: ignore[attr-defined]
        if path.endswith("partials/nav-item.html") and name == "macro"
    )
    lines = [f"Profile of the floor build at N = {n} ({seconds:.0f} s unprofiled), cProfile:", ""]
    lines += [f"- {label}: {share:.0%}" for label, share in rows]
    lines.append(f"- of which the nav, rendered into every page: at least {nav / total:.0%}")
    PROFILE_NOTES[n] = "\n".join(lines)


PROFILE_NOTES: dict[int, str] = {}


# --- Real content: regeneration and `mkdocs serve` ----------------------------------------


def serve_latency(content: Path = ROOT / "content", edits: int = 8) -> dict[str, float]:
    """Seconds from saving a content file to `mkdocs serve` serving the page that shows it."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name in ("docs", "overrides", "scripts"):
            shutil.copytree(ROOT / name, work / name, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(content, work / "content")
        shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        env = {**ENV, "SITE_URL": f"http://127.0.0.1:{port}/"}
        log = (work / "serve.log").open("w")
        cmd = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
        process = subprocess.Popen(cmd, cwd=work, stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            events = sorted((work / "content" / "events").glob("*.md"))
            event = events[10]
            url = f"http://127.0.0.1:{port}/{_page_of(event, len(events))}"
            _until(lambda: "Timeline" in _get(url), 900)
            time.sleep(1)
            times = []
            for number in range(edits):
                marker = f"Benchmark edit {number}."
                text = event.read_text(encoding="utf-8")
                event.write_text(text.replace("summary: ", f"summary: {marker} ", 1), encoding="utf-8")
                times.append(_until(lambda m=marker: m in _get(url), 60))  # type: ignore[misc]
                time.sleep(1.5)
        finally:
            process.terminate()
            process.wait(timeout=20)
            log.close()
        built = [float(m) for m in re.findall(r"built in ([\d.]+) seconds", (work / "serve.log").read_text())]
    return {
        "median": statistics.median(times),
        "max": max(times),
        "rebuild": statistics.median(built[1:]),
        "edits": edits,
    }


def _page_of(event: Path, count: int) -> str:
    """The URL path of the timeline page that shows an event (one page, or its year's)."""
    from briefing.urls import event_page, page_url

    text = event.read_text(encoding="utf-8")
    found = (
        re.search(r"^id: *[\"']?([a-z0-9-]+)", text, re.M),
        re.search(r"^date: *[\"']?(\d{4})", text, re.M),
    )
    assert found[0] and found[1], f"{event}: no id or date"
    return page_url(event_page(found[0][1], int(found[1][1]), count).split("#")[0])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _until(done: object, limit: float) -> float:
    start = time.monotonic()
    while not done():  # type: ignore[operator]
        if time.monotonic() - start > limit:
            raise RuntimeError(f"not done within {limit} s")
        time.sleep(0.02)
    return time.monotonic() - start


# --- Report -------------------------------------------------------------------------------


def table(rows: list[dict[str, float]]) -> str:
    """Two narrow tables (a wide one would scroll, and a scrolling table is not keyboard-reachable)."""
    generator = [
        "| N sources | pages (MB of Markdown) | (a) check | (b) generate | (a)+(b) | peak MB |",
        "|" + "---|" * 6,
    ]
    builds = [
        "| N sources | first build | (c) mkdocs build | (d) floor | (c)/(d) | peak MB (c / d) |",
        "|" + "---|" * 6,
    ]
    for r in rows:
        generator.append(
            f"| {r['n']:.0f} | {r['pages']:.0f} ({r['mb']:.1f}) | {r['check']:.2f} s | {r['generate']:.2f} s "
            f"| {r['check'] + r['generate']:.2f} s | {r['ab_mb']:.0f} |"
        )
        builds.append(
            f"| {r['n']:.0f} | {r['first']:.1f} s ({r['first'] / r['floor']:.2f}) | {r['build']:.1f} s "
            f"| {r['floor']:.1f} s | {r['ratio']:.2f} "
            f"| {r['build_mb']:.0f} / {r['floor_mb']:.0f} |"
        )
    floors = [
        "| N sources | (e) Markdown alone | (e') with the build's extension | (c)/(e) | (c)/(e') |",
        "|" + "---|" * 5,
    ]
    sizes = [
        "| N sources | Zensical, clean | site MB (per page) | search index MB (KB per source) |",
        "|" + "---|" * 4,
    ]
    for r in rows:
        floors.append(
            f"| {r['n']:.0f} | {r['markdown']:.1f} s | {r['markdown_fast']:.1f} s "
            f"| {r['build'] / r['markdown']:.2f} | {r['build'] / r['markdown_fast']:.2f} |"
        )
        sizes.append(
            f"| {r['n']:.0f} | {'failed (see below)' if r['zensical_error'] else format(r['zensical'], '.1f') + ' s'} "
            f"| {r['site_mb']:.0f} ({r['mb_per_page']:.3f}) | {r['search_mb']:.1f} ({r['search_kb_per_source']:.1f}) |"
        )
    failures = [f"Zensical at N = {r['n']:.0f}: {r['zensical_error']}" for r in rows if r["zensical_error"]]
    tables = "\n\n".join("\n".join(lines) for lines in (generator, builds, floors, sizes))
    return tables + "".join(f"\n\n{line}" for line in failures)


def regeneration_table(rows: list[dict[str, float]], real: dict[str, float]) -> str:
    lines = [
        "| content | no-op regeneration | one event edited | pages re-rendered | pages changed | peak MB |",
        "|" + "---|" * 6,
    ]
    for label, r in [
        *((f"N = {r['n']:.0f}", r) for r in rows),
        (f"real content ({real['pages']:.0f} pages)", real),
    ]:
        mb = r.get("incremental_mb", r.get("peak_mb", 0))
        lines.append(
            f"| {label} | {r['noop']:.2f} s ({r['noop_pages']:.0f} pages) | {r['edit']:.2f} s "
            f"| {r['edit_pages']:.0f} | {r['changed']:.0f} | {mb:.0f} |"
        )
    return "\n".join(lines)


def growth(rows: list[dict[str, float]]) -> str:
    first, last = rows[0], rows[-1]
    scale = last["n"] / first["n"]
    factor = (last["check"] + last["generate"]) / (first["check"] + first["generate"])
    verdict = "linear or better" if factor <= scale * 1.1 else "worse than linear"
    return (
        f"From N = {first['n']:.0f} to N = {last['n']:.0f} ({scale:.0f}× the content), (a)+(b) took "
        f"{factor:.1f}× as long: {verdict}. Interpreter start and imports add {last['imports']:.2f} s to "
        "every `briefing` command, whatever N."
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


def report(
    rows: list[dict[str, float]],
    real: dict[str, float],
    serve: dict[str, float],
    large: dict[str, float] | None = None,
) -> str:
    parts = [
        f"Measured on {time.strftime('%Y-%m-%d')}: {machine()}. (a) and (b) are medians of three runs "
        f"in fresh processes; (c) and (d) ran back to back, {BUILD_PAIRS} pairs up to N = {PAIRED_UP_TO:,} (medians; "
        "(c)/(d) is the median of the pairs' ratios) and one pair above, after a first build of the "
        "project (its time, and in brackets its ratio to (d)), which draws every map; (c) reads the "
        "unchanged maps back from `.cache/`. The machine is a shared virtual machine: repeated runs "
        "vary by 15 to 30 %.",
        table(rows),
        growth(rows),
        regeneration_table(rows, real),
        f"`mkdocs serve` on the real content: an edit to a content file is served after "
        f"{serve['median']:.2f} s (median of {serve['edits']:.0f} edits; slowest {serve['max']:.2f} s), "
        f"of which the rebuild takes {serve['rebuild']:.2f} s and MkDocs' file watcher, which polls every "
        "0.5 s, most of the rest."
        + (
            f" At N = {large['n']:.0f}: {large['median']:.2f} s (median of {large['edits']:.0f} edits; "
            f"slowest {large['max']:.2f} s; rebuild {large['rebuild']:.2f} s)."
            if large
            else ""
        ),
        *PROFILE_NOTES.values(),
    ]
    return "\n\n".join(parts) + "\n"


def publish(text: str) -> None:
    """Replace the figures block of docs/performance.md."""
    page = PAGE.read_text(encoding="utf-8")
    start, end = (page.index(marker) for marker in MARKERS)
    page = page[: start + len(MARKERS[0])] + "\n\n" + text + "\n" + page[end:]
    PAGE.write_text(page, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,300,1000")
    parser.add_argument(
        "--profile", type=int, default=300, help="profile the floor build at this N (0: none)"
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--serve-at", type=int, default=1000, help="also time `mkdocs serve` edits at this N (0: none)"
    )
    parser.add_argument(
        "--publish", action="store_true", help="also update the figures in docs/performance.md"
    )
    args = parser.parse_args()
    rows = []
    large_serve: dict[str, float] | None = None
    for n in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            rows.append(measure(n, Path(tmp), profile=n == args.profile))
            if n == args.serve_at:
                large_serve = serve_latency(Path(tmp) / "synth" / "content", edits=4) | {"n": n}
            print(f"N={n}: done", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        real_content = Path(tmp) / "content"
        shutil.copytree(ROOT / "content", real_content)
        real = step(INCREMENTAL, str(real_content))
    serve = serve_latency()
    text = report(rows, real, serve, large_serve)
    print(text)
    args.out.write_text(text, encoding="utf-8")
    if args.publish:
        publish(text)


if __name__ == "__main__":
    main()
