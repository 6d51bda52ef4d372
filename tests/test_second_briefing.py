"""A second briefing, on a made-up subject (tests/fixtures/elsewhere): three other countries,
two borders, its own vocabularies and reference geography. It builds with the same code and
templates as the real one, and nothing of the real subject leaks into it."""

from __future__ import annotations

import html
import logging
import re
import shutil
from pathlib import Path

import pytest

from briefing.options import Options
from briefing.pipeline import generate
from briefing.render.renderer import Site

from .conftest import FIXTURES, make_site

ELSEWHERE = FIXTURES / "elsewhere" / "content"
REAL_SUBJECT = re.compile(r"Pakistan|Afghan|Durand|Taliban|TTP|Waziristan|Khyber")
"""Words of the real briefing's subject that no page of another briefing may carry."""


def elsewhere_site(root: Path) -> Path:
    """The project (mkdocs.yml, docs/, overrides/, scripts/) with the made-up briefing's content."""
    root.mkdir(parents=True, exist_ok=True)
    make_site(root)
    shutil.rmtree(root / "content")
    shutil.copytree(ELSEWHERE, root / "content")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = elsewhere_site(tmp_path_factory.mktemp("elsewhere"))
    return generate(root / "content", Options(tiles="none"))


def headings(page: str) -> list[str]:
    found = [re.sub(r" \{ #[\w-]+ \}$", "", h) for h in re.findall(r"^## (.+)$", page, re.M)]
    return [html.unescape(h) for h in found if h != "Map"]


def test_its_countries_are_listed_in_its_order_and_coloured_its_way(site: Site) -> None:
    assert headings(site.pages["regions/index.md"]) == ["Belmora", "Arvenia", "Coristan"]
    css = str(site.assets["assets/maps/map.css"])
    for key, colour in (("belmora", "#c62828"), ("arvenia", "#1565c0"), ("coristan", "#2e7d32")):
        assert f"--bm-{key}: {colour};" in css
        assert f"path.bm-outline-{key} {{" in css


def test_both_borders_are_drawn_and_named(site: Site) -> None:
    overview = str(site.assets["maps/overview.html"])
    assert overview.count('"className": "bm-border"') == 2
    assert "Ford Line (approximate)" in overview and "Salt Line" in overview
    assert "Outlines and the Ford Line are simplified and approximate." in overview
    assert "on and near the Ford Line and Salt Line" in site.pages["regions/index.md"]


def test_its_vocabularies_name_its_events_actors_and_relations(site: Site) -> None:
    timeline = site.pages["timeline.md"]
    assert ">Raid<" in timeline and ">Protest<" in timeline
    assert headings(site.pages["actors/index.md"])[:2] == ["Militias", "Ministries"]
    assert "Pays for" in site.pages["actors/water-ministry.md"]
    assert "<strong>Red, thick</strong>: clashes with" in site.pages["actors/index.md"], "its own legend"
    overview = str(site.assets["maps/overview.html"])
    assert "#b71c1c" in overview and "#6a1b9a" in overview, "markers in its own colours"


def test_its_reference_geography_is_the_one_maps_load(site: Site) -> None:
    script = str(site.assets["assets/maps/geography.js"])
    assert "Upper Ford" in script and "Salt Wells" in script
    assert "Made-up boundaries for a test fixture." in str(site.assets["maps/overview.html"])


def test_nothing_of_the_real_subject_leaks_into_it(site: Site) -> None:
    texts = dict(site.pages) | {p: t for p, t in site.assets.items() if isinstance(t, str)}
    leaks = {path: REAL_SUBJECT.findall(text) for path, text in texts.items() if REAL_SUBJECT.search(text)}
    assert leaks == {}


@pytest.mark.slow
def test_it_builds_strictly_with_mkdocs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    root = elsewhere_site(tmp_path / "src")
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(tmp_path / "out"), strict=True)
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        build(config)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    regions = (tmp_path / "out" / "regions" / "index.html").read_text("utf-8")
    assert "Belmora" in regions and "Coristan" in regions
