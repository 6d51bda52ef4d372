"""Shared fixtures: tiny sites built in tmp_path from the base fixture plus a {path: text} dict."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium"))
"""The system Chromium the browser tests drive (Playwright never downloads a browser here)."""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FIXTURES = Path(__file__).parent / "fixtures"
BASE = FIXTURES / "base"


def launch_chromium(playwright: Any, chromium: Path = CHROMIUM) -> Any:
    """The system Chromium; fails under CI when it is missing, skips otherwise."""
    if not chromium.exists():
        message = f"{chromium} not found: apt-get install -y chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)


def tree_digest(root: Path) -> dict[str, str]:
    """Path → sha256 of every regular file below root (a link → where it points, a pipe or
    other special file → its type), to prove a run changed nothing. Never follows a link nor
    opens anything but a regular file, so hostile-input cases cannot make it hang or read
    outside the site."""
    found: dict[str, str] = {}
    for folder, dirs, names in os.walk(root):  # links to folders are listed, not walked
        for name in [*dirs, *names]:
            path = Path(folder, name)
            mode = path.lstat().st_mode
            rel = path.relative_to(root).as_posix()
            if stat.S_ISLNK(mode):
                found[rel] = "link to " + os.readlink(path)
            elif stat.S_ISREG(mode):
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            elif not stat.S_ISDIR(mode):
                found[rel] = f"special file {stat.S_IFMT(mode):o}"
    return dict(sorted(found.items()))


def make_site(
    root: Path, files: dict[str, str | bytes] | None = None, remove: list[str] | None = None
) -> Path:
    """A site folder: the project's mkdocs.yml, docs/, overrides/ and the base fixture content, plus changes."""
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    shutil.copytree(ROOT / "scripts", root / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(BASE / "content", root / "content")
    for path in remove or []:
        (root / path).unlink()
    for path, text in (files or {}).items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
    return root


def page_bodies(content: Path, docs: Path | None = None) -> dict[str, str]:
    """The Markdown of every page generated from ``content`` (and of every page under ``docs``),
    by path, without its front matter."""
    from briefing.pipeline import generate

    pages = {path: text for path, text in generate(content).pages.items() if path.endswith(".md")}
    if docs is not None:
        pages.update({str(p.relative_to(docs)): p.read_text(encoding="utf-8") for p in docs.rglob("*.md")})
    return {
        path: text.split("---\n", 2)[2] if text.startswith("---\n") else text for path, text in pages.items()
    }


def synthetic_content(root: Path, sources: int) -> Path:
    """A synthetic briefing of ``sources`` sources under ``root`` (benchmarks/synth.py); its content folder."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synth

    synth.generate(sources, root)
    return root / "content"


@pytest.fixture
def site_factory(tmp_path: Path) -> Callable[..., Path]:
    """Build a tiny site in tmp_path: ``site_factory({"content/actors/x.md": "..."})``."""

    def factory(files: dict[str, str | bytes] | None = None, remove: list[str] | None = None) -> Path:
        root = tmp_path / "site-src"
        if root.exists():
            shutil.rmtree(root)
        root.mkdir()
        return make_site(root, files, remove)

    return factory
