"""How things look on the maps: the colour and shape of each event kind (from the
vocabulary), a colour per year and per country.

Colour is never the only cue: the shape gives the kind's family (violence, military
action, politics) and every symbol has a text label in the legend and the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from briefing.model.briefing import Briefing
from briefing.model.types import slug
from briefing.model.vocabulary import Vocabulary

Shape = Literal["circle", "square", "diamond", "place"]


@dataclass(frozen=True)
class Style:
    """A marker's look and the label that names it in the legend and the layer control."""

    label: str
    colour: str
    shape: Shape


def kind_styles(vocabulary: Vocabulary) -> dict[str, Style]:
    """Event kind → style, in the vocabulary's order (the order of layers and legends)."""
    return {k.id: Style(k.label, k.colour, k.shape) for k in vocabulary.event_kinds}


PLACE_STYLE = Style("Place", "#ffffff", "place")

# Viridis, dark to light: older events darker, recent ones brighter.
_VIRIDIS = ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b"]


def year_colours(years: list[int]) -> dict[int, str]:
    """A colour per year, spread evenly over the palette in date order."""
    ordered = sorted(set(years))
    if len(ordered) == 1:
        return {ordered[0]: _VIRIDIS[3]}
    last = len(_VIRIDIS) - 1
    return {year: _VIRIDIS[round(i * last / (len(ordered) - 1))] for i, year in enumerate(ordered)}


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
