"""Events that look like the same event: the duplicate warning of ``briefing check`` and the
"existing events" that ``briefing suggest`` lists for a new source.

Two events look alike when they are of the same kind, their dates are near (two days at most
:data:`NEAR_DAYS` apart, or a month or year and a date within it), their places agree (they
share a place, one names a region the other's place lies in, or neither has a place) and their
actors do not exclude each other (one names none, or they share one). An editor who has checked
that two such events differ says so with ``distinct_from``.
"""

from __future__ import annotations

from collections.abc import Iterator

from briefing.geometry import event_start_order, region_of, within
from briefing.model.briefing import Briefing
from briefing.model.models import Event

NEAR_DAYS = 7
"""Two dates known to the day this many days apart or less may be the same event (a month or a
year is near a date inside it)."""


def _covers(briefing: Briefing, broad: str, narrow: str) -> bool:
    """A place or region id ``broad`` is, or contains, the place or region ``narrow``."""
    if broad == narrow:
        return True
    region = region_of(briefing, narrow)
    return broad in briefing.regions and region is not None and within(briefing, region, broad)


def same_places(briefing: Briefing, a: Event, b: Event) -> list[str]:
    """The places two events have in common (a region covering the other's place counts);
    for two events without a place, ``["no place"]``."""
    if not a.places and not b.places:
        return ["no place"]
    found = [
        x if x == y else f"{x} and {y}"
        for x in a.places
        for y in b.places
        if _covers(briefing, x, y) or _covers(briefing, y, x)
    ]
    return list(dict.fromkeys(found))


def likely_duplicates(briefing: Briefing) -> Iterator[tuple[Event, Event, str]]:
    """Each pair of events that look like the same event and are not marked distinct, with why."""
    events = sorted(briefing.events.values(), key=event_start_order)
    for index, a in enumerate(events):
        last = a.date.span()[1].toordinal() + NEAR_DAYS
        for b in events[index + 1 :]:
            if b.date.span()[0].toordinal() > last:
                break
            if a.kind != b.kind or not a.date.near(b.date, NEAR_DAYS):
                continue
            if b.id in a.distinct_from or a.id in b.distinct_from:
                continue
            if a.actors and b.actors and not set(a.actors) & set(b.actors):
                continue  # each names who was involved, and no one is in both
            places = same_places(briefing, a, b)
            if places:
                dates = a.date.iso() if a.date == b.date else f"{a.date.iso()} and {b.date.iso()}"
                yield a, b, f"both {a.kind}, {dates}, at {'; '.join(places)}"
