"""Open data: the briefing as CSV, GeoJSON and JSON files published with the site.

``data_files(briefing, options)`` returns every file by docs path (``data/events.csv`` …)
for ``Site.assets``, regenerated from content on every build and never written to docs/.
Each table is declared once, column by column with its documentation (``EVENT_COLUMNS``
…); a column that is a model field takes the field's docstring, so the data page
(``pages.build_data``) and the content schema never disagree. A record is a dict with
exactly those keys; CSV and GeoJSON are two serialisations of the same records. Rows are
sorted and serialised deterministically: the same content gives byte-identical files.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import operator
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from pydantic import BaseModel

from briefing.geometry import event_order, locate
from briefing.model.briefing import Briefing, paragraphs_of
from briefing.model.models import (
    Actor,
    Border,
    BriefingInfo,
    Citation,
    Debate,
    Disagreement,
    Event,
    GlossaryEntry,
    Judgement,
    Model,
    Place,
    Position,
    Reference,
    Region,
    Relation,
    Source,
)
from briefing.model.text import find_markers, without_markers
from briefing.options import Options
from briefing.render.labels import relation_as_of, source_tag
from briefing.urls import actor_page, data_file, event_page, page_url, region_page

Record = dict[str, Any]


@dataclass(frozen=True)
class Column:
    """One column of a table (a property of a GeoJSON feature), with its documentation."""

    name: str
    doc: str


def documented(model: type[BaseModel], name: str) -> Column:
    """A column that is a model field, documented by the field's docstring."""
    return Column(name, (model.model_fields[name].description or "").strip())


def site_link(options: Options, docs_path: str) -> str:
    """The public address of a docs path: absolute when the site's address is configured,
    else relative to the site root (``timeline/#2024-03-attack``)."""
    url = page_url(docs_path, options.use_directory_urls)
    site_url = options.site_url
    return urljoin(site_url if site_url.endswith("/") else f"{site_url}/", url) if site_url else url


def cited(cites: Iterable[Citation]) -> tuple[list[str], list[str]]:
    """Ids of the corpus sources and of the external references cited, in order, each once."""
    sources = [c.source for c in cites if c.source]
    references = [c.ref for c in cites if c.ref]
    return list(dict.fromkeys(sources)), list(dict.fromkeys(references))


def inline_cited(*texts: str | None) -> tuple[list[str], list[str]]:
    """Ids of the sources and references cited inline in cited text fields, in order, each once."""
    markers = [m for text in texts if text for m in find_markers(text, 1)[0]]
    sources = [m.source for m in markers if m.source]
    references = [m.ref for m in markers if m.ref]
    return list(dict.fromkeys(sources)), list(dict.fromkeys(references))


def plain(text: str | None) -> str | None:
    """A cited text field without its markers (the sources it cites have their own columns)."""
    return without_markers(text) if text is not None else None


def tagged(briefing: Briefing, source_ids: Iterable[str]) -> list[str]:
    """The cited sources whose citations carry a tag, as "id (tag)", in citation order: the
    open-data form of the tag the site shows after the outlet on every citation."""
    return [
        f"{i} ({tag})"
        for i in source_ids
        if i in briefing.sources and (tag := source_tag(briefing.sources[i]))
    ]


# --- Columns ------------------------------------------------------------------------------

LATITUDE = Column("latitude", "Latitude in decimal degrees (WGS 84); empty when there is no position.")
LONGITUDE = Column("longitude", "Longitude in decimal degrees (WGS 84); empty when there is no position.")
SOURCES = Column("sources", "Ids of the sources cited (their pages are sources/<id>/).")
REFERENCES = Column("references", "Ids of the external references cited (in briefing.json).")
TAGGED = Column(
    "tagged_sources",
    "Of the sources cited, those that argue a view, each as id (tag): partisan commentary, "
    "opinion or commentary. A partisan source is never the only support.",
)

