"""Draw one map file from its spec: folium builds the element tree, rendered once.

Layers follow the text alternative: one per outline (or one for all context outlines),
one for the border, one for places and one per event kind (or year). Each becomes an
entry of the layer control and of the legend.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import folium

from briefing.maps.assets import urls_from
from briefing.maps.data import MapSpec, Outline, border_name, drawn
from briefing.maps.elements import (
    Frame,
    Label,
    LayerControl,
    LeafletMap,
    Legend,
    MapDocument,
    Markers,
    Popups,
    Reference,
    ShapeInfo,
    check_ids,
    named,
    tile_layer,
)
from briefing.maps.layout import (
    border_label_place,
    fit_bounds,
    marker_points,
    region_label_point,
    ring_offsets,
)
from briefing.maps.settings import Settings
from briefing.maps.styles import PLACE_STYLE, Style, year_colours
from briefing.maps.templates import template
from briefing.maps.views import Row
from briefing.model.models import Border
from briefing.options import Tiles

HELP = (
    "Drag or use the arrow keys to pan, plus and minus to zoom. Tab moves through the outlines, "
    "the border and the markers; Enter opens the details of the one in focus. "
    "The table beside the map lists everything it shows."
)
RING_NOTE = "Markers of events at the same point are spread in a ring around it."
OUTLINE_LOOK: dict[str, dict[str, Any]] = {
    "region": {"color": "#546e7a", "weight": 2, "fill_opacity": 0.15},
    "main": {"color": "#546e7a", "weight": 3, "fill_opacity": 0.2},
    "facing": {"color": "#546e7a", "weight": 2, "fill_opacity": 0.08},
    "context": {"color": "#607d8b", "weight": 1.5, "fill_opacity": 0.08},
}
"""Line weight and fill by role; the colour comes from map.css (country or context, per scheme)."""
Key = tuple[str, str]


class Drawing:
    """The state of one map while it is drawn: its spec, rows, settings and element tree."""

    def __init__(self, spec: MapSpec, rows: list[Row], settings: Settings) -> None:
        self.spec = spec
        self.rows: dict[Key, Row] = {(row.kind, row.id): row for row in rows}
        self.settings = settings
        self.legend: list[dict[str, str]] = []
        self.popups: list[tuple[str, Row]] = []
        self.offsets = ring_offsets(spec)
        self.bounds = fit_bounds(spec)
        markers = marker_points(spec)
        self.region_labels = {
            o.region.id: region_label_point(o.region.outline or [], o.region.centre, markers)
            for o in spec.outlines
            if o.labelled
        }
        self.obstacles = markers + list(self.region_labels.values())
        self.document = MapDocument(spec.title, f"{spec.id}_document")
        options = map_options(settings.tiles)
        assets = urls_from(spec.path, geography=spec.reference is not None)
        self.map = LeafletMap(spec.id, spec.title, HELP, options, assets)
        self.document.add_child(self.map, name=self.map.get_name())

    def popup(self, row: Row) -> None:
        """Add a row's popup, which the map file carries as hidden HTML (map.js finds it by kind and id)."""
        self.popups.append((f"popup-{row.kind}-{row.id}", row))

    def group(self, key: str, shape: str, colour: str, text: str, show: bool = True) -> folium.FeatureGroup:
        """A layer of the map, named in the layer control by its symbol and text."""
        label = template("map_legend.html.j2").module.layer_label(shape, colour, text)  # type: ignore[attr-defined]
        group = named(folium.FeatureGroup(name=str(label), show=show), key)
        self.map.add_child(group, name=group.get_name())
        return group

    def add_legend(self, shape: str, colour: str, label: str) -> None:
        """One line of the legend."""
        self.legend.append({"shape": shape, "colour": colour, "label": label})


def draw(spec: MapSpec, rows: list[Row], settings: Settings) -> str:
    """The HTML of one map file."""
    drawing = Drawing(spec, rows, settings)
    if settings.tiles is not None:
        add_tiles(drawing, settings.tiles)
    add_reference(drawing)
    add_outlines(drawing)
    for border in drawing.spec.borders:
        add_border(drawing, border)
    add_places(drawing)
    add_events(drawing)
    finish(drawing)
    check_ids(drawing.document)
    return tidy(drawing.document.render())


