"""Quote normalisation, matching, closest passages and citation markers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.model.text import Paragraph, SourceText, find_markers, norm, normalise, parse_paragraphs


@pytest.mark.parametrize(
    ("quote", "text"),
    [
        ("it’s clear", "It's clear"),
        ("“strategic depth”", '"strategic depth"'),
        ("opportunity — and", "opportunity - and"),
        ("good–versus–bad", "good-versus-bad"),
        ("a\n  b\tc", "a b c"),
        ("Afghan\u00a0Taliban", "afghan taliban"),
    ],
)
def test_normalisation_covers_only_whitespace_quotes_dashes_and_case(quote: str, text: str) -> None:
    assert norm(quote) == norm(text)


@pytest.mark.parametrize(("a", "b"), [("killed", "kiled"), ("don't", "dont"), ("U.S.", "US"), ("…", "...")])
def test_normalisation_keeps_everything_else(a: str, b: str) -> None:
    assert norm(a) != norm(b)


def _text() -> SourceText:
    return SourceText(
        [
            Paragraph("p1", "The TTP’s attacks rose — sharply.", 10),
            Paragraph("p2", "Pakistan’s army chief spoke.", 12),
        ]
    )


def test_find_returns_the_paragraph_and_the_span_in_the_original_text() -> None:
    match = _text().find("TTP's attacks rose - sharply")
    assert match is not None and match.anchor == "p1"
    assert _text().paragraphs[0].text[match.start : match.end] == "TTP’s attacks rose — sharply"


def test_find_respects_a_paragraph_anchor() -> None:
    assert _text().find("army chief", "p1") is None
    assert _text().find("army chief", "p2") is not None


def test_closest_passage_points_at_the_near_miss() -> None:
    assert _text().closest("Pakistan's army chef spoke") == "Pakistan’s army chief spoke."


def test_paragraphs_need_anchors_and_know_their_lines() -> None:
    body = "\n## Heading {#p1}\n\nFirst\nparagraph. {#p2}\n\nNo anchor here.\n\nDup {#p2}\n"
    paragraphs, problems = parse_paragraphs(body, 20)
    assert [(p.anchor, p.text, p.line, p.heading) for p in paragraphs] == [
        ("p1", "Heading", 21, True),
        ("p2", "First paragraph.", 23, False),
    ]
    assert problems == [
        (26, "paragraph has no anchor: end it with {#pN}"),
        (28, "duplicate paragraph anchor {#p2}"),
    ]


def test_markers_parse_source_paragraph_quote_and_reference() -> None:
    body = 'A [@src "one quote"] and\nB [@src#p3 "two\n quote"] and [@ref:ext] and [@src].'
    markers, problems = find_markers(body, 5)
    assert [(m.source, m.para, m.quote, m.ref, m.line) for m in markers] == [
        ("src", None, "one quote", None, 5),
        ("src", "p3", "two quote", None, 6),
        (None, None, None, "ext", 7),
    ]
    assert problems == [(7, 'citation [@src] has no quote: write [@src "quote"]')]


@given(
    st.text(
        alphabet=st.sampled_from(list("aB -\u2014\u2013\u2010'\u2019\u201c\u201d\"\n\t\u00a0xY.,")),
        max_size=60,
    )
)
def test_bulk_normalisation_equals_the_mapped_one(text: str) -> None:
    assert norm(text) == normalise(text)[0]


@given(
    st.text(alphabet=st.sampled_from(list("aB -\u2014\u2013'\u2019\u201c\"\n\u00a0xY.")), max_size=50),
    st.integers(0, 40),
    st.integers(1, 8),
)
def test_spans_map_back_to_the_same_passage(text: str, start: int, length: int) -> None:
    normalised = norm(text)
    needle = normalised[start : start + length].strip(" ")
    if not needle:
        return
    match = SourceText([Paragraph("p1", text, 1)]).find(needle)
    assert match is not None
    assert norm(text[match.start : match.end]) == needle