EVENT_COLUMNS = (
    documented(Event, "id"),
    documented(Event, "date"),
    Column("date_precision", "day, month or year: how precisely the date is known."),
    documented(Event, "title"),
    documented(Event, "kind"),
    documented(Event, "places"),
    Column("place_names", "Names of the places or regions the event is located at, in the order of places."),
    Column("regions", "Ids of the regions whose pages list the event, in the order of places."),
    Column(
        "latitude",
        "Latitudes of its points in decimal degrees (WGS 84), one per place; empty when it has no place.",
    ),
    Column("longitude", "Longitudes of its points, in the order of the latitudes."),
    Column(
        "exact",
        "Per point, true: the place's own position; false: the centre of a region, "
        "as the sources place the event no more precisely.",
    ),
    documented(Event, "actors"),
    documented(Event, "casualties"),
    documented(Event, "summary"),
    documented(Event, "date_note"),
    SOURCES,
    TAGGED,
    REFERENCES,
    Column("url", "The event's entry on the timeline page."),
    documented(Event, "reviewed"),
)

PLACE_COLUMNS = (
    documented(Place, "id"),
    documented(Place, "name"),
    documented(Place, "region"),
    Column("region_name", "Name of that region."),
    Column("country", "Country of that region."),
    LATITUDE,
    LONGITUDE,
    Column("note", "Anything a reader should know about the place; its citations are in sources."),
    SOURCES,
    TAGGED,
    REFERENCES,
)

REGION_COLUMNS = (
    documented(Region, "id"),
    documented(Region, "name"),
    documented(Region, "kind"),
    documented(Region, "country"),
    Column("admin", "Administrative unit as of the sources' dates; its citations are in sources."),
    documented(Region, "parent"),
    documented(Region, "facing"),
    Column("latitude", "Latitude of the region's centre, decimal degrees (WGS 84)."),
    Column("longitude", "Longitude of the region's centre, decimal degrees (WGS 84)."),
    Column("outline", "true: the region has an approximate outline (a polygon in places.geojson)."),
    Column("url", "The region's page."),
    SOURCES,
    TAGGED,
    REFERENCES,
    documented(Region, "reviewed"),
)

ACTOR_COLUMNS = (
    documented(Actor, "id"),
    documented(Actor, "name"),
    documented(Actor, "short"),
    documented(Actor, "kind"),
    documented(Actor, "country"),
    Column("role", "For people: office or role as the sources give it, dated; cited in sources."),
    documented(Actor, "aliases"),
    documented(Actor, "regions"),
    Column("description", "One neutral line; the sources it cites are in sources."),
    Column("url", "The actor's page."),
    SOURCES,
    TAGGED,
    REFERENCES,
    documented(Actor, "reviewed"),
)

RELATION_COLUMNS = (
    Column("actor", "Id of the actor the relation is recorded on (actors.csv)."),
    documented(Relation, "type"),
    documented(Relation, "target"),
    documented(Relation, "qualifier"),
    Column("as_of", "When the sources last say it held: its own as_of, else the newest cited source's date."),
    documented(Relation, "note"),
    SOURCES,
    TAGGED,
    REFERENCES,
)

SHAPE_COLUMNS = (
    Column("category", "place, region or border: what the feature is."),
    Column("id", "Id of the place, region or line."),
    Column("name", "Name."),
    Column(
        "approximate",
        "true for approximate borders, region outlines and region centres: simplified and "
        "approximate, not for navigation; false for a place's own position.",
    ),
)
"""Properties every feature of places.geojson has; the rest are the columns of its table."""


# --- Records ------------------------------------------------------------------------------


def event_records(briefing: Briefing, options: Options) -> list[Record]:
    """Every event, located or not, in date order."""
    records = []
    for event in sorted(briefing.events.values(), key=event_order):
        points = locate(briefing, event)
        sources, references = cited(event.cite)
        records.append(
            {
                "id": event.id,
                "date": event.date.iso(),
                "date_precision": event.date.precision,
                "title": event.title,
                "kind": event.kind,
                "places": list(event.places),
                "place_names": [p.name for p in points],
                "regions": list(dict.fromkeys(p.region for p in points)),
                "latitude": [p.coords[0] for p in points],
                "longitude": [p.coords[1] for p in points],
                "exact": [p.exact for p in points],
                "actors": list(event.actors),
                "casualties": event.casualties,
                "summary": event.summary,
                "date_note": event.date_note,
                "sources": sources,
                "tagged_sources": tagged(briefing, sources),
                "references": references,
                "url": site_link(options, event_page(event.id, event.date.year, len(briefing.events))),
                "reviewed": event.reviewed.isoformat(),
            }
        )
    return records


