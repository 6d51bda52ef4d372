"""The sanitiser's allow-list: everything the site's pages are made of passes, nothing that runs does."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import pytest

from briefing.pipeline import generate
from briefing.sanitise import sanitise

from .conftest import ROOT
from .test_property_markup import page_html


class _Shape(HTMLParser):
    """Every element with its attributes and their values (styles without spaces)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: Counter[tuple[str, ...]] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found[(tag,)] += 1
        for name, value in attrs:
            value = (value or "").replace(" ", "").rstrip(";") if name == "style" else value or ""
            self.found[(tag, name, value)] += 1


def shape(html: str) -> Counter[tuple[str, ...]]:
    parser = _Shape()
    parser.feed(html)
    return parser.found


def test_every_page_of_the_real_site_keeps_every_element_and_attribute() -> None:
    site = generate(ROOT / "content")
    pages = {
        **site.pages,
        **{f"docs/{p.name}": p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md")},
    }
    for path, text in sorted(pages.items()):
        html = page_html(text)
        assert shape(sanitise(html)) == shape(html), path


@pytest.mark.parametrize(
    ("html", "gone"),
    [
        ("<p>a<script>alert(1)</script></p>", "alert"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ('<p onclick="alert(1)">a</p>', "onclick"),
        ('<a href="javascript:alert(1)">a</a>', "javascript"),
        ('<a href=" JaVaScRiPt:alert(1)">a</a>', "alert"),
        ('<a href="data:text/html,x">a</a>', "data:"),
        ('<iframe src="https://example.org/"></iframe>', "example.org"),
        ('<iframe src="maps/../../x.html"></iframe>', "x.html"),
        ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', "srcdoc"),
        ('<img src="https://example.org/x.svg">', "example.org"),
        ('<img src="../maps/x.svg" onerror="alert(1)">', "onerror"),
        ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', "data:"),
        ('<em autofocus tabindex="0" onfocus="alert(1)">a</em>', "onfocus"),
        ('<form action="https://example.org/"><input name="q"></form>', "input"),
        ('<object data="x.swf"></object><embed src="x">', "object"),
        ('<p style="background:url(javascript:alert(1))">a</p>', "background"),
        ('<a href="#x" target="evil">a</a>', "evil"),
        ("<svg><script>alert(1)</script></svg>", "svg"),
        ("<!-- <script>alert(1)</script> -->", "alert"),
        ('<base href="https://example.org/">', "base"),
        ('<meta http-equiv="refresh" content="0;url=https://example.org/">', "refresh"),
    ],
)
def test_what_runs_is_removed(html: str, gone: str) -> None:
    assert gone.lower() not in sanitise(html).lower()


def test_what_the_site_writes_is_kept() -> None:
    kept = [
        '<iframe class="briefing-map" data-briefing-map="overview" loading="lazy" src="../maps/overview.html" '
        'style="display: block; width: 100%; height: 30rem; border: 0;" title="Map"></iframe>',
        '<img alt="Map, drawn for print" class="map-print" src="../../maps/region-bannu.svg">',
        '<a class="cite" href="../sources/x.md#p2" title="“q” — T">1</a>',
        '<a href="https://example.org/" rel="noopener" target="_top">x</a>',
        '<abbr title="Tehreek-e-Taliban Pakistan">TTP</abbr>',
        '<ol class="cited-list"><li value="3">x</li></ol>',
        '<p class="reviewed">Last reviewed <time datetime="2026-11-23">23 November 2026</time></p>',
        '<table><thead><tr><th style="text-align: left;">a</th></tr></thead></table>',
        '<div class="admonition warning"><p class="admonition-title">W</p></div>',
        "<details open><summary>s</summary><p>x</p></details>",
        '<pre class="mermaid"><code>graph LR; a --&gt; b</code></pre>',
        '<a href="mailto:desk@example.org">desk</a>',
    ]
    for html in kept:
        assert shape(sanitise(html)) == shape(html), html
