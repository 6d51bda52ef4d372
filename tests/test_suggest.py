"""`briefing suggest`: what a new source names, its dates, similar events and draft citations."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.curate.suggest import suggest
from briefing.pipeline import check

ARTICLE = """---
id: example-2024-follow-up
title: null
outlet: null
---

Officials said on 12 March 2024 that the Example Front attacked a checkpoint near Example Town. {#p1}

The Northgate Relief Council said it had sent food to Example District, and the Northgate Relief Council asked for calm. {#p2}
"""

SILENT_ACTOR = """---
id: example-front
name: Example Front
kind: armed-group
aliases: [Example Front]
description: A fictional group that, the report says, denies any role [@example-2024-report "the Example Front denies any role"].
reviewed: 2026-11-23
---
The Example Front denies any role, the report says [@example-2024-report "the Example Front denies any role"].

The sources do not name the Northgate Relief Council or say who leads it.
"""


@pytest.fixture
def site(site_factory: Callable[..., Path]) -> Path:
    root = site_factory(
        {
            "content/sources/example-2024-follow-up.md": ARTICLE,
            "content/actors/example-front.md": SILENT_ACTOR,
        }
    )
    return root / "content"


def test_known_items_are_found_through_their_names(site: Path) -> None:
    found = suggest(site, site / "sources" / "example-2024-follow-up.md")
    known = {(n.kind, n.id): n.paras for n in found.known}
    assert known[("actor", "example-front")] == ["p1"]
    assert known[("place", "example-town")] == ["p1"]
    assert known[("region", "example-district")] == ["p2"]


def test_new_names_are_counted(site: Path) -> None:
    found = suggest(site, site / "sources" / "example-2024-follow-up.md")
    assert ("Northgate Relief Council", 2) in found.new_names
    assert not any("Example" in name for name, _ in found.new_names)


def test_dates_and_the_same_event(site: Path) -> None:
    found = suggest(site, site / "sources" / "example-2024-follow-up.md")
    assert [(d.text, d.date, d.para) for d in found.dates] == [("12 March 2024", "2024-03-12", "p1")]
    assert [e.id for e in found.events] == ["2024-03-checkpoint-attack"]
    assert len(found.events[0].reasons) == 3


def test_draft_citations_quote_the_source_verbatim(site: Path) -> None:
    found = suggest(site, site / "sources" / "example-2024-follow-up.md")
    text = (site / "sources" / "example-2024-follow-up.md").read_text(encoding="utf-8")
    drafts = found.citations["actor example-front"]
    assert drafts[0]["source"] == "example-2024-follow-up" and drafts[0]["para"] == "p1"
    assert "Example Front" in drafts[0]["quote"]
    for cites in found.citations.values():
        for cite in cites:
            assert cite["quote"] in text


def test_silences_this_source_may_answer(site: Path) -> None:
    found = suggest(site, site / "sources" / "example-2024-follow-up.md")
    [silence] = found.silences
    assert silence.file.endswith("actors/example-front.md")
    assert silence.sentence == "The sources do not name the Northgate Relief Council or say who leads it."
    assert "Northgate" in silence.names


def test_drafts_pass_the_checker_once_pasted(site_factory: Callable[..., Path]) -> None:
    """A valid source's draft citation, pasted into an event, verifies."""
    content = site_factory() / "content"
    found = suggest(content, content / "sources" / "example-2024-report.md")
    cite = found.citations["place example-town"][0]
    event = (content / "events" / "2024-03-checkpoint-attack.md").read_text(encoding="utf-8")
    event = event.replace(
        "    quote: killing three guards", f"    quote: {json.dumps(cite['quote'])}\n    para: {cite['para']}"
    )
    (content / "events" / "2024-03-checkpoint-attack.md").write_text(event, encoding="utf-8")
    assert check(content).events


def test_cli_text_and_json(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = str(site / "sources" / "example-2024-follow-up.md")
    assert main(["--content", str(site), "suggest", source]) == 0
    out = capsys.readouterr().out
    assert "Northgate Relief Council: 2×" in out and "  - source: example-2024-follow-up" in out
    assert main(["--content", str(site), "suggest", "example-2024-follow-up", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source"] == "example-2024-follow-up"
    assert {"name": "Northgate Relief Council", "count": 2} in data["new_names"]


def test_cli_missing_source_is_one_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--content", str(tmp_path), "suggest", str(tmp_path / "nope.md")]) == 2
    assert capsys.readouterr().err == f"error: {tmp_path / 'nope.md'}: no such file\n"
