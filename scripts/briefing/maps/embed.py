"""Render the Markdown a page includes to show a map: the iframe and the text alternative."""

from __future__ import annotations

import functools
import posixpath

from markupsafe import Markup, escape

from ..render import relative
from .elements import template
from .views import MapView, Row


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
    """A row's line of the table, made once for every page in ``folder`` that shows it (the
    overview's rows are on the home page and the regions index, an event's on several actor
    pages). Written here rather than as a template macro: a large briefing has tens of
    thousands of lines, and a macro call per cell was most of the time of embedding a map."""
    page = posixpath.join(folder, "page.md")
    label = _cell(row.label)
    named = f"[{label}]({escape(relative(page, row.page))})" if row.page else label
    if row.where and row.where_page:
        where = f"[{_cell(row.where)}]({escape(relative(page, row.where_page))})"
    else:
        where = _cell(row.where) if row.where else ""
    return Markup(f"| {named} | {_cell(row.what)} | {where} | {escape(row.coordinates)} |")


def _cell(text: str) -> Markup:
    """Text for a cell of the table: HTML-escaped, pipes escaped for Markdown, on one line."""
    return escape(text.replace("|", "\\|").replace("\n", " "))
