"""A timeline longer than one page reads well: past `urls.TIMELINE_EVENTS_MAX` events it
becomes an index of years with a page per year, and every link to an event (pages, maps,
feed, open data) points at the event's entry on its year's page."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing import urls
from briefing.urls import event_page, timeline_by_year

from .test_navigation import _nav_links
from .test_site_build import build_site

pytestmark = pytest.mark.slow

SECOND = """---
id: 2022-06-ambush
title: Ambush on a patrol near Example Town
date: "2022-06"
places: [example-town]
actors: [example-front]
kind: attack
summary: Militants attacked a checkpoint, officials said.
cite:
  - source: example-2024-report
    quote: killing three guards
distinct_from: [2024-03-checkpoint-attack]
reviewed: 2026-11-23
---
"""


def test_the_split_follows_the_number_of_events() -> None:
    assert not timeline_by_year(urls.TIMELINE_EVENTS_MAX)
    assert timeline_by_year(urls.TIMELINE_EVENTS_MAX + 1)
    assert event_page("e", 2022, urls.TIMELINE_EVENTS_MAX) == "timeline.md#e"
    assert event_page("e", 2022, urls.TIMELINE_EVENTS_MAX + 1) == "timeline/2022.md#e"


def test_a_long_timeline_has_a_page_per_year_and_every_link_finds_its_event(
    site_factory: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(urls, "TIMELINE_EVENTS_MAX", 1)
    root = site_factory({"content/events/2022-06-ambush.md": SECOND})
    out = tmp_path / "built"
    build_site(root, out)  # strict: every link and anchor resolves
    index = (out / "timeline/index.html").read_text(encoding="utf-8")
    assert 'href="2022/"' in index and 'href="2024/"' in index
    assert 'id="2024-03-checkpoint-attack"' not in index, "entries are on the year pages"
    year = (out / "timeline/2024/index.html").read_text(encoding="utf-8")
    assert 'id="2024-03-checkpoint-attack"' in year and 'id="2022-06-ambush"' not in year
    assert 'href="../2022/"' in year, "a year page links to the year before"
    assert re.search(r'class="breadcrumbs".*?href="../"', year, re.S), "and back to the timeline"
    region = (out / "regions/example-district/index.html").read_text(encoding="utf-8")
    assert "../../timeline/2024/#2024-03-checkpoint-attack" in region
    assert "timeline/2024/#2024-03-checkpoint-attack" in (out / "maps/overview.html").read_text(
        encoding="utf-8"
    )
    assert "timeline/2022/#2022-06-ambush" in (out / "feed.xml").read_text(encoding="utf-8")
    with (out / "data/events.csv").open(encoding="utf-8", newline="") as rows:
        addresses = {row["url"].split("/timeline/", 1)[1] for row in csv.DictReader(rows)}
    assert addresses == {
        "2022/#2022-06-ambush",
        "2024/#2024-03-checkpoint-attack",
    }
    assert "../2022/" in _nav_links(year), "the years are in the sidebar under Timeline"


def test_a_short_timeline_stays_one_page(site_factory: Callable[..., Path], tmp_path: Path) -> None:
    root = site_factory({"content/events/2022-06-ambush.md": SECOND})
    out = tmp_path / "built"
    build_site(root, out)
    assert not (out / "timeline/2024").exists()
    index = (out / "timeline/index.html").read_text(encoding="utf-8")
    assert 'id="2024-03-checkpoint-attack"' in index and 'id="2022-06-ambush"' in index
