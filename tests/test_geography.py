"""The reference geography (content/geography.json): what it loads into, the limits it is
held to, the shared script every map reads it from, and the static drawing for print.

Malformed files are cases in tests/cases/geography-*.yml (test_bad_input)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from briefing.errors import Collector
from briefing.maps import build_maps
from briefing.model import geography as geo
from briefing.options import Options
from briefing.pipeline import check
from briefing.urls import asset_path

from .conftest import make_site

CONTENT = Path(__file__).resolve().parent.parent / "content"
HOSTILE = '<img src=x onerror="window.__hostile=1">'


def collection(features: list[dict[str, object]], attribution: str = "Example data (public domain)") -> str:
    """A geography file written as scripts/make_geography.py writes it: a feature per line."""
    lines = ",\n".join(json.dumps(f) for f in features)
    return f'{{"type": "FeatureCollection", "attribution": {json.dumps(attribution)}, "features": [\n{lines}\n]}}\n'


def town(name: str, lon: float, lat: float, population: int = 20_000) -> dict[str, object]:
    return {
        "type": "Feature",
        "properties": {"kind": "town", "name": name, "population": population},
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
    }


def line(kind: str, *points: tuple[float, float]) -> dict[str, object]:
    return {
        "type": "Feature",
        "properties": {"kind": kind},
        "geometry": {"type": "LineString", "coordinates": [list(p) for p in points]},
    }


def load(tmp_path: Path, text: str) -> tuple[geo.Geography | None, list[str]]:
    (tmp_path / geo.FILE).write_text(text, encoding="utf-8")
    problems = Collector()
    found = geo.load_geography(tmp_path, problems, 2_000_000)
    return found, [f"{p.line}: {p.message}" for p in problems.problems]


def test_the_real_geography_names_both_countries_and_their_provinces() -> None:
    found = check(CONTENT).geography
    assert found is not None and found.attribution
    names = {(label.kind, label.name) for label in found.labels}
    countries = {region.country for region in check(CONTENT).regions.values()}
    assert {("country", c) for c in countries} <= names
    assert sum(kind == "province" for kind, _ in names) >= len(countries)
    kinds = {b.kind for b in found.boundaries}
    assert kinds == set(geo.LINE_KINDS)


def test_positions_are_read_longitude_first_and_labels_get_their_zoom(tmp_path: Path) -> None:
    found, problems = load(
        tmp_path,
        collection(
            [
                town("Big City", 70.5, 33.5, 2_000_000),
                town("Small Town", 70.1, 33.1, 16_000),
                line("country-border", (70.0, 33.0), (71.0, 34.0)),
            ]
        ),
    )
    assert problems == [] and found is not None
    big, small = found.labels
    assert (big.lat, big.lon) == (33.5, 70.5)
    assert big.zoom < small.zoom
    assert found.boundaries[0].parts == (((33.0, 70.0), (34.0, 71.0)),)


def test_limits_have_numbers_and_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(geo, "MAX_FEATURES", 2)
    _, problems = load(tmp_path, collection([town("A", 70, 33), town("B", 70, 33), town("C", 70, 33)]))
    assert problems == ["1: 3 features is more than 2: keep the area's own"]
    monkeypatch.setattr(geo, "MAX_POSITIONS", 3)
    _, problems = load(
        tmp_path, collection([line("province-border", (70, 33), (70.1, 33), (70.2, 33), (70.3, 33))])
    )
    assert problems == ["1: the lines have 4 positions, more than 3: simplify them"]
    (tmp_path / geo.FILE).write_text(" " * 20, encoding="utf-8")
    problems_found = Collector()
    assert geo.load_geography(tmp_path, problems_found, 10) is None
    assert [p.message for p in problems_found.problems] == [
        "20 bytes is more than the 10 a content file may hold"
    ]


def test_json_constants_and_names_with_control_characters_are_refused(tmp_path: Path) -> None:
    _, problems = load(tmp_path, collection([town("A", 70, 33)]).replace("70", "NaN", 1))
    assert problems == ["1: not valid JSON: NaN is not a number JSON allows"]
    _, problems = load(tmp_path, collection([town("Bell\u0007", 70, 33)]))
    assert problems == ["2: feature 1: a town needs a name: one line of at most 80 characters"]


def test_the_shared_script_carries_names_as_inert_text(tmp_path: Path) -> None:
    found, problems = load(tmp_path, collection([town(HOSTILE, 70, 33), town("</script><b>", 70.2, 33.2)]))
    assert problems == [] and found is not None
    script = found.script()
    assert script.startswith("window.BriefingGeography = {") and script.endswith("};\n")
    assert "<" not in script and script.isascii()
    data = json.loads(script.removeprefix("window.BriefingGeography = ").rstrip(";\n"))
    assert sorted(label["name"] for label in data["labels"]) == sorted([HOSTILE, "</script><b>"])


def test_every_map_loads_the_shared_script_only_when_there_is_a_geography(tmp_path: Path) -> None:
    briefing = check(CONTENT)
    assert briefing.geography is not None
    with_geo = build_maps(briefing, Options(tiles="none"))
    assert with_geo.files[asset_path("geography.js")] == briefing.geography.script()
    maps = [path for path in with_geo.files if path.endswith(".html") and not path.startswith("assets/")]
    assert maps
    for path in maps:
        html = str(with_geo.files[path])
        assert re.search(r'<script src="[./]*assets/maps/geography\.js"', html), path
        assert "BriefingMap.reference(" in html, path
    briefing.geography = None
    without = build_maps(briefing, Options(tiles="none"))
    assert asset_path("geography.js") not in without.files
    assert all("geography.js" not in str(without.files[path]) for path in maps)


def test_the_static_drawing_draws_the_boundaries_and_names_inside_its_frame(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    (root / "content" / geo.FILE).write_text(
        collection(
            [
                line("country-border", (69.0, 32.0), (71.0, 34.0)),
                town("Example Market", 70.05, 33.05, 2_000_000),
                town(HOSTILE, 69.85, 32.9, 2_000_000),
                town("Far Away", 10.0, 50.0, 2_000_000),
            ]
        ),
        encoding="utf-8",
    )
    briefing = check(root / "content")
    svgs = {
        p: str(t) for p, t in build_maps(briefing, Options(tiles="none")).files.items() if p.endswith(".svg")
    }
    assert svgs
    region = next(text for path, text in svgs.items() if "region-" in path)
    assert "Example Market</text>" in region
    assert "Far Away" not in region
    assert "<img" not in region and "&lt;img src=x" in region
    assert 'stroke="#9aa7ae"' in region
    assert "Example data (public domain)" in region
