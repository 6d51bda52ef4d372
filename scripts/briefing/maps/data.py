"""What each map shows, decided once from the briefing; drawing and the text alternative both read it.

A :class:`MapSpec` lists the outlines, places and located events of one map. The map
file is drawn from it and its :class:`Row` list (the table beside the map) is derived
from it, so the table lists exactly what the map shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from briefing.geometry import event_order, locate, within
from briefing.maps.styles import Style, kind_styles
from briefing.model.briefing import Briefing
from briefing.model.models import Border, Event, Place, Region
from briefing.model.types import slug
from briefing.urls import map_drawing, map_file

Role = Literal["region", "main", "facing", "context"]
"""region: one of many (overview); main: the map's subject; facing: across the border from it;
context: background for events."""
ColourBy = Literal["kind", "year"]


@dataclass(frozen=True)
class Located:
    """An event with the point it is drawn at."""

    event: Event
    lat: float
    lon: float
    where: str
    """Name of the place or region the point stands for."""
    region: str
    """Id of the region whose page the place links to."""
    exact: bool
    """True: the point is a place's own position; False: a region's centre."""
    key: str
    """Id of the point on a map: the event's id, with the place's for an event at several."""


@dataclass(frozen=True)
class Outline:
    """A region outline and how it is drawn."""

    region: Region
    role: Role
    labelled: bool = False
    """True: the region's name is written on the map."""

    @property
    def colour(self) -> str:
        """Colour class: the region's country, or ``context`` for background outlines."""
        return "context" if self.role == "context" else slug(self.region.country)


@dataclass
class MapSpec:
    """One map: its identity and everything drawn on it."""

    id: str
    title: str
    summary: str
    outlines: list[Outline] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Located] = field(default_factory=list)
    borders: tuple[Border, ...] = ()
    colour_by: ColourBy = "kind"
    styles: tuple[tuple[str, Style], ...] = ()
    """Each event kind's look, in the vocabulary's order."""
    reference: str | None = None
    """The attribution of the reference geography the map draws under its own layers
    (:mod:`briefing.model.geography`, shared by every map), or None when the briefing has none."""

    def style(self, kind: str) -> Style:
        """The look of an event kind."""
        return dict(self.styles)[kind]

    @property
    def note(self) -> str:
        """What the map draws approximately, said under it and in its legend."""
        return note(self.borders)

    @property
    def path(self) -> str:
        """Docs path of the map file."""
        return map_file(self.id)

    @property
    def svg_path(self) -> str:
        """Docs path of the map's static drawing, for print (:mod:`briefing.maps.static`)."""
        return map_drawing(self.id)


def points_of(briefing: Briefing, event: Event) -> list[Located]:
    """Where an event is drawn: at each of its places (:func:`briefing.geometry.locate`), a
    place's own position or a region's centre; nowhere when it has no place."""
    several = len(event.places) > 1
    return [
        Located(
            event,
            *at.coords,
            at.name,
            at.region,
            at.exact,
            f"{event.id}--{at.place}" if several else event.id,
        )
        for at in locate(briefing, event)
    ]


def located_events(briefing: Briefing) -> list[Located]:
    """Every point of every event that has a place, in date order."""
    events = sorted(briefing.events.values(), key=event_order)
    return [found for event in events for found in points_of(briefing, event)]


def outlined(briefing: Briefing) -> list[Region]:
    """Regions with an outline, by id."""
    return [r for _, r in sorted(briefing.regions.items()) if r.outline]


def _distinct(events: list[Located]) -> int:
    """How many events the points stand for (an event at several places is one)."""
    return len({e.event.id for e in events})


def drawn(events: list[Located]) -> list[Located]:
    """The points a map draws: places' own positions. An event known only by its region is
    listed in the map's table as not located, never drawn at the region's centre, where it
    would read as a real location."""
    return [e for e in events if e.exact]


def border_name(border: Border) -> str:
    """How maps name the border: ``Durand Line (approximate)`` when it is simplified."""
    return f"{border.name} (approximate)" if border.approximate else border.name


