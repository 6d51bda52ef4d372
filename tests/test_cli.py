"""The briefing command: exit codes, message format, generate and schema output."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing.cli import main

from .conftest import ROOT, tree_digest


def test_check_is_clean_on_the_fixture(
    site_factory: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_factory()
    assert main(["--content", str(root / "content"), "check"]) == 0
    assert capsys.readouterr().out.startswith("content OK: 1 sources, 2 actors")


def test_check_reports_every_problem_and_exits_1(site_factory: Callable[..., Path]) -> None:
    root = site_factory({"content/actors/example-police.md": "", "content/places.yml": "- id: X\n"})
    result = subprocess.run(
        [sys.executable, "-m", "briefing.cli", "check"], cwd=root, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == f"{len(lines) - 1} problems found"
    assert "content/actors/example-police.md:1: empty file" in lines
    assert all(line.startswith("content/") for line in lines[:-1])


def test_generate_writes_the_whole_docs_tree(site_factory: Callable[..., Path], tmp_path: Path) -> None:
    root = site_factory()
    before = tree_digest(root)
    out = tmp_path / "out"
    assert (
        main(
            ["--content", str(root / "content"), "generate", "--out", str(out), "--docs", str(root / "docs")]
        )
        == 0
    )
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert {"about.md", "sources/index.md", "sources/example-2024-report.md"} <= written
    assert tree_digest(root) == before
    assert main(["--content", str(root / "content"), "generate", "--out", str(out)]) == 2


def test_generate_names_the_missing_tile_attribution(
    site_factory: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = site_factory()
    args = ["--content", str(root / "content"), "generate", "--docs", str(root / "docs")]
    custom = ["--tiles", "https://tiles.example.org/{z}/{x}/{y}.png"]
    assert main([*args, "--out", str(tmp_path / "a"), *custom]) == 2
    error = capsys.readouterr().err
    assert "--tiles-attribution: the custom tile server" in error and "options[" not in error
    assert main([*args, "--out", str(tmp_path / "b"), *custom, "--tiles-attribution", "© Example Maps"]) == 0


def test_schemas_in_the_repo_are_up_to_date(tmp_path: Path) -> None:
    assert main(["schema", "--out", str(tmp_path)]) == 0
    fresh = {p.name: p.read_text() for p in tmp_path.iterdir()}
    committed = {p.name: p.read_text() for p in (ROOT / "schemas").iterdir()}
    assert fresh == committed, "run `make schema` and commit schemas/"


def test_schema_documents_every_field() -> None:
    schema = json.loads((ROOT / "schemas" / "actors.schema.json").read_text())
    assert schema["additionalProperties"] is False
    for name, prop in schema["properties"].items():
        assert prop.get("description"), name


def test_contributing_field_reference_is_up_to_date() -> None:
    from briefing.model.reference import field_reference

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    inside = text.split("<!-- fields:start -->\n", 1)[1].split("<!-- fields:end -->", 1)[0]
    assert inside == field_reference(), (
        "regenerate the field reference in CONTRIBUTING.md with `briefing fields`"
    )


def test_budget_prints_every_map_and_passes_on_the_real_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--content", str(ROOT / "content"), "budget"]) == 0
    out = capsys.readouterr().out
    from briefing.maps import build_maps
    from briefing.pipeline import check

    maps = build_maps(check(ROOT / "content")).maps.values()
    assert maps and all(view.path in out for view in maps)  # every map of the content, whatever it has


def test_budget_fails_on_a_page_over_its_budget(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    (site / "heavy").mkdir(parents=True)
    (site / "heavy" / "index.html").write_bytes(b'<img src="big.png">')
    (site / "heavy" / "big.png").write_bytes(random.Random(1).randbytes(400_000))  # does not compress
    args = ["--content", str(ROOT / "content"), "budget", "--site", str(site), "--page", "heavy/"]
    assert main(args) == 1
    assert "over budget: heavy/" in capsys.readouterr().err
