"""The map templates (``map_*.j2``, beside the page templates), without folium.

Pages embed maps and the shared ``map.js``, ``map.css`` and ``embed.js`` are rendered from
these templates without drawing a map, so importing folium (a fifth of a second with numpy
and requests) waits until a map is actually drawn (:mod:`briefing.maps.elements`).
"""

from __future__ import annotations

from jinja2 import Environment, Template

from briefing.jinja import page_environment


def environment() -> Environment:
    """The Jinja environment of the map templates: the page templates' own (HTML-escaped by
    default, strict, compiled once per process)."""
    return page_environment()


def template(name: str) -> Template:
    """A map template by file name."""
    return environment().get_template(name)
