"""A map drawn as a static SVG, for print: the same outlines, border, places and located
events as the interactive map, from the same specification, with no tiles and no script.

Positions are projected equirectangularly around the middle of the frame (a degree of
longitude shortened by the cosine of the latitude), which at the scale of a region or the
border keeps shapes and distances readable. Colours come from the same styles as the
interactive map; names are written beside places and at the centre of the outlines.
"""

from __future__ import annotations

import math
from html import escape

from .data import NOTE, MapSpec, border_name, drawn
from .layout import fit_bounds
from .styles import kind_style

WIDTH = 640
"""Width of the drawing, in SVG units (CSS pixels at full size)."""
MARGIN = 28
OUTLINE_FILL = {"main": "#cfe3e0", "facing": "#e4dcef", "region": "#e6ece9", "context": "none"}


def static_svg(spec: MapSpec) -> str:
    """The map as a standalone SVG document."""
    (south, west), (north, east) = fit_bounds(spec)
    squeeze = math.cos(math.radians((south + north) / 2))
    span_x = max((east - west) * squeeze, 1e-6)
    span_y = max(north - south, 1e-6)
    scale = (WIDTH - 2 * MARGIN) / span_x
    key = []  # the lines under the drawing that say what it shows
    if spec.border is not None:
        key.append(
            f"- - - {border_name(spec.border)}" + (f", {spec.border.status}" if spec.border.status else "")
        )
    if drawn(spec.events):
        key.append(
            "Dots: located events, coloured by kind as on the interactive map; each is listed in the table."
        )
    key.append(NOTE)
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
    for outline in spec.outlines:
        region = outline.region
        if not region.outline:
            continue
        fill = OUTLINE_FILL.get(outline.role, "none")
        width = "2" if outline.role == "main" else "1"
        parts.append(
            f'<polygon points="{points(region.outline)}" fill="{fill}" stroke="#455a64" stroke-width="{width}"/>'
        )
    if spec.border is not None:
        parts.append(
            f'<polyline points="{points(spec.border.line)}" fill="none" stroke="#263238" '
            'stroke-width="2" stroke-dasharray="8 6"/>'
        )
    for outline in spec.outlines:
        if outline.labelled:
            x, y = xy(*outline.region.centre)
            parts.append(
                f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" font-weight="bold">'
                f"{escape(outline.region.name)}</text>"
            )
    for event in drawn(spec.events):
        x, y = xy(event.lat, event.lon)
        colour = kind_style(event.event.kind).colour
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
