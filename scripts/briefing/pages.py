"""Page builders: each adds one kind of page to the site from the briefing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from .render import Renderer, Site
from .text import Paragraph


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


def quoted_spans(renderer: Renderer, source_id: str) -> dict[str, list[tuple[int, int]]]:
    """Merged character spans the site quotes, by paragraph anchor."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for (source, _, _), match in renderer.briefing.matches.items():
        if source == source_id:
            spans[match.anchor].append((match.start, match.end))
    merged: dict[str, list[tuple[int, int]]] = {}
    for anchor, found in spans.items():
        runs: list[tuple[int, int]] = []
        for start, end in sorted(found):
            if runs and start <= runs[-1][1]:
                runs[-1] = (runs[-1][0], max(end, runs[-1][1]))
            else:
                runs.append((start, end))
        merged[anchor] = runs
    return merged


def split_paragraph(paragraph: Paragraph, spans: list[tuple[int, int]]) -> ShownParagraph:
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


def build_sources(renderer: Renderer, site: Site) -> None:
    """The source library and one page per source, rights-aware."""
    briefing = renderer.briefing
    ordered = sorted(briefing.sources.values(), key=lambda s: (s.published, s.id), reverse=True)
    site.pages["sources/index.md"] = renderer.page("sources_index.md.j2", "sources/index.md", sources=ordered)
    site.edit["sources/index.md"] = "content/sources/"
    children = []
    for source in ordered:
        path = f"sources/{source.id}.md"
        spans = quoted_spans(renderer, source.id)
        shown = [split_paragraph(p, spans.get(p.anchor, [])) for p in briefing.texts[source.id].paragraphs]
        if source.rights != "full-text":
            shown = [excerpt(p) for p in shown if p.quoted]
        site.pages[path] = renderer.page("source.md.j2", path, source=source, paragraphs=shown)
        site.edit[path] = briefing.files[("sources", source.id)]
        children.append(path)
    site.nav.append({"Sources": ["sources/index.md", *children]})


BUILDERS: list[Callable[[Renderer, Site], None]] = [build_sources]
