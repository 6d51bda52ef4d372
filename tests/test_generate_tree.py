"""`briefing generate --out DIR --config FILE`: the whole docs tree builds without our plugin,
with MkDocs and with Zensical, into the same set of pages as the hooked build."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from briefing.cli import main

pytestmark = pytest.mark.slow
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def pages(site: Path) -> set[str]:
    """Content pages of a built site, as directory URLs (search, assets and error pages aside)."""
    found = set()
    for page in site.rglob("index.html"):
        rel = page.parent.relative_to(site).as_posix()
        if not rel.startswith(("assets", "search")):
            found.add("" if rel == "." else rel)
    return found


def iframes(site: Path) -> set[tuple[str, str]]:
    """Every (page, map file) a built page embeds, the iframe's src resolved from the page's URL
    as served under a sub-path (where a src with one ".." too many would miss)."""
    found = set()
    for page in site.rglob("index.html"):
        url = urljoin("http://site/under/a/path/", page.parent.relative_to(site).as_posix() + "/")
        for src in re.findall(r'<iframe[^>]* src="([^"]+)"', page.read_text(encoding="utf-8")):
            found.add((url, urljoin(url, src)))
    return found


def hooked_build(root: Path) -> set[str]:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root, env=ENV, check=True)
    return pages(root / "site")


def generate_tree(root: Path, out: Path, builder: str = "zensical") -> Path:
    config = out / "mkdocs.yml"
    args = [
        "--content",
        str(root / "content"),
        "generate",
        "--out",
        str(out / "docs"),
        "--docs",
        str(root / "docs"),
        "--builder",
        builder,
    ]
    assert main([*args, "--config", str(config), "--project-config", str(root / "mkdocs.yml")]) == 0
    text = config.read_text(encoding="utf-8")
    assert not re.search(r"^hooks:", text, re.MULTILINE), "the standalone config must load no hook"
    plugins = yaml.safe_load(text[text.index("\nplugins:") :].split("\n\n")[0])["plugins"]
    assert "search" in plugins and not [p for p in plugins if "briefing" in p]  # a name, or {name: options}
    return config


def test_generated_tree_builds_the_same_pages_with_plain_mkdocs(
    site_factory: Callable[..., Path], tmp_path: Path
) -> None:
    root = site_factory()
    expected = hooked_build(root)
    config = generate_tree(root, tmp_path / "tree", "mkdocs")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config)], env=ENV, check=True
    )
    assert pages(tmp_path / "tree" / "site") == expected
    assert iframes(tmp_path / "tree" / "site") == iframes(root / "site")
    assert {"", "actors/example-front", "sources/example-2024-report", "timeline"} <= expected


def test_generated_tree_builds_the_same_pages_with_zensical(
    site_factory: Callable[..., Path], tmp_path: Path
) -> None:
    zensical = shutil.which("zensical", path=str(Path(sys.executable).parent))
    if zensical is None:
        pytest.fail("zensical is a test dependency and should be installed (pip install -e '.[test]')")
    root = site_factory()
    expected = hooked_build(root)
    config = generate_tree(root, tmp_path / "tree", "zensical")
    result = subprocess.run(
        [zensical, "build", "-f", str(config)],
        cwd=config.parent,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert pages(tmp_path / "tree" / "site") == expected
    # Zensical resolves a relative iframe src from the Markdown file: the tree is written for
    # that, and the built pages embed the same map files at the same addresses as MkDocs'.
    assert iframes(tmp_path / "tree" / "site") == iframes(root / "site")
