"""The print view (print.css, print.js) in Chromium with print media emulated: a region's
page prints a drawing of its map instead of the map, no page chrome, citation markers whose
numbers are the entries of the footnote list, context references written out, and the
address of every link to another site.

Every actor's and region's page prints as a brief of at most two A4 pages (counted in the
PDF Chromium saves): title and dateline, the at-a-glance box, the map drawing, the profile,
the newest events with a note on how many there are and where the rest is, and the sources
whose numbers the printed markers carry. On screen nothing is left out.

Builds the tiny fixture site and the real site for a sub-path and serves them there
(test_deploy). Drives the system Chromium through Playwright; without it these tests skip,
except under CI.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, sync_playwright

from briefing.render.pages import BRIEF_EVENTS

from .conftest import ROOT, make_site
from .test_deploy import build_for, free_port, launch, serve_under_prefix

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REGION = "regions/example-district/"
SOURCE = "sources/example-2024-report/"
A4_PAGE = re.compile(rb"/Type\s*/Page\b")
"""A page object of a PDF (``/Type /Pages`` is the tree that holds them)."""


@dataclass(frozen=True)
class Served:
    """A built site: where it is served, and its folder."""

    url: str
    folder: Path

    def briefs(self) -> list[str]:
        """The address of every actor's and region's page, relative to the site."""
        return sorted(
            f"{section}/{page.parent.name}/"
            for section in ("actors", "regions")
            for page in (self.folder / section).glob("*/index.html")
        )


@contextlib.contextmanager
def built(root: Path, site: Path) -> Iterator[Served]:
    """The project in ``root`` built for /briefing/ into ``site`` and served there."""
    port = free_port()
    build_for(f"http://127.0.0.1:{port}/briefing/", site, root)
    with serve_under_prefix(site, port) as url:
        yield Served(url, site)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The tiny fixture site built for /briefing/ and served there."""
    root = make_site(tmp_path_factory.mktemp("tiny"))
    with built(root, tmp_path_factory.mktemp("tiny-site")) as served:
        yield served


@pytest.fixture(scope="module")
def base(tiny: Served) -> str:
    return tiny.url


