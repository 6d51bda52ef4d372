"""Open data: the CSV, GeoJSON and JSON files under data/ and the page that documents them.

Tiny-site tests generate the base fixture (tests/fixtures/base/content) with changes from a
``{path: text}`` dict; real-content tests check the published files against content/.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from briefing.maps.data import located_events
from briefing.maps.settings import Settings
from briefing.model.briefing import Briefing
from briefing.options import Options
from briefing.pipeline import check, generate
from briefing.render import opendata
from briefing.render.passages import quoted_spans
from briefing.render.renderer import Site

from .conftest import ROOT

SOURCE = "content/sources/example-2024-report.md"
OPTIONS = Options(site_url="https://example.org/briefing/")


@pytest.fixture
def tiny(site_factory: Callable[..., Path]) -> Callable[..., Site]:
    """Generate the fixture site, optionally with files changed."""

    def build(files: dict[str, str] | None = None) -> Site:
        return generate(site_factory(files) / "content", OPTIONS)

    return build


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    return check(ROOT / "content")


@pytest.fixture(scope="module")
def real(briefing: Briefing) -> Site:
    """The real content's site, generated once for the module."""
    return generate(ROOT / "content", OPTIONS)


def text(site: Site, name: str) -> str:
    content = site.assets[f"data/{name}"]
    assert isinstance(content, str)
    return content


def rows(site: Site, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text(site, name), newline="")))


def header(site: Site, name: str) -> list[str]:
    return next(csv.reader(io.StringIO(text(site, name), newline="")))


def features(site: Site, name: str) -> list[dict[str, Any]]:
    collection = json.loads(text(site, name))
    assert collection["type"] == "FeatureCollection"
    found: list[dict[str, Any]] = collection["features"]
    for feature in found:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
    return found


def strings(value: Any) -> Iterator[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


# --- Tiny site ----------------------------------------------------------------------------


def test_every_data_file_is_published_under_data(tiny: Callable[..., Site]) -> None:
    site = tiny()
    names = {f.name for f in opendata.data_files(check(ROOT / "tests/fixtures/base/content"), OPTIONS)}
    assert names == {
        "events.csv",
        "events.geojson",
        "places.csv",
        "places.geojson",
        "regions.csv",
        "actors.csv",
        "relations.csv",
        "briefing.json",
    }
    assert {f"data/{name}" for name in names} <= set(site.assets)
    assert "data.md" in site.pages


def test_csv_files_have_the_declared_headers(tiny: Callable[..., Site]) -> None:
    site = tiny()
    expected = {
        "events.csv": opendata.EVENT_COLUMNS,
        "places.csv": opendata.PLACE_COLUMNS,
        "regions.csv": opendata.REGION_COLUMNS,
        "actors.csv": opendata.ACTOR_COLUMNS,
        "relations.csv": opendata.RELATION_COLUMNS,
    }
    for name, columns in expected.items():
        assert header(site, name) == [c.name for c in columns], name
    [event] = rows(site, "events.csv")
    assert event["id"] == "2024-03-checkpoint-attack"
    assert (event["date"], event["date_precision"]) == ("2024-03", "month")
    assert (event["places"], event["regions"], event["latitude"], event["longitude"]) == (
        "example-town",
        "example-district",
        "33.1",
        "70.1",
    )
    assert event["exact"] == "true"
    assert event["actors"] == "example-front;example-police"
    assert event["sources"] == "example-2024-report"
    assert event["url"] == "https://example.org/briefing/timeline/#2024-03-checkpoint-attack"
    relations = rows(site, "relations.csv")
    assert relations and all(r["actor"] and r["type"] and r["target"] for r in relations)


def test_csv_quotes_commas_quotes_and_newlines(tiny: Callable[..., Site]) -> None:
    event = (ROOT / "tests/fixtures/base/content/events/2024-03-checkpoint-attack.md").read_text()
    tricky = 'summary: "Militants attacked, officials said: \\"a checkpoint\\"."'
    site = tiny(
        {
            "content/events/2024-03-checkpoint-attack.md": event.replace(
                "summary: Militants attacked a checkpoint, officials said.", tricky
            )
        }
    )
    [row] = rows(site, "events.csv")
    assert row["summary"] == 'Militants attacked, officials said: "a checkpoint".'


def test_events_geojson_holds_every_located_event_as_a_point(tiny: Callable[..., Site]) -> None:
    site = tiny()
    [feature] = features(site, "events.geojson")
    assert feature["geometry"] == {"type": "Point", "coordinates": [70.1, 33.1]}
    properties = feature["properties"]
    assert properties["id"] == "2024-03-checkpoint-attack"
    assert properties["actors"] == ["example-front", "example-police"]
    assert "latitude" not in properties and "longitude" not in properties
    assert set(properties) == {c.name for c in opendata.without_position(opendata.EVENT_COLUMNS)}


def test_places_geojson_has_points_polygons_and_the_approximate_line(tiny: Callable[..., Site]) -> None:
    site = tiny()
    by_id = {
        (f["properties"]["category"], f["properties"]["id"]): f for f in features(site, "places.geojson")
    }
    line = by_id[("border", "example-line")]
    assert line["geometry"] == {"type": "LineString", "coordinates": [[69.6, 34.0], [69.6, 32.0]]}
    assert line["properties"]["approximate"] is True
    district = by_id[("region", "example-district")]
    assert district["geometry"]["type"] == "Polygon"
    [ring] = district["geometry"]["coordinates"]
    assert ring[0] == ring[-1] and len(ring) == 5
    area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring))
    assert area > 0, "RFC 7946: an exterior ring is counterclockwise"
    assert district["properties"]["kind"] == "border-region"
    assert by_id[("region", "example-province")]["geometry"]["type"] == "Point"
    town = by_id[("place", "example-town")]
    assert town["geometry"] == {"type": "Point", "coordinates": [70.1, 33.1]}
    assert town["properties"]["region"] == "example-district"
    for feature in by_id.values():
        assert {c.name for c in opendata.SHAPE_COLUMNS} <= set(feature["properties"])


