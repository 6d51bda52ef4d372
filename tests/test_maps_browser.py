"""Maps in a real browser: Leaflet starts, draws what it should, popups link out of the
iframe, the keyboard reaches every marker, the palette reaches the map, and no request
leaves localhost except for tiles (answered here with a blank image).

Drives the system Chromium (/usr/bin/chromium) through Playwright; without it these tests
skip, except under CI, where they fail. ``python tests/test_maps_browser.py OUT_DIR`` takes
screenshots of some maps (light and dark, with and without tiles, 1280 and 390 px wide).
"""

from __future__ import annotations

import contextlib
import functools
import struct
import sys
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Frame, Page, Playwright, Request, Route, sync_playwright

from briefing.maps import MapSet, build_maps
from briefing.maps.budget import REQUEST_LIMIT
from briefing.maps.data import border_name, located_events, outlined
from briefing.model.geography import Geography, Label
from briefing.options import OSM, Options
from briefing.pipeline import check

from .conftest import CHROMIUM as SYSTEM_CHROMIUM
from .conftest import launch_chromium

pytestmark = pytest.mark.browser

CHROMIUM = SYSTEM_CHROMIUM
CONTENT = Path(__file__).resolve().parent.parent / "content"
TILE_HOST = urlsplit(OSM.url).netloc
READY = "window.BriefingMap && BriefingMap.maps.length === 1"
HOSTILE = '<img src=x onerror="window.__hostile=1">'
HOSTILE_AT = (28.0, 64.0)
"""A hostile name in the reference geography, at an empty spot of the overview."""
TILES_LOADED = "document.querySelectorAll('.leaflet-tile:not(.leaflet-tile-loaded)').length === 0"


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A plain PNG of one colour, to answer tile requests."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


TILE = png(256, 256, (208, 212, 204))

PARENT = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Parent</title>{material}</head>
<body data-md-color-scheme="slate">
<iframe data-briefing-map="region-bannu" src="maps/region-bannu.html" title="Map of Bannu"
  style="width: 600px; height: 400px"></iframe>
<script src="assets/maps/embed.js"></script>
</body></html>
"""
TALL = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A long page</title></head>
<body style="margin: 0">
<div style="height: 900px">Text above the map.</div>
<iframe data-briefing-map="region-bannu" src="maps/region-bannu.html" title="Map of Bannu"
  style="display: block; width: 600px; height: 400px; border: 0"></iframe>
<div style="height: 1500px">Text below the map.</div>
</body></html>
"""
"""A page that must scroll past a map."""
# Material's instant navigation exposes document$, an observable of page loads.
MATERIAL = "<script>window.subscribed = 0; window.document$ = {subscribe: function (f) { subscribed++; f(); }};</script>"


def write(root: Path, mapset: MapSet) -> None:
    """Write a map set under root, as the site would serve it."""
    for path, content in mapset.files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve a folder on localhost for the duration of the block; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def launch(playwright: Playwright) -> Browser:
    """The system Chromium; fails under CI when it is missing, skips otherwise."""
    browser: Browser = launch_chromium(playwright, CHROMIUM)
    return browser


