"""Source texts, citation markers and quote matching.

A source's cleaned body is a list of paragraphs, each ending in a stable anchor
``{#pN}``. Quotes are matched against it after normalising only whitespace,
quote marks, dashes and letter case, so that a quote is verbatim in every other
respect.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefing.cache import Kept

_QUOTES = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032`", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
}
_DASHES = set("\u2010\u2011\u2012\u2013\u2014\u2015\u2212-")
_SPACES = set(" \t\n\r\u00a0\u2009\u200a\u202f\u2007")


def normalise(text: str) -> tuple[str, list[int]]:
    """Normalise text for quote matching; also return each output char's input index."""
    out: list[str] = []
    where: list[int] = []
    for i, char in enumerate(text):
        if char in _SPACES:
            if out and out[-1] != " ":
                out.append(" ")
                where.append(i)
            continue
        if char in _DASHES:
            if out and out[-1] == "-":
                continue
            char = "-"
        for piece in _QUOTES.get(char, char).lower():
            out.append(piece)
            where.append(i)
    while out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where


_TRANSLATE = str.maketrans({**_QUOTES, **dict.fromkeys(_DASHES, "-"), **dict.fromkeys(_SPACES, " ")})
_RUNS = re.compile(r"(-)-+|( ) +")


def norm(text: str) -> str:
    """The normalised form alone: the same as ``normalise(text)[0]``, computed in bulk."""
    translated = text.translate(_TRANSLATE)
    if "  " in translated or "--" in translated:  # most texts have no run to collapse
        translated = _RUNS.sub(r"\1\2", translated)
    return translated.strip(" ").lower()


@dataclass(frozen=True)
class Paragraph:
    """One block of a source's cleaned text."""

    anchor: str
    text: str
    line: int
    heading: bool = False


_HEADING = re.compile(r"#{2,4} ")
_ANCHOR = re.compile(r"\{#(p\d+)\}")


def _anchored(block: str) -> tuple[bool, str, str] | None:
    """(heading, text, anchor) of a block that ends in ``{#pN}``; None when it does not.

    The same as matching ``^(#{2,4} )?(.*?)\\s*\\{#(p\\d+)\\}$`` over the block, without the
    regular expression trying every position of a long paragraph for the anchor.
    """
    start = block.rfind("{#")
    anchor = _ANCHOR.fullmatch(block, start) if start >= 0 else None
    if anchor is None:
        return None
    heading = _HEADING.match(block)
    begin = heading.end() if heading else 0
    text = block[begin:start].rstrip()
    return heading is not None, text, anchor[1]


def blocks(body: str, first_line: int) -> list[tuple[int, str]]:
    """Blank-line separated blocks of a body with the file line each starts on."""
    found: list[tuple[int, str]] = []
    lines: list[str] = []
    for i, line in enumerate([*body.split("\n"), ""]):
        if line.strip():
            lines.append(line)
        elif lines:
            found.append((first_line + i - len(lines), "\n".join(lines)))
            lines = []
    return found


def parse_paragraphs(body: str, first_line: int) -> tuple[list[Paragraph], list[tuple[int, str]]]:
    """Split a source body into anchored paragraphs; return them and (line, message) problems."""
    paragraphs: list[Paragraph] = []
    problems: list[tuple[int, str]] = []
    seen: set[str] = set()
    for line, block in blocks(body, first_line):
        match = _anchored(block.strip())
        if match is None:
            problems.append((line, "paragraph has no anchor: end it with {#pN}"))
            continue
        heading, text, anchor = match
        if anchor in seen:
            problems.append((line, f"duplicate paragraph anchor {{#{anchor}}}"))
        else:
            seen.add(anchor)
            paragraphs.append(Paragraph(anchor, " ".join(text.split()), line, heading))
    return paragraphs, problems


@dataclass(frozen=True)
class Match:
    """Where a quote was found: the paragraph and the character span in its text."""

    anchor: str
    start: int
    end: int


