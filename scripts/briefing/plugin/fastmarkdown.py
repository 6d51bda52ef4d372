"""Python-Markdown's inline stage with the same output and less work (a Markdown extension).

Python-Markdown tries every inline pattern (fourteen with this site's extensions) on every run
of text of a page, looking each pattern up in its registry at every try, and reads every link
one character at a time. The generated pages are made of short runs of text, most of them
links with a title: at a thousand sources that stage is half of all conversion. Three
shortcuts give the same HTML with less of it:

1. **A pattern is not tried on text that cannot hold a match.** From each pattern's regular
   expression, :func:`needed` reads a few characters of which every match holds at least one
   (``[`` for a link, ``&`` for an entity, ``*`` or ``_`` for emphasis); text holding none of
   them is passed over. A pattern added by any extension gets the same treatment, and one
   whose expression is not understood is always tried.
2. **The patterns are listed once per page**, not looked up in the registry at every try.
3. **A link of the plain form** ``[text](address "title")`` (no brackets, parentheses or
   quotes inside) is read with one regular expression; every other form is left to
   Python-Markdown's own reader, whose result for the plain form this one repeats.

The plugin adds the extension to the site's in a `mkdocs build` or `mkdocs serve`
(``markdown_extensions`` of mkdocs.yml are not touched, so a tree written for another builder
converts with Python-Markdown as it is). `tests/test_fastmarkdown.py` converts every page of the
real briefing, of a synthetic one and a set of hard cases both ways and compares the HTML.
Overrides private methods of ``markdown.treeprocessors.InlineProcessor``: with a version of
Python-Markdown other than those in ``CHECKED`` the extension does nothing (a test fails
when requirements.lock pins another one, so that it is checked before it is added).
"""

from __future__ import annotations

import functools
import re
import re._constants as sre  # the parser of the standard library's own regular expressions
import re._parser as sre_parse
from typing import Any

import markdown
from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.inlinepatterns import (
    ImageInlineProcessor,
    ImageReferenceInlineProcessor,
    InlineProcessor,
    LinkInlineProcessor,
    ReferenceInlineProcessor,
    ShortImageReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
    dequote,
)
from markdown.treeprocessors import InlineProcessor as InlineStage

NAME = "briefing.plugin.fastmarkdown"
"""The extension's name, as MkDocs' ``markdown_extensions`` takes it."""
CHECKED = ((3, 11),)
"""Versions of Python-Markdown (major, minor) whose inline stage this one was checked against."""

_PLAIN_LINK = re.compile(r"""\(\s*([^\s()'"<\\]*)(?:\s+"([^()'"\\]*)" *)?\)""")
"""``(address)`` or ``(address "title")``, where neither holds a bracket, a quote or a backslash:
the form whose reading by ``LinkInlineProcessor.getLink`` has no turn left to take."""
_SPACE = re.compile(r"\s")


def needed(pattern: re.Pattern[str]) -> str | None:
    """Characters of which every match of ``pattern`` holds one (or, inside a lookahead, which
    follow it), as one string; ``None`` when the expression does not tell."""
    return _needed(pattern.pattern, pattern.flags)


@functools.cache
def _needed(source: str, flags: int) -> str | None:
    try:
        parsed = sre_parse.parse(source, flags)
    except (re.error, TypeError):
        return None
    chars = _in_sequence(list(parsed), flags)
    return "".join(sorted(chars)) if chars else None


def _in_sequence(items: list[tuple[Any, Any]], flags: int) -> frozenset[str] | None:
    """For a sequence, every match holds what every match of any one item holds: the item with
    the fewest such characters, preferring those other than a space (which most text holds)."""
    found = [chars for op, av in items if (chars := _in_item(op, av, flags))]
    return min(found, key=lambda chars: (" " in chars, len(chars)), default=None)


def _in_item(op: Any, av: Any, flags: int) -> frozenset[str] | None:
    if op is sre.LITERAL or op is sre.IN:
        if flags & re.IGNORECASE:  # case folding matches more than a character's two cases
            return None
        if op is sre.LITERAL:
            return frozenset(chr(av))
        if not all(inner_op is sre.LITERAL for inner_op, _ in av):
            return None
        return frozenset(chr(code) for _, code in av)
    if op is sre.SUBPATTERN:
        _group, add, remove, inner = av
        return _in_sequence(list(inner), (flags | add) & ~remove)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, inner = av
        return _in_sequence(list(inner), flags) if low >= 1 else None
    if op is sre.ATOMIC_GROUP:
        return _in_sequence(list(av), flags)
    if op is sre.ASSERT:  # a lookahead or lookbehind that must match: its text is in the data
        _direction, inner = av
        return _in_sequence(list(inner), flags)
    if op is sre.BRANCH:
        _, branches = av
        union: set[str] = set()
        for branch in branches:
            chars = _in_sequence(list(branch), flags)
            if chars is None:
                return None
            union |= chars
        return frozenset(union)
    return None


