"""Where content is: regions inside regions, events at their places, the order of events."""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

from briefing.geometry import (
    Location,
    enclosing,
    event_order,
    event_start_order,
    locate,
    region_of,
    subregions,
    within,
)
from briefing.model.briefing import Briefing
from briefing.model.types import PartialDate
from briefing.pipeline import check

BASE = Path(__file__).parent / "fixtures" / "base" / "content"


@cache
def base() -> Briefing:
    return check(BASE)


def test_a_region_lies_within_itself_and_the_regions_around_it() -> None:
    briefing = base()
    district = briefing.regions["example-district"]
    briefing = dataclasses.replace(
        briefing,
        regions={**briefing.regions, district.id: district.model_copy(update={"parent": "example-province"})},
    )
    assert enclosing(briefing, "example-district") == ["example-district", "example-province"]
    assert within(briefing, "example-district", "example-province")
    assert within(briefing, "example-district", "example-district")
    assert not within(briefing, "example-province", "example-district")
    assert subregions(briefing) == {
        "example-province": {"example-province", "example-district"},
        "example-district": {"example-district"},
    }
    province = briefing.regions["example-province"]
    looped = dataclasses.replace(
        briefing,
        regions={**briefing.regions, province.id: province.model_copy(update={"parent": "example-district"})},
    )
    assert enclosing(looped, "example-district") == ["example-district", "example-province"], "a loop ends"
    assert subregions(looped)["example-district"] == {"example-district", "example-province"}


def test_an_event_is_located_at_each_place_it_names() -> None:
    briefing = base()
    event = briefing.events["2024-03-checkpoint-attack"]
    town = Location("example-town", "Example Town", "example-district", (33.1, 70.1), True)
    assert locate(briefing, event) == [town]
    province = briefing.regions["example-province"]
    elsewhere = event.model_copy(update={"places": ["example-province", "nowhere", "example-town"]})
    assert locate(briefing, elsewhere) == [
        Location("example-province", province.name, "example-province", province.centre, False),
        town,
    ]
    assert region_of(briefing, "example-town") == "example-district"
    assert region_of(briefing, "example-province") == "example-province"
    assert region_of(briefing, "nowhere") is None


def test_the_duplicate_scan_orders_a_month_and_its_first_day_by_id() -> None:
    event = base().events["2024-03-checkpoint-attack"]
    month = event.model_copy(update={"id": "b-month", "date": PartialDate.parse("2024-03")})
    day = event.model_copy(update={"id": "z-day", "date": PartialDate.parse("2024-03-01")})
    later = event.model_copy(update={"id": "a-later", "date": PartialDate.parse("2024-03-02")})
    assert [e.id for e in sorted([later, month, day], key=event_order)] == ["z-day", "b-month", "a-later"]
    assert [e.id for e in sorted([later, month, day], key=event_start_order)] == [
        "b-month",
        "z-day",
        "a-later",
    ]
