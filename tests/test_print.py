"""The print view (print.css, print.js) in Chromium with print media emulated: a region's
page prints its map's text alternative instead of the map, no page chrome, citation
markers whose numbers are the entries of the footnote list, context references written
out, and the address of every link to another site.

Builds the tiny fixture site for a sub-path and serves it there (test_deploy). Drives the
system Chromium through Playwright; without it these tests skip, except under CI.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from .conftest import make_site
from .test_deploy import build_for, free_port, launch, serve_under_prefix

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REGION = "regions/example-district/"
SOURCE = "sources/example-2024-report/"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The tiny fixture site built for /briefing/ and served there."""
    root = make_site(tmp_path_factory.mktemp("tiny"))
    site = tmp_path_factory.mktemp("tiny-site")
    port = free_port()
    build_for(f"http://127.0.0.1:{port}/briefing/", site, root)
    with serve_under_prefix(site, port) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def printed(browser: Browser, base: str) -> Iterator[Page]:
    """A fresh page with print media emulated, as the browser's Print dialog renders it."""
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    page.emulate_media(media="print")
    yield page
    page.close()


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")


def after(page: Page, selector: str) -> str:
    """The computed ``::after`` content of the first element matching ``selector``."""
    return str(page.eval_on_selector(selector, "el => getComputedStyle(el, '::after').content"))


def test_region_prints_the_map_text_alternative_not_the_map(printed: Page, base: str) -> None:
    open_page(printed, base + REGION)
    assert printed.locator("iframe.briefing-map").count() == 1
    assert printed.locator("iframe.briefing-map").is_hidden()
    # The text alternative is the table that follows the map: it prints in full.
    table = printed.locator("article table").filter(has=printed.locator("th", has_text="On the map"))
    assert table.is_visible()
    assert table.evaluate("t => t.checkVisibility({contentVisibilityAuto: true})"), "a collapsed table opens"
    box = table.bounding_box()
    assert box is not None and box["height"] > 0
    assert "Example Town" in table.inner_text()
    assert printed.get_by_role("link", name="Download the data").is_visible()
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-search", ".md-footer"):
        assert all(not el.is_visible() for el in printed.locator(chrome).all()), chrome
    drawing = printed.locator("img.map-print")
    assert drawing.is_visible(), "a static drawing of the map prints in its place"
    printed.wait_for_function("document.querySelector('img.map-print').complete")
    assert drawing.evaluate("img => img.naturalWidth") > 0
    printed.emulate_media(media="screen")
    assert printed.locator("iframe.briefing-map").is_visible(), "on screen the map is shown"
    assert drawing.is_hidden()


def test_citation_numbers_are_the_footnotes_of_the_page(printed: Page, base: str) -> None:
    open_page(printed, base + REGION)
    markers = printed.locator("article a.cite:not(.cite--context)").all_inner_texts()
    assert markers, "the region page cites the corpus"
    footnotes = printed.locator("article ol.cited-list > li")
    assert printed.locator("h2#cited").is_visible() and footnotes.first.is_visible()
    numbers = [footnotes.nth(i).get_attribute("value") for i in range(footnotes.count())]
    assert sorted({int(m) for m in markers}) == [int(n or 0) for n in numbers]
    # A context marker has no number: the reference it stands for is written out.
    assert "[Context: An example reference, Example Publisher, 2020]" in after(printed, "a.cite--context")


def test_links_to_other_sites_print_their_address(printed: Page, base: str) -> None:
    open_page(printed, base + REGION)
    reference = printed.locator("article .context-list a").first
    href = reference.get_attribute("href") or ""
    assert href.startswith("https://")
    assert "link-external" in (reference.get_attribute("class") or "")
    assert href in after(printed, "article .context-list a")
    internal = printed.locator("article table a", has_text="Example Town").first
    assert internal.evaluate("el => getComputedStyle(el, '::after').content") in ("none", "normal")
    # A link whose text is its address is not written out twice.
    open_page(printed, base + SOURCE)
    original = printed.locator("article a[href='https://example.org/report']")
    assert "link-external" not in (original.get_attribute("class") or "")


def test_region_saves_as_pdf(printed: Page, base: str) -> None:
    open_page(printed, base + REGION)
    pdf = printed.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 2