def _locate(text: str, pos: int, length: int) -> tuple[int, int] | None:
    """Map a span of ``norm(text)`` back to ``text``; None when lower-casing changed the length."""
    translated = text.translate(_TRANSLATE)  # one character for one: positions are unchanged
    collapsed_starts, original_starts, kept = [0], [0], 0
    last = 0
    for run in _RUNS.finditer(translated):
        kept += run.start() - last + 1
        last = run.end()
        collapsed_starts.append(kept)
        original_starts.append(last)
    collapsed = _RUNS.sub(r"\1\2", translated)
    if len(collapsed.lower()) != len(collapsed):
        return None
    lead = len(collapsed) - len(collapsed.lstrip(" "))

    def original(index: int) -> int:
        k = bisect.bisect_right(collapsed_starts, index + lead) - 1
        return original_starts[k] + (index + lead - collapsed_starts[k])

    return original(pos), original(pos + length - 1) + 1


class SourceText:
    """A source's paragraphs, normalised once for fast quote lookups."""

    def __init__(self, paragraphs: list[Paragraph]) -> None:
        self.paragraphs = paragraphs
        self._norm = [norm(p.text) for p in paragraphs]
        self._maps: dict[int, tuple[str, list[int]]] = {}
        self._found: dict[tuple[str, str | None], Match | None] = {}

    def _mapped(self, index: int) -> tuple[str, list[int]]:
        """Normalised text with its index map, computed only for paragraphs that are quoted."""
        if index not in self._maps:
            self._maps[index] = normalise(self.paragraphs[index].text)
        return self._maps[index]

    def find(self, quote: str, anchor: str | None = None) -> Match | None:
        """Locate a quote, optionally only within one paragraph."""
        if (quote, anchor) not in self._found:
            self._found[(quote, anchor)] = self._find(quote, anchor)
        return self._found[(quote, anchor)]

    def _find(self, quote: str, anchor: str | None) -> Match | None:
        needle = norm(quote)
        if not needle:
            return None
        for index, (para, text) in enumerate(zip(self.paragraphs, self._norm, strict=True)):
            if anchor and para.anchor != anchor:
                continue
            if needle in text:
                start, end = self._span(index, needle)
                return Match(para.anchor, start, end)
        return None

    def _span(self, index: int, needle: str) -> tuple[int, int]:
        """Where a normalised needle lies in the original paragraph text."""
        span = _locate(self.paragraphs[index].text, self._norm[index].find(needle), len(needle))
        if span:
            return span
        mapped, where = self._mapped(index)  # letters whose lower case changes length
        pos = mapped.find(needle)
        return where[pos], where[pos + len(needle) - 1] + 1

    def closest(self, quote: str) -> str:
        """The passage most like a quote that was not found, for the error message."""
        needle = norm(quote)
        best = (0, "")
        for index, para in enumerate(self.paragraphs):
            text, where = self._mapped(index)
            m = SequenceMatcher(None, needle, text, autojunk=False).find_longest_match()
            if m.size > best[0] and where:
                start, end = _word_window(text, m.b - m.a, len(needle))
                best = (m.size, para.text[where[start] : where[end - 1] + 1])
        return best[1]


def source_text(
    body: str, first_line: int, kept: Kept[Any] | None = None
) -> tuple[SourceText, tuple[tuple[int, str], ...]]:
    """A source body as a :class:`SourceText`, with (line, message) problems.

    ``kept``: texts of bodies seen in earlier runs (:mod:`briefing.cache`): a preview that
    regenerates after every edit reuses the texts, and the quotes already found in them,
    of every source that did not change.
    """

    def make() -> tuple[SourceText, tuple[tuple[int, str], ...]]:
        paragraphs, problems = parse_paragraphs(body, first_line)
        return SourceText(paragraphs), tuple(problems)

    return make() if kept is None else kept.get((body, first_line), make)


def _word_window(text: str, start: int, length: int) -> tuple[int, int]:
    """Widen [start, start + length) to whole words of ``text``."""
    start = max(0, start)
    end = min(len(text), start + length)
    while start > 0 and text[start - 1] != " ":
        start -= 1
    while end < len(text) and text[end] != " ":
        end += 1
    return start, max(end, start + 1)


