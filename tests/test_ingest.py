"""Ingest: what is cleaned out of the received articles, and what is kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.ingest import clean, to_markdown
from briefing.text import parse_paragraphs

from .conftest import ROOT

RAW = ROOT / "content" / "raw"


def cleaned(name: str):  # type: ignore[no-untyped-def]
    return clean((RAW / f"{name}.txt").read_text(encoding="utf-8"))


def all_text(name: str) -> str:
    return "\n".join(text for text, _ in cleaned(name).paragraphs)


def test_outlet_banner_is_removed_and_names_the_outlet() -> None:
    result = cleaned("wp-2014-north-waziristan-offensive")
    assert result.outlet == "The Washington Post"
    assert "Democracy Dies in Darkness" not in all_text("wp-2014-north-waziristan-offensive")
    assert result.title == "Why Pakistan’s offensive on the Taliban is a very big deal"


def test_html_tags_bio_and_related_experts_footer_are_removed() -> None:
    result = cleaned("ac-2023-walk-on-eggshells")
    text = all_text("ac-2023-walk-on-eggshells")
    assert result.title == "For Pakistan, dealing with its Taliban problem is a walk on eggshells"
    assert "<strong>" not in text and "Related Experts" not in text
    assert "senior fellow with the Atlantic Council" not in text
    assert "South Asia Center is the hub" not in text
    assert result.author == "Javid Ahmad"
    assert text.endswith("The alternative risks Pakistan becoming another Lebanon.")


def test_repeated_title_and_author_note_are_removed() -> None:
    result = cleaned("shemrez-2022-taliban-coming-for-pakistan")
    first = result.paragraphs[0][0]
    assert first.startswith("Since the start of December 2022")
    assert result.author == "Shemrez"
    assert any("repeated title" in r for r in result.removed)


def test_byline_gives_author_outlet_and_the_partial_date() -> None:
    result = cleaned("fp-2024-cross-border-strikes")
    assert (result.author, result.outlet, result.date_text) == (
        "Michael Kugelman",
        "Foreign Policy Magazine",
        "21, 2024",
    )
    assert result.paragraphs[0][0].startswith("On Monday, Pakistan announced")


def test_reader_comment_after_the_article_is_removed() -> None:
    result = cleaned("korybko-2023-security-dilemma")
    assert "I didn't know anyone watched CNN" not in all_text("korybko-2023-security-dilemma")
    assert result.paragraphs[-1][0].startswith("The Pakistani-Taliban security dilemma is untenable")
    assert ("Concluding Thoughts", True) in result.paragraphs


def test_article_text_is_kept_word_for_word() -> None:
    raw = (RAW / "fp-2024-cross-border-strikes.txt").read_text(encoding="utf-8")
    for text, _ in cleaned("fp-2024-cross-border-strikes").paragraphs:
        assert text in raw


def test_html_input_is_accepted() -> None:
    html = (
        "<html><head><script>track()</script></head><body><h1>A title</h1>"
        "<p>First <em>para</em>graph &amp; more.</p><p>Second.</p>"
        "<p>Jane Doe is a researcher at an institute.</p></body></html>"
    )
    result = clean(html)
    assert result.title == "A title"
    assert [t for t, _ in result.paragraphs] == ["First paragraph & more.", "Second."]
    assert result.author == "Jane Doe"
    assert "track()" not in str(result.paragraphs)


def test_markdown_output_has_anchored_paragraphs_that_parse() -> None:
    text = to_markdown("x", "x.txt", cleaned("wp-2014-north-waziristan-offensive"), dt.date(2026, 11, 23))
    body = text.split("\n---\n", 1)[1]
    paragraphs, problems = parse_paragraphs(body, 1)
    assert not problems and len(paragraphs) == 13
    assert paragraphs[1].heading and paragraphs[1].text == "Pakistan may finally be confronting the enemy"


def test_ingest_writes_once_and_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "article.txt"
    raw.write_text((RAW / "fp-2024-cross-border-strikes.txt").read_text(encoding="utf-8"), encoding="utf-8")
    content = tmp_path / "content"
    assert main(["--content", str(content), "ingest", str(raw), "--id", "fp-test"]) == 0
    out = capsys.readouterr().out
    assert "removed byline: 'by Michael Kugelman 21, 2024 Foreign Policy Magazine'" in out
    target = content / "sources" / "fp-test.md"
    before = target.read_bytes()
    assert (content / "raw" / "fp-test.txt").read_bytes() == raw.read_bytes()
    target.write_text(target.read_text() + "\nedited\n")
    edited = target.read_bytes()
    assert main(["--content", str(content), "ingest", str(raw), "--id", "fp-test"]) == 2
    assert "never overwrites" in capsys.readouterr().err
    assert target.read_bytes() == edited != before


def test_ingest_refuses_a_bad_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "--content",
                str(tmp_path),
                "ingest",
                str(RAW / "fp-2024-cross-border-strikes.txt"),
                "--id",
                "../x",
            ]
        )
        == 2
    )
    assert not any(tmp_path.iterdir())
