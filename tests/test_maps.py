"""Maps: what each map file draws, that its links land on generated pages, and that it is
self-hosted, deterministic, accessible and within its size budget."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from briefing.maps import (
    MapSet,
    build_maps,
    render_embed,
)
from briefing.maps.budget import MAP_FILE_LIMIT, REQUEST_LIMIT, cost, mapping_store
from briefing.maps.data import border_name, drawn, located_events, outlined
from briefing.maps.views import NOT_LOCATED
from briefing.model.briefing import Briefing
from briefing.options import OSM, OptionError, Options
from briefing.pipeline import check, render_site
from briefing.urls import iframe_src, link_from_map, page_url

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
FIXTURE = Path(__file__).parent / "fixtures" / "base" / "content"
MARKERS = re.compile(r"^BriefingMap\.markers\(\w+, (\[.*\])\);$", re.M)
POLYGON = re.compile(r"L\.polygon\(\n(\[\[.*?\]\]),\n(\{.*?\})\n\)", re.S)
POLYLINE = re.compile(r"L\.polyline\(\n(\[\[.*?\]\]),\n(\{.*?\})\n\)", re.S)
URL = re.compile(r"https?://[^\s\"'<>()\\]+")


@cache
def briefing() -> Briefing:
    return check(CONTENT)


@cache
def maps(tiles: str = "osm") -> MapSet:
    return build_maps(briefing(), Options(tiles=tiles))


def markers(html: str) -> list[dict[str, object]]:
    """The marker data a map file passes to map.js."""
    return [item for found in MARKERS.findall(html) for item in json.loads(found)]


def map_files(mapset: MapSet) -> dict[str, str]:
    return {view.path: str(mapset.files[view.path]) for view in mapset.maps.values()}


class Anchors(HTMLParser):
    """The links of an HTML document, with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(dict(attrs))


def anchors(html: str) -> list[dict[str, str | None]]:
    parser = Anchors()
    parser.feed(html)
    return parser.links


def test_one_map_per_outlined_region_and_per_actor_with_located_events() -> None:
    events = drawn(located_events(briefing()))
    actors = {a for e in events for a in e.event.actors}
    expected = {"overview", "timeline"} | {f"region-{r.id}" for r in outlined(briefing())}
    expected |= {f"actor-{a}" for a in actors}
    assert set(maps().maps) == expected
    assert all(view.path in maps().files for view in maps().maps.values())


def test_overview_draws_outlines_the_border_and_a_marker_per_located_event() -> None:
    html = str(maps().files["maps/overview.html"])
    located = located_events(briefing())
    assert len(located) == sum(len(e.places) for e in briefing().events.values())
    assert len(POLYGON.findall(html)) == len(outlined(briefing()))
    borders = [briefing().borders[key] for key in sorted(briefing().borders)]
    lines = POLYLINE.findall(html)
    assert [json.loads(line) for line, _ in lines] == [[list(p) for p in b.line] for b in borders]
    assert all(json.loads(options)["dashArray"] == "8 6" for _, options in lines)
    assert all(border_name(b) in html for b in borders)
    events = [m for m in markers(html) if m["type"] == "event"]
    assert sorted(m["id"] for m in events) == sorted(e.event.id for e in located if e.exact)
    assert "L.control.scale" in html and "L.control.layers" in html and 'class="bm-legend"' in html


@pytest.mark.parametrize("region_id", ["north-waziristan", "chaman", "khost"])
def test_region_map_draws_its_outline_facing_outlines_places_and_events(region_id: str) -> None:
    region = briefing().regions[region_id]
    html = str(maps().files[f"maps/region-{region_id}.html"])
    polygons = [json.loads(options)["className"] for _, options in POLYGON.findall(html)]
    assert polygons[0].endswith("bm-outline-main")
    assert len(polygons) == 1 + sum(1 for f in region.facing if briefing().regions[f].outline)
    drawn = markers(html)
    places = [p.id for p in briefing().places.values() if p.region == region_id]
    assert sorted(m["id"] for m in drawn if m["type"] == "place") == sorted(places)
    events = [e.event.id for e in located_events(briefing()) if e.region == region_id and e.exact]
    assert sorted(m["id"] for m in drawn if m["type"] == "event") == sorted(events)


