"""The subject of a briefing in its content (content/area.yml): the area its points must lie
in, its countries in the order pages list them, and their colours on the maps; and what a
briefing without the file gets (any country, listed by name, coloured from a palette).

Malformed files are cases in tests/cases/area-*.yml and region-country-not-listed.yml."""

from __future__ import annotations

import html
import re
from pathlib import Path

from briefing.maps.styles import COUNTRY_PALETTE
from briefing.options import Options
from briefing.pipeline import generate
from briefing.urls import asset_path

from .conftest import make_site

AREA = """bounds: {{south: 20, west: 55, north: 40, east: 80}}
countries:
{countries}
reviewed: 2026-12-07
"""


def country(name: str, light: str, dark: str) -> str:
    return f'  - name: {name}\n    colour: "{light}"\n    dark: "{dark}"'


def headings(page: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r"^## (.+)$", page, re.M) if h != "Map"]


def test_area_yml_orders_the_countries_and_colours_their_outlines(tmp_path: Path) -> None:
    area = AREA.format(
        countries="\n".join(
            [country("Afghanistan", "#123456", "#abcdef"), country("Pakistan", "#654321", "#fedcba")]
        )
    )
    root = make_site(tmp_path, {"content/area.yml": area})
    site = generate(root / "content", Options(tiles="none"))
    assert headings(site.pages["regions/index.md"]) == ["Afghanistan", "Pakistan"]
    css = str(site.assets[asset_path("map.css")])
    light, dark = css.split(':root[data-scheme="slate"]', 1)
    assert "--bm-afghanistan: #123456;" in light and "--bm-pakistan: #654321;" in light
    assert "--bm-afghanistan: #abcdef;" in dark and "--bm-pakistan: #fedcba;" in dark
    assert "path.bm-outline-afghanistan {" in css and ".bm-sym-outline-pakistan {" in css


def test_without_area_yml_any_country_is_listed_by_name_and_coloured_from_the_palette(tmp_path: Path) -> None:
    root = make_site(tmp_path, remove=["content/area.yml"])
    district = root / "content/regions/example-district.md"
    district.write_text(
        district.read_text("utf-8").replace("country: Pakistan", "country: Côte d'Ivoire"), "utf-8"
    )
    border = root / "content/borders/example-line.yml"
    border.write_text(border.read_text("utf-8").replace("Pakistan", "Côte d'Ivoire"), "utf-8")
    site = generate(root / "content", Options(tiles="none"))
    assert headings(site.pages["regions/index.md"]) == ["Afghanistan", "Côte d'Ivoire"]
    css = str(site.assets[asset_path("map.css")])
    (first, _), (second, _) = COUNTRY_PALETTE[:2]
    assert f"--bm-afghanistan: {first};" in css and f"--bm-cote-d-ivoire: {second};" in css
    maps = [str(text) for path, text in site.assets.items() if path.startswith("maps/region-")]
    assert any("bm-outline-cote-d-ivoire" in text for text in maps)


SECOND_BORDER = """id: example-ridge
name: Example Ridge
description: A second fictional border.
approximate: false
status: disputed by both sides
left: Pakistan
right: Afghanistan
line: [[33.5, 70.6], [32.5, 70.6]]
cite:
  - ref: example-reference
reviewed: 2026-12-07
"""


def test_every_border_is_drawn_listed_and_named_on_every_map(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"content/borders/example-ridge.yml": SECOND_BORDER})
    site = generate(root / "content", Options(tiles="none"))
    overview = str(site.assets["maps/overview.html"])
    assert overview.count('"className": "bm-border"') == 2
    for name in ("Example Line (approximate)", "Example Ridge, disputed by both sides"):
        assert name in overview, name
    assert "Outlines and the Example Line are simplified and approximate." in overview
    svg = str(site.assets["maps/overview.svg"])
    assert svg.count('stroke-dasharray="8 6"') == 2
    home = site.pages["index.md"]
    assert "Example Ridge" in home and "Example Line" in home, "the overview's table lists both"
    data = site.assets["data/briefing.json"]
    assert '"example-ridge"' in str(data)
