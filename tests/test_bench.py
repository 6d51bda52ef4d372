"""Smoke test of the benchmark's synthetic corpus: valid, quotes verify, sizes as specified."""

from __future__ import annotations

import sys
from pathlib import Path

from briefing.pipeline import check

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import synth


def test_a_small_synthetic_briefing_passes_check(tmp_path: Path) -> None:
    synth.generate(50, tmp_path)
    briefing = check(tmp_path / "content")
    assert len(briefing.sources) == 50
    assert len(briefing.actors) == 10
    assert len(briefing.regions) == 2
    assert len(briefing.events) == 100
    assert len(briefing.debates) == 1
    words = [sum(len(p.text.split()) for p in text.paragraphs) for text in briefing.texts.values()]
    assert min(words) >= 800 and max(words) <= 2100
    assert len(briefing.matches) > 100


def test_the_synthetic_corpus_is_deterministic(tmp_path: Path) -> None:
    synth.generate(10, tmp_path / "a")
    synth.generate(10, tmp_path / "b")
    first = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    second = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert first == second
    for rel in first:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()


def test_the_synthetic_texts_name_actors_and_places(tmp_path: Path) -> None:
    from briefing.index.crossref import cross_reference

    synth.generate(50, tmp_path)
    mentions = cross_reference(check(tmp_path / "content")).mentions
    assert len(mentions.actors) == 10, "every synthetic actor is named somewhere"
    assert sum(len(found) for found in mentions.places.values()) > 100


def test_a_large_briefing_quotes_the_newest_sources_and_lists_the_others(tmp_path: Path) -> None:
    from briefing.pipeline import generate
    from briefing.render.pages import MENTIONS_SHOWN

    synth.generate(50, tmp_path)
    content = tmp_path / "content"
    briefing = check(content)
    site = generate(content)
    from briefing.index.crossref import cross_reference

    mentions = cross_reference(briefing).mentions.actors
    actor, found = max(mentions.items(), key=lambda item: len({m.source for m in item[1]}))
    sources = {m.source for m in found}
    assert len(sources) > MENTIONS_SHOWN
    page = site.pages[f"actors/{actor}.md"]
    section = page[page.index("## Mentioned in") :]
    quoted = section.count("\n**[")
    assert quoted == MENTIONS_SHOWN
    older = len(sources) - MENTIONS_SHOWN
    assert f"Also named in {older} older sources: " in section
    listed = section[section.index("Also named in") :].split("\n", 1)[0]
    assert listed.count("](../sources/") == older
