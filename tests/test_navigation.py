"""Navigation that grows with sections, not pages: large sections fold into their index page."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.render import navigation
from briefing.render.navigation import expand_nav, fold, not_in_nav_patterns

from .test_generate_tree import generate_tree
from .test_site_build import build_site

GENERATED = [
    {
        "Actors": [
            "actors/index.md",
            {"Armed groups": ["actors/a.md", "actors/b.md"]},
            {"People": ["actors/c.md"]},
        ]
    },
    {"Sources": ["sources/index.md", "sources/x.md"]},
]


def test_sections_over_the_limit_fold_into_their_index() -> None:
    folded, hidden = fold(GENERATED, max_pages=2)
    assert folded == [{"Actors": ["actors/index.md"]}, GENERATED[1]]
    assert hidden == ["actors/a.md", "actors/b.md", "actors/c.md"]
    assert fold(GENERATED, max_pages=3) == (GENERATED, [])
    declared = [{"Actors": "actors/index.md"}, {"Sources": "sources/index.md"}]
    assert expand_nav(declared, folded)[0] == {"Actors": ["actors/index.md"]}


def test_not_in_nav_patterns_keep_the_index_pages() -> None:
    assert not_in_nav_patterns(["actors/a.md", "sources/x.md", "actors/b.md"]) == [
        "/actors/*.md",
        "!/actors/index.md",
        "/sources/*.md",
        "!/sources/index.md",
    ]


def _nav_links(html: str) -> set[str]:
    """The page addresses the site navigation of a built page links to (its table of contents aside)."""
    tags = re.findall(r'<a [^>]*class="md-nav__link[^"]*"[^>]*>', html)
    hrefs = (re.search(r'href="([^"]*)"', tag) for tag in tags)
    return {h[1] for h in hrefs if h and not h[1].startswith("#")}


@pytest.mark.slow
def test_a_folded_site_builds_strictly_with_breadcrumbs_and_a_short_nav(
    site_factory: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(navigation, "NAV_PAGES_MAX", 0)
    root = site_factory()
    out = tmp_path / "built"
    build_site(root, out)  # strict: a page left out of the nav must not warn
    actor = (out / "actors/example-front/index.html").read_text(encoding="utf-8")
    links = _nav_links(actor)
    assert not any("example-police" in link for link in links), "a folded section lists no leaves"
    assert any(link.rstrip("/").endswith("actors") or link == "../" for link in links)
    crumbs = re.search(r'<p [^>]*class="breadcrumbs"[^>]*>.*?</p>', actor)[0]  # type: ignore[index]
    assert 'role="navigation"' in crumbs and 'aria-label="Breadcrumb"' in crumbs
    assert 'href="../">Actors</a>' in crumbs and 'href="../#armed-group">Armed groups</a>' in crumbs
    index = (out / "actors/index.html").read_text(encoding="utf-8")
    assert 'class="data-list"' in index and 'href="example-police/"' in index
    search = json.loads((out / "search/search_index.json").read_text(encoding="utf-8"))
    listing = [d for d in search["docs"] if d["location"].split("#")[0] == "actors/"]
    police = next(d for d in search["docs"] if d["location"] == "actors/example-police/")
    assert listing and all(police["title"] not in d["text"] for d in listing), (
        "a section's list is left out of the search index: each page is found on its own"
    )


@pytest.mark.slow
def test_unfolded_sections_keep_their_pages_in_the_nav(
    site_factory: Callable[..., Path], tmp_path: Path
) -> None:
    root = site_factory()
    out = tmp_path / "built"
    build_site(root, out)
    links = _nav_links((out / "actors/example-front/index.html").read_text(encoding="utf-8"))
    assert any("example-police" in link for link in links)


def test_the_standalone_config_leaves_folded_pages_out_of_the_nav(
    site_factory: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(navigation, "NAV_PAGES_MAX", 0)
    root = site_factory()
    config = generate_tree(root, tmp_path / "tree").read_text(encoding="utf-8")
    assert "/tags.md" in config, "the project's own not_in_nav lines are kept"
    assert "/actors/*.md" in config and "!/actors/index.md" in config
    assert "- actors/example-front.md" not in config
