"""The built site in Chromium: every page type loads cleanly, search finds actors, citations
lead to their highlighted passage, the palette toggle works across instant navigation,
index lists filter and sort, abbreviations explain themselves, maps draw inside their
pages, the feed and open data are served, and a region prints as a brief with a drawing of
its map.

Every test runs twice: against the real site as `mkdocs build` makes it with the plugin, and
as Zensical builds the docs tree `briefing generate --config` writes (no plugin). Each is
built once into a temporary folder, served on localhost and driven in the system Chromium
(BRIEFING_CHROMIUM, default /usr/bin/chromium) through Playwright. Tile requests are
answered locally. Without Chromium these tests skip, except under CI.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

from briefing.cli import main

from .conftest import ROOT, launch_chromium

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TILE_HOST = "tile.openstreetmap.org"
SITE_URL = "http://127.0.0.1/"
"""The site_url the site is built for; tests serve it on another port of the same host."""
PAGE_TYPES = {
    "home": "",
    "actors index": "actors/",
    "actor": "actors/ttp/",
    "regions index": "regions/",
    "region": "regions/north-waziristan/",
    "debates index": "debates/",
    "debate": "debates/talks-versus-force/",
    "timeline": "timeline/",
    "sources index": "sources/",
    "source": "sources/fp-2024-cross-border-strikes/",
    "glossary": "glossary/",
    "about": "about/",
}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def build_with_mkdocs(folder: Path, env: dict[str, str]) -> Path:
    site = folder / "site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return site


def build_with_zensical(folder: Path, env: dict[str, str]) -> Path:
    """The docs tree of `briefing generate --config`, built by Zensical beside it."""
    zensical = shutil.which("zensical", path=str(Path(sys.executable).parent))
    assert zensical, "zensical is a test dependency and should be installed (pip install -e '.[test]')"
    tree = folder / "tree"
    config = tree / "mkdocs.yml"
    args = [
        "--content",
        str(ROOT / "content"),
        "generate",
        "--out",
        str(tree / "docs"),
        "--docs",
        str(ROOT / "docs"),
    ]
    assert main([*args, "--config", str(config), "--project-config", str(ROOT / "mkdocs.yml")]) == 0
    result = subprocess.run(
        [zensical, "build", "--clean", "-f", str(config)],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return tree / "site"


BUILDERS = {"mkdocs": build_with_mkdocs, "zensical": build_with_zensical}


@pytest.fixture(scope="module", params=sorted(BUILDERS))
def builder(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, builder: str) -> Iterator[str]:
    """The real site, built once by each builder and served on a free localhost port."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    site = BUILDERS[builder](tmp_path_factory.mktemp(builder), env)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        yield launched
        launched.close()


@dataclass
class Watch:
    """What a page did: requests by host, failures, console errors and page errors."""

    hosts: set[str] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _tiles(route: Route) -> None:
    if urlsplit(route.request.url).hostname == TILE_HOST or (
        urlsplit(route.request.url).hostname or ""
    ).endswith("." + TILE_HOST):
        route.fulfill(status=200, content_type="image/png", body=b"")
    else:
        route.continue_()