def test_timeline_map_colours_events_by_year() -> None:
    html = str(maps().files["maps/timeline.html"])
    years = {e.event.date.year for e in drawn(located_events(briefing()))}
    assert len({m["colour"] for m in markers(html)}) == len(years)
    assert all(f"> {year} (" in html for year in years)


def test_coordinates_are_in_the_briefing_area() -> None:
    for html in map_files(maps()).values():
        points = [(m["lat"], m["lon"]) for m in markers(html)]
        points += [
            tuple(p) for found, _ in POLYGON.findall(html) + POLYLINE.findall(html) for p in json.loads(found)
        ]
        assert points
        area = briefing().area
        assert area is not None
        for point in points:
            assert point in area.bounds


def test_the_table_lists_everything_on_the_map() -> None:
    for view in maps().maps.values():
        html = str(maps().files[view.path])
        popups = set(re.findall(r'<div class="bm-popup" id="popup-(\w+)-([\w-]+)">', html))
        shown = [row for row in view.rows if row.located]
        assert popups == {(row.kind, row.id) for row in shown}, view.id
        on_map = {(str(m["type"]), str(m["id"])) for m in markers(html)}
        assert on_map == {(row.kind, row.id) for row in shown if row.kind in ("event", "place")}


def test_no_event_is_drawn_where_the_sources_give_no_point() -> None:
    places = {(round(p.coords[0], 4), round(p.coords[1], 4)) for p in briefing().places.values()}
    located = located_events(briefing())
    for view in maps().maps.values():
        html = str(maps().files[view.path])
        for marker in markers(html):
            assert (round(float(marker["lat"]), 4), round(float(marker["lon"]), 4)) in places, (
                view.id,
                marker,
            )
        unlocated = {e.key for e in located if not e.exact} & {row.id for row in view.rows}
        for row in view.rows:
            if row.id in unlocated:
                assert (
                    not row.located and row.coordinates == NOT_LOCATED and f"popup-event-{row.id}" not in html
                )
        if unlocated:
            assert "known only by region" in view.summary, view.id


def test_every_map_has_a_static_drawing_of_the_same_things_for_print() -> None:
    import xml.etree.ElementTree as ET

    svg = "{http://www.w3.org/2000/svg}"
    for view in maps().maps.values():
        html = str(maps().files[view.path])
        drawing = ET.fromstring(str(maps().files[view.path.removesuffix(".html") + ".svg"]))
        assert drawing.findtext(f"{svg}title") == view.title
        assert drawing.findall(f".//{svg}g[@class='reference']"), "the reference geography is drawn"
        for parent in list(drawing.iter()):  # the map's own drawing, without the reference geography
            for child in [c for c in parent if c.get("class") == "reference"]:
                parent.remove(child)
        polygons = drawing.findall(f".//{svg}polygon")
        assert len(polygons) == len(POLYGON.findall(html)), view.id
        assert len(drawing.findall(f".//{svg}polyline")) == len(POLYLINE.findall(html))
        assert len(drawing.findall(f".//{svg}circle")) == len(markers(html)), "a dot per marker, none more"
        assert "simplified and approximate" in "".join(drawing.itertext())


def test_the_same_content_gives_byte_identical_files() -> None:
    first = build_maps(briefing())
    second = build_maps(check(CONTENT))
    assert first.files.keys() == second.files.keys()
    assert all(first.files[path] == second.files[path] for path in first.files)
    assert first.maps == second.maps


