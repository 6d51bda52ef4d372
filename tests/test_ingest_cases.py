"""`briefing ingest` on bad input, as data: tests/ingest_cases/*.yml, one file per case.

Each case runs ``briefing --content content ingest ...`` in an empty working folder that
holds ``content/`` and a folder ``outside/`` standing for the rest of the disk. It
describes the article file given to ingest (``input``: text, hex bytes, a size, or a
folder or FIFO), what is set up first (``setup``: files, folders, symbolic links), the
arguments, and the exact exit code and standard error. Every case also proves that no
traceback is printed, that exactly the files in ``writes`` appear, that no other file
changes, and that nothing under ``outside/`` is touched.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefing.cli import main

CASES = sorted((Path(__file__).parent / "ingest_cases").glob("*.yml"))


def _snapshot(root: Path) -> dict[str, str]:
    """Path → digest (or link target) of everything below root, never following a link."""
    found: dict[str, str] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[rel] = "-> " + os.readlink(path)
            elif path.is_file():
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _make_input(spec: dict[str, Any]) -> None:
    path = Path(spec["path"])
    kind = spec.get("kind", "file")
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif "hex" in spec:
        path.write_bytes(bytes.fromhex(spec["hex"]))
    elif "size" in spec:
        path.write_bytes(b"The harbour reopened. " * (spec["size"] // 22 + 1))
        with path.open("r+b") as handle:
            handle.truncate(spec["size"])
    else:
        path.write_bytes(spec["text"].encode("utf-8"))


def _set_up(steps: list[dict[str, Any]]) -> None:
    for step in steps:
        if "remove" in step:
            shutil.rmtree(step["remove"])
        elif "folder" in step:
            Path(step["folder"]).mkdir(parents=True)
        elif "file" in step:
            Path(step["file"]).parent.mkdir(parents=True, exist_ok=True)
            Path(step["file"]).write_text(step["text"], encoding="utf-8")
        else:
            os.symlink(step["to"], step["symlink"])


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 10


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_ingest_case(
    case_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)
    Path("content").mkdir()
    Path("outside").mkdir()
    if case.get("input"):
        _make_input(case["input"])
    _set_up(case.get("setup") or [])
    before = _snapshot(tmp_path)

    code = main(["--content", "content", *case["argv"]])
    out, err = capsys.readouterr()

    assert "Traceback" not in out + err
    assert code == case["exit"]
    assert err.strip() == case["stderr"]
    after = _snapshot(tmp_path)
    assert sorted(set(after) - set(before)) == sorted(case["writes"])
    assert {k: v for k, v in after.items() if k in before} == before, "an existing file changed"
    assert not [k for k in after if k.startswith("outside/") and k not in before]
    for needle in case.get("stdout_contains") or []:
        assert needle in out