@dataclass
class Watch:
    """What a page did: console errors, page errors, and every request by host."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    tiles: int = 0

    def hosts(self) -> set[str]:
        return {urlsplit(url).netloc for url in self.requests}


def watch(page: Page) -> Watch:
    """Record a page's errors and requests; answer tiles locally and refuse any other host."""
    seen = Watch()
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    page.on("request", lambda r: seen.requests.append(r.url))

    def route(route: Route, request: Request) -> None:
        host = urlsplit(request.url).hostname
        if host == "127.0.0.1":
            route.continue_()
        elif urlsplit(request.url).netloc == TILE_HOST:
            seen.tiles += 1
            route.fulfill(status=200, content_type="image/png", body=TILE)
        else:
            route.abort()

    page.route("**/*", route)
    return seen


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Maps with tiles under /, without tiles under /plain/, and two parent pages."""
    root = tmp_path_factory.mktemp("maps")
    briefing = check(CONTENT)
    write(root, build_maps(briefing))
    write(root / "plain", build_maps(briefing, Options(tiles="none")))
    briefing.geography = Geography(HOSTILE, (), (Label("town", HOSTILE, *HOSTILE_AT, 5_000_000),))
    write(root / "hostile", build_maps(briefing, Options(tiles="none")))
    (root / "parent.html").write_text(PARENT.format(material=""), encoding="utf-8")
    (root / "material.html").write_text(PARENT.format(material=MATERIAL), encoding="utf-8")
    (root / "tall.html").write_text(TALL, encoding="utf-8")
    with serve(root) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    opened = context.new_page()
    yield opened
    context.close()


def open_map(page: Page, url: str) -> Watch:
    seen = watch(page)
    page.goto(url)
    page.wait_for_function(READY)
    return seen


def count(page: Page, selector: str) -> int:
    return int(page.evaluate(f"document.querySelectorAll({selector!r}).length"))


def assert_clean(seen: Watch, base: str, tiles: bool) -> None:
    assert seen.errors == []
    local = urlsplit(base).netloc
    assert seen.hosts() <= {local, TILE_HOST}
    assert (seen.tiles > 0) == tiles
    assert len([url for url in seen.requests if urlsplit(url).netloc == local]) <= REQUEST_LIMIT


def test_overview_draws_every_outline_the_border_and_located_event(page: Page, site: str) -> None:
    seen = open_map(page, f"{site}maps/overview.html")
    briefing = check(CONTENT)
    assert count(page, ".bm-marker-event") == len([e for e in located_events(briefing) if e.exact])
    assert count(page, "path.bm-outline") == len(outlined(briefing))
    assert count(page, "path.bm-border") == len(briefing.borders)
    assert count(page, ".leaflet-control-layers") == 1
    assert count(page, ".leaflet-control-scale") == 1
    assert page.locator(".bm-legend").is_visible()
    written = [text.replace("\n", " ") for text in page.locator(".bm-label-border").all_inner_texts()]
    expected = {" ".join(filter(None, [border_name(b), b.status])) for b in briefing.borders.values()}
    assert written and set(written) <= expected, "each border's status is written under its name"
    assert_clean(seen, site, tiles=True)


def test_a_popup_links_into_the_site_in_the_top_window(page: Page, site: str) -> None:
    seen = open_map(page, f"{site}maps/overview.html")
    page.locator('[data-id="2014-06-karachi-airport-attack"]').click()
    link = page.locator(".leaflet-popup .bm-popup-title a")
    assert link.inner_text() == "Militant attack on Karachi's main airport"
    assert link.get_attribute("target") == "_top"
    assert link.evaluate("a => a.href") == f"{site}timeline/#2014-06-karachi-airport-attack"
    sources = page.locator(".leaflet-popup a[href*='sources/']")
    assert sources.evaluate("a => a.href") == f"{site}sources/wp-2014-north-waziristan-offensive/"
    assert_clean(seen, site, tiles=True)


def test_the_keyboard_reaches_outlines_and_markers_and_opens_popups(page: Page, site: str) -> None:
    seen = open_map(page, f"{site}plain/maps/region-north-waziristan.html")
    page.locator(".bm-map").focus()
    names = []
    for _ in range(8):
        page.keyboard.press("Tab")
        names.append(
            page.evaluate(
                "document.activeElement.getAttribute('aria-label') || document.activeElement.textContent"
            )
        )
    assert "North Waziristan: Region shown, Pakistan (outline)" in names
    assert any(name.startswith("Attack, 16 March 2024: ") for name in names)
    assert any(name == "Place: Mir Ali" for name in names)
    page.locator(
        '.leaflet-marker-icon:has([data-id="2024-03-north-waziristan-military-post-attack"])'
    ).focus()
    page.keyboard.press("Enter")
    focused = page.evaluate("[document.activeElement.tagName, document.activeElement.getAttribute('href')]")
    assert focused == ["A", "../timeline/#2024-03-north-waziristan-military-post-attack"]
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.closest('.leaflet-marker-icon') !== null")
    page.locator(".leaflet-popup").wait_for(state="detached")
    assert_clean(seen, site, tiles=False)


def test_without_tiles_the_map_draws_on_a_plain_background(page: Page, site: str) -> None:
    seen = open_map(page, f"{site}plain/maps/region-north-waziristan.html")
    assert count(page, ".leaflet-tile") == 0
    assert count(page, "path.bm-outline") == 2
    briefing = check(CONTENT)
    points = [e for e in located_events(briefing) if e.exact and e.region == "north-waziristan"]
    places = [p for p in briefing.places.values() if p.region == "north-waziristan"]
    assert points and count(page, ".bm-marker-event") == len(points)
    assert count(page, ".bm-marker-place") == len(places)
    background = page.evaluate("getComputedStyle(document.querySelector('.bm-map')).backgroundColor")
    assert background == "rgb(230, 235, 238)"
    assert_clean(seen, site, tiles=False)


def test_scheme_from_the_url(page: Page, site: str) -> None:
    open_map(page, f"{site}maps/region-bannu.html?scheme=slate")
    assert page.evaluate("document.documentElement.dataset.scheme") == "slate"
    background = page.evaluate("getComputedStyle(document.querySelector('.bm-map')).backgroundColor")
    assert background == "rgb(27, 29, 39)"
    tiles = page.evaluate("getComputedStyle(document.querySelector('.leaflet-tile-pane')).filter")
    assert "invert(1)" in tiles


@pytest.mark.parametrize("parent", ["parent.html", "material.html"])
def test_the_parent_page_tells_the_map_its_palette(page: Page, site: str, parent: str) -> None:
    seen = watch(page)
    page.goto(f"{site}{parent}")
    frame = page.frame_locator("iframe[data-briefing-map]")
    frame.locator(".bm-map.leaflet-container").wait_for()
    scheme = "document.documentElement.dataset.scheme"
    inner = page.frames[1]
    inner.wait_for_function(f"{scheme} === 'slate'")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'default')")
    inner.wait_for_function(f"{scheme} === 'default'")
    if parent == "material.html":
        assert page.evaluate("window.subscribed") == 1
    assert seen.errors == []


def test_the_legend_starts_collapsed_in_a_page_and_open_on_a_wide_map_of_its_own(
    page: Page, site: str
) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    open_map(page, f"{site}maps/overview.html")
    assert page.evaluate("document.querySelector('.bm-legend').open") is True
    page.goto(f"{site}parent.html")
    inner = page.frame_locator("iframe").first
    page.locator("iframe").element_handle().content_frame().wait_for_function(READY)  # type: ignore[union-attr]
    assert inner.locator(".bm-legend").evaluate("e => e.open") is False


def test_a_narrow_map_fills_the_width(browser: Browser, site: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 640})
    page = context.new_page()
    seen = open_map(page, f"{site}maps/region-chaman.html")
    assert page.evaluate("document.querySelector('.bm-map').getBoundingClientRect().width") == 390
    assert page.evaluate("document.scrollingElement.scrollWidth") == 390
    assert page.evaluate("document.querySelector('.bm-legend').open") is False
    inside = page.evaluate(
        """() => Array.from(document.querySelectorAll('.bm-label')).every(label => {
            const r = label.getBoundingClientRect();
            return r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight;
        })"""
    )
    assert inside
    assert_clean(seen, site, tiles=True)
    context.close()


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("name", ["overview", "region-north-waziristan"])
def test_axe_finds_nothing_with_a_popup_open(page: Page, site: str, name: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    seen = open_map(page, f"{site}maps/{name}.html?scheme={scheme}")
    page.locator(".leaflet-control-layers").hover()
    page.locator(".bm-marker-event").first.click(force=True)
    page.locator(".leaflet-popup").wait_for()
    # Leaflet fades popups in; measure contrast once the fade has finished, not mid-way.
    page.wait_for_function("getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []
    assert seen.errors == []


@pytest.mark.parametrize(("ci", "outcome"), [("1", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_missing_chromium_fails_under_ci(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, ci: str, outcome: type[BaseException]
) -> None:
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome):
        launch(None)  # type: ignore[arg-type]


def screenshots(out: Path) -> None:
    """Screenshots of the overview and two region maps in every combination, into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    root = out / "site"
    briefing = check(CONTENT)
    write(root / "osm", build_maps(briefing))
    write(root / "none", build_maps(briefing, Options(tiles="none")))
    with serve(root) as base, sync_playwright() as playwright:
        chromium = launch(playwright)
        for tiles in ("osm", "none"):
            for scheme in ("default", "slate"):
                for width in (1280, 390):
                    page = chromium.new_page(viewport={"width": width, "height": 720 if width > 400 else 640})
                    seen = watch(page)
                    for name in ("overview", "region-north-waziristan", "region-chaman"):
                        page.goto(f"{base}{tiles}/maps/{name}.html?scheme={scheme}")
                        page.wait_for_function(READY)
                        page.wait_for_function(TILES_LOADED)
                        page.wait_for_timeout(300)  # tiles fade in
                        page.screenshot(path=out / f"{name}-{tiles}-{scheme}-{width}.png")
                    print(tiles, scheme, width, "errors:", seen.errors or "none")
                    page.close()
        chromium.close()