def _cited_columns(briefing: Briefing, *texts: str | None) -> Record:
    """The sources, tagged sources and references columns of cited text fields."""
    sources, references = inline_cited(*texts)
    return {"sources": sources, "tagged_sources": tagged(briefing, sources), "references": references}


def place_records(briefing: Briefing) -> list[Record]:
    """Every place, by id."""
    records = []
    for place in sorted(briefing.places.values(), key=lambda p: p.id):
        region = briefing.regions[place.region]
        records.append(
            {
                "id": place.id,
                "name": place.name,
                "region": place.region,
                "region_name": region.name,
                "country": region.country,
                "latitude": place.coords[0],
                "longitude": place.coords[1],
                "note": plain(place.note),
                **_cited_columns(briefing, place.note),
            }
        )
    return records


def region_records(briefing: Briefing, options: Options) -> list[Record]:
    """Every region, by id."""
    return [
        {
            "id": region.id,
            "name": region.name,
            "kind": region.kind,
            "country": region.country,
            "admin": plain(region.admin),
            "parent": region.parent,
            "facing": list(region.facing),
            "latitude": region.centre[0],
            "longitude": region.centre[1],
            "outline": region.outline is not None,
            "url": site_link(options, region_page(region.id)),
            **_cited_columns(briefing, region.admin),
            "reviewed": region.reviewed.isoformat(),
        }
        for region in sorted(briefing.regions.values(), key=lambda r: r.id)
    ]


def actor_records(briefing: Briefing, options: Options) -> list[Record]:
    """Every actor, by id."""
    return [
        {
            "id": actor.id,
            "name": actor.name,
            "short": actor.short,
            "kind": actor.kind,
            "country": actor.country,
            "role": plain(actor.role),
            "aliases": list(actor.aliases),
            "regions": list(actor.regions),
            "description": plain(actor.description),
            "url": site_link(options, actor_page(actor.id)),
            **_cited_columns(briefing, actor.description, actor.role),
            "reviewed": actor.reviewed.isoformat(),
        }
        for actor in sorted(briefing.actors.values(), key=lambda a: a.id)
    ]


def relation_records(briefing: Briefing) -> list[Record]:
    """Every relation, by actor, type and target (content order among equals)."""
    records = []
    for actor in briefing.actors.values():
        for relation in actor.relations:
            sources, references = cited(relation.cite)
            records.append(
                {
                    "actor": actor.id,
                    "type": relation.type,
                    "target": relation.target,
                    "qualifier": relation.qualifier,
                    "as_of": as_of.iso() if (as_of := relation_as_of(relation, briefing.sources)) else None,
                    "note": relation.note,
                    "sources": sources,
                    "tagged_sources": tagged(briefing, sources),
                    "references": references,
                }
            )
    return sorted(records, key=lambda r: (r["actor"], r["type"], r["target"]))


# --- GeoJSON ------------------------------------------------------------------------------


def lon_lat(points: Iterable[tuple[float, float]]) -> list[list[float]]:
    """[lat, lon] pairs as GeoJSON positions, [lon, lat]."""
    return [[lon, lat] for lat, lon in points]


def ring(points: list[tuple[float, float]]) -> list[list[float]]:
    """A closed polygon ring, counterclockwise as RFC 7946 asks of exterior rings."""
    positions = lon_lat(points)
    if positions[0] != positions[-1]:
        positions.append(positions[0])
    area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(positions))
    return positions if area >= 0 else positions[::-1]


def feature(geometry: Record, properties: Record) -> Record:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def point(lat: float, lon: float) -> Record:
    return {"type": "Point", "coordinates": [lon, lat]}


POSITION = ("latitude", "longitude")


def properties(record: Record) -> Record:
    """A record as feature properties: the position is the geometry's."""
    return {k: v for k, v in record.items() if k not in POSITION}


