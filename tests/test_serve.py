"""`mkdocs serve`: a content edit shows up live, bad content is reported, and nothing rebuilds in a loop."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(predicate: Callable[[], bool], seconds: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        try:
            if predicate():
                return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"condition not met within {seconds} s")


@pytest.fixture
def served(site_factory: Callable[..., Path], tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    root = site_factory()
    port = _free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"}
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=root,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        url = f"http://127.0.0.1:{port}/sources/example-2024-report/"
        _wait_for(lambda: "Example headline" in _get(url), 60)
        yield root, url, log
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_content_edit_shows_up_without_a_rebuild_loop(served: tuple[Path, str, Path]) -> None:
    root, url, log = served
    source = root / "content" / "sources" / "example-2024-report.md"
    source.write_text(source.read_text().replace("A short report used", "An edited report used"))
    took = _wait_for(lambda: "An edited report used" in _get(url), 30)
    assert took < 10
    time.sleep(3)
    builds = log.read_text().count("Building documentation")
    time.sleep(3)
    assert log.read_text().count("Building documentation") == builds, "serve keeps rebuilding"
    assert not (root / "docs" / "sources").exists(), "generated pages were written into docs/"


def test_bad_content_is_reported_by_serve(served: tuple[Path, str, Path]) -> None:
    root, _, log = served
    (root / "content" / "actors" / "example-police.md").write_text("", encoding="utf-8")
    _wait_for(lambda: "content/actors/example-police.md:1: empty file" in log.read_text(), 30)


def test_bad_content_keeps_the_last_good_build_with_its_problems_on_every_page(
    served: tuple[Path, str, Path],
) -> None:
    root, url, _ = served
    actor = root / "content" / "actors" / "example-police.md"
    good = actor.read_text(encoding="utf-8")
    actor.write_text(good.replace("kind: ", "kind: not-a-kind # ", 1), encoding="utf-8")
    _wait_for(lambda: "1 content problem" in _get(url), 30)
    page = _get(url)
    assert "Example headline" in page, "the last good build is no longer served"
    assert "content/actors/example-police.md:" in page and "not-a-kind" in page
    about = _get(url.replace("sources/example-2024-report/", "about/"))
    assert "1 content problem" in about, "hand-written pages lack the problems"
    actor.write_text(good, encoding="utf-8")
    _wait_for(lambda: "content problem" not in _get(url), 30)


def test_a_preview_that_starts_with_bad_content_lists_the_problems(
    site_factory: Callable[..., Path], tmp_path: Path
) -> None:
    root = site_factory({"content/actors/example-police.md": "<script>alert(1)</script>"})
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"}
    with (tmp_path / "serve.log").open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=root,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        base = f"http://127.0.0.1:{port}/"
        _wait_for(lambda: "content problem" in _get(base + "actors/"), 60)
        page = _get(base + "actors/")
        assert "content/actors/example-police.md:1: no front-matter" in page
        assert "<script>alert(1)" not in page
        assert "1 content problem" in _get(base + "about/")
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_content_folder_is_watched_more_often_than_the_theme(tmp_path: Path) -> None:
    """The plugin's on_serve gives content/ a 0.1 s poller; every other watched path keeps MkDocs' 0.5 s."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

    from briefing.plugin import CONTENT_POLL, BriefingPlugin

    (tmp_path / "content").mkdir()
    (tmp_path / "docs").mkdir()
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path / "docs"))
    plugin = BriefingPlugin()
    plugin.load_config({}, str(tmp_path / "mkdocs.yml"))
    server = plugin.on_serve(server, config=config, builder=lambda: None)
    server.watch(str(tmp_path / "content"))  # `watch: [content]` in mkdocs.yml, after on_serve
    timeouts = {Path(emitter.watch.path).name: emitter.timeout for emitter in server.observer.emitters}
    assert timeouts == {"docs": 0.5, "content": CONTENT_POLL}
    assert CONTENT_POLL < 0.5
    assert server.observer.timeout == 0.5  # paths watched later get MkDocs' interval again
    server.server_close()
