"""Where everything the generator writes lives, and the links between those places.

Three kinds of path meet here. A *docs path* is a file relative to the docs root: a Markdown
page (``regions/bannu.md``, ``timeline.md#2022-12-bannu-ctd-siege``) or another file
(``maps/overview.html``, ``data/events.csv``, ``feed.xml``). A *URL path* is where the site
serves it, relative to the site root (``regions/bannu/`` with ``use_directory_urls``; files
other than pages are served as they are). Pages link to docs paths, as MkDocs expects in
Markdown; map files and iframe ``src`` attributes hold relative URL paths.

Every page kind's path is spelled once, here; builders, maps, the feed, the open data and the
templates (through the ``urls`` global) ask for it.

Links are computed as text: ``posixpath.relpath`` makes both paths absolute against the
working directory before comparing them, which made it the costliest single step of rendering
a large briefing. Docs and URL paths are already relative and normalised, so comparing their
segments gives the same answer directly; anything unusual (``.``, ``..``, empty segments,
absolute paths) goes to ``posixpath``.
"""

from __future__ import annotations

import functools
import posixpath

# --- Pages ----------------------------------------------------------------------------------

HOME = "index.md"
ACTORS_INDEX = "actors/index.md"
REGIONS_INDEX = "regions/index.md"
DEBATES_INDEX = "debates/index.md"
SOURCES_INDEX = "sources/index.md"
GLOSSARY = "glossary.md"
TAGS = "tags.md"
DATA_PAGE = "data.md"
"""The page documenting the open-data files."""
ABOUT = "about.md"
"""The hand-written page on the briefing's method, which the home page links to."""


def actor_page(actor_id: str) -> str:
    """Docs path of an actor's page."""
    return f"actors/{actor_id}.md"


def region_page(region_id: str) -> str:
    """Docs path of a region's page."""
    return f"regions/{region_id}.md"


def debate_page(debate_id: str) -> str:
    """Docs path of a debate's page."""
    return f"debates/{debate_id}.md"


def source_page(source_id: str, anchor: str = "") -> str:
    """Docs path of a corpus source's page, at one of its paragraphs with ``anchor``.

    >>> source_page("dawn-2024-03-16"), source_page("dawn-2024-03-16", "p4")
    ('sources/dawn-2024-03-16.md', 'sources/dawn-2024-03-16.md#p4')
    """
    return f"sources/{source_id}.md#{anchor}" if anchor else f"sources/{source_id}.md"


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


# --- Other files ----------------------------------------------------------------------------

MAP_DIR = "maps"
"""Folder of the map files."""
ASSET_DIR = "assets/maps"
"""Folder of the files every map loads (Leaflet, styles, scripts)."""
DATA_DIR = "data"
"""Folder of the open-data files."""
FEED = "feed.xml"
"""Docs path of the feed: the site root, so relative links resolve from it."""


def map_file(map_id: str) -> str:
    """Docs path of a map's HTML file (``overview`` → ``maps/overview.html``)."""
    return f"{MAP_DIR}/{map_id}.html"


def map_drawing(map_id: str) -> str:
    """Docs path of a map's static drawing, for print (``maps/overview.svg``)."""
    return f"{MAP_DIR}/{map_id}.svg"


def asset_path(name: str) -> str:
    """Docs path of a shared map asset (``leaflet.js`` → ``assets/maps/leaflet.js``)."""
    return f"{ASSET_DIR}/{name}"


def data_file(name: str) -> str:
    """Docs path of an open-data file (``events.csv`` → ``data/events.csv``)."""
    return f"{DATA_DIR}/{name}"


# --- URLs and links -------------------------------------------------------------------------


def page_url(docs_path: str, use_directory_urls: bool = True) -> str:
    """The URL path the site serves a docs path at (other files are served as they are).

    >>> page_url("regions/bannu.md"), page_url("regions/bannu.md", False), page_url("actors/index.md")
    ('regions/bannu/', 'regions/bannu.html', 'actors/')
    """
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


def _segments(path: str) -> list[str] | None:
    """The segments of a plain relative path (a trailing slash allowed), or None."""
    if path in ("", "."):
        return []
    parts = path[:-1].split("/") if path.endswith("/") else path.split("/")
    if path.startswith("/") or any(part in ("", ".", "..") for part in parts):
        return None
    return parts


@functools.lru_cache(maxsize=1 << 17)
def _relpath(path: str, start: str = ".") -> str:
    """``posixpath.relpath(path, start)`` for two relative paths, without touching the disk."""
    to, base = _segments(path) if path else None, _segments(start)
    if to is None or base is None:
        return posixpath.relpath(path, start)
    common = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


@functools.lru_cache(maxsize=1 << 17)
def relative_from(folder: str, target: str) -> str:
    """Link from any page in ``folder`` to a docs path, as MkDocs expects in Markdown (the
    same for every page there).

    >>> relative_from("regions", "sources/a.md#p2"), relative_from("", "regions/index.md")
    ('../sources/a.md#p2', 'regions/index.md')
    """
    path, _, anchor = target.partition("#")
    link = _relpath(path, folder or ".")
    return f"{link}#{anchor}" if anchor else link


def relative(page: str, target: str) -> str:
    """Link from the page at docs path ``page`` to the docs path ``target``."""
    return relative_from(posixpath.dirname(page), target)


def relative_url(from_url: str, to_url: str) -> str:
    """Link from the document served at ``from_url`` to ``to_url``; both are URL paths.

    >>> relative_url("maps/overview.html", "regions/"), relative_url("maps/a.html", "assets/maps/x.js")
    ('../regions/', '../assets/maps/x.js')
    """
    base = from_url if from_url.endswith("/") else posixpath.dirname(from_url)
    path, _, anchor = to_url.partition("#")
    link = _relpath(path or ".", base or ".")
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
