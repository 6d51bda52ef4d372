"""The last line of defence: every page's HTML through an allow-list sanitiser (ammonia, via nh3).

``briefing check`` rejects the Markdown that would make content live (:mod:`briefing.markup`);
this module makes sure that a construct it missed still cannot run. The MkDocs plugin passes the
HTML that Python-Markdown made of each page (hand-written pages too) through :func:`sanitise`
before the theme wraps it, so the theme's own scripts are untouched and nothing in a page's body
can add one.

The allow-list is what the site's pages are made of, no more: the elements Python-Markdown and
its enabled extensions write (tables, admonitions, details, abbreviations, footnote-free text),
plus what the page templates write (``time``, ``mark``, ``small``, the map ``iframe``). Addresses
are ``http``, ``https``, ``mailto`` or relative; a frame may only load one of the site's own map
files. No event-handler attribute, no ``style`` except the map frame's layout and table
alignment, no form, image, object or script element survives.
"""

from __future__ import annotations

import functools
import re

import nh3

TAGS = frozenset(
    "a abbr blockquote br code dd del details div dl dt em h1 h2 h3 h4 h5 h6 hr iframe img ins kbd li "
    "mark ol p pre small span strong sub summary sup table tbody td tfoot th thead time tr ul".split()
)
"""Elements a page may contain."""
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir", "aria-label", "aria-hidden", "role"},
    "a": {"href", "rel", "target", "data-search-exclude"},
    "abbr": set(),
    "details": {"open"},
    "div": {
        "data-search-exclude",
        "hidden",
        "data-event",
        "data-date",
        "data-kind",
        "data-year",
        "data-regions",
        "data-actors",
    },
    "iframe": {"src", "loading", "style", "data-briefing-map"},
    "img": {"src", "alt"},
    "li": {"value", "data-value"},
    "ol": {"start"},
    "ul": {"data-filter"},
    "td": {"style", "colspan", "rowspan"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "time": {"datetime"},
}
"""Attributes allowed per element (``*``: on any of them)."""
STYLES = frozenset({"text-align", "display", "width", "height", "border", "aspect-ratio", "max-width"})
"""CSS properties kept in a ``style`` attribute: table alignment and the map frame's size."""
SCHEMES = frozenset({"http", "https", "mailto"})
MAP_FILE = re.compile(r"(?:\.\./)*maps/[a-z0-9-]+\.html")
"""The only addresses a frame may load: the site's own map files, relative to the page."""
MAP_DRAWING = re.compile(r"(?:\.\./)*maps/[a-z0-9-]+\.svg")
"""The only addresses an image may load: the static drawings of the site's maps."""


def _filter(element: str, attribute: str, value: str) -> str | None:
    if element == "iframe" and attribute == "src":
        return value if MAP_FILE.fullmatch(value) else None
    if element == "img" and attribute == "src":
        return value if MAP_DRAWING.fullmatch(value) else None
    if attribute == "target":
        return value if value in ("_top", "_blank") else None
    return value


@functools.cache
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=_filter,
        link_rel=None,
        url_schemes=set(SCHEMES),
        filter_style_properties=set(STYLES),
        strip_comments=True,
    )


def sanitise(html: str) -> str:
    """A page's HTML with everything outside the allow-list removed (text is kept, escaped)."""
    return _cleaner().clean(html)
