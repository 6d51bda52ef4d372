"""The search parser that does less work splits every page into Material's sections, exactly.

The HTML of every page of the real briefing and of a synthetic one, a set of hard cases and
arbitrary tag soup go through Material's parser and :class:`briefing.plugin.fastsearch.Parser`;
the sections (tag, attributes, id, depth, title, text, excluded or not) must be the same.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser as MaterialParser
from material.plugins.search.plugin import SearchIndex
from mkdocs.config import load_config

from briefing.plugin import fastsearch

from .conftest import ROOT, page_bodies, synthetic_content

HARD_CASES = [
    "<p>Before any heading</p><h1 id='t'>Title</h1><p>a\nb</p>",
    "<h2 id='a'>A <a class='headerlink' href='#a'>¶</a></h2><p>x</p><h3 id='b'>B</h3><ul><li>one</li><li> </li></ul>",
    "<div data-search-exclude><h2 id='x'>Hidden</h2><p>no</p></div><p>yes</p>",
    "<span data-search-exclude>a</span><span>b</span><p>c</p>",
    "<p><span data-search-exclude>a<span>b</span>c</span>d</p>",
    "<pre><code>  keep\n  spaces  </code></pre><p>  </p><p>x</p>",
    "<pre>x <b> </b>\n<i>\n</i></pre><p>a <b> </b> </p>",
    "<table class='linenodiv'><tr><td>1</td></tr></table><p>code</p>",
    "<script>var x = '<p>';</script><style>p{}</style><object>o</object><p>after</p>",
    "<div><h2 id='n'>Nested</h2><p>in</p></div><p>out</p>",
    "<p>a<br>b<img src='x'>c<hr></p>",
    "<p>unclosed <b>bold <i>it</p></b> tail",
    "<h1>No id</h1><h2 id='y'>Y</h2><p>&amp; &lt;tag&gt;</p>",
    "<sub>2</sub><sup>3</sup><ol><li><p></p></li></ol>",
    "<p></p><p>   </p><li>\n</li>",
]

TAGS = (
    "<p> </p> <div> </div> <span> </span> <pre> </pre> <code> </code> <li> </li> <ul> </ul> <h1_id=a> </h1>"
    " <h2_id=b> </h2> <h3> </h3> <a_class=headerlink> </a> <div_data-search-exclude> <span_data-search-exclude=''>"
    " <td_class=linenodiv> </td> <script> </script> <br> <img_src=x> <sup> </sup> text a\nb &amp; < x_&_y"
)
TAG_SOUP = st.lists(
    st.sampled_from([*(t.replace("_", " ") for t in TAGS.split()), " ", "\n"]), max_size=40
).map("".join)
"""Tags and text Material's parser treats each in its own way, in any order, closed or not."""


def _sections(parser_class: type[Any], html: str) -> list[tuple[Any, ...]]:
    parser = parser_class()
    parser.feed(html)
    parser.close()
    return [(s.el.tag, s.el.attrs, s.id, s.depth, s.title, s.text, s.is_excluded()) for s in parser.data]


def _differences(pages: dict[str, str]) -> list[str]:
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    different = []
    for path, text in sorted(pages.items()):
        html = markdown.Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs
        ).convert(text)
        if _sections(MaterialParser, html) != _sections(fastsearch.Parser, html):
            different.append(path)
    return different


def test_every_page_of_the_real_briefing_has_the_same_sections() -> None:
    pages = page_bodies(ROOT / "content", ROOT / "docs")
    assert any(path.startswith("actors/") for path in pages), "generated pages are compared too"
    assert _differences(pages) == []


def test_every_page_of_a_synthetic_briefing_has_the_same_sections(tmp_path: Path) -> None:
    assert _differences(page_bodies(synthetic_content(tmp_path, 40))) == []


@pytest.mark.parametrize("html", HARD_CASES)
def test_hard_cases_have_the_same_sections(html: str) -> None:
    assert _sections(fastsearch.Parser, html) == _sections(MaterialParser, html)


@settings(max_examples=500, deadline=None)
@given(TAG_SOUP)
def test_tag_soup_has_the_same_sections(html: str) -> None:
    assert _sections(fastsearch.Parser, html) == _sections(MaterialParser, html)


class _Plugin:
    def __init__(self, index: Any) -> None:
        self.search_index = index


class _Page:
    def __init__(self) -> None:
        self.meta: dict[str, Any] = {"search": {"boost": 2}, "tags": ["A"]}
        self.toc: list[Any] = []
        self.url, self.title = "page/", "Page"
        self.content = HARD_CASES[1] + HARD_CASES[2]


def test_material_indexes_are_given_the_parser_once_and_others_are_left_alone() -> None:
    class OwnIndex(SearchIndex):
        pass

    stock, fast, own = SearchIndex(), SearchIndex(), OwnIndex()
    fastsearch.install({"search": _Plugin(fast), "other": _Plugin(own)})
    installed = fast.add_entry_from_context
    fastsearch.install({"search": _Plugin(fast)})
    assert fast.add_entry_from_context is installed
    assert "add_entry_from_context" not in vars(own)
    stock.add_entry_from_context(_Page())
    fast.add_entry_from_context(_Page())
    assert fast.entries == stock.entries
    assert stock.entries


def test_the_pinned_material_is_one_the_parser_was_checked_against() -> None:
    """Pinning another Material means checking its search parser against this one first."""
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pinned = re.search(r"^mkdocs-material==([\d.]+)$", lock, re.M)
    assert pinned and fastsearch.version(pinned[1]) in fastsearch.CHECKED


def test_an_unchecked_material_is_left_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastsearch, "CHECKED", ())
    index = SearchIndex()
    fastsearch.install({"search": _Plugin(index)})
    assert "add_entry_from_context" not in vars(index)
