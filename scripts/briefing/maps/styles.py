"""How things look on the maps: one colour and shape per event kind, a colour per year.

Colour is never the only cue: the shape gives the kind's family (violence, military
action, politics) and every symbol has a text label in the legend and the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from ..content import Briefing
from ..models import EventKind
from ..types import slug

Shape = Literal["circle", "square", "diamond", "place"]


@dataclass(frozen=True)
class Style:
    """A marker's look and the label that names it in the legend and the layer control."""

    label: str
    colour: str
    shape: Shape


KIND_STYLES: dict[str, Style] = {
    "attack": Style("Attack", "#d62728", "circle"),
    "suicide-bombing": Style("Suicide bombing", "#8c1c13", "circle"),
    "hostage-crisis": Style("Hostage crisis", "#ff7f0e", "circle"),
    "airstrike": Style("Airstrike", "#1f77b4", "square"),
    "drone-strike": Style("Drone strike", "#17becf", "square"),
    "shelling": Style("Shelling", "#9467bd", "square"),
    "ground-operation": Style("Ground operation", "#2ca02c", "square"),
    "talks": Style("Talks", "#bcbd22", "diamond"),
    "ceasefire": Style("Ceasefire", "#7f7f7f", "diamond"),
    "statement": Style("Statement", "#e377c2", "diamond"),
    "election": Style("Election", "#8c564b", "diamond"),
    "diplomacy": Style("Diplomacy", "#393b79", "diamond"),
    "political": Style("Political", "#c9a800", "diamond"),
}
"""Event kind → style; circles are violence, squares military action, diamonds politics."""

PLACE_STYLE = Style("Place", "#ffffff", "place")

# Viridis, dark to light: older events darker, recent ones brighter.
_VIRIDIS = ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b"]


def kind_style(kind: str) -> Style:
    """The style of an event kind; every kind of the schema has one (checked by the tests)."""
    return KIND_STYLES[kind]


def year_colours(years: list[int]) -> dict[int, str]:
    """A colour per year, spread evenly over the palette in date order."""
    ordered = sorted(set(years))
    if len(ordered) == 1:
        return {ordered[0]: _VIRIDIS[3]}
    last = len(_VIRIDIS) - 1
    return {year: _VIRIDIS[round(i * last / (len(ordered) - 1))] for i, year in enumerate(ordered)}


def missing_kinds() -> set[str]:
    """Event kinds of the schema without a style (should be empty)."""
    return set(get_args(EventKind)) - set(KIND_STYLES)


COUNTRY_PALETTE = [
    ("#00796b", "#4db6ac"),
    ("#7b1fa2", "#ce93d8"),
    ("#c62828", "#ef9a9a"),
    ("#1565c0", "#90caf9"),
    ("#ef6c00", "#ffcc80"),
    ("#2e7d32", "#a5d6a7"),
]
"""Colours (light, dark) of countries a briefing without ``area.yml`` does not colour itself."""


@dataclass(frozen=True)
class CountryColour:
    """A country's class on maps (``bm-outline-<key>``) and its colours on both palettes."""

    key: str
    light: str
    dark: str


def country_colours(briefing: Briefing) -> tuple[CountryColour, ...]:
    """Every country's colours: those of area.yml, or else the palette's, in order of name."""
    if briefing.area is not None:
        return tuple(CountryColour(slug(c.name), c.colour, c.dark) for c in briefing.area.countries)
    names = sorted({region.country for region in briefing.regions.values()})
    return tuple(
        CountryColour(slug(name), *COUNTRY_PALETTE[index % len(COUNTRY_PALETTE)])
        for index, name in enumerate(names)
    )