def add_tiles(drawing: Drawing, tiles: Tiles) -> None:
    """The base map from the configured tile server."""
    drawing.map.add_child(tile_layer(tiles), name="tiles")


def add_reference(drawing: Drawing) -> None:
    """The reference geography under everything else: shown from the start without tiles,
    and offered in the layer control (switched on when a tile fails to load) with them."""
    attribution = drawing.spec.reference
    if attribution is None:
        return
    tiles = drawing.settings.tiles is not None
    group = drawing.group("reference", "reference", "", "Boundaries and names", show=not tiles)
    group.add_child(Reference("reference_draw", attribution, tiles), name="reference_draw")
    drawing.add_legend("reference", "", "Country and province boundaries")


def add_outlines(drawing: Drawing) -> None:
    """Region outlines: a layer each, or one layer for all background outlines."""
    context = [o for o in drawing.spec.outlines if o.role == "context"]
    if context:
        group = drawing.group("outlines", "outline-context", "", "Border regions")
        for outline in context:
            add_outline(drawing, group, outline)
        drawing.add_legend("outline-context", "", "Border region (outline)")
    legend_seen: set[str] = set()
    for outline in drawing.spec.outlines:
        if outline.role == "context":
            continue
        text = outline_text(outline)
        group = drawing.group(f"outline_{outline.region.id}", f"outline-{outline.colour}", "", text)
        add_outline(drawing, group, outline)
        legend = text if outline.role != "region" else f"Border region in {outline.region.country}"
        if legend not in legend_seen:
            drawing.add_legend(f"outline-{outline.colour}", "", legend)
            legend_seen.add(legend)


def outline_text(outline: Outline) -> str:
    """How an outline is named in the layer control."""
    region = outline.region
    if outline.role == "facing":
        return f"{region.name}, across the border ({region.country})"
    return f"{region.name} ({region.country})"


def add_outline(drawing: Drawing, group: folium.FeatureGroup, outline: Outline) -> None:
    """One region outline with its tooltip, popup and, if wanted, its name on the map."""
    region = outline.region
    assert region.outline is not None
    classes = f"bm-outline bm-outline-{outline.colour} bm-outline-{outline.role}"
    polygon = folium.Polygon(
        [list(p) for p in region.outline], fill=True, class_name=classes, **OUTLINE_LOOK[outline.role]
    )
    named(polygon, f"outline_{region.id}")
    group.add_child(polygon, name=polygon.get_name())
    row = drawing.rows[("region", region.id)]
    info = ShapeInfo(f"info_{region.id}", row.kind, row.id)
    polygon.add_child(info, name=info.get_name())
    drawing.popup(row)
    if outline.labelled:
        label = Label(f"label_{region.id}", region.name, drawing.region_labels[region.id], "region", "center")
        group.add_child(label, name=label.get_name())


def add_border(drawing: Drawing, border: Border) -> None:
    """A border, dashed, with its name written where the map shows it."""
    name = border_name(border)
    key = "border" if len(drawing.spec.borders) == 1 else f"border_{border.id.replace('-', '_')}"
    group = drawing.group(key, "border", "", name)
    line = folium.PolyLine(  # type: ignore[no-untyped-call]
        [list(p) for p in border.line], color="#263238", weight=2.5, dash_array="8 6", class_name="bm-border"
    )
    named(line, f"{key}_line")
    group.add_child(line, name=line.get_name())
    row = drawing.rows[("border", border.id)]
    line.add_child(ShapeInfo(f"{key}_info", row.kind, row.id), name=f"{key}_info")
    drawing.popup(row)
    place = border_label_place(border, drawing.bounds, drawing.obstacles)
    if place is not None:
        drawing.obstacles.append(place[0])
        label = Label(f"{key}_label", name, place[0], "border", place[1], border.status)
        group.add_child(label, name=label.get_name())
    drawing.add_legend("border", "", f"{name}, {border.status}" if border.status else name)


