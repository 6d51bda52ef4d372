"""Where things go on a map: the frame, rings of markers sharing a point, and label positions.

Pure geometry on [lat, lon] pairs, decided at build time so the files are deterministic.
Distances are in degrees, which is coarse but enough to keep labels apart.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from briefing.geometry import Point, point_in_polygon
from briefing.maps.data import MapSpec, drawn
from briefing.model.models import Border

Bounds = list[list[float]]
Key = tuple[str, str]


def fit_bounds(spec: MapSpec) -> Bounds:
    """[[south, west], [north, east]] of what the map frames: outlines, places and events
    (and the whole border on the overview, or when nothing else is drawn)."""
    points: list[Point] = [p for o in spec.outlines for p in (o.region.outline or [])]
    points += [p.coords for p in spec.places] + [(e.lat, e.lon) for e in drawn(spec.events)]
    if spec.id == "overview" or not points:
        points += [p for border in spec.borders for p in border.line]
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def middle(bounds: Bounds) -> Point:
    """The centre of a frame."""
    (south, west), (north, east) = bounds
    return ((south + north) / 2, (west + east) / 2)


def clearance(point: Point, obstacles: Iterable[Point]) -> float:
    """Distance from a point to the nearest obstacle (infinite when there is none)."""
    return min((math.dist(point, o) for o in obstacles), default=math.inf)


def marker_points(spec: MapSpec) -> list[Point]:
    """Every marker position of a map."""
    return [(e.lat, e.lon) for e in drawn(spec.events)] + [p.coords for p in spec.places]


def ring_offsets(spec: MapSpec) -> dict[Key, tuple[int, int]]:
    """Pixel offsets that spread events sharing a point in a ring (around a place marker if any)."""
    at: dict[Point, list[Key]] = defaultdict(list)
    places = {(round(p.coords[0], 4), round(p.coords[1], 4)) for p in spec.places}
    for found in drawn(spec.events):
        at[(round(found.lat, 4), round(found.lon, 4))].append(("event", found.key))
    offsets: dict[Key, tuple[int, int]] = {}
    for point, keys in at.items():
        if len(keys) == 1 and point not in places:
            continue
        radius = 10 + 3 * len(keys)
        for index, key in enumerate(keys):
            angle = math.radians(-90 + 360 * index / len(keys))
            offsets[key] = (round(radius * math.cos(angle)), round(radius * math.sin(angle)))
    return offsets


def region_label_point(outline: list[Point], centre: Point, obstacles: list[Point]) -> Point:
    """Where to write a region's name: inside its outline, as clear of markers as possible."""
    lats = [p[0] for p in outline]
    lons = [p[1] for p in outline]
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    grid = [
        (round(south + (north - south) * fy, 4), round(west + (east - west) * fx, 4))
        for fy in (0.2, 0.35, 0.5, 0.65, 0.8)
        for fx in (0.35, 0.5, 0.65)
    ]
    candidates = [c for c in grid if point_in_polygon(c, outline)] or [centre]
    return max(candidates, key=lambda c: (round(min(clearance(c, obstacles), 1.0), 3), -math.dist(c, centre)))


def border_label_place(border: Border, bounds: Bounds, obstacles: list[Point]) -> tuple[Point, str] | None:
    """Where to write the border's name: the vertex well inside the frame that is farthest
    from markers and region names, and the side its text goes to (towards the middle).
    None when the line only skirts the frame: the legend names it."""
    (south, west), (north, east) = bounds
    inset_lat, inset_lon = (north - south) * 0.15, (east - west) * 0.15
    inside = [
        p
        for p in border.line
        if south + inset_lat <= p[0] <= north - inset_lat and west + inset_lon <= p[1] <= east - inset_lon
    ]
    if not inside:
        return None
    centre = middle(bounds)
    point = max(inside, key=lambda p: (round(min(clearance(p, obstacles), 1e3), 6), -math.dist(p, centre)))
    return point, "right" if point[1] <= centre[1] else "left"
