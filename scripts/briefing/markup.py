"""What a contributor writes stays text: the Markdown constructs that would make it live markup.

The templates escape HTML in every value, but Markdown stays live: an attribute list adds any
HTML attribute (an event handler) to the element before it, a link or image takes any address
(``javascript:``), and a reference definition gives one to a link elsewhere on the page. So
``briefing check`` rejects these in every string of every content file and in every cited body,
naming what to write instead. The build also sanitises every page (:mod:`briefing.sanitise`),
so a construct this module missed still cannot run in a reader's browser.

Each rule is a regular expression, a character every match of it holds (a value without it is
not scanned for that rule) and a message; :func:`problems_in` applies them to one value.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from briefing.model.text import Marker

ATTRIBUTE_LIST = re.compile(r"(?<!\\)\{:?[ \t]*[^}\s][^}\n]*\}")
"""``{ #id .class key=value }`` (Markdown's attr_list), also a bare name (``{ autofocus }``), which
becomes an attribute too: any braces with something inside on one line."""
LINK = re.compile(r"(?<!\\)!?\[[^\]\n]*\][ \t]?[(\[]|(?<!\\)!\[")
"""An inline link or image ``[text](address)``, a reference link ``[text][ref]``, any image."""
REFERENCE = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:", re.M)
"""A reference definition ``[ref]: address``, which gives an address to links anywhere on the page."""
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)
"""Control characters, zero-width spaces and bidirectional overrides: invisible in an editor,
they can make text read differently from what it is (the letters and joiners of scripts that
need them, such as U+200C in Persian, are allowed)."""

_RULES = (  # each rule: its pattern, a character every match of it holds, its message
    (
        ATTRIBUTE_LIST,
        "{",
        "'{found}' is an attribute list, which would add HTML attributes to the page: remove it "
        "(write a brace that belongs to the text as \\{{)",
    ),
    (
        LINK,
        "[",
        "'{found}' is a Markdown link or image: content links only through citations "
        '([@source "quote"] or [@ref:id]); write the text alone',
    ),
    (
        REFERENCE,
        "[",
        "'{found}' is a Markdown reference definition: content links only through citations "
        "([@ref:id] for an outside document)",
    ),
)


def _character(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def problems_in(value: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """(line, message) for each construct in ``value`` that would become live markup or hide
    text; lines count from ``first_line`` (a value's own line, or a body's first)."""
    for pattern, needs, message in _RULES:
        if needs not in value:
            continue  # a character every match holds is absent: most values are clean
        for found in pattern.finditer(value):
            text = found[0].strip()
            line = first_line + value.count("\n", 0, found.start())
            yield line, message.format(found=text if len(text) <= 40 else text[:37] + "...")
    for found in INVISIBLE.finditer(value):
        line = first_line + value.count("\n", 0, found.start())
        yield line, f"invisible character {_character(found[0])}: remove it (it can hide what the text says)"


def body_problems(text: str, first_line: int, markers: list[Marker]) -> Iterator[tuple[int, str]]:
    """The same rules over a cited body, with its citation markers (themselves checked) left out."""
    kept, last = [], 0
    for marker in markers:
        kept.append(text[last : marker.start])
        kept.append(" " * (marker.end - marker.start - text.count("\n", marker.start, marker.end)))
        kept.append("\n" * text.count("\n", marker.start, marker.end))
        last = marker.end
    kept.append(text[last:])
    yield from problems_in("".join(kept), first_line)
    for marker in markers:
        for value in (marker.quote, marker.source, marker.ref, marker.para):
            if value:
                for _, message in problems_in(value):
                    yield marker.line, message


def strings(data: Any, loc: tuple[int | str, ...] = ()) -> Iterator[tuple[tuple[int | str, ...], str]]:
    """Every string value in parsed YAML with its location, for :func:`briefing.load.documents.line_of`
    (keys are checked against the models: only known keys get this far)."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, (*loc, index))