if __name__ == "__main__":
    screenshots(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shots/maps"))


def _tall(page: Page, site: str) -> tuple[Frame, dict[str, float]]:
    """The long page scrolled to its map; the map's frame and box once Leaflet is ready."""
    page.goto(f"{site}tall.html")
    page.evaluate("window.scrollTo(0, 700)")
    handle = page.locator("iframe").element_handle()
    frame = handle.content_frame() if handle else None
    assert frame is not None
    frame.wait_for_function(READY)
    box = page.locator("iframe").bounding_box()
    assert box is not None
    return frame, box


def test_the_wheel_scrolls_the_page_past_a_map_until_the_map_is_clicked(page: Page, site: str) -> None:
    frame, box = _tall(page, site)
    zoom = frame.evaluate("BriefingMap.maps[0].getZoom()")
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, 200)
    page.wait_for_function("window.scrollY > 700")
    assert frame.evaluate("BriefingMap.maps[0].getZoom()") == zoom, "the wheel went to the page"
    frame.locator(".leaflet-container").dispatch_event("wheel", {"deltaY": 100})
    assert frame.locator(".bm-hint").evaluate("e => e.classList.contains('bm-hint--shown')")
    assert "Click the map" in frame.locator(".bm-hint").inner_text(), "a hint says how to zoom"
    frame_box = page.locator("iframe").bounding_box()
    assert frame_box is not None
    page.mouse.click(frame_box["x"] + 100, frame_box["y"] + 100)  # open map, clear of controls and markers
    scrolled = page.evaluate("window.scrollY")
    page.mouse.wheel(0, -200)
    frame.wait_for_function(f"BriefingMap.maps[0].getZoom() !== {zoom}")
    assert page.evaluate("window.scrollY") == scrolled, "once clicked, the wheel zooms the map"