class _Inline(InlineStage):  # type: ignore[misc]
    """The inline stage, trying a pattern only on text that holds a character it needs."""

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        self._patterns = list(self.inlinePatterns)
        self._needs = [needed(pattern.getCompiledRegExp()) for pattern in self._patterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: Any, patternIndex: int = 0) -> Any:
        if isinstance(data, util.AtomicString):
            return data
        patterns, needs, start = self._patterns, self._needs, 0
        apply = self._InlineProcessor__applyPattern
        while patternIndex < len(patterns):
            need = needs[patternIndex]
            if need is not None and (
                need not in data if len(need) == 1 else not any(c in data for c in need)
            ):
                patternIndex, start = patternIndex + 1, 0  # what a pattern that found nothing returns
                continue
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class _PlainLinks:
    """``getLink`` and ``getText`` reading the plain forms with one expression each."""

    def getText(self, data: str, index: int) -> Any:
        close = data.find("]", index)
        if close != -1 and data.find("[", index, close) == -1:
            return data[index:close], close + 1, True
        return super().getText(data, index)  # type: ignore[misc]

    def getLink(self, data: str, index: int) -> Any:
        match = _PLAIN_LINK.match(data, index)
        if match is None:
            return super().getLink(data, index)  # type: ignore[misc]
        href, title = match.groups()
        if title is not None:
            title = _SPACE.sub(" ", dequote(self.unescape(title.strip())))  # type: ignore[attr-defined]
        return self.unescape(href).strip(), title, match.end(), True  # type: ignore[attr-defined]


_FASTER: dict[type[InlineProcessor], type[InlineProcessor]] = {
    stock: type(stock.__name__, (_PlainLinks, stock), {})
    for stock in (
        LinkInlineProcessor,
        ImageInlineProcessor,
        ReferenceInlineProcessor,
        ImageReferenceInlineProcessor,
        ShortReferenceInlineProcessor,
        ShortImageReferenceInlineProcessor,
    )
}
"""Each stock reader of links, images and references, and the same reading plain forms sooner."""


class _BlockLevel(list[str]):
    """``Markdown.block_level_elements``, whose ``in`` looks in a set: Python-Markdown asks it
    of every element, more than once, and the list has fifty names. Every change to the list
    drops the set; the next ``in`` makes it again."""

    _set: frozenset[str] | None = None

    def __contains__(self, name: object) -> bool:
        if self._set is None:
            self._set = frozenset(self)
        try:
            return name in self._set
        except TypeError:  # a value that cannot be in a set can still equal an item of a list
            return list.__contains__(self, name)


def _dropping_the_set(name: str) -> Any:
    change = getattr(list, name)

    def changed(self: _BlockLevel, *args: Any) -> Any:
        self._set = None
        return change(self, *args)

    return changed


for _name in ("append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse"):
    setattr(_BlockLevel, _name, _dropping_the_set(_name))
for _name in ("__setitem__", "__delitem__", "__iadd__", "__imul__"):
    setattr(_BlockLevel, _name, _dropping_the_set(_name))


class FastMarkdown(Extension):  # type: ignore[misc]
    """Registered last: it replaces the inline stage and the stock link readers (not one an
    extension put in their place)."""

    def extendMarkdown(self, md: Markdown) -> None:
        if tuple(markdown.__version_info__[:2]) not in CHECKED:
            return
        stage = md.treeprocessors["inline"]
        if type(stage) is InlineStage:
            priority = next(item.priority for item in md.treeprocessors._priority if item.name == "inline")
            md.treeprocessors.register(_Inline(md), "inline", priority)
        for item in list(md.inlinePatterns._priority):
            stock = md.inlinePatterns[item.name]
            if faster := _FASTER.get(type(stock)):
                md.inlinePatterns.register(faster(stock.pattern, md), item.name, item.priority)
        if type(md.block_level_elements) is list:
            md.block_level_elements = _BlockLevel(md.block_level_elements)


def makeExtension(**kwargs: Any) -> FastMarkdown:
    return FastMarkdown(**kwargs)
