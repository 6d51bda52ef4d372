"""The Markdown extension that converts with less work gives Python-Markdown's HTML byte for byte.

Every page of the real briefing (generated and hand-written) and of a synthetic one, a set of
hard cases, and arbitrary text biased towards Markdown's syntax are converted with the site's
extensions, with and without :mod:`briefing.plugin.fastmarkdown`. The characters it reads from
each pattern's expression are checked against the expression itself on arbitrary text.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from briefing.plugin import fastmarkdown
from briefing.plugin.fastmarkdown import needed

from .conftest import ROOT, page_bodies, synthetic_content

MORE_EXTENSIONS = [
    "pymdownx.caret",
    "pymdownx.mark",
    "pymdownx.tilde",
    "pymdownx.keys",
    "pymdownx.smartsymbols",
    "pymdownx.magiclink",
    "pymdownx.critic",
    "pymdownx.inlinehilite",
    "pymdownx.betterem",
    "footnotes",
    "def_list",
]
"""Extensions a site may add that bring inline patterns of their own."""

HARD_CASES = [
    "[a](b)",
    '[a](b "t")',
    '[a]( b  "t"  )',
    '[a](b\n"t"\n)',
    "[a](b 't')",
    '[a](b "it\'s")',
    '[a](b "say "x"")',
    '[a](b "(x)")',
    "[a](b(c)d)",
    "[a](b)c)",
    '[a](b "`"q"`")',
    "[a](b \"`'q'`\")",
    '[a](`"c"` "`"q"`")',
    '[a](b)(c) [d](e "f")g")',
    '[a](<b c> "t")',
    "[a](b\\)c)",
    '[a](b "t\\"")',
    "[a [b] c](d)",
    "[a](b",
    '[a](b "t)',
    "[a]()",
    '[a]( "t")',
    '![i](s "t")',
    "![i](s)",
    '[a][r]\n\n[r]: http://x "t"',
    "[r]\n\n[r]: http://x",
    "![r]\n\n[r]: http://x",
    '[a](b){ .cite data-x="" }',
    "*a* _b_ **c** __d__ ***e***",
    "`code [a](b)` and \\[a](b) and \\*x\\*",
    "<http://example.com> <me@example.com> <span>x</span> &amp; &#38; & x",
    "line one  \nline two",
    '| a | [b](c "d") |\n|---|---|\n| [e](f) | *g* |',
    '<div markdown>\n[a](b "t")\n</div>',
    "^^sup^^ ==mark== ~~del~~ ++ctrl+alt++ (c) --> http://example.com",
    "{++add++} {--del--} `#!python x`",
    "Text[^1].\n\n[^1]: A note with [a](b).",
    "[a](b \"t\") [c](d 'u') [e](f (v))",
    '[x](http://a.b/c?d=e&f=g#h "T — “q” ’s")',
]

MARKDOWNISH = st.lists(
    st.sampled_from([*"ab \n[]()<>\"'!*_`\\&#;:/.{}|=-~^+x", "http://", '[a](b "t")', "  \n", "\u212a"]),
    max_size=60,
).map("".join)


@functools.cache
def _site_extensions() -> tuple[list[object], dict[str, object]]:
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    return list(config.markdown_extensions), dict(config.mdx_configs)


def _both(text: str, more: list[str] | None = None) -> tuple[str, str]:
    extensions, configs = _site_extensions()
    extensions = [*extensions, *(more or [])]
    stock = markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)
    fast = markdown.Markdown(extensions=[*extensions, fastmarkdown.NAME], extension_configs=configs).convert(
        text
    )
    return stock, fast


def _differences(pages: dict[str, str]) -> list[str]:
    return [path for path, text in sorted(pages.items()) if len({*_both(text)}) != 1]


def test_every_page_of_the_real_briefing_converts_the_same() -> None:
    pages = page_bodies(ROOT / "content", ROOT / "docs")
    assert any(path.startswith("actors/") for path in pages), "generated pages are compared too"
    assert _differences(pages) == []


def test_every_page_of_a_synthetic_briefing_converts_the_same(tmp_path: Path) -> None:
    assert _differences(page_bodies(synthetic_content(tmp_path, 40))) == []


@pytest.mark.parametrize("more", [[], MORE_EXTENSIONS], ids=["site", "more"])
@pytest.mark.parametrize("text", HARD_CASES)
def test_hard_cases_convert_the_same(text: str, more: list[str]) -> None:
    stock, fast = _both(text, more)
    assert fast == stock


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWNISH, st.booleans())
def test_arbitrary_text_converts_the_same(text: str, more: bool) -> None:
    stock, fast = _both(text, MORE_EXTENSIONS if more else [])
    assert fast == stock


def _patterns() -> list[re.Pattern[str]]:
    extensions, configs = _site_extensions()
    md = markdown.Markdown(extensions=[*extensions, *MORE_EXTENSIONS], extension_configs=configs)
    return [pattern.getCompiledRegExp() for pattern in md.inlinePatterns]


@settings(max_examples=300, deadline=None)
@given(MARKDOWNISH)
def test_every_match_holds_a_character_read_from_its_expression(text: str) -> None:
    for pattern in _patterns():
        chars = needed(pattern)
        if chars is not None and pattern.search(text):
            assert any(c in text for c in chars), (pattern.pattern, chars, text)


def test_the_stock_patterns_are_all_read() -> None:
    """Every pattern Python-Markdown ships gets the shortcut: none is tried on every text. (A
    pattern an extension adds may not be read, and is then always tried: slower, not wrong.)"""
    md = markdown.Markdown()
    unread = [
        name
        for name in md.inlinePatterns._priority
        if needed(md.inlinePatterns[name.name].compiled_re) is None
    ]
    assert unread == []


@pytest.mark.parametrize(
    ("expression", "chars"),
    [
        (r"\*|_", "*_"),
        (r"a?b", "b"),
        (r"(?<!\\)\[", "["),
        (r"x(?=y)", "x"),
        (r"(?:ab)+", "a"),
        (r"  \n", "\n"),
        (r"[<>]", "<>"),
        (r"a*", None),
        (r"[^a]", None),
        (r"[a-z]", None),
        (r".", None),
        (r"(?i)k", None),
        (r"(?i:k)", None),
        (r"a|.", None),
    ],
)
def test_the_characters_read_from_an_expression(expression: str, chars: str | None) -> None:
    assert needed(re.compile(expression)) == chars


def test_the_pinned_markdown_is_one_the_extension_was_checked_against() -> None:
    """Pinning another Python-Markdown means checking its inline stage against this one first."""
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pinned = re.search(r"^Markdown==(\d+)\.(\d+)", lock, re.M)
    assert pinned and (int(pinned[1]), int(pinned[2])) in fastmarkdown.CHECKED


def test_an_unchecked_markdown_is_left_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    from markdown.inlinepatterns import LinkInlineProcessor
    from markdown.treeprocessors import InlineProcessor

    assert (
        type(markdown.Markdown(extensions=[fastmarkdown.NAME]).treeprocessors["inline"])
        is not InlineProcessor
    )
    monkeypatch.setattr(fastmarkdown, "CHECKED", ())
    md = markdown.Markdown(extensions=[fastmarkdown.NAME])
    assert type(md.treeprocessors["inline"]) is InlineProcessor
    assert type(md.inlinePatterns["link"]) is LinkInlineProcessor


def test_block_level_names_are_found_as_in_the_list_after_any_change() -> None:
    md = markdown.Markdown(extensions=[fastmarkdown.NAME])
    names = md.block_level_elements
    assert type(names) is not list
    assert "div" in names and "span" not in names and [] not in names
    names.append("span")
    assert "span" in names
    names.remove("div")
    assert "div" not in names
    names[0] = "custom"
    assert "custom" in names
    names += ["more"]
    assert "more" in names
    del names[-1]
    assert "more" not in names
    assert md.is_block_level("SPAN") and not md.is_block_level("div")
