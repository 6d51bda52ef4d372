"""Cold builds on several cores (briefing.parallel): the same site whatever the number of workers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from briefing import parallel
from briefing.options import Options
from briefing.parallel import Share, jobs, render_shares
from briefing.pipeline import generate

from .conftest import BASE

ROOT = Path(__file__).resolve().parent.parent


def test_every_path_has_exactly_one_owner() -> None:
    paths = [f"actors/actor-{n}.md" for n in range(500)] + ["index.md", "maps/overview.html", "feed.xml"]
    for count in (1, 2, 3, 7):
        owners = {path: [i for i in range(count) if Share(i, count).owns(path)] for path in paths}
        assert all(len(found) == 1 for found in owners.values())
        if count > 1:  # shares are balanced to within a few percent
            sizes = [sum(1 for found in owners.values() if found == [i]) for i in range(count)]
            assert max(sizes) - min(sizes) < len(paths) * 0.15, sizes


@pytest.mark.slow
def test_the_site_is_the_same_with_one_two_or_three_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    sites = []
    for workers in (1, 2, 3):
        site = generate(ROOT / "content", Options(site_url="http://127.0.0.1:8000/"), workers=workers)
        assert site.skipped == set()
        sites.append(site)
    first = sites[0]
    for other in sites[1:]:
        assert other.pages == first.pages
        assert other.assets == first.assets
        assert other.nav == first.nav and other.edit == first.edit


@pytest.mark.parametrize("value", ["zero", "0", "-2", "1.5"])
def test_a_bad_worker_count_is_named(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, value)
    with pytest.raises(ValueError, match=re.escape(f"BRIEFING_JOBS is '{value}'")):
        jobs()


def test_no_fork_while_other_threads_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.JOBS_VARIABLE, "4")
    assert jobs() == 4
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert jobs() == 1
    finally:
        stop.set()
        thread.join()


@dataclass
class Out:
    pages: dict[str, str] = field(default_factory=dict)
    assets: dict[str, str | bytes] = field(default_factory=dict)
    skipped: set[str] = field(default_factory=set)


def _render(share: Share) -> Out:
    out = Out()
    for n in range(40):
        path = f"page-{n}.md"
        if share.owns(path):
            out.pages[path] = f"text of {path}, by {share.index}"
        else:
            out.pages[path] = ""
            out.skipped.add(path)
    return out


def test_results_are_merged_from_every_share() -> None:
    out = render_shares(_render, 3)
    assert out.skipped == set()
    assert {text.rsplit(" ", 1)[1] for text in out.pages.values()} == {"0", "1", "2"}
    assert list(out.pages) == [f"page-{n}.md" for n in range(40)], "pages keep the order the builders gave"
    assert all(text.startswith(f"text of {path},") for path, text in out.pages.items())


def _failing(share: Share) -> Out:
    if share.index == 1:
        raise KeyError("broken in a worker")
    return _render(share)


def test_an_error_in_a_worker_is_raised_here() -> None:
    with pytest.raises(KeyError, match="broken in a worker"):
        render_shares(_failing, 2)


def _forgetful(share: Share) -> Out:
    out = _render(share)
    out.skipped.add("never.md")
    return out


def test_a_page_no_worker_rendered_is_an_error() -> None:
    with pytest.raises(RuntimeError, match=r"no worker rendered never\.md"):
        render_shares(_forgetful, 2)


FREEZE_PROBE = """
import gc, sys
from pathlib import Path
from briefing import pipeline
pipeline.generate(Path(sys.argv[2]), one_off=sys.argv[1] == "one-off")
print(gc.get_freeze_count(), gc.isenabled())
"""


@pytest.mark.parametrize("kind", ["one-off", "library"])
def test_only_a_one_off_build_keeps_its_objects_from_the_collector(kind: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", FREEZE_PROBE, kind, str(BASE / "content")],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "BRIEFING_JOBS": "1"},
    )
    frozen, enabled = result.stdout.split()
    assert enabled == "True", "the collector runs again after the run"
    assert (int(frozen) > 10_000) == (kind == "one-off"), frozen
