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

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from ..content import Briefing
from ..geography import Geography
from .assets import shared_files
from .data import MapSpec, all_specs
from .embed import render_embed
from .settings import MapOptionError, Settings, settings_from
from .static import static_svg
from .styles import CountryColour, country_colours
from .views import EMBED_SCRIPT, MapSet, MapView, Row, rows_of

__all__ = [
    "EMBED_SCRIPT",
    "MapOptionError",
    "MapPlan",
    "MapSet",
    "MapView",
    "Memo",
    "Row",
    "build_maps",
    "draw_maps",
    "map_key",
    "plan_maps",
    "render_embed",
]


class Memo(Protocol):
    """Map HTML kept from earlier runs by :func:`map_key`: a dict, or a
    :class:`briefing.maps.cache.MapCache` on disk."""

    def get(self, key: str) -> str | None: ...

    def __setitem__(self, key: str, html: str) -> None: ...


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


def plan_maps(briefing: Briefing, options: Mapping[str, str] | None = None) -> MapPlan:
    """Every map's specification, rows and view.

    ``options``: ``tiles`` ("osm" default, "none", or an https URL template with
    ``tiles_attribution``), ``use_directory_urls`` ("true" default, as in mkdocs.yml) and
    ``raw_html_urls`` ("page" default, for MkDocs; "source" for Zensical, which resolves an
    iframe's relative ``src`` from the Markdown file).
    """
    plan = MapPlan(
        settings_from(options or {}), geography=briefing.geography, countries=country_colours(briefing)
    )
    for spec in all_specs(briefing):
        rows = rows_of(briefing, spec)
        plan.specs.append((spec, rows))
        plan.views[spec.id] = MapView(
            spec.id, spec.title, spec.path, spec.summary, tuple(rows), plan.settings.iframe_urls_by_directory
        )
    return plan


def draw_maps(
    plan: MapPlan,
    memo: Memo | None = None,
    owns: Callable[[str], bool] | None = None,
    digest: Callable[[object], str | None] | None = None,
) -> MapSet:
    """Every map file, the assets they share and what pages need to embed them.

    ``memo``: map HTML from an earlier run, by a digest of what each map is drawn from
    (:func:`map_key`); a map whose specification, rows and settings are unchanged is not
    drawn again.
    ``owns``: whether to draw the map file at a path; a map left to another worker gets an
    empty placeholder (see :mod:`briefing.parallel`). ``digest``: how ``memo`` keys what a
    map is drawn from (a sha256 of its repr by default).
    """
    mapset = MapSet(files=shared_files(plan.countries, plan.geography), maps=dict(plan.views))
    for spec, rows in plan.specs:
        drawn = owns is None or owns(spec.path)
        mapset.files[spec.path] = _drawn(spec, rows, plan.settings, memo, digest) if drawn else ""
        svg = owns is None or owns(spec.svg_path)
        mapset.files[spec.svg_path] = static_svg(spec, plan.geography) if svg else ""
    return mapset


def build_maps(
    briefing: Briefing, options: Mapping[str, str] | None = None, memo: Memo | None = None
) -> MapSet:
    """Plan and draw every map (see :func:`plan_maps` and :func:`draw_maps`)."""
    return draw_maps(plan_maps(briefing, options), memo)


def map_key(spec: MapSpec, rows: list[Row], settings: Settings) -> str:
    """The default key of a map in a memo: a sha256 of what it is drawn from."""
    return hashlib.sha256(repr((spec, rows, settings)).encode("utf-8")).hexdigest()


def _drawn(
    spec: MapSpec,
    rows: list[Row],
    settings: Settings,
    memo: Memo | None,
    digest: Callable[[object], str | None] | None,
) -> str:
    """The map's HTML, from ``memo`` when it was drawn from the same specification before."""
    if memo is None:
        return _draw(spec, rows, settings)
    key = digest((spec, rows, settings)) if digest else map_key(spec, rows, settings)
    if key is None:
        return _draw(spec, rows, settings)
    html = memo.get(key)
    if html is None:
        html = memo[key] = _draw(spec, rows, settings)
    return html


def _draw(spec: MapSpec, rows: list[Row], settings: Settings) -> str:
    from .draw import draw  # folium is imported only when a map is drawn

    return draw(spec, rows, settings)
