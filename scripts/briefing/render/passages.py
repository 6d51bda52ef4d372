"""What a source page shows of its text: paragraphs cut into quoted and unquoted runs.

A full-text source shows every paragraph; an excerpts-only source shows only the runs
the site quotes. Source pages and mention detection both read this module, so a
"mentioned in" snippet never reproduces text its source page does not show.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from briefing.model.briefing import Briefing
from briefing.model.text import Paragraph

Span = tuple[int, int]


@dataclass(frozen=True)
class Piece:
    """A run of paragraph text, marked when the site quotes it."""

    text: str
    quoted: bool


@dataclass(frozen=True)
class ShownParagraph:
    """A paragraph of a source page, split into quoted and unquoted runs."""

    anchor: str
    heading: bool
    pieces: list[Piece]
    quoted: bool


def quoted_spans(briefing: Briefing, source_id: str) -> dict[str, list[Span]]:
    """Merged character spans the site quotes, by paragraph anchor."""
    if "spans" not in briefing.derived:
        by_source: dict[str, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
        for (source, _, _), match in briefing.matches.items():
            by_source[source][match.anchor].append((match.start, match.end))
        briefing.derived["spans"] = {source: _merged(spans) for source, spans in by_source.items()}
    return dict(briefing.derived["spans"].get(source_id, {}))


def _merged(spans: dict[str, list[Span]]) -> dict[str, list[Span]]:
    merged: dict[str, list[Span]] = {}
    for anchor, found in sorted(spans.items()):
        runs: list[Span] = []
        for start, end in sorted(found):
            if runs and start <= runs[-1][1]:
                runs[-1] = (runs[-1][0], max(end, runs[-1][1]))
            else:
                runs.append((start, end))
        merged[anchor] = runs
    return merged


def split_paragraph(paragraph: Paragraph, spans: list[Span]) -> ShownParagraph:
    """Cut a paragraph into runs so that quoted passages can be highlighted."""
    pieces: list[Piece] = []
    last = 0
    for start, end in spans:
        if start > last:
            pieces.append(Piece(paragraph.text[last:start], False))
        pieces.append(Piece(paragraph.text[start:end], True))
        last = end
    if last < len(paragraph.text):
        pieces.append(Piece(paragraph.text[last:], False))
    return ShownParagraph(paragraph.anchor, paragraph.heading, pieces, bool(spans))


_ELLIPSIS = {(True, False): "… ", (False, True): " …", (False, False): " … ", (True, True): "…"}


def excerpt(paragraph: ShownParagraph) -> ShownParagraph:
    """Only the quoted runs of a paragraph, with an ellipsis where text is left out."""
    last = len(paragraph.pieces) - 1
    pieces = [
        piece if piece.quoted else Piece(_ELLIPSIS[(index == 0, index == last)], False)
        for index, piece in enumerate(paragraph.pieces)
    ]
    return ShownParagraph(paragraph.anchor, paragraph.heading, pieces, paragraph.quoted)


def shown_paragraphs(briefing: Briefing, source_id: str) -> list[ShownParagraph]:
    """The paragraphs a source page shows, rights-aware."""
    source = briefing.sources[source_id]
    spans = quoted_spans(briefing, source_id)
    text = briefing.texts.get(source_id)
    shown = [split_paragraph(p, spans.get(p.anchor, [])) for p in (text.paragraphs if text else [])]
    if source.rights != "full-text":
        shown = [excerpt(p) for p in shown if p.quoted]
    return shown


def visible_spans(briefing: Briefing, source_id: str) -> dict[str, list[Span]]:
    """The character spans of each paragraph that the source page shows, by anchor."""
    text = briefing.texts.get(source_id)
    paragraphs = text.paragraphs if text else []
    if briefing.sources[source_id].rights == "full-text":
        return {p.anchor: [(0, len(p.text))] for p in paragraphs}
    return quoted_spans(briefing, source_id)
