"""Where things are: points in outlines, regions in regions, events at their places, and the
order of events.

Plane geometry works on [latitude, longitude] points: containment, distances and sides of a
line. Distances are in kilometres on an equirectangular projection centred on the points measured,
which is within a fraction of a percent of the great-circle distance over the few hundred
kilometres the checks measure; no projection library is needed for that.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.model.briefing import Briefing
from briefing.model.models import Event

Point = tuple[float, float]
"""(latitude, longitude) in decimal degrees."""

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius (IUGG)."""


def point_in_polygon(point: Point, polygon: Sequence[Point]) -> bool:
    """True if the point lies inside the polygon (even-odd rule; the ring need not be closed)."""
    lat, lon = point
    inside = False
    for (lat1, lon1), (lat2, lon2) in zip(polygon, [*polygon[1:], polygon[0]], strict=True):
        if (lat1 > lat) != (lat2 > lat):
            crossing = lon1 + (lat - lat1) * (lon2 - lon1) / (lat2 - lat1)
            if lon < crossing:
                inside = not inside
    return inside


def _plane(origin: Point, point: Point) -> tuple[float, float]:
    """A point as (x, y) kilometres east and north of ``origin``."""
    scale = math.cos(math.radians(origin[0]))
    x = math.radians(point[1] - origin[1]) * scale * EARTH_RADIUS_KM
    y = math.radians(point[0] - origin[0]) * EARTH_RADIUS_KM
    return x, y


def _segment(point: Point, a: Point, b: Point) -> tuple[float, float, float]:
    """(distance in km, position 0–1 along the segment, cross product sign) of a point and a segment.

    The sign is positive when the point lies to the left of the segment walked from ``a`` to ``b``.
    """
    ax, ay = _plane(point, a)
    bx, by = _plane(point, b)
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
    distance = math.hypot(ax + t * dx, ay + t * dy)
    cross = dx * (0 - ay) - dy * (0 - ax)
    return distance, t, cross


def distance_to_line(point: Point, line: Sequence[Point]) -> float:
    """Kilometres from the point to the nearest point of the polyline."""
    return min(_segment(point, a, b)[0] for a, b in itertools.pairwise(line))


def distance_to_outline(point: Point, polygon: Sequence[Point]) -> float:
    """Kilometres from the point to the nearest point of the polygon's boundary."""
    return distance_to_line(point, [*polygon, polygon[0]])


def side_of_line(point: Point, line: Sequence[Point]) -> str | None:
    """``left`` or ``right`` of the polyline walked from its first point to its last; None when
    the point lies on the line or beyond one of its two ends, where it has no side.

    The side is that of the nearest segment; where the nearest point is a vertex joining two
    segments, the point is on the inner side of the bend if it is on that side of either
    segment, and on the outer side only if it is on that side of both.
    """
    segments = list(itertools.pairwise(line))
    found = [_segment(point, a, b) for a, b in segments]
    index = min(range(len(found)), key=lambda i: found[i][0])
    distance, t, cross = found[index]
    if distance == 0 or (index == 0 and t == 0.0) or (index == len(found) - 1 and t == 1.0):
        return None
    if 0.0 < t < 1.0:
        return "left" if cross > 0 else "right"
    first, second = (index - 1, index) if t == 0.0 else (index, index + 1)
    a, vertex, c = segments[first][0], segments[first][1], segments[second][1]
    (ax, ay), (cx, cy) = _plane(vertex, a), _plane(vertex, c)
    turn = (0 - ax) * (cy - 0) - (0 - ay) * (cx - 0)
    left = (found[first][2] > 0, found[second][2] > 0)
    return "left" if (any(left) if turn > 0 else all(left)) else "right"


# --- Regions and places ---------------------------------------------------------------------


def enclosing(briefing: Briefing, region_id: str) -> list[str]:
    """The region and each region it lies in, innermost first (following ``parent``; a loop of
    parents, which validation reports, ends the walk)."""
    found: list[str] = []
    current: str | None = region_id
    while current is not None and current not in found:
        found.append(current)
        region = briefing.regions.get(current)
        current = region.parent if region else None
    return found


def within(briefing: Briefing, region_id: str, ancestor: str) -> bool:
    """True if the region is ``ancestor`` or lies inside it."""
    return ancestor in enclosing(briefing, region_id)


def subregions(briefing: Briefing) -> dict[str, set[str]]:
    """Each region's id → its own and those of every region inside it."""
    found: dict[str, set[str]] = {region: set() for region in briefing.regions}
    for region in briefing.regions:
        for outer in enclosing(briefing, region):
            if outer in found:
                found[outer].add(region)
    return found


def region_of(briefing: Briefing, place: str) -> str | None:
    """The region a place or region id stands in (itself for a region), or None if unknown."""
    if place in briefing.regions:
        return place
    if place in briefing.places:
        return briefing.places[place].region
    return None


@dataclass(frozen=True)
class Location:
    """One of the places an event names, as pages, maps and the open data show it."""

    place: str
    """The id the event names: a place's or a region's."""
    name: str
    """Name of that place or region."""
    region: str
    """Id of the region it stands in (itself for a region): whose page the place links to."""
    coords: Point
    """A place's own position, or a region's centre."""
    exact: bool
    """True: the point is a place's own position; False: a region's centre."""


def locate(briefing: Briefing, event: Event) -> list[Location]:
    """Where an event happened: each of its places, in its order (ids the content does not know
    are left out)."""
    found = []
    for where in event.places:
        if where in briefing.places:
            place = briefing.places[where]
            found.append(Location(where, place.name, place.region, place.coords, True))
        elif where in briefing.regions:
            region = briefing.regions[where]
            found.append(Location(where, region.name, region.id, region.centre, False))
    return found


# --- Order of events ------------------------------------------------------------------------


def event_order(event: Event) -> tuple[object, ...]:
    """Date order (a date's precision breaks ties between the same written day), then id: the
    order of the timeline, of every list of events and of the open data."""
    return (event.date, event.id)


def event_start_order(event: Event) -> tuple[object, ...]:
    """By the first day the date may mean, then id: the order of the scan for likely duplicates
    (:func:`briefing.validate.similar.likely_duplicates`). The scan stops at the first event that starts
    too late to be near, so it needs events by first day; among events starting the same day
    (a month and its first day) it keeps the order of ids, which decides which of a pair its
    warning names first, where :func:`event_order` would put the day first."""
    return (event.date.span()[0], event.id)