@pytest.fixture(scope="module", params=["tiny", "real"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The tiny fixture site, then the real site (built from content/), each served under /briefing/."""
    if request.param == "tiny":
        yield request.getfixturevalue("tiny")
        return
    with built(ROOT, tmp_path_factory.mktemp("real-site")) as real:
        yield real


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


def brief_tab(browser: Browser, width: int) -> Page:
    """A tab for going through many pages quickly: the interactive maps (which print as
    drawings, and ask for tiles) are answered with an empty page."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.route(
        re.compile(r"/maps/[a-z0-9-]+\.html$"), lambda route: route.fulfill(body="", content_type="text/html")
    )
    return page


def after(page: Page, selector: str) -> str:
    """The computed ``::after`` content of the first element matching ``selector``."""
    return str(page.eval_on_selector(selector, "el => getComputedStyle(el, '::after').content"))


def test_region_prints_a_drawing_of_the_map_not_the_map(printed: Page, base: str) -> None:
    open_page(printed, base + REGION)
    assert printed.locator("iframe.briefing-map").count() == 1
    assert printed.locator("iframe.briefing-map").is_hidden()
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-search", ".md-footer"):
        assert all(not el.is_visible() for el in printed.locator(chrome).all()), chrome
    drawing = printed.locator(".brief-map img.map-print")
    assert drawing.is_visible(), "a static drawing of the map prints in its place"
    printed.wait_for_function("document.querySelector('.brief-map img.map-print').complete")
    assert drawing.evaluate("img => img.naturalWidth") > 0
    # The map's text alternative is left to the full page: the brief has the drawing.
    table = printed.locator("article table").filter(has=printed.locator("th", has_text="On the map"))
    assert table.is_hidden()
    printed.emulate_media(media="screen")
    assert printed.locator("iframe.briefing-map").is_visible(), "on screen the map is shown"
    assert drawing.is_hidden()
    assert "Example Town" in table.inner_text()


def test_a_timeline_still_prints_its_map_text_alternative(printed: Page, base: str) -> None:
    """Only actor and region pages print as briefs: elsewhere the map's table prints, opened."""
    open_page(printed, base + "timeline/")
    table = printed.locator("article table").filter(has=printed.locator("th", has_text="On the map"))
    assert table.is_visible()
    assert table.evaluate("t => t.checkVisibility({contentVisibilityAuto: true})"), "a collapsed table opens"


def test_citation_numbers_are_the_footnotes_of_the_page(printed: Page, base: str) -> None:
    open_page(printed, base + REGION)
    markers, numbers = printed_citations(printed)
    assert markers, "the region page cites the corpus"
    assert printed.locator("h2#cited").is_visible()
    assert sorted(set(markers)) == numbers
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
    assert pdf.startswith(b"%PDF") and 1 <= pdf_pages(pdf) <= 2


# --- The brief of an actor's or a region's page -------------------------------------------


def pdf_pages(pdf: bytes) -> int:
    """How many pages a PDF that Chromium saved has."""
    return len(A4_PAGE.findall(pdf))


def printed_citations(page: Page) -> tuple[list[int], list[int]]:
    """The numbers of the citation markers the page shows, and of the entries of its list
    of sources it shows (as the medium it is emulating renders them)."""
    markers = page.eval_on_selector_all(
        "article a.cite:not(.cite--context)",
        "els => els.filter(el => el.checkVisibility()).map(el => Number(el.textContent))",
    )
    entries = page.eval_on_selector_all(
        "article ol.cited-list > li",
        "els => els.filter(el => el.checkVisibility()).map(el => Number(el.getAttribute('value')))",
    )
    return markers, entries


def visible_texts(page: Page, selector: str) -> list[str]:
    return page.eval_on_selector_all(
        selector, "els => els.filter(el => el.checkVisibility()).map(el => el.innerText.trim())"
    )


def top(page: Page, selector: str) -> float:
    """Where the first visible element matching ``selector`` starts, down the page."""
    box = page.locator(selector).locator("visible=true").first.bounding_box()
    assert box is not None, selector
    return box["y"]


def events_table(page: Page) -> Locator:
    """The page's table of events (its first column is the date)."""
    return page.locator("article table").filter(
        has=page.locator("th:first-child", has_text=re.compile("^Date$"))
    )


def check_brief(page: Page, url: str) -> None:
    """What a printed brief holds, in order, and what it leaves out."""
    assert page.locator(".infobox.glance").is_visible(), "the at-a-glance box prints"
    note = page.locator(".brief-note")
    assert note.is_visible() and note.inner_text().strip().endswith(url + "."), "the note gives the full page"
    order = ["article h1", ".infobox.glance"]
    if page.locator("iframe.briefing-map").count():
        drawing = page.locator(".brief-map img.map-print")
        assert drawing.is_visible(), "the map's drawing prints"
        page.wait_for_function("document.querySelector('.brief-map img.map-print').complete")
        assert drawing.evaluate("img => img.naturalWidth") > 0, "the drawing loads"
        assert page.locator("iframe.briefing-map").is_hidden()
        order.append(".brief-map")
    order.append("h2#profile")
    # Sections left out: they are on the full page.
    assert page.locator("h2#mentioned-in").is_hidden()
    assert visible_texts(page, ".print-omit") == []
    rows = (
        events_table(page).locator("tbody tr").evaluate_all("rows => rows.map(row => row.checkVisibility())")
    )
    if rows:
        order.append("h2#events")
        # The newest events are the last rows of a table in date order.
        assert rows == [i >= len(rows) - BRIEF_EVENTS for i in range(len(rows))]
        if len(rows) > BRIEF_EVENTS:
            excerpt = f"The {BRIEF_EVENTS} most recent of {len(rows)} events; the full list is at {url}."
            assert excerpt in visible_texts(page, ".print-only")
    markers, entries = printed_citations(page)
    assert sorted(set(markers)) == entries, "every printed marker finds its entry, and no entry is orphaned"
    if entries:
        order.append("h2#cited")
        # An entry that names an earlier one for its source names a printed one.
        for text in visible_texts(page, "article ol.cited-list > li"):
            if text.startswith("As in "):
                assert int(text.removeprefix("As in ").split(",")[0]) in entries, text
    tops = [top(page, selector) for selector in order]
    assert tops == sorted(tops), f"the brief reads {order} in that order"


SCREEN_CHECK = """() => {
  const shown = (selector) => [...document.querySelectorAll(selector)].filter((el) => el.checkVisibility());
  const all = (selector) => [...document.querySelectorAll(selector)];
  const omitted = all("article .print-omit").filter((el) => el.tagName !== "SPAN");
  return {
    omitted: omitted.length,
    hidden: omitted.filter((el) => !el.checkVisibility()).map((el) => el.outerHTML.slice(0, 120)),
    printOnly: shown("article .print-only").map((el) => el.outerHTML.slice(0, 120)),
    olderRows: all("article tr").filter((tr) => tr.querySelector(".print-omit")).length,
    olderRowsShown: shown("article tr").filter((tr) => tr.querySelector(".print-omit")).length,
    quotes: shown("article ol.cited-list > li").every((li) => li.innerText.trim().startsWith("\u201c")),
  };
}"""
"""What the screen shows of the parts a printed brief leaves out."""


def check_screen(page: Page, path: str) -> None:
    """On screen the page is whole: what the brief leaves out shows, its notes do not."""
    seen = page.evaluate(SCREEN_CHECK)
    assert seen["omitted"] >= 6, path  # at least three sections after the profile, heading and body
    assert seen["hidden"] == [], path
    assert seen["printOnly"] == [], path
    assert seen["olderRowsShown"] == seen["olderRows"], path
    assert seen["quotes"], f"{path}: on screen every source is listed with its quote"
    markers, entries = printed_citations(page)
    assert sorted(set(markers)) == entries == list(range(1, len(entries) + 1)), path


def test_every_actor_and_region_prints_as_a_two_page_brief(browser: Browser, served: Served) -> None:
    """Each page is checked on screen (whole), then printed (the brief, at most two A4 pages)."""
    briefs = served.briefs()
    assert any(b.startswith("actors/") for b in briefs) and any(b.startswith("regions/") for b in briefs)
    page = brief_tab(browser, 1300)
    counts = {}
    try:
        for path in briefs:
            page.emulate_media(media="screen")
            page.goto(served.url + path, wait_until="load")
            check_screen(page, path)
            page.emulate_media(media="print")
            check_brief(page, served.url + path)
            counts[path] = pdf_pages(page.pdf(format="A4"))
    finally:
        page.close()
    assert all(n >= 1 for n in counts.values()), counts
    longer = {path: n for path, n in counts.items() if n > 2}
    assert not longer, f"pages printed on more than two A4 pages: {longer}"
