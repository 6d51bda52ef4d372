"""Editorial presentation: sources that argue a view are tagged wherever they are cited, and
the dateline gives the sources' publication window beside the review date.

Tiny-site tests build the base fixture with a partisan commentary and an opinion piece added
(never changing the base fixture itself); the expected window follows from their dates, and
their ids sort in another order than their dates, so the window cannot come from file order.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.model.models import Source
from briefing.options import Options
from briefing.pipeline import generate
from briefing.render import labels
from briefing.render.renderer import Site

PARTISAN = "zine-2022-hot-take"
OPINION = "atlas-2025-view"

PARTISAN_SOURCE = f"""---
id: {PARTISAN}
title: A hot take on the border
outlet: null
outlet_note: The received text names no outlet.
author: null
author_note: No byline in the received text.
published: "2022-11"
published_note: Test fixture.
url: null
url_note: Not in the received text.
kind: commentary
partisan: true
perspective: A partisan test fixture.
rights: excerpts
summary: A partisan piece used by the test suite.
raw: {PARTISAN}.txt
reviewed: 2026-11-23
---

The Example Front is a heroic movement, the blog says. {{#p1}}
"""

OPINION_SOURCE = f"""---
id: {OPINION}
title: A view on the border
outlet: Example Weekly
author: A. Writer
published: "2025"
published_note: Test fixture.
url: https://example.org/view
kind: opinion
perspective: An opinion test fixture.
rights: excerpts
summary: An opinion piece used by the test suite.
raw: {OPINION}.txt
reviewed: 2026-11-23
---

Talks with the Example Front are overdue, the writer argues. {{#p1}}
"""

FRONT = """---
id: example-front
name: Example Front
kind: armed-group
aliases: [Example Front]
description: A fictional group that, the report says, denies any role [@example-2024-report "the Example Front denies any role"].
regions: [example-district]
relations:
  - type: fights
    target: example-police
    qualifier: reported
    cite:
      - source: example-2024-report
        quote: militants attacked a checkpoint
      - source: zine-2022-hot-take
        quote: a heroic movement
reviewed: 2026-11-23
---
The Example Front denies any role, the report says [@example-2024-report "the Example Front denies any role"]; a partisan blog calls it "a heroic movement" [@zine-2022-hot-take "a heroic movement"], and an opinion piece calls talks overdue [@atlas-2025-view "Talks with the Example Front are overdue"].
"""

EVENT = """---
id: 2024-03-checkpoint-attack
title: Attack on a checkpoint near Example Town
date: "2024-03"
places: [example-town]
actors: [example-front, example-police]
kind: attack
casualties: Three guards killed, according to officials quoted by Example Daily.
summary: Militants attacked a checkpoint, officials said.
cite:
  - source: example-2024-report
    quote: killing three guards
  - source: zine-2022-hot-take
    quote: a heroic movement
reviewed: 2026-11-23
---
"""

FILES = {
    f"content/sources/{PARTISAN}.md": PARTISAN_SOURCE,
    f"content/raw/{PARTISAN}.txt": "The Example Front is a heroic movement, the blog says.\n",
    f"content/sources/{OPINION}.md": OPINION_SOURCE,
    f"content/raw/{OPINION}.txt": "Talks with the Example Front are overdue, the writer argues.\n",
    "content/actors/example-front.md": FRONT,
    "content/events/2024-03-checkpoint-attack.md": EVENT,
}

MARKER_TITLE = re.compile(r'\]\([^ )]+ "([^"]*)"\)\{ \.cite[^}]*\}')


@pytest.fixture
def tiny(site_factory: Callable[..., Path]) -> Callable[..., Site]:
    """Generate the fixture site, optionally with files changed."""

    def build(files: dict[str, str] | None = None) -> Site:
        return generate(site_factory(files) / "content", Options(site_url="https://example.org/"))

    return build


@pytest.fixture
def tagged(tiny: Callable[..., Site]) -> Site:
    """The fixture site with a partisan commentary and an opinion piece cited."""
    return tiny(FILES)


def source(**changes: object) -> Source:
    fields: dict[str, object] = {
        "id": "x-2024-y",
        "title": "T",
        "outlet": "O",
        "author": "A",
        "published": "2024",
        "url": None,
        "url_note": "none",
        "kind": "news",
        "perspective": "P",
        "rights": "excerpts",
        "summary": "S",
        "raw": "x.txt",
        "reviewed": "2026-11-23",
    }
    return Source.model_validate(fields | changes)


# --- The tag ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "tag", "credit"),
    [
        ({}, "", "O"),
        ({"kind": "analysis"}, "", "O"),
        ({"kind": "opinion"}, "opinion", "O (opinion)"),
        ({"kind": "commentary"}, "commentary", "O (commentary)"),
        ({"kind": "commentary", "partisan": True}, "partisan commentary", "O (partisan commentary)"),
        ({"kind": "analysis", "partisan": True}, "partisan analysis", "O (partisan analysis)"),
        (
            {"outlet": None, "outlet_note": "n", "partisan": True},
            "partisan news",
            "outlet not stated (partisan news)",
        ),
    ],
)
def test_tag_names_views_and_partisanship(changes: dict[str, object], tag: str, credit: str) -> None:
    s = source(**changes)
    assert labels.source_tag(s) == tag
    assert labels.source_credit(s) == credit
    assert labels.source_kind(s) == (tag or s.kind)


def test_tooltips_tag_partisan_and_opinion_sources_only(tagged: Site) -> None:
    titles = MARKER_TITLE.findall(tagged.pages["actors/example-front.md"])
    by_quote = {t.split("”")[0].lstrip("“"): t for t in titles}
    assert by_quote["a heroic movement"].endswith(", outlet not stated (partisan commentary), November 2022")
    assert by_quote["Talks with the Example Front are overdue"].endswith(", Example Weekly (opinion), 2025")
    assert by_quote["the Example Front denies any role"].endswith(", Example Daily, March 2024")


def test_cited_list_tags_partisan_and_opinion_sources(tagged: Site) -> None:
    page = tagged.pages["actors/example-front.md"]
    items = page[page.index("## Sources cited on this page") :].split("<li ")[1:]
    partisan = [i for i in items if f"sources/{PARTISAN}.md" in i]
    opinion = [i for i in items if f"sources/{OPINION}.md" in i]
    news = [i for i in items if "sources/example-2024-report.md" in i]
    assert partisan and all("outlet not stated (partisan commentary), November 2022" in i for i in partisan)
    assert opinion and all("Example Weekly (opinion), 2025" in i for i in opinion)
    assert news and all(
        "Example Daily, March 2024" in i and "(" not in i.split("Example Daily")[1] for i in news
    )


def test_source_pages_and_library_show_the_tag(tagged: Site) -> None:
    partisan = tagged.pages[f"sources/{PARTISAN}.md"]
    assert '!!! warning "Partisan commentary"' in partisan
    assert "| Kind | partisan commentary |" in partisan
    opinion = tagged.pages[f"sources/{OPINION}.md"]
    assert '!!! note "Opinion"' in opinion
    assert "| Kind | opinion |" in opinion
    assert "!!!" not in tagged.pages["sources/example-2024-report.md"].split("## Summary")[0]
    library = tagged.pages["sources/index.md"]
    assert "| partisan commentary |" in library and "| opinion |" in library and "| news |" in library


def test_open_data_tags_partisan_sources(tagged: Site) -> None:
    def rows(name: str) -> list[dict[str, str]]:
        text = tagged.assets[f"data/{name}"]
        assert isinstance(text, str)
        return list(csv.DictReader(io.StringIO(text, newline="")))

    (event,) = rows("events.csv")
    assert event["tagged_sources"] == f"{PARTISAN} (partisan commentary)"
    relation = next(r for r in rows("relations.csv") if r["actor"] == "example-front")
    assert relation["tagged_sources"] == f"{PARTISAN} (partisan commentary)"
    document = tagged.assets["data/briefing.json"]
    assert isinstance(document, str)
    tags = {s["id"]: s["tag"] for s in json.loads(document)["sources"]}
    assert tags == {"example-2024-report": "", PARTISAN: "partisan commentary", OPINION: "opinion"}


def test_untagged_citations_have_an_empty_tagged_sources_cell(tiny: Callable[..., Site]) -> None:
    text = tiny().assets["data/events.csv"]
    assert isinstance(text, str)
    (event,) = list(csv.DictReader(io.StringIO(text, newline="")))
    assert event["tagged_sources"] == ""


# --- The dateline -------------------------------------------------------------------------


def test_dateline_gives_the_window_computed_from_the_sources(tagged: Site) -> None:
    home = tagged.pages["index.md"]
    assert "<strong>Sources published November 2022 – 2025</strong> · last reviewed" in home
    assert "As of" not in home
    for page in ("timeline.md", "sources/index.md", "actors/index.md", "regions/index.md", "glossary.md"):
        assert "Sources published November 2022 – 2025 · last reviewed" in tagged.pages[page], page


def test_dateline_of_a_single_source_is_its_date(tiny: Callable[..., Site]) -> None:
    home = tiny().pages["index.md"]
    assert "<strong>Sources published March 2024</strong>" in home
    assert "March 2024 –" not in home


def test_tagged_pages_are_byte_identical_between_builds(tiny: Callable[..., Site]) -> None:
    first, second = tiny(FILES), tiny(FILES)
    assert first.pages == second.pages
    assert first.assets["data/briefing.json"] == second.assets["data/briefing.json"]