# Body citations: [@source-id "quote"], [@source-id#p3 "quote"], [@ref:reference-id]
CITE_MARKER = re.compile(
    r"\[@(?P<ref>ref:)?(?P<id>[^\s\]#\"]+)(?:#(?P<para>[^\s\]\"]+))?(?:\s+\"(?P<quote>.*?)\")?\]",
    re.DOTALL,
)
_ANY_MARKER = re.compile(r"\[@")
_PARA = re.compile(r"p\d+")
"""A paragraph anchor a marker may name: ``p`` and a number, as the source text writes it."""


@dataclass(frozen=True)
class Marker:
    """A citation marker found in a Markdown body."""

    start: int
    end: int
    line: int
    source: str | None
    quote: str | None
    para: str | None
    ref: str | None


def find_markers(body: str, first_line: int) -> tuple[list[Marker], list[tuple[int, str]]]:
    """All citation markers in a body, and (line, message) for malformed ones."""
    markers: list[Marker] = []
    problems: list[tuple[int, str]] = []
    covered: set[int] = set()
    for m in CITE_MARKER.finditer(body):
        line = first_line + body.count("\n", 0, m.start())
        covered.add(m.start())
        if m["ref"]:
            markers.append(Marker(m.start(), m.end(), line, None, None, None, m["id"]))
        elif m["quote"] is None:
            problems.append((line, f'citation [@{m["id"]}] has no quote: write [@{m["id"]} "quote"]'))
        elif not m["quote"].strip():
            problems.append(
                (
                    line,
                    f'citation [@{m["id"]} ""] has an empty quote: put the words it supports between the quotes',
                )
            )
        elif m["para"] is not None and not _PARA.fullmatch(m["para"]):
            problems.append(
                (
                    line,
                    f"citation [@{m['id']}#{m['para']}]: '#{m['para']}' is not a paragraph anchor: "
                    f'write #p and its number, as in [@{m["id"]}#p3 "quote"]',
                )
            )
        else:
            quote = " ".join(m["quote"].split())
            markers.append(Marker(m.start(), m.end(), line, m["id"], quote, m["para"], None))
    for m in _ANY_MARKER.finditer(body):
        if m.start() not in covered:
            line = first_line + body.count("\n", 0, m.start())
            problems.append((line, 'malformed citation: write [@source-id "quote"] or [@ref:id]'))
    return markers, problems


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘(]?[A-Z0-9])")
"""Where one sentence ends and the next begins: after ., ! or ? (and a closing quote or
bracket), before a capital or a digit."""


def without_markers(text: str) -> str:
    """Text with its citation markers taken out, for places that show plain text (a page's
    description, open data)."""
    plain = CITE_MARKER.sub("", text)
    plain = re.sub(r"\s+([.,;:!?)])", r"\1", plain)
    return " ".join(plain.split())


def sentences(text: str) -> list[str]:
    """The sentences of a cited text, each with the markers that follow it: a marker's quote
    may hold full stops of its own, so markers are set aside while the text is split."""
    kept: list[str] = []

    def hold(found: re.Match[str]) -> str:
        kept.append(found[0])
        return f"\x00{len(kept) - 1}\x00"

    held = CITE_MARKER.sub(hold, " ".join(text.split()))
    parts: list[str] = []
    for part in _SENTENCE_END.split(held):
        if parts and _ABBREVIATION.search(parts[-1]):
            parts[-1] += " " + part  # "Gen. Bajwa" is one sentence
        elif part.strip():
            parts.append(part)
    return [re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m[1])], p) for p in parts]


_ABBREVIATION = re.compile(r"(?:^|\s)(?:Gen|Lt|Col|Maj|Brig|Capt|Mr|Mrs|Ms|Dr|Prof|St|No|Nos|vs|[A-Z])\.$")
"""Titles and initials whose full stop does not end a sentence."""