def add_places(drawing: Drawing) -> None:
    """Places, as small named markers."""
    if not drawing.spec.places:
        return
    group = drawing.group("places", PLACE_STYLE.shape, PLACE_STYLE.colour, "Places")
    items = [place_item(drawing, drawing.rows[("place", p.id)]) for p in drawing.spec.places]
    group.add_child(Markers("places_markers", items), name="places_markers")
    drawing.add_legend("place", PLACE_STYLE.colour, "Place")


def place_item(drawing: Drawing, row: Row) -> dict[str, Any]:
    """The marker data of a place; its name is written beside it."""
    drawing.popup(row)
    return {"id": row.id, "type": "place", "lat": row.lat, "lon": row.lon, "shape": PLACE_STYLE.shape}


def add_events(drawing: Drawing) -> None:
    """Event markers, a layer per kind (or per year on the timeline map)."""
    groups: dict[str, list[Row]] = defaultdict(list)
    styles: dict[str, Style] = {}
    points = drawn(drawing.spec.events)
    colours = year_colours([e.event.date.year for e in points])
    for found in points:
        event = found.event
        kind = drawing.spec.style(event.kind)
        if drawing.spec.colour_by == "year":
            key = str(event.date.year)
            styles[key] = Style(key, colours[event.date.year], "circle")
        else:
            key, styles[key] = event.kind, kind
        groups[key].append(drawing.rows[("event", found.key)])
    order = list(styles) if drawing.spec.colour_by == "year" else [k for k, _ in drawing.spec.styles]
    for key in sorted(groups, key=order.index):
        add_event_group(drawing, key, styles[key], groups[key])


def add_event_group(drawing: Drawing, key: str, style: Style, rows: list[Row]) -> None:
    """One layer of event markers."""
    text = f"{style.label} ({len(rows)})"
    group = drawing.group(f"events_{key}", style.shape, style.colour, text)
    by_year = drawing.spec.colour_by == "year"
    items = [event_item(drawing, row, style, by_year) for row in rows]
    group.add_child(Markers(f"events_{key}_markers", items), name=f"events_{key}_markers")
    drawing.add_legend(style.shape, style.colour, text)


def event_item(drawing: Drawing, row: Row, style: Style, by_year: bool) -> dict[str, Any]:
    """The marker data of an event; on the timeline map the shape still tells the kind."""
    shape = drawing.spec.style(row.event_kind or "").shape if by_year else style.shape
    drawing.popup(row)
    item: dict[str, Any] = {"id": row.id, "type": "event", "lat": row.lat, "lon": row.lon}
    item.update(shape=shape, colour=style.colour)
    if ("event", row.id) in drawing.offsets:
        item["dx"], item["dy"] = drawing.offsets[("event", row.id)]
    return item


def finish(drawing: Drawing) -> None:
    """Legend, layer control and the initial view."""
    note = f"{drawing.spec.note} {RING_NOTE}" if drawing.offsets else drawing.spec.note
    drawing.map.add_child(
        Popups("popups", drawing.popups, drawing.spec.path, drawing.settings.use_directory_urls),
        name="popups",
    )
    drawing.map.add_child(Legend("legend", drawing.legend, note), name="legend")
    drawing.map.add_child(LayerControl("layers"), name="layers")
    frame = Frame("frame", drawing.bounds, {"padding": [24, 24], "maxZoom": 9})
    drawing.map.add_child(frame, name=frame.get_name())


def map_options(tiles: Tiles | None) -> dict[str, Any]:
    """Options of L.map. No centre or zoom: the first fitBounds sets the view, without animation."""
    return {"zoomSnap": 0.25, "minZoom": 3, "maxZoom": min(tiles.max_zoom if tiles else 14, 14)}


def tidy(html: str) -> str:
    """Drop indentation and blank lines (folium's templates are generous with both)."""
    return "\n".join(line.strip() for line in html.splitlines() if line.strip()) + "\n"
