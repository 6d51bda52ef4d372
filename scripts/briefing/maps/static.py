"""A map drawn as a static SVG, for print: the same outlines, border, places and located
events as the interactive map, from the same specification, with no tiles and no script.

Positions are projected equirectangularly around the middle of the frame (a degree of
longitude shortened by the cosine of the latitude), which at the scale of a region or the
border keeps shapes and distances readable. Colours come from the same styles as the
interactive map; names are written beside places and at the centre of the outlines.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape

from briefing.maps.data import MapSpec, border_name, drawn
from briefing.maps.layout import fit_bounds
from briefing.model.geography import Geography

WIDTH = 640
"""Width of the drawing, in SVG units (CSS pixels at full size)."""
MARGIN = 28
OUTLINE_FILL = {"main": "#cfe3e0", "facing": "#e4dcef", "region": "#e6ece9", "context": "none"}


REFERENCE_LINE = "#9aa7ae"
REFERENCE_TEXT = "#5c6b73"


def static_svg(spec: MapSpec, geography: Geography | None = None) -> str:
    """The map as a standalone SVG document, over the reference geography when there is one."""
    (south, west), (north, east) = fit_bounds(spec)
    squeeze = math.cos(math.radians((south + north) / 2))
    span_x = max((east - west) * squeeze, 1e-6)
    span_y = max(north - south, 1e-6)
    scale = (WIDTH - 2 * MARGIN) / span_x
    key = []  # the lines under the drawing that say what it shows
    for border in spec.borders:
        key.append(f"- - - {border_name(border)}" + (f", {border.status}" if border.status else ""))
    if drawn(spec.events):
        key.append(
            "Dots: located events, coloured by kind as on the interactive map; each is listed in the table."
        )
    key.append(spec.note)
    if geography is not None:
        key.append(geography.attribution)
    height = round(span_y * scale + 2 * MARGIN + 20 * len(key))

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return (MARGIN + (lon - west) * squeeze * scale, MARGIN + (north - lat) * scale)

    def points(coords: list[tuple[float, float]] | list[list[float]]) -> str:
        return " ".join("{:.1f},{:.1f}".format(*xy(p[0], p[1])) for p in coords)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-labelledby="t">',
        f'<title id="t">{escape(spec.title)}</title>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        '<g font-family="sans-serif" font-size="17" fill="#263238">',
    ]
    drawing_height = height - 20 * len(key)
    if geography is not None:
        parts += _reference_lines(geography, xy, WIDTH, drawing_height)
    for outline in spec.outlines:
        region = outline.region
        if not region.outline:
            continue
        fill = OUTLINE_FILL.get(outline.role, "none")
        width = "2" if outline.role == "main" else "1"
        parts.append(
            f'<polygon points="{points(region.outline)}" fill="{fill}" stroke="#455a64" stroke-width="{width}"/>'
        )
    for border in spec.borders:
        parts.append(
            f'<polyline points="{points(border.line)}" fill="none" stroke="#263238" '
            'stroke-width="2" stroke-dasharray="8 6"/>'
        )
    if geography is not None:
        own = {o.region.name.casefold() for o in spec.outlines if o.labelled} | {
            p.name.casefold() for p in spec.places
        }
        frame = (0.0, 0.0, float(WIDTH), float(drawing_height))
        parts += _reference_names(geography, xy, frame, scale, _own_boxes(spec, xy), own)
    for outline in spec.outlines:
        if outline.labelled:
            x, y = xy(*outline.region.centre)
            parts.append(
                f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" font-weight="bold">'
                f"{escape(outline.region.name)}</text>"
            )
    for event in drawn(spec.events):
        x, y = xy(event.lat, event.lon)
        colour = spec.style(event.event.kind).colour
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}" stroke="#ffffff" stroke-width="1"/>'
        )
    for place in spec.places:
        x, y = xy(*place.coords)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#263238" stroke="#ffffff"/>')
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 4:.1f}">{escape(place.name)}</text>')
    for number, line in enumerate(reversed(key)):
        parts.append(
            f'<text x="{MARGIN}" y="{height - 10 - 20 * number}" font-size="15">{escape(line)}</text>'
        )
    parts.append("</g></svg>")
    return "\n".join(parts) + "\n"


Box = tuple[float, float, float, float]
"""A label's room on the drawing: left, top, right, bottom."""


