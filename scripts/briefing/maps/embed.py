"""Render the Markdown a page includes to show a map: the iframe and the text alternative."""

from __future__ import annotations

import functools
import posixpath

from markupsafe import Markup

from briefing.maps.templates import template
from briefing.maps.views import MapView, Row
from briefing.urls import relative, relative_from


def render_embed(view: MapView, page: str) -> Markup:
    """The ``map_embed.md.j2`` Markdown for ``view`` on the page built from docs path ``page``.

    Returned as Markup (already escaped by the template), so an autoescaping page template
    can insert it as is.
    """
    folder = posixpath.dirname(page)
    rendered = template("map_embed.md.j2").render(
        map=view,
        page=page,
        link=lambda target: relative(page, target),
        lines=lambda rows: Markup("\n").join(_line(row, folder) for row in rows),
    )
    return Markup(rendered)


@functools.lru_cache(maxsize=1 << 16)
def _line(row: Row, folder: str) -> Markup:
    """A row's line of the table, rendered once for every page in ``folder`` that shows it
    (the overview's rows are on the home page and the regions index, an event's on several
    actor pages)."""
    macro = template("map_row.md.j2").module.row_line  # type: ignore[attr-defined]
    return Markup(macro(row, functools.partial(relative_from, folder)))
