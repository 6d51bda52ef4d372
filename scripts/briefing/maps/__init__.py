"""Maps of the briefing: self-hosted Leaflet maps drawn with folium, and their text alternatives.

``build_maps(briefing, options)`` returns a :class:`MapSet`: every map file and shared
asset (``files``, by docs path, for ``Site.assets``), and per map a :class:`MapView`
with the title, file path and rows a page needs to embed it (``render_embed`` or the
``map_embed.md.j2`` template). Pure: no MkDocs import, no file written, no network.

Maps: ``overview`` (border regions, the Durand Line, every located event by kind),
``region-<id>`` for each region with an outline, ``timeline`` (events by year) and
``actor-<id>`` for each actor with located events.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing.maps.assets import shared_files
from briefing.maps.data import MapSpec, all_specs
from briefing.maps.embed import render_embed
from briefing.maps.settings import Settings
from briefing.maps.static import static_svg
from briefing.maps.styles import CountryColour, country_colours
from briefing.maps.views import EMBED_SCRIPT, MapSet, MapView, Row, rows_of
from briefing.model.briefing import Briefing
from briefing.model.geography import Geography
from briefing.options import Options

if TYPE_CHECKING:
    from briefing.cache import Cache

__all__ = [
    "EMBED_SCRIPT",
    "MapPlan",
    "MapSet",
    "MapView",
    "Row",
    "build_maps",
    "draw_maps",
    "plan_maps",
    "render_embed",
]


@dataclass
class MapPlan:
    """What every map shows, decided before any is drawn: pages need it to embed the maps."""

    settings: Settings
    specs: list[tuple[MapSpec, list[Row]]] = field(default_factory=list)
    """Each map's specification with the rows of its text alternative, in drawing order."""
    views: dict[str, MapView] = field(default_factory=dict)
    geography: Geography | None = None
    """The reference geography every map draws under its own layers, if the briefing has one."""
    countries: tuple[CountryColour, ...] = ()
    """Every country's colours on the maps."""


def plan_maps(briefing: Briefing, options: Options | None = None) -> MapPlan:
    """Every map's specification, rows and view.

    ``options``: the tile server and URL style (:class:`briefing.options.Options`).
    """
    plan = MapPlan(
        Settings.of(options or Options()), geography=briefing.geography, countries=country_colours(briefing)
    )
    for spec in all_specs(briefing):
        rows = rows_of(briefing, spec)
        plan.specs.append((spec, rows))
        plan.views[spec.id] = MapView(
            spec.id, spec.title, spec.path, spec.summary, tuple(rows), plan.settings.iframe_urls_by_directory
        )
    return plan


def draw_maps(plan: MapPlan, cache: Cache | None = None, owns: Callable[[str], bool] | None = None) -> MapSet:
    """Every map file, the assets they share and what pages need to embed them.

    ``cache``: maps drawn by earlier runs (:mod:`briefing.cache`); a map whose
    specification, rows and settings are unchanged is not drawn again.
    ``owns``: whether to draw the map file at a path; a map left to another worker gets an
    empty placeholder (see :mod:`briefing.parallel`).
    """
    mapset = MapSet(files=shared_files(plan.countries, plan.geography), maps=dict(plan.views))
    for spec, rows in plan.specs:
        drawn = owns is None or owns(spec.path)
        mapset.files[spec.path] = _drawn(spec, rows, plan.settings, cache) if drawn else ""
        svg = owns is None or owns(spec.svg_path)
        mapset.files[spec.svg_path] = static_svg(spec, plan.geography) if svg else ""
    return mapset


def build_maps(briefing: Briefing, options: Options | None = None, cache: Cache | None = None) -> MapSet:
    """Plan and draw every map (see :func:`plan_maps` and :func:`draw_maps`)."""
    return draw_maps(plan_maps(briefing, options), cache)


def _drawn(spec: MapSpec, rows: list[Row], settings: Settings, cache: Cache | None) -> str:
    """The map's HTML, from ``cache`` when it was drawn from the same specification before."""
    key = cache.map_key((spec, rows, settings)) if cache is not None else None
    if cache is None or key is None:
        return _draw(spec, rows, settings)
    html = cache.drawn(key)
    if html is None:
        html = _draw(spec, rows, settings)
        cache.keep_drawn(key, html)
    return html


def _draw(spec: MapSpec, rows: list[Row], settings: Settings) -> str:
    from briefing.maps.draw import draw  # folium is imported only when a map is drawn

    return draw(spec, rows, settings)