@pytest.fixture
def page(browser: Browser) -> Iterator[tuple[Page, Watch]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", _tiles)
    watched = context.new_page()
    seen = Watch()
    watched.on("request", lambda r: seen.hosts.add(urlsplit(r.url).hostname or ""))
    watched.on("requestfailed", lambda r: seen.failures.append(f"{r.url} {r.failure}"))
    watched.on("response", lambda r: seen.failures.append(f"{r.url} {r.status}") if r.status >= 400 else None)
    watched.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    watched.on("pageerror", lambda e: seen.errors.append(str(e)))
    yield watched, seen
    context.close()


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_each_page_type_loads_cleanly_from_localhost_only(
    page: tuple[Page, Watch], base: str, path: str
) -> None:
    tab, seen = page
    tab.goto(base + path, wait_until="networkidle")
    assert tab.locator("article h1").count() == 1
    assert not seen.errors, seen.errors
    assert not seen.failures, seen.failures
    assert seen.hosts <= {"127.0.0.1", TILE_HOST} | {h for h in seen.hosts if h.endswith("." + TILE_HOST)}


ANSWERS = {
    "home": ("", "#key-judgements ~ ol > li"),
    "actor": ("actors/ttp/", ".infobox.glance tr:has-text('Last recorded event')"),
    "region": ("regions/north-waziristan/", ".infobox.glance tr:has-text('Last recorded event')"),
    "regions index": ("regions/", ".data-list table"),
    "timeline": ("timeline/", "article h2"),
}
"""Per page type: the first thing that answers a reader's question (judgements, the
at-a-glance facts, the list), which maps and their tables must not push below the fold."""


@pytest.mark.parametrize("size", [(1440, 900), (390, 844)], ids=["desktop", "phone"])
@pytest.mark.parametrize("kind", ANSWERS)
def test_the_answer_is_above_the_fold_and_map_tables_are_collapsed(
    page: tuple[Page, Watch], base: str, kind: str, size: tuple[int, int]
) -> None:
    tab, _ = page
    path, answer = ANSWERS[kind]
    tab.set_viewport_size({"width": size[0], "height": size[1]})
    tab.goto(base + path, wait_until="networkidle")
    top = tab.locator(answer).first.evaluate("e => e.getBoundingClientRect().top + window.scrollY")
    assert top < size[1], f"{kind}: the answer starts {top / size[1]:.1f} screens down"
    tables = tab.locator("details.map-table")
    assert tables.count() == tab.locator("iframe.briefing-map").count()
    assert tab.locator("details.map-table[open]").count() == 0, "a map's text table starts collapsed"
    for outer in tab.locator("details:not(.map-table):has(iframe.briefing-map) > summary").all():
        outer.click()  # a map that is itself collapsed (the timeline's)
    if tables.count():
        tables.first.locator("summary").click()
        assert tables.first.locator("table").is_visible(), "and opens on a click"


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_table_is_clipped_on_a_phone(page: tuple[Page, Watch], base: str, path: str) -> None:
    tab, _ = page
    tab.set_viewport_size({"width": 390, "height": 844})
    tab.goto(base + path, wait_until="networkidle")
    for summary in tab.locator("details:not([open]) > summary").all():
        if summary.is_visible():
            summary.click()  # map tables and collapsed maps are checked open
    clipped = tab.evaluate(
        """() => Array.from(document.querySelectorAll("article table"))
            .filter(t => t.offsetParent !== null)
            .filter(t => t.scrollWidth > t.clientWidth + 1
                || t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map(t => t.rows[0].textContent.trim().slice(0, 60))"""
    )
    assert clipped == [], f"tables wider than a 390 px screen: {clipped}"


@pytest.mark.parametrize("width", [1440, 390])
@pytest.mark.parametrize(
    "path", ["", "actors/ttp/", "sources/fp-2024-cross-border-strikes/"], ids=["home", "actor", "source"]
)
def test_citation_markers_and_paragraph_anchors_are_24_px_targets(
    page: tuple[Page, Watch], base: str, path: str, width: int
) -> None:
    tab, _ = page
    tab.set_viewport_size({"width": width, "height": 900})
    tab.goto(base + path, wait_until="networkidle")
    sizes = tab.evaluate(
        """() => Array.from(document.querySelectorAll("article a.cite, article a.para-anchor"))
            .filter(a => a.offsetParent !== null)
            .map(a => { const r = a.getBoundingClientRect(); return [a.textContent, r.width, r.height]; })"""
    )
    assert sizes, "the page has markers to measure"
    small = [s for s in sizes if s[1] < 24 or s[2] < 24]
    assert small == [], f"{len(small)} of {len(sizes)} targets under 24 x 24 px: {small[:5]}"


@pytest.mark.parametrize("width", [1440, 390])
@pytest.mark.parametrize("path", ["actors/", "actors/ttp/"], ids=["actors index", "actor"])
def test_relation_diagrams_keep_labels_of_12_px_and_scroll_instead(
    page: tuple[Page, Watch], base: str, path: str, width: int
) -> None:
    tab, seen = page
    tab.set_viewport_size({"width": width, "height": 900})
    tab.goto(base + path, wait_until="networkidle")
    tab.wait_for_function("window.briefingDiagrams && window.briefingDiagrams.length > 0")
    tab.wait_for_timeout(200)
    needs = tab.evaluate("window.briefingDiagrams")
    shown = tab.evaluate("Array.from(document.querySelectorAll('.relation-diagram')).map(d => d.scrollWidth)")
    assert len(shown) == len(needs)
    for need, width_shown in zip(needs, shown, strict=True):
        assert width_shown * need["font"] / need["natural"] >= 12 - 0.5, (need, width_shown)
    assert not seen.errors


def _shown(tab: Page) -> list[str]:
    return list(
        tab.eval_on_selector_all(".event[data-event]:not([hidden])", "es => es.map(e => e.dataset.event)")
    )


def test_the_event_explorer_filters_by_region_actor_kind_and_year_and_shares_the_view(
    page: tuple[Page, Watch], base: str
) -> None:
    tab, seen = page
    tab.goto(base + "timeline/", wait_until="networkidle")
    events = tab.eval_on_selector_all(".event[data-event]", "es => es.map(e => e.dataset)")
    assert _shown(tab) == [e["event"] for e in events], "every event is shown to start with"
    region = tab.locator("select[name=region] option").nth(1).get_attribute("value")
    tab.select_option("select[name=region]", region)
    in_region = [e["event"] for e in events if region in e["regions"].split()]
    assert _shown(tab) == in_region and 0 < len(in_region) < len(events)
    assert f"region={region}" in tab.url
    kind = events[[e["event"] for e in events].index(in_region[0])]["kind"]
    tab.select_option("select[name=kind]", kind)
    both = [e["event"] for e in events if region in e["regions"].split() and e["kind"] == kind]
    assert _shown(tab) == both and f"kind={kind}" in tab.url
    assert tab.locator(".event-explorer__count").inner_text() == f"{len(both)} of {len(events)} events shown"
    for year in tab.locator(".event-year").all():  # a year with nothing shown goes with its events
        assert year.is_hidden() == (year.locator(".event[data-event]:not([hidden])").count() == 0)
    with tab.expect_download() as download:
        tab.click(".event-explorer__csv")
    rows = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert rows[0] == "id,date,title,kind,regions,actors,link"
    assert [row.split(",")[0] for row in rows[1:]] == both
    shared = tab.url  # the same view, opened from its address
    tab.goto(base + "timeline/", wait_until="networkidle")
    assert len(_shown(tab)) == len(events)
    tab.goto(shared, wait_until="networkidle")
    assert _shown(tab) == both
    assert not seen.errors


def test_the_event_explorer_has_a_one_line_view_and_the_map_follows_it(
    page: tuple[Page, Watch], base: str
) -> None:
    tab, seen = page
    tab.goto(base + "timeline/", wait_until="networkidle")
    actor = tab.locator("select[name=actor] option").nth(1).get_attribute("value")
    tab.goto(f"{base}timeline/?actor={actor}&view=compact", wait_until="networkidle")
    shown = _shown(tab)
    assert shown and tab.locator("select[name=actor]").input_value() == actor
    first = tab.locator(f'.event[data-event="{shown[0]}"]')
    assert first.locator("h3").is_visible() and not first.locator(".event-meta").is_visible()
    tab.locator("details.timeline-map > summary").click()
    handle = tab.locator("iframe.briefing-map").element_handle()
    frame = handle.content_frame() if handle else None
    assert frame is not None
    frame.wait_for_function("window.BriefingMap && BriefingMap.maps.length === 1")
    on_map = "Array.from(document.querySelectorAll('.bm-marker-event [data-id]')).map(m => m.dataset.id.split('--')[0])"
    frame.wait_for_function(f"{on_map}.every(id => {json.dumps(shown)}.includes(id))")
    filtered = frame.evaluate(on_map)
    tab.click(".event-explorer__reset")
    assert len(_shown(tab)) > len(shown)
    frame.wait_for_function(f"{on_map}.length >= {len(filtered)}")
    everything = frame.evaluate(on_map)
    assert set(filtered) <= set(everything)
    assert set(everything) - set(shown), "without a filter the map shows the other events again"
    assert not seen.errors


def test_without_javascript_the_timeline_is_the_full_list(browser: Browser, base: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(base + "timeline/")
        assert tab.locator(".event-explorer").is_hidden()
        events = tab.locator(".event[data-event]")
        assert events.count() > 0 and all(e.is_visible() for e in events.all())
    finally:
        context.close()


def test_search_ranks_the_haqqani_network_first(page: tuple[Page, Watch], base: str, builder: str) -> None:
    tab, _ = page
    tab.goto(base, wait_until="networkidle")
    if builder == "zensical":  # a search button opens a dialog whose results are options of a list box
        tab.locator(".md-search__button").click()
        tab.keyboard.type("Haqqani", delay=30)
        first = tab.get_by_role("listbox", name="Search results").get_by_role("option").first
    else:
        tab.locator(".md-search__input").click()
        tab.keyboard.type("Haqqani", delay=30)
        first = tab.locator(".md-search-result__item a.md-search-result__link").first
    first.wait_for(timeout=15000)
    assert urlsplit(first.get_attribute("href") or "").path.rstrip("/").endswith("actors/haqqani-network")


def test_a_citation_leads_to_its_highlighted_passage(page: tuple[Page, Watch], base: str) -> None:
    tab, _ = page
    tab.goto(base + "actors/ttp/", wait_until="networkidle")
    marker = tab.locator("article a.cite").first
    title = marker.get_attribute("title") or ""
    assert "“" in title and " — " in title  # the quote, then source, outlet and date
    anchor = urlsplit(marker.get_attribute("href") or "").fragment
    marker.click()  # instant navigation: the page is swapped without a reload
    tab.wait_for_url("**/sources/**")
    target = tab.locator(f"#{anchor}")
    target.wait_for()
    tab.wait_for_function(f"document.getElementById('{anchor}').classList.contains('is-cited')")
    assert target.locator("mark").count() >= 1
    background = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_the_palette_toggle_switches_to_dark_and_survives_instant_navigation(
    page: tuple[Page, Watch], base: str
) -> None:
    tab, seen = page
    tab.goto(base, wait_until="networkidle")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert tab.evaluate(scheme) == "default"
    tab.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert tab.evaluate(scheme) == "slate"
    tab.locator(".md-tabs__link", has_text="Actors").click()
    tab.wait_for_url("**/actors/")
    assert tab.evaluate(scheme) == "slate"
    assert not seen.errors, seen.errors


def test_index_lists_filter_and_sort(page: tuple[Page, Watch], base: str) -> None:
    tab, seen = page
    tab.goto(base + "actors/", wait_until="networkidle")
    rows = tab.locator(".data-list table tbody tr")
    total = rows.count()
    assert total >= 2
    # A word of the first actor's name that not every row contains.
    texts = [text.lower() for text in rows.all_inner_texts()]
    name = rows.first.locator("td").first.inner_text().lower().split()
    word = next(w for w in name if sum(w in t for t in texts) < total)
    box = tab.get_by_role("searchbox", name="Filter actors")
    box.fill(word)
    visible = tab.locator(".data-list table tbody tr:visible")
    assert 1 <= visible.count() < total
    assert all(word in text.lower() for text in visible.all_inner_texts())
    assert tab.locator(".data-list__count").inner_text() == f"{visible.count()} of {total} shown"
    box.fill("")
    assert tab.locator(".data-list table tbody tr:visible").count() == total
    # Sorting by date uses the <time> in each cell, so "2023" and "21 March 2024" order by date.
    tab.goto(base + "sources/", wait_until="networkidle")
    header = tab.locator(".data-list th", has_text="Published")
    header.get_by_role("button").click()
    dates = [
        cell.get_attribute("datetime") or ""
        for cell in tab.locator(".data-list tbody tr td:first-child time").all()
    ]
    assert dates == sorted(dates) and len(dates) >= 2
    assert header.get_attribute("aria-sort") == "ascending"
    header.get_by_role("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    assert not seen.errors, seen.errors


def test_abbreviations_explain_themselves_on_hand_written_and_generated_pages(
    page: tuple[Page, Watch], base: str
) -> None:
    tab, _ = page
    for path in ("about/", "actors/ttp/"):
        tab.goto(base + path, wait_until="networkidle")
        abbr = tab.locator("article abbr[title]:visible").first.element_handle()
        assert abbr is not None, f"{path}: no abbreviation carries its expansion"
        expansion = abbr.get_attribute("title") or ""
        assert len(expansion) > len(abbr.inner_text())
        abbr.hover()  # content.tooltips: the expansion shows as the theme's tooltip
        tab.get_by_role("tooltip").filter(has_text=expansion).first.wait_for(state="visible", timeout=5000)


def test_a_region_page_draws_its_map_inside_the_page(page: tuple[Page, Watch], base: str) -> None:
    tab, seen = page
    tab.goto(base + "regions/north-waziristan/", wait_until="networkidle")
    iframe = tab.locator("iframe.briefing-map")
    iframe.scroll_into_view_if_needed()
    frame = iframe.content_frame
    frame.locator(".leaflet-interactive").first.wait_for(timeout=15000)
    assert frame.locator("path.leaflet-interactive").count() >= 2  # the region's outline and the border
    assert not seen.failures, seen.failures


def test_the_feed_and_the_open_data_are_served(page: tuple[Page, Watch], base: str) -> None:
    tab, _ = page
    tab.goto(base, wait_until="networkidle")
    feed_href = tab.locator("link[rel='alternate'][type='application/atom+xml']").get_attribute("href") or ""
    feed = urljoin(tab.url, feed_href)
    response = tab.request.get(feed)
    assert response.ok, feed_href
    atom = "{http://www.w3.org/2005/Atom}"
    entries = ET.fromstring(response.body()).findall(f"{atom}entry")
    assert entries, "the feed lists sources and events"
    # Entry links are absolute from site_url when the builder gives it, else relative to the feed.
    links = [
        urljoin(feed, link.get("href") or "") for entry in entries for link in entry.findall(f"{atom}link")
    ]
    assert links and all(link.startswith((SITE_URL, base)) for link in links)
    assert tab.request.get(links[0].replace(SITE_URL, base, 1)).ok
    tab.goto(base + "data/", wait_until="networkidle")
    links = {
        urljoin(tab.url, href)
        for href in tab.locator("article a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        if href and href.rsplit(".", 1)[-1] in ("csv", "geojson", "json")
    }
    assert {url.rsplit(".", 1)[-1] for url in links} == {"csv", "geojson", "json"}
    for url in sorted(links):
        body = tab.request.get(url)
        assert body.ok, url
        if url.endswith(".csv"):
            assert len(body.text().splitlines()) >= 2, url  # a header and rows
        else:
            assert json.loads(body.text()), url


def test_a_region_prints_as_a_brief_with_a_drawing_of_its_map(page: tuple[Page, Watch], base: str) -> None:
    tab, _ = page
    tab.emulate_media(media="print")
    tab.goto(base + "regions/north-waziristan/", wait_until="networkidle")
    assert tab.locator("iframe.briefing-map").is_hidden()
    assert tab.locator(".brief-map img.map-print").is_visible()
    assert tab.locator(".infobox.glance").is_visible() and tab.locator(".brief-note").is_visible()
    assert tab.locator("h2#mentioned-in").is_hidden(), "the brief leaves the mentions to the full page"
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer"):
        assert all(not el.is_visible() for el in tab.locator(chrome).all()), chrome
    pdf = tab.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) <= 2
    tab.emulate_media(media="screen")
    assert tab.locator("h2#mentioned-in").is_visible() and tab.locator(".brief-note").is_hidden()
