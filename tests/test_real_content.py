"""The repository's own content: clean, complete, and every quote really in its source."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from briefing.errors import ContentError
from briefing.model.briefing import Briefing
from briefing.model.models import Citation
from briefing.model.text import norm
from briefing.pipeline import check, generate

from .conftest import ROOT

CONTENT = ROOT / "content"


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    return check(CONTENT)


def all_citations(briefing: Briefing) -> list[Citation]:
    from briefing.validate.checks import walk

    found = [v for item in briefing.items for v, _, _ in walk(item.model) if isinstance(v, Citation)]
    for body in briefing.bodies.values():
        found += [Citation(source=m.source, quote=m.quote, para=m.para, ref=m.ref) for m in body.markers]
    return found


def test_content_is_clean(briefing: Briefing) -> None:
    assert briefing.sources and briefing.matches


def test_counts_meet_the_brief(briefing: Briefing) -> None:
    """At least what the brief asks for: a content pull request only ever adds to it."""
    assert len(briefing.sources) >= 5
    assert len(briefing.actors) >= 40
    assert len(briefing.events) >= 25
    assert len(briefing.debates) >= 7
    for region in ("north-waziristan", "south-waziristan", "bannu", "chaman", "kunar", "khost"):
        assert briefing.regions[region].kind == "border-region"
    assert briefing.borders and all(b.approximate for b in briefing.borders.values())
    terms = {entry.term for entry in briefing.glossary}
    assert {
        "TTP",
        "ISI",
        "ISPR",
        "ISKP",
        "CTD",
        "KP",
        "FATA",
        "PTI",
        "PML-N",
        "PDM",
        "HGB",
        "APS",
        "CIA",
    } <= terms


def test_every_item_has_its_page_and_every_section_its_index(briefing: Briefing) -> None:
    site = generate(CONTENT)
    for collection in ("sources", "actors", "regions", "debates"):
        assert f"{collection}/index.md" in site.pages
        for item_id in getattr(briefing, collection):
            page = f"{collection}/{item_id}.md"
            assert site.pages.get(page, "").startswith("---\n"), page
            assert site.edit[page] == f"content/{collection}/{item_id}.md"
    for page in ("index.md", "timeline.md", "glossary.md", "data.md"):
        assert page in site.pages
    assert all(f"{{ #{event_id} }}" in site.pages["timeline.md"] for event_id in briefing.events)


def test_named_actors_exist(briefing: Briefing) -> None:
    named = [
        "ttp",
        "hafiz-gul-bahadur-group",
        "majlis-e-askari",
        "ittehad-ul-mujahideen",
        "al-qaeda",
        "iskp",
        "uyghur-militants",
        "islamic-movement-of-uzbekistan",
        "katibat-imam-al-bukhari",
        "baloch-separatists",
        "afghan-taliban",
        "haqqani-network",
        "southern-taliban",
        "pakistan-army",
        "isi",
        "ispr",
        "kp-police",
        "ctd",
        "frontier-corps",
        "pml-n",
        "pti",
        "pdm",
        "united-states",
        "united-nations",
        "china",
        "india",
        "iran",
        "tajikistan",
        "noor-wali-mehsud",
        "mullah-mohammad-yaqoob",
        "asim-munir",
        "shehbaz-sharif",
        "nawaz-sharif",
        "imran-khan",
        "rana-sanaullah",
        "hina-rabbani-khar",
        "antonio-guterres",
        "ned-price",
        "qamar-javed-bajwa",
        "mahmood-khan",
        "mullah-omar",
        "osama-bin-laden",
    ]
    assert set(named) <= set(briefing.actors)
    assert {"Tehreek-e-Taliban Pakistan", "Pakistani Taliban", "TTP"} <= set(briefing.actors["ttp"].aliases)


def test_a_sample_of_quotes_is_in_the_raw_articles(briefing: Briefing) -> None:
    quotes = [c for c in all_citations(briefing) if c.source]
    sample = quotes[:: max(1, len(quotes) // 40)]
    assert len(sample) >= 30
    raws = {
        sid: norm((CONTENT / "raw" / s.raw).read_text(encoding="utf-8"))
        for sid, s in briefing.sources.items()
    }
    for cite in sample:
        assert cite.source and cite.quote
        assert norm(cite.quote) in raws[cite.source], (cite.source, cite.quote)


def _one_letter_changed(quote: str) -> str:
    """Swap one letter near the middle for another letter (not just another case)."""
    letters = [i for i, ch in enumerate(quote) if ch.isalpha()]
    i = letters[len(letters) // 2]
    new = "x" if quote[i].lower() != "x" else "y"
    return quote[:i] + new + quote[i + 1 :]


def test_every_quote_changed_by_one_letter_is_no_longer_found(briefing: Briefing) -> None:
    for cite in all_citations(briefing):
        if cite.source and cite.quote:
            text = briefing.texts[cite.source]
            assert text.find(cite.quote, cite.para) is not None
            assert text.find(_one_letter_changed(cite.quote), cite.para) is None, cite.quote


QUOTE_IN_FILE = re.compile(r'(quote: ["\']?|\[@[a-z0-9-]+(?:#p\d+)? ")(?P<q>[^"\'\n]{12,})')


def _quotes_in_files() -> list[tuple[Path, int, str]]:
    """(file, line, quote text) for quotes written on one line, a few per folder."""
    picked: list[tuple[Path, int, str]] = []
    for folder in ("actors", "regions", "events", "debates"):
        for file in sorted((CONTENT / folder).glob("*.md"))[::9]:
            for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
                match = QUOTE_IN_FILE.search(line)
                if match:
                    picked.append((file, number, match["q"]))
                    break
    return picked


@pytest.mark.parametrize(
    ("file", "line", "quote"), _quotes_in_files(), ids=lambda v: getattr(v, "name", None)
)
def test_changing_one_letter_in_a_file_fails_check_with_file_line_and_closest_passage(
    tmp_path: Path, file: Path, line: int, quote: str
) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    target = content / file.relative_to(CONTENT)
    lines = target.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = lines[line - 1].replace(quote, _one_letter_changed(quote), 1)
    target.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        check(content)
    messages = [str(p) for p in caught.value.problems]
    rel = f"content/{file.relative_to(CONTENT).as_posix()}"
    assert len(messages) == 1, messages
    assert re.fullmatch(
        rf'{re.escape(rel)}:{line}: quote not found in [a-z0-9-]+; closest passage: ".+"', messages[0]
    )