def test_briefing_json_holds_full_text_only_where_allowed(tiny: Callable[..., Site]) -> None:
    document = json.loads(text(tiny(), "briefing.json"))
    assert list(document) == [part.key for part in opendata.PARTS]
    [source] = document["sources"]
    assert source["rights"] == "full-text"
    assert source["paragraphs"][1] == {
        "anchor": "p2",
        "heading": False,
        "text": "The first paragraph says that militants attacked a checkpoint near Example Town, "
        "killing three guards, according to officials.",
    }
    original = (ROOT / "tests/fixtures/base" / SOURCE).read_text()
    excerpts = json.loads(
        text(tiny({SOURCE: original.replace("rights: full-text", "rights: excerpts")}), "briefing.json")
    )
    [source] = excerpts["sources"]
    assert source["rights"] == "excerpts" and source["paragraphs"] is None
    assert not any("The first paragraph says" in s for s in strings(excerpts))


def test_same_content_gives_identical_files(tiny: Callable[..., Site]) -> None:
    first, second = tiny(), tiny()
    data = {path: content for path, content in first.assets.items() if path.startswith("data/")}
    assert data == {path: second.assets[path] for path in data}
    assert first.pages["data.md"] == second.pages["data.md"]


def test_data_page_documents_every_file_and_field(tiny: Callable[..., Site]) -> None:
    site = tiny()
    page = site.pages["data.md"]
    for file in opendata.data_files(check(ROOT / "tests/fixtures/base/content"), OPTIONS):
        assert f"[Download {file.name}](data/{file.name})" in page, file.name
        for column in file.columns:
            assert f"| `{column.name}` | " in page, (file.name, column.name)
    for part in opendata.PARTS:
        for column in opendata.json_fields(part.model, part.extra):
            assert f"| `{column.name}` | " in page
    # Field documentation comes from the models' docstrings.
    assert "| `casualties` | Casualty figures only as a source states them, attributed. |" in page
    assert "[Atom feed](feed.xml)" in page


