"""Independent quality gates on the built site: HTML validity, accessibility, links, privacy, Lighthouse.

Usage: python scripts/audit.py [--site site] [--report reports/audit]

Every page of site/ (and every map file) goes through the Nu Html Checker, axe-core
in Chromium (light and dark palettes), lychee offline with fragments, a request and
console crawl, and Lighthouse on one page of each kind. Prints a table per gate,
writes the raw results to the report folder, and exits 1 if any gate fails.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tests" / "tools" / "node_modules"
CHROMIUM = os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TILE_HOSTS = ("tile.openstreetmap.org",)
"""The only third-party host a reader's browser may contact (answered locally here)."""
BLANK_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5a4e8a70000000049454e44ae426082"
)

# Findings that cannot be fixed in this project, each with its reason. Printed on every run.
ALLOWED_VNU: dict[str, str] = {}
ALLOWED_AXE: dict[str, str] = {}


@dataclass
class Gate:
    """One gate's outcome: a row per checked thing, and the failures."""

    name: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def html_pages(site: Path) -> list[Path]:
    """Every HTML file a reader can open, maps included."""
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)


def url_of(site: Path, page: Path, base: str) -> str:
    rel = page.relative_to(site).as_posix()
    return base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve the built site on a free localhost port."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser dropping a connection mid-response (it navigated on) is no error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def gate_vnu(site: Path, report: Path) -> Gate:
    gate = Gate("HTML (Nu Html Checker)")
    jar = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
    pages = html_pages(site)
    cmd = ["java", "-jar", str(jar), "--format", "json", "--errors-only", *map(str, pages)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    (report / "vnu.json").write_text(json.dumps(messages, indent=1), encoding="utf-8")
    errors = [m for m in messages if m.get("type") == "error" and m.get("message") not in ALLOWED_VNU]
    by_file = Counter(urlparse(m.get("url", "")).path for m in errors)
    gate.rows.append(("files checked", str(len(pages))))
    gate.rows.append(("errors", str(len(errors))))
    for message in sorted({m["message"] for m in errors})[:15]:
        gate.failures.append(message)
    for path, count in by_file.most_common(5):
        gate.rows.append(
            (Path(path).relative_to(site.resolve()).as_posix() if path else "?", f"{count} errors")
        )
    return gate


def gate_lychee(site: Path, report: Path) -> Gate:
    gate = Gate("Links (lychee, offline, fragments)")
    lychee = shutil.which("lychee", path=str(Path(sys.executable).parent)) or "lychee"
    cmd = [
        lychee,
        "--offline",
        "--include-fragments",
        "--index-files",
        "index.html",
        "--no-progress",
        "--format",
        "json",
    ]
    cmd += ["--root-dir", str(site.resolve()), str(site)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    (report / "lychee.json").write_text(result.stdout, encoding="utf-8")
    data = json.loads(result.stdout or "{}")
    gate.rows += [(key, str(data.get(key, "?"))) for key in ("total", "successful", "excludes", "errors")]
    for source, items in (data.get("error_map") or {}).items():
        for item in items:
            gate.failures.append(f"{source}: {item.get('url')} ({item.get('status', {}).get('text', '')})")
    if result.returncode not in (0, 2):
        gate.failures.append(f"lychee exited {result.returncode}: {result.stderr.strip()[:300]}")
    return gate


TILE_URL = re.compile(rf"^https?://([^/]+\.)?({'|'.join(map(re.escape, TILE_HOSTS))})/")
"""Requests the crawl answers itself; every other request goes out as the page makes it, and is recorded."""
AXE_OPTIONS = {"resultTypes": ["violations"], "iframes": False}
"""Map frames are checked as pages of their own, so axe does not descend into them."""


def _route_tiles(route: Any) -> None:
    route.fulfill(status=200, content_type="image/png", body=BLANK_PNG)


Scheme = Literal["light", "dark"]


@dataclass
class _Crawl:
    """What one palette's crawl saw."""

    findings: list[dict[str, Any]] = field(default_factory=list)
    hosts: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)


def _crawl(scheme: Scheme, urls: list[str]) -> _Crawl:
    """Visit every page once in one palette: axe-core on it, its requests and errors recorded.

    Runs in its own thread with its own Playwright and browser (Playwright objects must not
    cross threads). axe-core is injected into every document by an init script, once per context.
    """
    from axe_playwright_python.base import AXE_SCRIPT
    from playwright.sync_api import sync_playwright

    crawl = _Crawl()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(color_scheme=scheme)
        context.add_init_script(AXE_SCRIPT)
        context.route(TILE_URL, _route_tiles)
        page = context.new_page()
        page.on("request", lambda r: crawl.hosts.update([urlparse(r.url).hostname or r.url.split(":")[0]]))
        page.on(
            "console",
            lambda m: (
                crawl.problems.append(f"console {m.type}: {m.text} ({m.location.get('url') or page.url})")
                if m.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda e: crawl.problems.append(f"page error: {e} ({page.url})"))
        for url in urls:
            page.goto(url, wait_until="load")
            page.wait_for_timeout(150)
            violations = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)["violations"]
            for violation in violations:
                if violation["impact"] in ("serious", "critical") and violation["id"] not in ALLOWED_AXE:
                    crawl.findings.append(
                        {
                            "page": url,
                            "scheme": scheme,
                            "id": violation["id"],
                            "impact": violation["impact"],
                            "nodes": len(violation["nodes"]),
                            "help": violation["help"],
                        }
                    )
        context.close()
        browser.close()
    return crawl


def gate_browser(site: Path, base: str, report: Path) -> tuple[Gate, Gate]:
    """axe-core on every page in both palettes, recording requests and console errors as it goes.

    The two palettes are crawled side by side, one browser each.
    """
    axe_gate, privacy = Gate("Accessibility (axe-core, light + dark)"), Gate("Privacy and errors (crawl)")
    pages = [p for p in html_pages(site) if p.name != "404.html"]
    urls = [url_of(site, file, base) for file in pages]
    schemes: tuple[Scheme, ...] = ("light", "dark")
    with ThreadPoolExecutor(max_workers=min(len(schemes), os.cpu_count() or 1)) as pool:
        crawls = list(pool.map(lambda scheme: _crawl(scheme, urls), schemes))
    findings = [f for c in crawls for f in c.findings]
    hosts = sum((c.hosts for c in crawls), Counter[str]())
    problems = [p for c in crawls for p in c.problems]
    (report / "axe.json").write_text(json.dumps(findings, indent=1), encoding="utf-8")
    (report / "requests.json").write_text(json.dumps(dict(hosts), indent=1), encoding="utf-8")
    axe_gate.rows = [
        ("pages × palettes", f"{len(pages)} × {len(schemes)}"),
        ("serious/critical violations", str(len(findings))),
    ]
    for rule, count in Counter(f["id"] for f in findings).most_common():
        axe_gate.failures.append(
            f"{rule}: {count} page(s), e.g. {next(f['page'] for f in findings if f['id'] == rule)}"
        )
    foreign = {
        h: n for h, n in hosts.items() if h not in ("127.0.0.1", "localhost") and not h.endswith(TILE_HOSTS)
    }
    privacy.rows = [(host, f"{count} requests") for host, count in hosts.most_common()]
    privacy.failures = [f"request to third-party host {h} ({n}×)" for h, n in foreign.items()]
    privacy.failures += sorted(set(problems))[:20]
    privacy.rows.append(("console/page errors", str(len(problems))))
    return axe_gate, privacy


LIGHTHOUSE_PAGES = (
    "",
    "actors/ttp/",
    "regions/north-waziristan/",
    "debates/talks-versus-force/",
    "sources/fp-2024-cross-border-strikes/",
)


def gate_lighthouse(base: str, report: Path) -> Gate:
    gate = Gate("Lighthouse (accessibility, best practices, SEO ≥ 95)")
    cli = TOOLS / "lighthouse" / "cli" / "index.js"
    flags = "--headless=new " + " ".join(CHROMIUM_ARGS)
    for path in LIGHTHOUSE_PAGES:
        out = report / f"lighthouse-{path.strip('/').replace('/', '-') or 'home'}.json"
        cmd = [
            "node",
            str(cli),
            base + path,
            "--quiet",
            f"--chrome-flags={flags}",
            "--output=json",
            f"--output-path={out}",
            "--only-categories=performance,accessibility,best-practices,seo",
            # Tiles are blocked (Lighthouse cannot answer them): no third-party request leaves
            # the machine, and Lighthouse's console audit ignores requests it blocked itself.
            *(f"--blocked-url-patterns=*://{host}/*" for host in TILE_HOSTS),
            *(f"--blocked-url-patterns=*://*.{host}/*" for host in TILE_HOSTS),
        ]
        subprocess.run(cmd, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, check=False)
        if not out.exists():
            gate.failures.append(f"lighthouse produced no report for /{path}")
            continue
        categories = json.loads(out.read_text())["categories"]
        scores = {k: round((v.get("score") or 0) * 100) for k, v in categories.items()}
        gate.rows.append((f"/{path}", "  ".join(f"{k} {v}" for k, v in scores.items())))
        for key in ("accessibility", "best-practices", "seo"):
            if scores.get(key, 0) < 95:
                gate.failures.append(f"/{path}: {key} {scores.get(key)} < 95")
    return gate


def print_gate(gate: Gate) -> None:
    print(f"\n## {gate.name}: {'PASS' if gate.passed else 'FAIL'}")
    width = max((len(a) for a, _ in gate.rows), default=10)
    for label, value in gate.rows:
        print(f"  {label:<{width}}  {value}")
    for failure in gate.failures:
        print(f"  ✗ {failure}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--report", type=Path, default=ROOT / "reports" / "audit")
    args = parser.parse_args(argv)
    args.report.mkdir(parents=True, exist_ok=True)
    for rule, reason in {**ALLOWED_VNU, **ALLOWED_AXE}.items():
        print(f"allowed: {rule} — {reason}")
    start = time.monotonic()

    def timed(*run: Gate) -> list[Gate]:
        """The gates, each with a row for the seconds since the previous step ended."""
        nonlocal start
        seconds, start = time.monotonic() - start, time.monotonic()
        for gate in run:
            gate.rows.append(("time", f"{seconds:.0f} s"))
        return list(run)

    total = time.monotonic()
    gates = timed(gate_vnu(args.site, args.report)) + timed(gate_lychee(args.site, args.report))
    with serve(args.site) as base:
        gates += timed(*gate_browser(args.site, base, args.report))
        gates += timed(gate_lighthouse(base, args.report))
    for gate in gates:
        print_gate(gate)
    summary = {g.name: {"passed": g.passed, "rows": g.rows, "failures": g.failures} for g in gates}
    (args.report / "summary.json").write_text(
        json.dumps(summary, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    failed = [g.name for g in gates if not g.passed]
    print(
        f"\naudit result: {len(failed)} of {len(gates)} gates failed"
        if failed
        else f"\naudit result: all {len(gates)} gates passed"
    )
    print(f"audit time: {time.monotonic() - total:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