def without_position(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """The columns a record keeps as feature properties."""
    return tuple(c for c in columns if c.name not in POSITION)


def event_features(records: list[Record]) -> list[Record]:
    """Every located event: a Point, or a MultiPoint for an event at several places."""
    features = []
    for r in records:
        points = [[lon, lat] for lat, lon in zip(r["latitude"], r["longitude"], strict=True)]
        if len(points) == 1:
            features.append(feature({"type": "Point", "coordinates": points[0]}, properties(r)))
        elif points:
            features.append(feature({"type": "MultiPoint", "coordinates": points}, properties(r)))
    return features


def shape_features(briefing: Briefing, regions: list[Record], places: list[Record]) -> list[Record]:
    """The borders, the regions (outlines as Polygons, others as Points at their centre)
    and the places (Points), each with the properties of SHAPE_COLUMNS first."""
    features: list[Record] = []
    for _, border in sorted(briefing.borders.items()):
        sources, references = cited(border.cite)
        line = {"category": "border", "id": border.id, "name": border.name, "approximate": border.approximate}
        line |= {
            "description": border.description,
            "sources": sources,
            "tagged_sources": tagged(briefing, sources),
        }
        line["references"] = references
        line["reviewed"] = border.reviewed.isoformat()
        features.append(feature({"type": "LineString", "coordinates": lon_lat(border.line)}, line))
    for record in regions:
        region = briefing.regions[record["id"]]
        shape = {"category": "region", "id": region.id, "name": region.name, "approximate": True}
        geometry = (
            {"type": "Polygon", "coordinates": [ring(list(region.outline))]}
            if region.outline
            else point(*region.centre)
        )
        features.append(feature(geometry, shape | properties(record)))
    for record in places:
        shape = {"category": "place", "id": record["id"], "name": record["name"], "approximate": False}
        features.append(feature(point(record["latitude"], record["longitude"]), shape | properties(record)))
    return features


def geojson(features: list[Record]) -> str:
    """A FeatureCollection, one feature per line."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


# --- CSV ----------------------------------------------------------------------------------

LIST_SEPARATOR = ";"
"""Lists in a CSV cell: ids joined with semicolons."""


def cell(value: Any) -> str:
    """A value as CSV text: lists joined, booleans as true/false, nothing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(cell(v) for v in value)
    return str(value)


def to_csv(columns: tuple[Column, ...], records: list[Record]) -> str:
    """A CSV table (RFC 4180: comma-separated, double quotes, CRLF) with a header row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.name for c in columns])
    for record in records:
        writer.writerow([cell(record[c.name]) for c in columns])
    return out.getvalue()


# --- briefing.json ------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """A top-level key of briefing.json: the model of its entries and whether it is a list."""

    key: str
    model: type[Model]
    many: bool = True
    extra: tuple[Column, ...] = ()


PARTS = (
    Part("info", BriefingInfo, many=False),
    Part(
        "sources",
        Source,
        extra=(
            Column(
                "tag",
                "partisan commentary, opinion or commentary: shown after the outlet wherever the "
                "source is cited; empty for news and analysis that are not partisan.",
            ),
            Column(
                "paragraphs",
                "The cleaned text as [{anchor, heading, text}, …] when rights is full-text; "
                "null when the site may show only excerpts (the quotes are in the citations).",
            ),
        ),
    ),
    Part(
        "actors",
        Actor,
        extra=(Column("body", 'The cited profile, Markdown with [@source "quote"] markers.'),),
    ),
    Part("regions", Region, extra=(Column("body", "The cited profile, Markdown with citation markers."),)),
    Part("places", Place),
    Part("borders", Border),
    Part("events", Event),
    Part("debates", Debate, extra=(Column("body", "The cited context, Markdown with citation markers."),)),
    Part("glossary", GlossaryEntry),
    Part("references", Reference),
)
"""briefing.json's keys in order, each with the model of its entries and the keys it adds."""

NESTED: tuple[type[Model], ...] = (Citation, Relation, Position, Disagreement, Judgement)
"""Objects nested inside the entries of briefing.json, documented on the data page too."""


def json_fields(model: type[BaseModel], extra: tuple[Column, ...] = ()) -> tuple[Column, ...]:
    """The keys of a model's JSON objects, documented by the field docstrings, then ``extra``."""
    return tuple(documented(model, name) for name in model.model_fields) + extra


def dump(model: Model) -> Record:
    return model.model_dump(mode="json")


def _with_body(briefing: Briefing, collection: str, item: Actor | Region | Debate) -> Record:
    body = briefing.bodies.get((collection, item.id))
    return dump(item) | {"body": body.text.strip() if body else None}


def _source(briefing: Briefing, source: Source) -> Record:
    paragraphs = None
    if source.rights == "full-text":
        paragraphs = [
            {"anchor": p.anchor, "heading": p.heading, "text": p.text}
            for p in paragraphs_of(briefing, source.id)
        ]
    return dump(source) | {"tag": source_tag(source), "paragraphs": paragraphs}


def briefing_document(briefing: Briefing) -> Record:
    """The whole curated content as one JSON value; excerpt-only sources without their text."""
    by_id = operator.attrgetter("id")
    return {
        "info": dump(briefing.info) if briefing.info else None,
        "sources": [_source(briefing, s) for s in sorted(briefing.sources.values(), key=by_id)],
        "actors": [_with_body(briefing, "actors", a) for a in sorted(briefing.actors.values(), key=by_id)],
        "regions": [_with_body(briefing, "regions", r) for r in sorted(briefing.regions.values(), key=by_id)],
        "places": [dump(p) for p in sorted(briefing.places.values(), key=by_id)],
        "borders": [dump(b) for b in sorted(briefing.borders.values(), key=by_id)],
        "events": [dump(e) for e in sorted(briefing.events.values(), key=event_order)],
        "debates": [_with_body(briefing, "debates", d) for d in sorted(briefing.debates.values(), key=by_id)],
        "glossary": [dump(g) for g in sorted(briefing.glossary, key=lambda g: (g.term.casefold(), g.term))],
        "references": [dump(r) for r in sorted(briefing.references.values(), key=by_id)],
    }


# --- Files --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DataFile:
    """One published file: its name, what it holds, its columns and how many rows it has."""

    name: str
    about: str
    columns: tuple[Column, ...]
    text: str
    rows: int

    @property
    def path(self) -> str:
        """Docs path of the file."""
        return data_file(self.name)


def table(name: str, about: str, columns: tuple[Column, ...], records: list[Record]) -> DataFile:
    return DataFile(name, about, columns, to_csv(columns, records), len(records))


def collection(name: str, about: str, columns: tuple[Column, ...], features: list[Record]) -> DataFile:
    return DataFile(name, about, columns, geojson(features), len(features))


def data_files(briefing: Briefing, options: Options) -> list[DataFile]:
    """Every open-data file of the briefing, in the order the data page documents them."""
    events = event_records(briefing, options)
    regions = region_records(briefing, options)
    places = place_records(briefing)
    document = briefing_document(briefing)
    entries = sum(len(v) if isinstance(v, list) else 1 for v in document.values() if v is not None)
    return [
        table("events.csv", "Every event, one row each, in date order.", EVENT_COLUMNS, events),
        collection(
            "events.geojson",
            "Every event that has a position, as a Point (a MultiPoint when it has several places), "
            "in date order. Its properties are the columns of events.csv but the position, which "
            "is the geometry's.",
            without_position(EVENT_COLUMNS),
            event_features(events),
        ),
        table("places.csv", "Every named place, by id.", PLACE_COLUMNS, places),
        collection(
            "places.geojson",
            "The borders as LineStrings, then the regions (an outline as a Polygon, a region "
            "without one as a Point at its centre), then the places as Points. Besides the "
            "properties below, a region has the columns of regions.csv, a place those of "
            "places.csv, and the line its description, sources, tagged sources, references and review date.",
            SHAPE_COLUMNS,
            shape_features(briefing, regions, places),
        ),
        table("regions.csv", "Every region with its centre, by id.", REGION_COLUMNS, regions),
        table("actors.csv", "Every actor, by id.", ACTOR_COLUMNS, actor_records(briefing, options)),
        table(
            "relations.csv",
            "Every cited relation between two actors.",
            RELATION_COLUMNS,
            relation_records(briefing),
        ),
        DataFile(
            "briefing.json",
            "The whole curated content in one file: the keys below, in this order.",
            (),
            json.dumps(document, ensure_ascii=False, indent=2) + "\n",
            entries,
        ),
    ]
