"""The one module of paths and links: every page kind's docs path, URLs and relative links."""

from __future__ import annotations

import doctest
import posixpath

import pytest

from briefing import urls


def test_the_examples_in_the_docstrings_hold() -> None:
    result = doctest.testmod(urls)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(
    ("path", "start"),
    [
        ("sources/a.md", "regions"),
        ("regions/index.md", ""),
        ("timeline/2024.md", "timeline"),
        ("timeline.md", "timeline"),
        ("maps/overview.html", "regions/bannu/"),
        ("assets/maps/leaflet.js", "maps"),
        ("a/b/c.md", "a/b/d/e"),
    ],
)
def test_relative_links_agree_with_posixpath(path: str, start: str) -> None:
    assert urls.relative_from(start.rstrip("/"), path) == posixpath.relpath(path, start or ".")


def test_a_link_keeps_its_anchor_and_a_page_links_from_its_own_folder() -> None:
    assert urls.relative("regions/bannu.md", urls.source_page("dawn", "p3")) == "../sources/dawn.md#p3"
    assert urls.relative(urls.HOME, urls.event_page("e", 2024, 3)) == "timeline.md#e"


@pytest.mark.parametrize(
    ("page", "directory_urls", "expected"),
    [
        (urls.HOME, True, "maps/overview.html"),
        (urls.REGIONS_INDEX, True, "../maps/overview.html"),
        (urls.region_page("bannu"), True, "../../maps/overview.html"),
        (urls.region_page("bannu"), False, "../maps/overview.html"),
    ],
)
def test_an_iframe_src_is_relative_to_the_page_url(page: str, directory_urls: bool, expected: str) -> None:
    assert urls.iframe_src(page, urls.map_file("overview"), directory_urls) == expected


def test_files_other_than_pages_are_served_as_they_are() -> None:
    for path in (urls.FEED, urls.data_file("events.csv"), urls.map_drawing("x"), urls.asset_path("a.js")):
        assert urls.page_url(path) == urls.page_url(path, False) == path