def test_reset_view_returns_to_the_opening_view(page: Page, site: str) -> None:
    frame, _ = _tall(page, site)
    start = frame.evaluate("[BriefingMap.maps[0].getZoom(), BriefingMap.maps[0].getCenter()]")
    frame.evaluate(
        """() => { const map = BriefingMap.maps[0];
            map.setZoom(map.getZoom() + 1, {animate: false}); map.panBy([120, 80], {animate: false}); }"""
    )
    assert frame.evaluate("BriefingMap.maps[0].getZoom()") > start[0]
    reset = frame.get_by_role("button", name="Reset the view")
    reset.click()
    frame.wait_for_function(f"Math.abs(BriefingMap.maps[0].getZoom() - {start[0]}) < 1e-6")
    centre = frame.evaluate("BriefingMap.maps[0].getCenter()")
    assert (
        abs(centre["lat"] - start[1]["lat"]) < 0.005 and abs(centre["lng"] - start[1]["lng"]) < 0.005
    )  # 2 px
    box = reset.bounding_box()
    assert box is not None and box["width"] >= 24 and box["height"] >= 24


def test_on_a_touch_screen_one_finger_scrolls_the_page_and_two_move_the_map(
    browser: Browser, site: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        frame, _ = _tall(context.new_page(), site)
        state = frame.evaluate(
            """() => { const map = BriefingMap.maps[0];
                return [map.dragging.enabled(), map.touchZoom.enabled(),
                        getComputedStyle(map.getContainer()).touchAction]; }"""
        )
        assert state == [False, True, "pan-x pan-y"], state
    finally:
        context.close()


def reference_labels(page: Page) -> list[dict[str, object]]:
    """The reference names written on the map, with their boxes."""
    return list(
        page.evaluate(
            """() => Array.from(document.querySelectorAll('.bm-ref-label span')).map(el => {
                const r = el.getBoundingClientRect();
                const kind = el.parentElement.className.match(/bm-ref-(country|province|town)/)[1];
                return {text: el.textContent, kind: kind, left: r.left, right: r.right, top: r.top, bottom: r.bottom};
            })"""
        )
    )


def overlapping(a: dict[str, object], b: dict[str, object]) -> bool:
    box = {k: float(v) for k, v in a.items() if k not in ("text", "kind")}  # type: ignore[arg-type]
    other = {k: float(v) for k, v in b.items() if k not in ("text", "kind")}  # type: ignore[arg-type]
    return min(box["right"], other["right"]) - max(box["left"], other["left"]) > 1 and (
        min(box["bottom"], other["bottom"]) - max(box["top"], other["top"]) > 1
    )


def test_without_tiles_the_reference_geography_draws_boundaries_and_names_that_do_not_collide(
    page: Page, site: str
) -> None:
    briefing = check(CONTENT)
    assert briefing.geography is not None
    seen = open_map(page, f"{site}plain/maps/overview.html")
    assert count(page, "path.bm-ref-country-border") >= 1
    assert count(page, "path.bm-ref-province-border") >= 1
    names = reference_labels(page)
    written = {str(n["text"]) for n in names}
    countries = {region.country for region in briefing.regions.values()}
    assert countries <= written, "the briefing's countries are named"
    assert any(label.kind == "province" and label.name in written for label in briefing.geography.labels)
    own = page.evaluate(
        """() => Array.from(document.querySelectorAll('.bm-label, .bm-marker')).map(el => {
            const r = el.getBoundingClientRect();
            return {text: '', left: r.left, right: r.right, top: r.top, bottom: r.bottom};
        })"""
    )
    for index, name in enumerate(names):
        assert not any(overlapping(name, other) for other in names[index + 1 :]), name
        assert not any(overlapping(name, other) for other in own), name
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    assert briefing.geography.attribution in attribution
    zoom = float(page.evaluate("BriefingMap.maps[0].getZoom()"))
    pairs = {(str(n["kind"]), str(n["text"])) for n in names}
    assert all(label.zoom <= zoom for label in briefing.geography.labels if (label.kind, label.name) in pairs)
    page.evaluate("BriefingMap.maps[0].setZoom(BriefingMap.maps[0].getZoom() + 2, {animate: false})")
    page.wait_for_timeout(300)
    closer = {(str(n["kind"]), str(n["text"])) for n in reference_labels(page)}
    smaller = {
        ("town", label.name)
        for label in briefing.geography.labels
        if label.kind == "town" and label.zoom > zoom
    }
    assert closer & smaller, "zooming in names smaller towns"
    assert_clean(seen, site, tiles=False)


def test_with_tiles_the_reference_layer_waits_until_a_tile_fails(page: Page, site: str) -> None:
    seen = open_map(page, f"{site}maps/region-north-waziristan.html")
    page.wait_for_function(TILES_LOADED)
    assert count(page, ".bm-ref-label") == 0 and count(page, "path.bm-ref-province-border") == 0
    assert_clean(seen, site, tiles=True)

    failing = page.context.new_page()
    failing.route(f"https://{TILE_HOST}/**", lambda route: route.abort())
    failing.goto(f"{site}maps/region-north-waziristan.html")
    failing.wait_for_function(READY)
    failing.wait_for_selector(".bm-ref-label", timeout=5000)
    assert count(failing, "path.bm-ref-province-border") >= 1
    toggle = failing.locator(".leaflet-control-layers-overlays input").first
    assert toggle.is_checked(), "the layer control shows the layer as on"


def test_reference_names_and_attribution_are_text_not_markup(page: Page, site: str) -> None:
    seen = open_map(page, f"{site}hostile/maps/overview.html")
    page.evaluate(f"BriefingMap.maps[0].setView({list(HOSTILE_AT)}, 8, {{animate: false}})")
    page.wait_for_timeout(300)
    assert [n["text"] for n in reference_labels(page)] == [HOSTILE]
    assert HOSTILE in page.locator(".leaflet-control-attribution").inner_text()
    assert count(page, "img[src='x']") == 0
    assert page.evaluate("window.__hostile === undefined")
    assert_clean(seen, site, tiles=False)


def test_reference_names_stay_inside_the_map_and_never_repeat_its_own(page: Page, site: str) -> None:
    seen = open_map(page, f"{site}plain/maps/region-north-waziristan.html")
    names = reference_labels(page)
    assert names, "a region's map names the places around it"
    own = set(
        page.evaluate(
            """() => Array.from(document.querySelectorAll('.bm-label')).map(
                el => (el.querySelector('span') || el).firstChild.textContent.trim().toLowerCase())"""
        )
    )
    assert own and not {str(n["text"]).lower() for n in names} & own
    box = page.evaluate(
        "(() => { const r = document.querySelector('.bm-map').getBoundingClientRect(); "
        "return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; })()"
    )
    for name in names:
        assert box["left"] <= float(name["left"]) and float(name["right"]) <= box["right"], name  # type: ignore[arg-type]
        assert box["top"] <= float(name["top"]) and float(name["bottom"]) <= box["bottom"], name  # type: ignore[arg-type]
    assert_clean(seen, site, tiles=False)