def _text_box(x: float, y: float, text: str, size: float, anchor: str) -> Box:
    """The room a line of text takes, estimated from its length (0.6 em a character)."""
    length = size * 0.6 * len(text)
    left = x - length / 2 if anchor == "middle" else x
    return (left - 3, y - size, left + length + 3, y + size / 2)


def _own_boxes(spec: MapSpec, xy: Callable[[float, float], tuple[float, float]]) -> list[Box]:
    """Where the map's own names and markers are written, which reference names keep clear of."""
    boxes = [
        _text_box(*xy(*o.region.centre), o.region.name, 17, "middle") for o in spec.outlines if o.labelled
    ]
    for place in spec.places:
        x, y = xy(*place.coords)
        boxes.append(_text_box(x - 6, y + 4, " " + place.name, 17, "start"))
    for event in drawn(spec.events):
        x, y = xy(event.lat, event.lon)
        boxes.append((x - 6, y - 6, x + 6, y + 6))
    return boxes


def _reference_lines(
    geography: Geography, xy: Callable[[float, float], tuple[float, float]], width: float, height: float
) -> list[str]:
    """The reference boundaries, clipped to the frame, under everything else."""
    parts = [f'<clipPath id="frame"><rect width="{width}" height="{height:.0f}"/></clipPath>']
    parts.append(f'<g class="reference" clip-path="url(#frame)" fill="none" stroke="{REFERENCE_LINE}">')
    for boundary in geography.boundaries:
        dash = ' stroke-dasharray="4 3"' if boundary.kind == "province-border" else ""
        for line in boundary.parts:
            points = [xy(lat, lon) for lat, lon in line]
            if any(-40 <= x <= width + 40 and -40 <= y <= height + 40 for x, y in points):
                coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
                parts.append(f'<polyline points="{coords}" stroke-width="1"{dash}/>')
    parts.append("</g>")
    return parts


def _reference_names(
    geography: Geography,
    xy: Callable[[float, float], tuple[float, float]],
    frame: Box,
    scale: float,
    taken: list[Box],
    own: set[str],
) -> list[str]:
    """The reference names that fit, as the interactive map writes them at a comparable
    zoom (``scale`` is SVG units per degree of latitude), clear of ``taken`` and each other;
    none the map writes itself (``own``, casefolded)."""
    zoom = math.log2(scale * 360 / 256 / 1.2)  # the web-map zoom showing a degree that large
    used = list(taken)
    parts = ['<g class="reference">']
    for label in geography.by_priority():
        if zoom < label.zoom or label.name.casefold() in own:
            continue
        x, y = xy(label.lat, label.lon)
        size = 13 if label.kind == "country" else 12
        town = label.kind == "town"
        name = label.name.upper() if label.kind == "country" else label.name
        box = _text_box(x + 6 if town else x, y + 4, name, size, "start" if town else "middle")
        if not (frame[0] <= box[0] and frame[1] <= box[1] and box[2] <= frame[2] and box[3] <= frame[3]):
            continue
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in used):
            continue
        used.append(box)
        style = ' font-style="italic"' if label.kind == "province" else ""
        if town:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{REFERENCE_TEXT}"/>')
        anchor = "start" if town else "middle"
        parts.append(
            f'<text x="{x + 6 if town else x:.1f}" y="{y + 4:.1f}" font-size="{size}" fill="{REFERENCE_TEXT}" '
            f'text-anchor="{anchor}"{style}>{escape(name)}</text>'
        )
    parts.append("</g>")
    return parts
