"""Real ``mkdocs build --strict`` runs of a tiny site in tmp_path.

The tiny site is the project's mkdocs.yml, docs/, overrides/ and scripts/ with the base
fixture content (see conftest.make_site). A build must pass strict mode (every link and
anchor resolves, no warning), give byte-identical output twice, and write nothing into
docs/ or content/.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from .conftest import tree_digest

pytestmark = pytest.mark.slow

ABOUT = """---
title: About
---
# About

The EF is a fictional group; see the [actors](actors/index.md).
"""


def build_site(root: Path, out: Path) -> MkDocsConfig:
    """One strict build of the site in ``root`` into ``out``; returns its configuration."""
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(out), strict=True)
    build(config)
    return config


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")
    monkeypatch.setenv("SITE_URL", "http://127.0.0.1:8000/")


def test_strict_build_is_reproducible_and_leaves_sources_alone(
    site_factory: Callable[..., Path], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = site_factory({"docs/about.md": ABOUT})
    before = {name: tree_digest(root / name) for name in ("docs", "content")}
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        build_site(root, tmp_path / "one")
        build_site(root, tmp_path / "two")
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    first, second = tree_digest(tmp_path / "one"), tree_digest(tmp_path / "two")
    assert first == second
    assert {name: tree_digest(root / name) for name in ("docs", "content")} == before
    assert not (root / "site").exists()
    # The second build read its maps back from the first one's cache, outside docs/ and content/.
    kept = sorted((root / ".cache" / "briefing" / "maps").iterdir())
    assert len(kept) == len([p for p in first if p.startswith("maps/") and p.endswith(".html")]) > 0


def test_map_cache_can_be_turned_off(site_factory: Callable[..., Path], tmp_path: Path) -> None:
    root = site_factory()
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      map_cache: true\n" in config
    (root / "mkdocs.yml").write_text(
        config.replace("      map_cache: true\n", "      map_cache: false\n"), encoding="utf-8"
    )
    build_site(root, tmp_path / "out")
    assert (tmp_path / "out" / "index.html").exists()
    assert not (root / ".cache").exists()


def test_built_pages(site_factory: Callable[..., Path], tmp_path: Path) -> None:
    root = site_factory({"docs/about.md": ABOUT})
    out = tmp_path / "site"
    build_site(root, out)
    pages = {p.relative_to(out).as_posix() for p in out.rglob("index.html")}
    assert {
        "index.html",
        "actors/index.html",
        "actors/example-front/index.html",
        "regions/example-district/index.html",
        "debates/talks/index.html",
        "timeline/index.html",
        "glossary/index.html",
        "sources/example-2024-report/index.html",
        "tags/index.html",
        "about/index.html",
    } <= pages
    actor = (out / "actors/example-front/index.html").read_text(encoding="utf-8")
    assert '<pre class="mermaid"><code>' in actor
    assert 'class="cite"' in actor and 'href="../../sources/example-2024-report/#p4"' in actor
    assert '<abbr title="Example Front">EF</abbr>' in actor
    # Search snippets read as text: citation markers are left out of the index.
    search = json.loads((out / "search/search_index.json").read_text(encoding="utf-8"))
    profile = next(d for d in search["docs"] if d["location"] == "actors/example-front/#profile")
    assert "denies any role, the report says" in profile["text"]
    assert not re.search(r"says\s*1", profile["text"]), profile["text"]
    # Hand-written pages get the glossary's abbreviations from the plugin.
    about = (out / "about/index.html").read_text(encoding="utf-8")
    assert '<abbr title="Example Front">EF</abbr>' in about
    # Self-hosted assets only: Mermaid is served, and the repository link fetches nothing.
    assert (out / "assets/vendor/mermaid.min.js").is_file()
    assert not (out / "assets/vendor/README/index.html").exists()
    assert 'data-md-component="source"' not in actor
    assert "fonts.googleapis.com" not in actor
    # Edit links point at the content file of a generated page.
    assert "edit/main/content/actors/example-front.md" in actor
    timeline = (out / "timeline/index.html").read_text(encoding="utf-8")
    assert 'id="2024-03-checkpoint-attack"' in timeline


@pytest.mark.slow
def test_a_custom_tile_server_builds_with_its_attribution(
    site_factory: Callable[..., Path], tmp_path: Path
) -> None:
    root = site_factory()
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    custom = "https://tiles.example.org/{z}/{x}/{y}.png"
    config = config.replace(
        "      tiles: osm\n", f'      tiles: "{custom}"\n      tiles_attribution: "© Example Maps"\n'
    )
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    build_site(root, tmp_path / "out")
    drawn = (tmp_path / "out" / "maps" / "region-example-district.html").read_text(encoding="utf-8")
    assert "tiles.example.org" in drawn and "Example Maps" in drawn, "the attribution is shown"


def _configured(site_factory: Callable[..., Path], old: str, new: str) -> Path:
    """A site whose mkdocs.yml has ``old`` replaced by ``new``."""
    root = site_factory()
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert old in config
    (root / "mkdocs.yml").write_text(config.replace(old, new), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "      tiles: osm\n",
            '      tiles: "https://tiles.example.org/{z}/{x}/{y}.png"\n',
            "Plugin 'briefing' option 'tiles_attribution': the custom tile server "
            "'https://tiles.example.org/{z}/{x}/{y}.png' needs the attribution it requires",
        ),
        (
            "      tiles: osm\n",
            "      tiles: mapbox\n",
            "Plugin 'briefing' option 'tiles': 'mapbox' is not 'osm'",
        ),
        (
            "      tiles: osm\n",
            "      tiles: 12\n",
            "Plugin 'briefing' option 'tiles': Expected type: <class 'str'>",
        ),
        ("      map_cache: true\n", "      map_cache: sometimes\n", "Plugin 'briefing' option 'map_cache'"),
        (
            "      map_cache: true\n",
            "      map_cache: true\n      workers: -1\n",
            "Plugin 'briefing' option 'workers': -1 is not a whole",
        ),
        (
            "      content: content\n",
            "      content: ../elsewhere\n",
            "Plugin 'briefing' option 'content': '../elsewhere' is not a folder inside the project",
        ),
        (
            "      content: content\n",
            "      content: /etc\n",
            "Plugin 'briefing' option 'content': '/etc' is not a folder inside the project",
        ),
        (
            "      content: content\n",
            "      content: notes/../../content\n",
            "Plugin 'briefing' option 'content': 'notes/../../content' is not a folder inside the project",
        ),
        (
            "      map_cache: true\n",
            "      map_cache: true\n      colour: red\n",
            "Plugin 'briefing' option 'colour'",
        ),
    ],
)
def test_a_bad_plugin_option_is_a_clean_config_error(
    site_factory: Callable[..., Path],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    old: str,
    new: str,
    message: str,
) -> None:
    """MkDocs checks the plugin's options when it reads mkdocs.yml and names the bad one."""
    from mkdocs.exceptions import Abort

    root = _configured(site_factory, old, new)
    with caplog.at_level(logging.WARNING, logger="mkdocs"), pytest.raises(Abort):
        load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(tmp_path / "out"), strict=True)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert f"Config value 'plugins': {message}" in logged, logged


def test_the_content_folder_may_be_a_link_the_owner_made(
    site_factory: Callable[..., Path], tmp_path: Path
) -> None:
    """Checked as written: a project may link its content folder from elsewhere (the benchmark does)."""
    root = site_factory()
    elsewhere = tmp_path / "elsewhere"
    (root / "content").rename(elsewhere)
    (root / "content").symlink_to(elsewhere)
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(tmp_path / "out"), strict=True)
    assert config.plugins["briefing"].config.content == "content"


def test_an_option_left_under_extra_says_where_it_moved(
    site_factory: Callable[..., Path], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.exceptions import Abort

    root = _configured(site_factory, "extra_css:\n", "extra:\n  map_tiles: none\n\nextra_css:\n")
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        build_site(root, tmp_path / "out")
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert logged == ["mkdocs.yml: extra.map_tiles is now plugins.briefing.tiles (see README, Configuration)"]
