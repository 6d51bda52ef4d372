"""Rebuilds under `mkdocs serve` skip unchanged pages (briefing.plugin.preview_cache), and every
rebuild still gives the same site, byte for byte, as a clean `mkdocs build` of the same files.

A helper process plays `mkdocs serve`: it starts the plugins as serve does, then rebuilds
after each edit of a sequence, keeping a copy of the project as it was at each step. Each
copy is then built from scratch in this process and the two outputs compared. The edits
touch each thing a page depends on: content, a hand-written page, an actor's kind (its
place in the nav of every page, and its tag in the tags listing), a theme override, the
set of files and mkdocs.yml.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .conftest import tree_digest

pytestmark = pytest.mark.slow

SERVE = """
import json, shutil, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

root, steps = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text())
started = False
for number, edits in enumerate(steps):
    for path, change in edits.items():
        target = root / path
        if change is None:
            target.unlink()
        else:
            old, new = change
            text = target.read_text(encoding="utf-8")
            assert old in text, (path, old)
            target.write_text(text.replace(old, new, 1), encoding="utf-8")
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root.parent / f"served-{number}"))
    if not started:
        config.plugins.on_startup(command="serve", dirty=False)
        started = True
    build(config)
    shutil.copytree(root, root.parent / f"state-{number}", ignore=shutil.ignore_patterns("__pycache__"))
    print(json.dumps(config.plugins["briefing"].preview.hits), flush=True)
"""

STEPS: list[dict[str, tuple[str, str] | None]] = [
    {},
    {},
    {"content/events/2024-03-checkpoint-attack.md": ("summary: ", "summary: Edited. ")},
    {"docs/about.md": ("# About", "# About this briefing")},
    {"content/actors/example-police.md": ("kind: state-institution", "kind: armed-group")},
    {"overrides/main.html": ("{% extends", "{# edited #}\n{% extends")},
    {"content/events/2024-03-checkpoint-attack.md": None},
    {"mkdocs.yml": ("site_name: Frontier Briefing", "site_name: Frontier Briefing (preview)")},
]
"""Edits applied one step after another; None deletes the file."""


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")
    monkeypatch.setenv("SITE_URL", "http://127.0.0.1:8000/")


def _serve(root: Path, tmp_path: Path) -> list[dict[str, int]]:
    steps = tmp_path / "steps.json"
    steps.write_text(json.dumps(STEPS), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", SERVE, str(root), str(steps)],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def test_rebuilds_reuse_pages_and_match_clean_builds(
    site_factory: Callable[..., Path], tmp_path: Path
) -> None:
    root = site_factory()
    hits = _serve(root, tmp_path)
    assert len(hits) == len(STEPS)
    pages = sum(1 for _ in (tmp_path / "served-0").rglob("index.html"))
    assert hits[0] == {"markdown": 0, "page": 0, "search": 0}, "the first build has nothing to reuse"
    assert hits[1]["page"] >= pages - 2 and hits[1]["search"] >= pages - 2, hits[1]
    assert hits[2]["markdown"] >= pages - 8, hits[2]
    assert hits[5]["page"] == 0, "a theme override must re-render every page"
    for number in range(len(STEPS)):
        clean = tmp_path / f"clean-{number}"
        config = load_config(
            config_file=str(tmp_path / f"state-{number}" / "mkdocs.yml"), site_dir=str(clean), strict=True
        )
        build(config)
        served, built = tree_digest(tmp_path / f"served-{number}"), tree_digest(clean)
        differ = sorted(path for path in served.keys() | built.keys() if served.get(path) != built.get(path))
        assert differ == [], f"step {number} ({STEPS[number]}): {differ[:10]}"
        shutil.rmtree(clean)
