"""What a hostile page would do in a reader's browser: build a site, open every page in Chromium
and report anything live that content put there.

A page is clean when Chromium raised no dialog, no element anywhere in it or in its map frames
carries an event-handler attribute (the theme and the site's scripts attach their handlers with
addEventListener, so any ``on…=`` attribute came from content), no link, frame or form points at a
``javascript:``, ``data:`` or ``vbscript:`` address, no object, embed or base element is in a body,
and no script set the ``window.__hostile`` flag (what every payload does before its dialog).
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

MARK = "HOSTILE"
"""The message of every payload's dialog."""

SCAN = """
() => {
  const found = [];
  const bad = /^\\s*(javascript|data|vbscript):/i;
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) found.push(`${el.tagName} ${name}="${attr.value}"`);
      if (["href", "src", "action", "formaction", "xlink:href", "srcdoc", "data"].includes(name)
          && (bad.test(attr.value) || name === "srcdoc"))
        found.push(`${el.tagName} ${name}="${attr.value.slice(0, 80)}"`);
    }
    if (["OBJECT", "EMBED", "BASE", "META"].includes(el.tagName) && el.closest("body"))
      found.push(`${el.tagName} in the body`);
  }
  if (window.__hostile) found.push(`window.__hostile = ${window.__hostile}`);
  return found;
}
"""

_SCRIPT_ADDRESS = re.compile(r"^\s*(?:javascript|vbscript|data):", re.I)


class _Attributes(HTMLParser):
    """Collects event handlers and script addresses from the tags of one HTML file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on") or (
                name in ("href", "src", "action", "formaction") and _SCRIPT_ADDRESS.match(value or "")
            ):
                self.found.append(f"<{tag} {name}={(value or '')[:60]!r}>")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """A built site served on a free localhost port, for the duration of the block."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def static_findings(site: Path) -> list[str]:
    """Event-handler attributes and script addresses in the built files themselves."""
    found = []
    for file in sorted(site.rglob("*")):
        if file.suffix in (".html", ".svg") and file.is_file():
            parser = _Attributes()
            parser.feed(file.read_text(encoding="utf-8", errors="replace"))
            found += [f"{file.relative_to(site)}: {tag}" for tag in parser.found]
    return found


def pages_of(site: Path) -> list[str]:
    """Every page of a built site, as a path relative to its root (the map files come as frames)."""
    pages = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        if not rel.startswith(("maps/", "assets/")):
            pages.append(rel)
    return pages


def browser_findings(browser: Any, site: Path) -> list[str]:
    """Everything live that content put on any page of the site, as Chromium sees it."""
    found: list[str] = []
    with served(site) as root:
        context = browser.new_context()
        context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
        page = context.new_page()
        page.on("dialog", lambda dialog: (found.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        for path in pages_of(site):
            page.goto(root + path, wait_until="load")
            page.wait_for_timeout(300)
            for frame in page.frames:
                try:
                    found += [f"{path} ({frame.url}): {f}" for f in frame.evaluate(SCAN)]
                except Exception as exc:  # a frame that navigated away while scanned
                    found.append(f"{path} ({frame.url}): could not scan: {exc}")
        context.close()
    return found
