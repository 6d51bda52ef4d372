"""One-off builds on several cores (briefing.plugin.parallel_pages) give the same site, byte for
byte, as a build in one process, and report the same warnings."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.parallel import JOBS_VARIABLE
from briefing.plugin import parallel_pages

from .test_site_build import build_site

pytestmark = pytest.mark.slow


def digests(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _build(root: Path, out: Path, jobs: int, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    monkeypatch.setenv(JOBS_VARIABLE, str(jobs))
    config = build_site(root, out)
    return dict(config.plugins["briefing"].preview.hits)


def test_pages_built_by_workers_are_the_pages_built_here(
    site_factory: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel_pages, "MIN_PAGES", 0)
    root = site_factory()
    one = tmp_path / "one"
    two = tmp_path / "two"
    _build(root, one, 1, monkeypatch)
    hits = _build(root, two, 2, monkeypatch)
    pages = sum(1 for _ in two.rglob("index.html"))
    assert hits["markdown"] >= pages - 1 and hits["page"] >= pages - 1, hits  # the workers did the work
    assert digests(one) == digests(two)


def test_a_warning_in_a_worker_is_still_counted_here(
    site_factory: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(parallel_pages, "MIN_PAGES", 0)
    root = site_factory({"docs/about.md": "# About\n\nSee [the missing page](missing.md).\n"})
    with caplog.at_level(logging.WARNING, logger="mkdocs"), pytest.raises(Exception, match="strict"):
        _build(root, tmp_path / "site", 2, monkeypatch)
    assert any("missing.md" in r.getMessage() for r in caplog.records)