DIGEST = """
import hashlib, sys
from pathlib import Path
from briefing.maps import build_maps
from briefing.pipeline import check
digest = hashlib.sha256()
for path, data in sorted(build_maps(check(Path(sys.argv[1]))).files.items()):
    digest.update(path.encode() + (data if isinstance(data, bytes) else data.encode()))
print(digest.hexdigest())
"""


def test_builds_in_separate_processes_agree_whatever_the_hash_seed() -> None:
    def digest(seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", DIGEST, str(CONTENT)], env=env, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
        return run.stdout.strip()

    assert digest("1") == digest("2")


def test_no_random_ids_remain() -> None:
    for path, html in map_files(maps()).items():
        assert not re.search(r"[0-9a-f]{32}", html), path


@pytest.mark.parametrize("tiles", ["osm", "none"])
def test_no_third_party_url_but_the_tile_server(tiles: str) -> None:
    allowed = {OSM.url, *URL.findall(OSM.attribution)} if tiles == "osm" else set()
    mapset = maps(tiles)
    own = ["assets/maps/map.js", "assets/maps/map.css", "assets/maps/embed.js"]
    texts = {**map_files(mapset), **{path: str(mapset.files[path]) for path in own}}
    for path, text in texts.items():
        assert set(URL.findall(text)) <= allowed, path
    assert ("L.tileLayer" in texts["maps/overview.html"]) == (tiles == "osm")
    assert not re.search(
        r"jquery|bootstrap|font-?awesome|awesome-markers|cdn", " ".join(texts.values()), re.I
    )


def test_shared_assets_are_leaflet_from_xstatic_and_loaded_by_every_map() -> None:
    from xstatic.pkg import leaflet

    base = Path(leaflet.BASE_DIR)
    assert maps().files["assets/maps/leaflet.js"] == (base / "leaflet.js").read_bytes()
    for path, html in map_files(maps()).items():
        assert '<script src="../assets/maps/leaflet.js"></script>' in html, path
        assert '<link rel="stylesheet" href="../assets/maps/leaflet.css"/>' in html, path
        assert "L.Icon.Default" not in html and "<style>" not in html


@cache
def site_urls() -> dict[str, str]:
    """URL path → docs path of every page the site has: generated and hand-written."""
    pages = set(render_site(briefing()).pages)
    pages |= {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    return {page_url(p): p for p in pages}


@cache
def anchors_of(docs_path: str) -> set[str]:
    text = render_site(briefing()).pages.get(docs_path, "")
    return set(re.findall(r"\{ *#([\w-]+)", text)) | set(re.findall(r'id="([\w-]+)"', text))


def test_every_popup_link_opens_a_generated_page_in_the_top_window() -> None:
    for view in maps().maps.values():
        links = anchors(str(maps().files[view.path]))
        assert links, view.id
        for link in links:
            assert link["target"] == "_top"
            href = str(link["href"])
            resolved = urlsplit(urljoin(f"http://site/{view.path}", href))
            assert resolved.netloc == "site", href
            docs_path = site_urls().get(resolved.path.lstrip("/"))
            assert docs_path is not None, f"{view.path}: {href} is not a page of the site"
            if resolved.fragment:
                assert resolved.fragment in anchors_of(docs_path), f"{view.path}: {href}"


def test_table_links_are_the_popup_links() -> None:
    for view in maps().maps.values():
        hrefs = {str(a["href"]) for a in anchors(str(maps().files[view.path]))}
        shown = [row for row in view.rows if row.located]
        assert hrefs == {link_from_map(view.path, page) for row in shown for page in row.pages}


@pytest.mark.parametrize(
    ("page", "directory_urls", "expected"),
    [
        ("regions/north-waziristan.md", True, "../../maps/region-north-waziristan.html"),
        ("regions/north-waziristan.md", False, "../maps/region-north-waziristan.html"),
        ("index.md", True, "maps/region-north-waziristan.html"),
        ("regions/index.md", True, "../maps/region-north-waziristan.html"),
        ("timeline.md", True, "../maps/region-north-waziristan.html"),
        ("timeline.md", False, "maps/region-north-waziristan.html"),
    ],
)
def test_iframe_src_is_relative_to_the_page_url(page: str, directory_urls: bool, expected: str) -> None:
    assert iframe_src(page, "maps/region-north-waziristan.html", directory_urls) == expected


@pytest.mark.parametrize(
    ("target", "directory_urls", "expected"),
    [
        ("regions/bannu.md", True, "../regions/bannu/"),
        ("regions/bannu.md", False, "../regions/bannu.html"),
        ("timeline.md#2022-12-bannu-ctd-siege", True, "../timeline/#2022-12-bannu-ctd-siege"),
        ("index.md", True, "../"),
        ("sources/index.md", True, "../sources/"),
    ],
)
def test_links_from_a_map_are_relative_to_the_map_file(
    target: str, directory_urls: bool, expected: str
) -> None:
    assert link_from_map("maps/overview.html", target, directory_urls) == expected


def test_links_follow_use_directory_urls_false() -> None:
    mapset = build_maps(briefing(), Options(use_directory_urls=False))
    view = mapset.maps["region-bannu"]
    assert view.iframe_src("regions/bannu.md") == "../maps/region-bannu.html"
    assert 'href="../regions/bannu.html"' in str(mapset.files[view.path])


def test_embed_renders_a_lazy_named_iframe_and_the_table() -> None:
    view = maps().maps["region-north-waziristan"]
    text = render_embed(view, "regions/north-waziristan.md")
    [iframe] = re.findall(r"<iframe [^>]*></iframe>", text)
    assert 'src="../../maps/region-north-waziristan.html"' in iframe
    assert f'title="{view.title}"' in iframe and 'loading="lazy"' in iframe
    assert 'data-briefing-map="region-north-waziristan"' in iframe
    rows = [
        line for line in text.splitlines() if line.startswith("| ") and not line.startswith(("| On", "| ---"))
    ]
    assert len(rows) == len(view.rows)
    assert "[North Waziristan](north-waziristan.md)" in text
    assert "(../timeline.md#2024-03-north-waziristan-military-post-attack)" in text
    assert "[on its own](../maps/region-north-waziristan.html)" in text


def test_map_documents_are_named_and_keyboard_ready() -> None:
    for path, html in map_files(maps()).items():
        title = re.search(r"<title>(.+)</title>", html)
        assert html.startswith('<!DOCTYPE html>\n<html lang="en">') and title, path
        assert f'role="region" aria-label="{title.group(1)}"' in html
        assert "user-scalable=no" not in html and "maximum-scale" not in html


def test_tiles_option() -> None:
    custom = "https://tiles.example.org/{z}/{x}/{y}.png"
    with pytest.raises(OptionError, match="tiles_attribution"):
        build_maps(briefing(), Options(tiles=custom))
    with pytest.raises(OptionError, match="'mapbox'"):
        build_maps(briefing(), Options(tiles="mapbox"))
    mapset = build_maps(briefing(), Options(tiles=custom, tiles_attribution="Example tiles"))
    assert custom in str(mapset.files["maps/overview.html"])


def test_fixture_content_gives_maps_even_with_an_outline_less_facing_region() -> None:
    mapset = build_maps(check(FIXTURE))
    assert set(mapset.maps) == {
        "overview",
        "timeline",
        "region-example-district",
        "actor-example-front",
        "actor-example-police",
    }
    view = mapset.maps["region-example-district"]
    assert [row.kind for row in view.rows] == ["region", "border", "place", "event"]
    assert len(markers(str(mapset.files[view.path]))) == 2


def test_size_budgets() -> None:
    store = mapping_store(maps().files)
    for view in maps().maps.values():
        spent = cost(store, view.path)
        assert not spent.missing, spent.missing
        assert spent.files[0].raw < MAP_FILE_LIMIT, view.path
        assert spent.requests <= REQUEST_LIMIT, view.path
