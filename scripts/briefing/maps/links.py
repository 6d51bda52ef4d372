"""Where things live: the docs pages a map links to and URLs between pages and map files.

Three kinds of path meet here. A *docs path* is a Markdown page relative to the docs
root (``regions/bannu.md``, ``timeline.md#2022-12-bannu-ctd-siege``). A *URL path* is
where MkDocs serves it, relative to the site root (``regions/bannu/`` with
``use_directory_urls``). Map files are served as they are (``maps/overview.html``), so
links inside them and iframe ``src`` attributes are relative URL paths.
"""

from __future__ import annotations

import functools
import posixpath

from ..paths import relpath

MAP_DIR = "maps"
ASSET_DIR = "assets/maps"


def region_page(region_id: str) -> str:
    """Docs path of a region's page."""
    return f"regions/{region_id}.md"


def actor_page(actor_id: str) -> str:
    """Docs path of an actor's page."""
    return f"actors/{actor_id}.md"


TIMELINE_EVENTS_MAX = 100
"""Events the timeline shows on one page. Past it the timeline page becomes an index of
years and each year gets a page: one page of a thousand entries is long to read, slow to
load, and makes every edit to one event convert and index all of them again."""


def timeline_by_year(event_count: int) -> bool:
    """Whether a briefing of ``event_count`` events has a timeline page per year."""
    return event_count > TIMELINE_EVENTS_MAX


def timeline_page(year: int | None = None) -> str:
    """Docs path of the timeline (``year`` None) or of one year's page of it."""
    return "timeline.md" if year is None else f"timeline/{year}.md"


def event_page(event_id: str, year: int, event_count: int) -> str:
    """Docs path of an event: its entry on the timeline, anchored by its id; in a briefing of
    more than :data:`TIMELINE_EVENTS_MAX` events, on its year's page.

    >>> event_page("2024-03-strikes", 2024, 43), event_page("2024-03-strikes", 2024, 2000)
    ('timeline.md#2024-03-strikes', 'timeline/2024.md#2024-03-strikes')
    """
    return f"{timeline_page(year if timeline_by_year(event_count) else None)}#{event_id}"


def source_page(source_id: str) -> str:
    """Docs path of a corpus source's page."""
    return f"sources/{source_id}.md"


def page_url(docs_path: str, use_directory_urls: bool = True) -> str:
    """The URL path MkDocs serves a docs path at (other files are served as they are)."""
    path, _, anchor = docs_path.partition("#")
    if path.endswith(".md"):
        stem = path[: -len(".md")]
        if not use_directory_urls:
            path = f"{stem}.html"
        elif stem == "index" or stem.endswith("/index"):
            path = stem[: -len("index")]
        else:
            path = f"{stem}/"
    return f"{path}#{anchor}" if anchor else path


def relative_url(from_url: str, to_url: str) -> str:
    """Link from the document served at ``from_url`` to ``to_url``; both are URL paths."""
    base = from_url if from_url.endswith("/") else posixpath.dirname(from_url)
    path, _, anchor = to_url.partition("#")
    link = relpath(path or ".", base or ".")
    if path.endswith("/") or not path:
        link = "./" if link == "." else f"{link}/"
    return f"{link}#{anchor}" if anchor else link


def iframe_src(page_path: str, map_path: str, use_directory_urls: bool = True) -> str:
    """The ``src`` of an iframe showing ``map_path`` on the page built from ``page_path``.

    >>> iframe_src("regions/north-waziristan.md", "maps/region-north-waziristan.html")
    '../../maps/region-north-waziristan.html'
    """
    return relative_url(page_url(page_path, use_directory_urls), map_path)


@functools.lru_cache(maxsize=1 << 16)
def link_from_map(map_path: str, docs_path: str, use_directory_urls: bool = True) -> str:
    """A link inside a map file to a site page.

    >>> link_from_map("maps/overview.html", "regions/north-waziristan.md")
    '../regions/north-waziristan/'
    """
    return relative_url(map_path, page_url(docs_path, use_directory_urls))


def asset_path(name: str) -> str:
    """Docs path of a shared map asset (``leaflet.js`` → ``assets/maps/leaflet.js``)."""
    return f"{ASSET_DIR}/{name}"
