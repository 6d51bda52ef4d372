"""Size budgets: what a map (or a whole built page) costs in bytes and requests, tiles excluded.

Budgets: each map file under 60 KB (its size on disk); a region page and everything it
loads under 300 KB, counted as transferred with gzip as static hosts serve it (Lighthouse's
"total byte weight" counts transfer size too; Material's own CSS and JS alone are over
300 KB uncompressed); no map page more than 15 requests besides tiles. Costs are counted statically by
following what HTML (scripts, styles, images, iframes) and CSS (``url()``) load, so they
are an upper bound (both ``layers.png`` and ``layers-2x.png`` are counted; a browser
fetches one). Run ``briefing budget [--site SITE_DIR --page URL …]``.
"""

from __future__ import annotations

import gzip
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

MAP_FILE_LIMIT = 60_000
PAGE_LIMIT = 300_000
REQUEST_LIMIT = 15

Store = Callable[[str], bytes | None]
"""URL path (relative to the site root) → file content, or None when there is no such file."""


@dataclass(frozen=True)
class Loaded:
    """One file a page loads: its URL path, size and gzip-compressed size (what a server sends)."""

    url: str
    raw: int
    gzipped: int


@dataclass(frozen=True)
class Cost:
    """Everything a page loads, itself first."""

    url: str
    files: tuple[Loaded, ...]
    missing: tuple[str, ...]

    @property
    def raw(self) -> int:
        """Total bytes, uncompressed."""
        return sum(f.raw for f in self.files)

    @property
    def gzipped(self) -> int:
        """Total bytes, gzip-compressed."""
        return sum(f.gzipped for f in self.files)

    @property
    def requests(self) -> int:
        """Number of requests (every file once: the browser caches repeats)."""
        return len(self.files)


class _Refs(HTMLParser):
    """Collect the URLs an HTML document makes the browser load."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        rel = (found.get("rel") or "").split()
        if tag in ("script", "img", "iframe") and found.get("src"):
            self.urls.append(str(found["src"]))
        elif tag == "link" and found.get("href") and {"stylesheet", "icon", "preload"} & set(rel):
            self.urls.append(str(found["href"]))


_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def references(url: str, data: bytes) -> list[str]:
    """URLs a file loads, resolved against its own URL path; external and data: URLs dropped."""
    text = data.decode("utf-8", "replace")
    if url.endswith(".css"):
        found = _CSS_URL.findall(text)
    elif url.endswith((".html", "/")) or not posixpath.splitext(url)[1]:
        parser = _Refs()
        parser.feed(text)
        found = parser.urls
    else:
        found = []
    base = url if url.endswith("/") else posixpath.dirname(url) + "/"
    out = []
    for ref in found:
        parts = urlsplit(ref)
        if parts.scheme or parts.netloc or not parts.path or ref.startswith("#"):
            continue
        out.append(
            posixpath.normpath(posixpath.join(base, parts.path)) + ("/" if parts.path.endswith("/") else "")
        )
    return out


def cost(store: Store, url: str) -> Cost:
    """What loading ``url`` costs: itself and everything it loads, recursively, each file once."""
    queue, seen, files, missing = [url], set(), [], []
    while queue:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        data = store(current)
        if data is None:
            missing.append(current)
            continue
        files.append(Loaded(current, len(data), len(gzip.compress(data, 9, mtime=0))))
        queue.extend(references(current, data))
    return Cost(url, tuple(files), tuple(missing))


def mapping_store(files: Mapping[str, str | bytes]) -> Store:
    """A store over generated files keyed by docs path (as in ``MapSet.files``)."""

    def get(url: str) -> bytes | None:
        data = files.get(url.lstrip("/"))
        return data.encode() if isinstance(data, str) else data

    return get


def directory_store(root: Path) -> Store:
    """A store over a built site folder; directory URLs serve their index.html."""

    def get(url: str) -> bytes | None:
        path = root / url.lstrip("/")
        if url.endswith("/") or path.is_dir():
            path = path / "index.html"
        return path.read_bytes() if path.is_file() else None

    return get


def table(costs: list[Cost]) -> str:
    """A plain-text report: one line per page with its requests and sizes."""
    lines = [f"{'page':48} {'requests':>8} {'own KB':>8} {'total KB':>9} {'gzip KB':>8}"]
    for c in costs:
        own = c.files[0].raw if c.files else 0
        lines.append(
            f"{c.url:48} {c.requests:8d} {own / 1000:8.1f} {c.raw / 1000:9.1f} {c.gzipped / 1000:8.1f}"
        )
        lines.extend(f"  missing: {m}" for m in c.missing)
    return "\n".join(lines)
