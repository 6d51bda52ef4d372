"""What links to what: the cross-references every page type reads, computed once.

The content records links in one direction (an event names its actors, a region its
parent); pages need both directions. Every list here is sorted, so pages built from
it are deterministic.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from briefing.geometry import Location, event_order, locate, subregions
from briefing.index.mentions import Mentions, find_mentions
from briefing.model.briefing import Briefing
from briefing.model.models import Actor, Debate, Event, Position, Region, Relation

if TYPE_CHECKING:
    from briefing.cache import Kept


@dataclass(frozen=True)
class Incoming:
    """A relation another actor records towards this one."""

    actor: Actor
    relation: Relation


@dataclass(frozen=True)
class Stance:
    """A position an actor holds in a debate."""

    debate: Debate
    position: Position


@dataclass(frozen=True)
class Presence:
    """Why an actor counts as active in a region."""

    actor: Actor
    listed: bool
    """The actor's own ``regions`` include the region."""
    events: list[Event]
    """The region's events the actor takes part in."""


@dataclass
class CrossRef:
    """Reverse links between content items."""

    events: list[Event] = field(default_factory=list)
    """Every event, in date order."""
    locations: dict[str, list[Location]] = field(default_factory=dict)
    """Where each event happened (:func:`briefing.geometry.locate`), by event id; events without
    a place are left out."""
    event_regions: dict[str, list[str]] = field(default_factory=dict)
    """Region ids of each event (its places' regions, or the regions it names), by event id."""
    actor_events: dict[str, list[Event]] = field(default_factory=dict)
    incoming: dict[str, list[Incoming]] = field(default_factory=dict)
    stances: dict[str, list[Stance]] = field(default_factory=dict)
    children: dict[str, list[Region]] = field(default_factory=dict)
    region_events: dict[str, list[Event]] = field(default_factory=dict)
    """Events in a region or any region inside it."""
    presence: dict[str, list[Presence]] = field(default_factory=dict)
    mentions: Mentions = field(default_factory=Mentions)


def cross_reference(briefing: Briefing, workers: int = 1, kept: Kept[Any] | None = None) -> CrossRef:
    """Every reverse link of the briefing (``workers`` processes scan the texts for mentions,
    reusing what ``kept`` holds from earlier runs; see :mod:`briefing.cache`)."""
    xref = CrossRef(events=sorted(briefing.events.values(), key=event_order))
    for event in xref.events:
        locations = locate(briefing, event)
        if locations:
            xref.locations[event.id] = locations
            xref.event_regions[event.id] = list(dict.fromkeys(at.region for at in locations))
    xref.actor_events = _actor_events(briefing, xref.events)
    xref.incoming = _incoming(briefing)
    xref.stances = _stances(briefing)
    xref.children = _children(briefing)
    inside = subregions(briefing)
    xref.region_events = {region: _events_within(xref, inside[region]) for region in sorted(briefing.regions)}
    xref.presence = {region: _presence(briefing, xref, region) for region in sorted(briefing.regions)}
    xref.mentions = find_mentions(briefing, workers, kept)
    return xref


def _actor_events(briefing: Briefing, events: list[Event]) -> dict[str, list[Event]]:
    found: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        for actor in sorted(set(event.actors)):
            found[actor].append(event)
    return dict(sorted(found.items()))


def _incoming(briefing: Briefing) -> dict[str, list[Incoming]]:
    found: dict[str, list[Incoming]] = defaultdict(list)
    for actor in sorted(briefing.actors.values(), key=lambda a: a.id):
        for relation in actor.relations:
            found[relation.target].append(Incoming(actor, relation))
    return dict(sorted(found.items()))


def _stances(briefing: Briefing) -> dict[str, list[Stance]]:
    found: dict[str, list[Stance]] = defaultdict(list)
    for debate in sorted(briefing.debates.values(), key=lambda d: d.id):
        for position in debate.positions:
            for actor in sorted(set(position.held_by)):
                found[actor].append(Stance(debate, position))
    return dict(sorted(found.items()))


def _children(briefing: Briefing) -> dict[str, list[Region]]:
    found: dict[str, list[Region]] = defaultdict(list)
    for region in sorted(briefing.regions.values(), key=lambda r: (r.name, r.id)):
        if region.parent:
            found[region.parent].append(region)
    return dict(sorted(found.items()))


def _events_within(xref: CrossRef, inside: set[str]) -> list[Event]:
    """The events in any of the regions ``inside`` (a region and those inside it), in date order."""
    return [e for e in xref.events if not inside.isdisjoint(xref.event_regions.get(e.id, ()))]


def _presence(briefing: Briefing, xref: CrossRef, region: str) -> list[Presence]:
    events = xref.region_events.get(region, [])
    found = []
    for actor in sorted(briefing.actors.values(), key=lambda a: (a.name.casefold(), a.id)):
        theirs = [e for e in events if actor.id in e.actors]
        listed = region in actor.regions
        if listed or theirs:
            found.append(Presence(actor, listed, theirs))
    return found
