"""Ingest: what is cleaned out of received articles, and what is kept.

Golden data: each article page in tests/fixtures/ingest/ (text or HTML, written for
these tests, about fictional places) has beside it the exact source file ingest writes
(``<name>.expected.md``) and the exact review list it prints (``<name>.report.txt``).
Run with BRIEFING_UPDATE_INGEST=1 to rewrite them from the current output, then read
the diff: what ingest removes is the product.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.curate.ingest import boilerplate, clean, find_date, parse_byline, report, to_markdown
from briefing.model.text import parse_paragraphs

from .conftest import FIXTURES, ROOT

RAW = ROOT / "content" / "raw"
PAGES = FIXTURES / "ingest"
ARTICLES = sorted(
    p for p in PAGES.iterdir() if p.suffix in (".txt", ".html") and not p.name.endswith(".report.txt")
)
TODAY = dt.date(2026, 1, 1)


def _paragraphs(markdown: str) -> list[tuple[str, bool]]:
    body = markdown.split("\n---\n", 1)[1]
    paragraphs, problems = parse_paragraphs(body, 1)
    assert not problems
    return [(p.text, p.heading) for p in paragraphs]


def test_there_are_enough_varied_fixtures() -> None:
    assert len(ARTICLES) >= 15
    assert {p.suffix for p in ARTICLES} == {".txt", ".html"}


@pytest.mark.parametrize("article", ARTICLES, ids=[p.name for p in ARTICLES])
def test_fixture_article_cleans_as_recorded(article: Path) -> None:
    cleaned = clean(article.read_bytes().decode("utf-8-sig"))
    written = to_markdown(article.stem, article.name, cleaned, TODAY)
    printed = "\n".join(report(cleaned)) + "\n"
    expected_md = PAGES / f"{article.stem}.expected.md"
    expected_report = PAGES / f"{article.stem}.report.txt"
    if os.environ.get("BRIEFING_UPDATE_INGEST"):
        expected_md.write_text(written, encoding="utf-8")
        expected_report.write_text(printed, encoding="utf-8")
    assert written == expected_md.read_text(encoding="utf-8")
    assert printed == expected_report.read_text(encoding="utf-8")


@pytest.mark.parametrize("article", ARTICLES, ids=[p.name for p in ARTICLES])
def test_fixture_paragraphs_are_verbatim_and_boilerplate_is_gone(article: Path) -> None:
    text = article.read_bytes().decode("utf-8-sig")
    cleaned = clean(text)
    flat = " ".join(text.split())
    assert cleaned.paragraphs, "every fixture has article text"
    for paragraph, _ in cleaned.paragraphs:
        if article.suffix == ".txt":  # HTML text is joined from elements, so compare words there
            assert " ".join(paragraph.split()) in flat
        assert boilerplate(paragraph) is None
    if article.suffix == ".html":
        assert "<" not in " ".join(p for p, _ in cleaned.paragraphs)


@pytest.mark.parametrize("raw", sorted(RAW.glob("*.txt")), ids=lambda p: p.stem)
def test_real_sources_still_ingest_as_their_source_files(raw: Path) -> None:
    source = ROOT / "content" / "sources" / f"{raw.stem}.md"
    written = to_markdown(raw.stem, raw.name, clean(raw.read_text(encoding="utf-8")), TODAY)
    assert _paragraphs(written) == _paragraphs(source.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Subscribe for unlimited access", "subscribe"),
        ("Abonnez-vous", "subscribe"),
        ("Share on Facebook", "share"),
        ("Facebook Twitter WhatsApp Email", "share"),
        ("Compartir", "share"),
        ("Advertisement", "advert"),
        ("Anzeige", "advert"),
        ("Sign up for our newsletter", "subscribe"),
        ("Comments (12)", "comments"),
        ("Kommentare", "comments"),
        ("Tabsaray", "comments"),
        ("Read more", "related"),
        ("Lire aussi", "related"),
        ("Yeh bhi parhein", "related"),
        ("© 2024 Example Media. All rights reserved.", "footer"),
        ("Photo: A. Person", "credit"),
        ("4 min read", "reading"),
    ],
)
def test_boilerplate_vocabulary(line: str, kind: str) -> None:
    found = boilerplate(line)
    assert found is not None and found[0] == kind


@pytest.mark.parametrize(
    "line",
    [
        "Share prices in the valley fell by a third in the week after the flood, the exchange said.",
        "The council's newsletter said on Monday that the market would open in the spring, as planned.",
        "Comments from residents were collected at three public meetings held in the town hall.",
        "Related talks between the two districts ended without an agreement on Friday evening.",
    ],
)
def test_article_sentences_with_boilerplate_words_are_kept(line: str) -> None:
    assert boilerplate(line) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published 4 March 2024", ("4 March 2024", "2024-03-04")),
        ("March 14, 2023", ("March 14, 2023", "2023-03-14")),
        ("Publié le 12 mars 2023", ("12 mars 2023", "2023-03-12")),
        ("5 de junio de 2022", ("5 de junio de 2022", "2022-06-05")),
        ("3. Mai 2021", ("3. Mai 2021", "2021-05-03")),
        ("June 2014", ("June 2014", "2014-06")),
        ("21, 2024", ("21, 2024", "2024")),
        ("31 February 2024", ("February 2024", "2024-02")),  # no such day: the month is what holds
    ],
)
def test_dates_are_read_no_more_precisely_than_written(text: str, expected: tuple[str, str]) -> None:
    assert find_date(text) == expected


def test_bylines_give_author_date_and_outlet() -> None:
    byline = parse_byline("By Jane Doe and John Roe, Staff Writers | The Coastal Ledger", True)
    assert byline is not None and byline.author == "Jane Doe and John Roe"
    assert byline.outlet == "The Coastal Ledger"
    assert parse_byline("By Monday the harbour had reopened to all fishing boats again.", True) is None
    assert parse_byline("Jane Doe | 4 May 2024", False) is None  # without "By" only near the headline


def test_markdown_output_has_candidates_with_notes() -> None:
    cleaned = clean((PAGES / "en-banner-share-comments.txt").read_text(encoding="utf-8"))
    text = to_markdown("x", "x.txt", cleaned, TODAY)
    assert "author: Ana Lindqvist\n" in text and "published: '2024-03-04'\n" in text
    assert "a candidate found by ingest; check it" in text
    assert "Comments (2)" not in text and "Subscribe" not in text


def test_ingest_writes_once_and_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "article.txt"
    raw.write_text((RAW / "fp-2024-cross-border-strikes.txt").read_text(encoding="utf-8"), encoding="utf-8")
    content = tmp_path / "content"
    assert main(["--content", str(content), "ingest", str(raw), "--id", "fp-test"]) == 0
    out = capsys.readouterr().out
    assert (
        "removed line 1 (byline; author candidate 'Michael Kugelman'): "
        "'by Michael Kugelman 21, 2024 Foreign Policy Magazine'"
    ) in out
    target = content / "sources" / "fp-test.md"
    before = target.read_bytes()
    assert (content / "raw" / "fp-test.txt").read_bytes() == raw.read_bytes()
    target.write_text(target.read_text() + "\nedited\n")
    edited = target.read_bytes()
    assert main(["--content", str(content), "ingest", str(raw), "--id", "fp-test"]) == 2
    assert "never overwrites" in capsys.readouterr().err
    assert target.read_bytes() == edited != before


def test_ingest_prints_unsure_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = PAGES / "en-headerless-comment.txt"
    assert main(["--content", str(tmp_path / "content"), "ingest", str(article), "--id", "x"]) == 0
    assert "  ? removed line 4 (unsure: looks like a reader comment" in capsys.readouterr().out
