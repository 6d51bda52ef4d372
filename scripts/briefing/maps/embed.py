"""Render the Markdown a page includes to show a map: the iframe and the text alternative."""

from __future__ import annotations

from markupsafe import Markup

from ..render import relative
from .elements import template
from .views import MapView


def render_embed(view: MapView, page: str) -> Markup:
    """The ``map_embed.md.j2`` Markdown for ``view`` on the page built from docs path ``page``.

    Returned as Markup (already escaped by the template), so an autoescaping page template
    can insert it as is.
    """
    rendered = template("map_embed.md.j2").render(
        map=view, page=page, link=lambda target: relative(page, target)
    )
    return Markup(rendered)