def _located(events: list[Located]) -> str:
    """``4 located events`` and, when some are known only by region, how many more are listed."""
    points = drawn(events)
    text = _count(_distinct(points), "located event")
    others = {e.event.id for e in events} - {e.event.id for e in points}
    if others:
        text += f" ({len(others)} more, known only by region, are listed in the table as not located)"
    return text


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def note(borders: tuple[Border, ...]) -> str:
    """``Outlines and the Durand Line are simplified and approximate.``"""
    names = _names([b.name for b in borders if b.approximate])
    return (
        f"Outlines and the {names} are simplified and approximate."
        if names
        else "Outlines are simplified and approximate."
    )


def borders_of(briefing: Briefing) -> tuple[Border, ...]:
    """Every border, in order of id."""
    return tuple(briefing.borders[key] for key in sorted(briefing.borders))


def overview_spec(briefing: Briefing, events: list[Located]) -> MapSpec:
    """All border regions, the border and every located event, by kind."""
    regions = outlined(briefing)
    borders = borders_of(briefing)
    # Not "along the Durand Line": an outlined region need not touch the border (Bannu does not).
    near = f" on and near the {_names([b.name for b in borders])}" if borders else ""
    summary = f"The {_count(len(regions), 'outlined region')}{near} and {_located(events)}, by kind. {note(borders)}"
    outlines = [Outline(r, "region") for r in regions]
    return MapSpec("overview", "Map of the border regions and events", summary, outlines, [], events, borders)


def region_spec(briefing: Briefing, region: Region, events: list[Located]) -> MapSpec:
    """A region's outline, the regions facing it, its places and its events."""
    facing = [briefing.regions[f] for f in region.facing if f in briefing.regions]
    outlines = [Outline(region, "main", True)] + [Outline(f, "facing", True) for f in facing if f.outline]
    places = [p for _, p in sorted(briefing.places.items()) if within(briefing, p.region, region.id)]
    mine = [e for e in events if within(briefing, e.region, region.id)]
    across = f", facing {_names([r.name for r in facing])} across the border" if facing else ""
    title = f"Map of {region.name}" + (f" and {_names([r.name for r in facing])}" if facing else "")
    summary = (
        f"{region.name} ({region.country}){across}, with "
        f"{_count(len(places), 'place')} and {_located(mine)}. {note(borders_of(briefing))}"
    )
    return MapSpec(f"region-{region.id}", title, summary, outlines, places, mine, borders_of(briefing))


def timeline_spec(briefing: Briefing, events: list[Located]) -> MapSpec:
    """Every located event coloured by year, over the border regions for context."""
    outlines = [Outline(r, "context") for r in outlined(briefing)]
    years = sorted({e.event.date.year for e in drawn(events)})
    span = f" from {years[0]} to {years[-1]}" if years else ""
    borders = borders_of(briefing)
    summary = f"{_located(events)} of the timeline{span}, by year. {note(borders)}"
    return MapSpec("timeline", "Map of the timeline by year", summary, outlines, [], events, borders, "year")


def actor_spec(briefing: Briefing, actor_id: str, events: list[Located]) -> MapSpec:
    """The located events an actor is involved in, with the outlines of its regions."""
    actor = briefing.actors[actor_id]
    mine = [e for e in events if actor_id in e.event.actors]
    regions = [briefing.regions[r] for r in actor.regions if r in briefing.regions]
    outlines = [Outline(r, "context") for r in regions if r.outline]
    summary = f"{_located(mine)} involving {actor.name}, by kind. {note(borders_of(briefing))}"
    return MapSpec(
        f"actor-{actor_id}",
        f"Map of events involving {actor.name}",
        summary,
        outlines,
        [],
        mine,
        borders_of(briefing),
    )


def _names(names: list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def all_specs(briefing: Briefing) -> list[MapSpec]:
    """Every map of the site: overview, one per outlined region, timeline, one per actor with
    an event to draw."""
    events = located_events(briefing)
    specs = [overview_spec(briefing, events)]
    specs += [region_spec(briefing, r, events) for r in outlined(briefing)]
    specs.append(timeline_spec(briefing, events))
    actors = sorted({a for e in drawn(events) for a in e.event.actors if a in briefing.actors})
    specs += [actor_spec(briefing, a, events) for a in actors]
    styles = tuple(kind_styles(briefing.vocabulary).items())
    for spec in specs:
        spec.styles = styles
        if briefing.geography is not None:
            spec.reference = briefing.geography.attribution
    return specs