def test_timeline_and_maps_link_to_the_data(tiny: Callable[..., Site]) -> None:
    site = tiny()
    assert "(data.md)" in site.pages["timeline.md"]
    assert "[Download the data](../data.md)" in site.pages["regions/example-district.md"]
    assert "[Open data](data.md)" in site.pages["index.md"]
    assert "[Atom feed](feed.xml)" in site.pages["index.md"]


# --- Real content -------------------------------------------------------------------------


def test_real_geojson_holds_every_located_event(real: Site, briefing: Briefing) -> None:
    found = {f["properties"]["id"]: f["geometry"]["coordinates"] for f in features(real, "events.geojson")}
    expected = {e.event.id: [e.lon, e.lat] for e in located_events(briefing)}
    assert found == expected
    assert len(rows(real, "events.csv")) == len(briefing.events)


def test_real_csv_files_list_every_item(real: Site, briefing: Briefing) -> None:
    assert {r["id"] for r in rows(real, "actors.csv")} == set(briefing.actors)
    assert {r["id"] for r in rows(real, "places.csv")} == set(briefing.places)
    assert {r["id"] for r in rows(real, "regions.csv")} == set(briefing.regions)
    relations = sum(len(a.relations) for a in briefing.actors.values())
    assert len(rows(real, "relations.csv")) == relations
    shapes = features(real, "places.geojson")
    outlined = {r.id for r in briefing.regions.values() if r.outline}
    assert {f["properties"]["id"] for f in shapes if f["geometry"]["type"] == "Polygon"} == outlined
    [line] = [f for f in shapes if f["geometry"]["type"] == "LineString"]
    assert line["properties"]["approximate"] is True


def test_real_briefing_json_holds_every_item(real: Site, briefing: Briefing) -> None:
    document = json.loads(text(real, "briefing.json"))
    for key in ("sources", "actors", "regions", "debates", "references", "places"):
        assert [item["id"] for item in document[key]] == sorted(getattr(briefing, key)), key
    events = sorted(briefing.events.values(), key=lambda e: (e.date, e.id))
    assert [item["id"] for item in document["events"]] == [e.id for e in events]
    assert sorted(g["term"] for g in document["glossary"]) == sorted(g.term for g in briefing.glossary)
    assert [b["id"] for b in document["borders"]] == sorted(briefing.borders)
    assert briefing.info is not None and document["info"]["title"] == briefing.info.title
    ttp = next(a for a in document["actors"] if a["id"] == "ttp")
    assert ttp["body"] == briefing.bodies[("actors", "ttp")].text.strip()
    assert ttp["relations"][0]["cite"][0]["quote"]


def test_real_briefing_json_reproduces_no_excerpt_only_text(real: Site, briefing: Briefing) -> None:
    """A paragraph the site may not show in full never appears in full; quotes may."""
    published = list(strings(json.loads(text(real, "briefing.json"))))
    checked = 0
    for source in briefing.sources.values():
        if source.rights == "full-text":
            continue
        spans = quoted_spans(briefing, source.id)
        for paragraph in briefing.texts[source.id].paragraphs:
            covered = sum(end - start for start, end in spans.get(paragraph.anchor, []))
            if covered >= len(paragraph.text) or len(paragraph.text) < 60:
                continue
            checked += 1
            assert not any(paragraph.text in s for s in published), (source.id, paragraph.anchor)
    assert checked > 50


@pytest.mark.parametrize(("directory", "expected"), [(True, "regions/a/"), (False, "regions/a.html")])
def test_addresses_read_use_directory_urls_as_the_maps_do(directory: bool, expected: str) -> None:
    """One typed option: the published addresses and the maps cannot read it differently."""
    options = Options(use_directory_urls=directory)
    assert opendata.site_link(options, "regions/a.md") == expected
    assert Settings.of(options).use_directory_urls is directory
