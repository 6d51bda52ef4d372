"""Hostile content in Chromium: what `briefing check` rejects still cannot run if it slips through.

Every case in tests/cases/ marked ``injection: true`` is built into a whole site with the markup
check (:func:`briefing.validate.checks.check_markup`) switched off, as if it had missed the construct,
and every page, with its map frames, is opened in Chromium: no dialog, no event-handler attribute,
no script address, no payload script (see tests/hostile.py). Cases marked ``injection: schema``
are constructs the content models themselves refuse: they are proved unbuildable instead.
The scan itself is proved both ways: a site built without the sanitiser fails it (the handler
runs and raises its dialog).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import sync_playwright

from briefing import plugin
from briefing.errors import ContentError
from briefing.pipeline import check
from briefing.validate import checks

from .conftest import launch_chromium, make_site
from .hostile import MARK, browser_findings, static_findings
from .test_bad_input import CASES, materialise

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _case(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


INJECTIONS = [c for c in CASES if _case(c).get("injection") is True]
SCHEMA_REFUSED = [c for c in CASES if _case(c).get("injection") == "schema"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        yield launched
        launched.close()


def build_case(case_file: Path, root: Path) -> Path:
    """The case's content built into a whole site with MkDocs (plugin, theme, maps); its folder."""
    case = _case(case_file)
    files: dict[str, str | bytes] = dict(case.get("files") or {})
    files.update({path: materialise(spec) for path, spec in (case.get("binary") or {}).items()})
    root.mkdir()
    make_site(root, files, case.get("remove"))
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=False)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return root / "site"


@pytest.fixture
def unchecked(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the markup check had missed every construct (and the rule that every sentence of a
    short text carries a citation, which the injected text, uncited, also breaks)."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setattr(checks, "check_markup", lambda briefing, problems, scanned=None: None)
    monkeypatch.setattr(checks, "_uncited_sentences", lambda text: [])


def test_there_are_injection_cases_of_every_content_type() -> None:
    touched = {path.split("/")[1] for c in INJECTIONS + SCHEMA_REFUSED for path in _case(c)["files"]}
    assert {"sources", "actors", "regions", "events", "debates", "references", "borders"} <= touched
    assert {"places.yml", "glossary.yml", "briefing.yml"} <= touched


@pytest.mark.parametrize("case_file", INJECTIONS, ids=[c.stem for c in INJECTIONS])
def test_injection_cannot_run_in_the_browser(
    case_file: Path, tmp_path: Path, browser: Any, unchecked: None
) -> None:
    site = build_case(case_file, tmp_path / "src")
    assert static_findings(site) == []
    assert browser_findings(browser, site) == []


@pytest.mark.parametrize("case_file", SCHEMA_REFUSED, ids=[c.stem for c in SCHEMA_REFUSED])
def test_construct_refused_by_the_schema_cannot_be_built(
    case_file: Path, tmp_path: Path, unchecked: None
) -> None:
    case = _case(case_file)
    root = tmp_path / "src"
    root.mkdir()
    make_site(root, case["files"])
    with pytest.raises(ContentError) as refused:
        check(root / "content")
    assert [str(p) for p in refused.value.problems] == case["expect"]


def test_the_scan_passes_a_sanitised_site_and_catches_an_unsanitised_one(
    tmp_path: Path, browser: Any, unchecked: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = CASES[0].parent / "hostile-inject-body-image-onerror.yml"
    assert browser_findings(browser, build_case(case, tmp_path / "clean")) == []
    monkeypatch.setattr(plugin, "sanitise", lambda html: html)  # the name the plugin calls it by
    found = browser_findings(browser, build_case(case, tmp_path / "live"))
    assert any("onerror" in f for f in found), found
    assert f"dialog: {MARK}" in found, found
