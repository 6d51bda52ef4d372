"""What the pages get: each map's title, file and the rows of its text alternative."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from briefing import urls
from briefing.maps.data import Located, MapSpec, Outline
from briefing.model.briefing import Briefing
from briefing.model.models import Border, Place, Region

RowKind = Literal["region", "border", "place", "event"]
EMBED_SCRIPT = urls.asset_path("embed.js")
"""Parent-side script that tells embedded maps the site's colour scheme; every page with a map loads it."""


@dataclass(frozen=True)
class Row:
    """One thing a map shows: a line of its text alternative, and the content of its popup."""

    kind: RowKind
    id: str
    label: str
    """Name of the region, line or place; title of the event."""
    what: str
    """What it is: "Attack, 16 December 2014", "Border region in Pakistan (outline)" …"""
    page: str | None
    """Docs path the label links to (``regions/bannu.md``, ``timeline.md#<event-id>``)."""
    lat: float
    lon: float
    coordinates: str
    """Coordinates as the table shows them, saying when a point is a region's centre."""
    where: str | None = None
    """For events and places: the place or region they are in."""
    where_page: str | None = None
    """Docs path of that region's page."""
    date: str | None = None
    """For events: the date as written (YYYY, YYYY-MM or YYYY-MM-DD)."""
    event_kind: str | None = None
    """For events: the kind (attack, airstrike …)."""
    sources: tuple[tuple[str, str], ...] = ()
    """For events: (label, docs path) of each source cited."""
    located: bool = True
    """False for an event the sources place only in a region: listed, not drawn."""

    @property
    def pages(self) -> list[str]:
        """Every docs path this row links to."""
        found = [self.page, self.where_page, *(path for _, path in self.sources)]
        return [p for p in found if p]


@dataclass(frozen=True)
class MapView:
    """A map as a page sees it: title, file and text alternative."""

    id: str
    title: str
    """Accessible name of the map and of the iframe showing it."""
    path: str
    """Docs path of the map file (``maps/region-bannu.html``)."""
    summary: str
    """One or two sentences saying what the map shows."""
    rows: tuple[Row, ...]
    use_directory_urls: bool = True
    """Whether the iframe's ``src`` is written from the page's directory URL
    (`Settings.iframe_urls_by_directory`)."""

    def iframe_src(self, page: str) -> str:
        """The iframe ``src`` for this map on the page built from docs path ``page``."""
        return urls.iframe_src(page, self.path, self.use_directory_urls)

    def svg_src(self, page: str) -> str:
        """The ``src`` of the map's static drawing (printed instead of the map) on ``page``."""
        return urls.iframe_src(page, urls.map_drawing(self.id), self.use_directory_urls)

    @property
    def pages(self) -> set[str]:
        """Every docs path the map and its table link to."""
        return {p for row in self.rows for p in row.pages}


@dataclass
class MapSet:
    """Every map file with its shared assets, and what each page needs to embed a map."""

    files: dict[str, str | bytes] = field(default_factory=dict)
    """Map HTML files and the assets they load, by path relative to the docs root."""
    maps: dict[str, MapView] = field(default_factory=dict)
    """Maps by id: ``overview``, ``timeline``, ``region-<id>``, ``actor-<id>``."""
    embed_script: str = EMBED_SCRIPT

    def region(self, region_id: str) -> MapView | None:
        """The map of a region, if it has an outline."""
        return self.maps.get(f"region-{region_id}")

    def actor(self, actor_id: str) -> MapView | None:
        """The map of an actor, if it has located events."""
        return self.maps.get(f"actor-{actor_id}")


NOT_LOCATED = "Not located: the sources name only the region"
"""The position column of an event known only by its region, which the map does not draw."""


def coords_text(lat: float, lon: float, exact: bool = True) -> str:
    """``33.02, 70.28``; ``(centre)`` is added when the point only stands for an area."""
    text = f"{_number(lat)}, {_number(lon)}"
    return text if exact else f"{text} (centre)"


def _number(value: float) -> str:
    """At least two decimals, at most four: 33.00, 70.07, 24.9065."""
    text = f"{value:.4f}"
    while text.endswith("0") and len(text.split(".")[1]) > 2:
        text = text[:-1]
    return text


_ROLE_TEXT = {
    "region": "Border region in {country} (outline)",
    "main": "Region shown, {country} (outline)",
    "facing": "Across the border, {country} (outline)",
    "context": "Border region in {country} (outline)",
}


def outline_row(outline: Outline) -> Row:
    """The row of a region outline."""
    region = outline.region
    what = _ROLE_TEXT[outline.role].format(country=region.country)
    lat, lon = region.centre
    return Row(
        "region",
        region.id,
        region.name,
        what,
        urls.region_page(region.id),
        lat,
        lon,
        coords_text(lat, lon, False),
    )


def border_row(border: Border) -> Row:
    """The row of a border."""
    line = border.line
    what = "Border, simplified" + (" and approximate" if border.approximate else "")
    if border.status:
        what += f"; {border.status}"
    coordinates = f"from {coords_text(*line[0])} to {coords_text(*line[-1])}"
    return Row("border", border.id, border.name, what, None, *line[len(line) // 2], coordinates)


def place_row(place: Place, region: Region | None) -> Row:
    """The row of a place; it links to the page of its region."""
    where = region.name if region else None
    lat, lon = place.coords
    return Row(
        "place",
        place.id,
        place.name,
        "Place",
        urls.region_page(place.region),
        lat,
        lon,
        coords_text(lat, lon),
        where,
    )


def event_row(briefing: Briefing, found: Located) -> Row:
    """The row of a located event, with the sources it cites."""
    event = found.event
    what = f"{briefing.vocabulary.event_kind[event.kind].label}, {event.date.human()}"
    coords = coords_text(found.lat, found.lon) if found.exact else NOT_LOCATED
    return Row(
        "event",
        found.key,
        event.title,
        what,
        urls.event_page(event.id, event.date.year, len(briefing.events)),
        found.lat,
        found.lon,
        coords,
        found.where,
        urls.region_page(found.region),
        event.date.iso(),
        event.kind,
        _sources(briefing, found),
        found.exact,
    )


def _sources(briefing: Briefing, found: Located) -> tuple[tuple[str, str], ...]:
    ids = dict.fromkeys(c.source for c in found.event.cite if c.source and c.source in briefing.sources)
    out = []
    for source_id in ids:
        source = briefing.sources[source_id]
        name = source.outlet or source.author or source.title
        out.append((f"{name}, {source.published.human()}", urls.source_page(source_id)))
    return tuple(out)


def rows_of(briefing: Briefing, spec: MapSpec) -> list[Row]:
    """Everything a map shows, in table order: outlines, border, places, events by date."""
    rows = [outline_row(o) for o in spec.outlines]
    rows += [border_row(border) for border in spec.borders]
    rows += [place_row(p, briefing.regions.get(p.region)) for p in spec.places]
    rows += [event_row(briefing, e) for e in spec.events]
    return rows
