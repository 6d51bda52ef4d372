"""Malformed-content cases as data: tests/cases/*.yml, one file per case.

Each case writes files over the valid base fixture and lists every problem that
``briefing check`` must report, exactly (message and line). Cases with no
expected problems are accepted input; they may list text the generated pages
must contain. Every case also proves that checking and generating changed no
file outside the build output.

Run with BRIEFING_UPDATE_CASES=1 to rewrite the expectations from the current
output (then read the diff: the messages are the product).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefing.errors import ContentError
from briefing.pipeline import check, generate

from .conftest import tree_digest


class _CaseDumper(yaml.SafeDumper):
    """Writes multi-line strings as literal blocks so a case reads like the file it creates."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and not value.endswith((" ", "\t")) and "\r" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_CaseDumper.add_representer(str, _str)

CASES = sorted((Path(__file__).parent / "cases").glob("*.yml"))


def materialise(spec: dict[str, Any]) -> bytes:
    """Bytes of a file described by a case's ``binary`` entry."""
    if "hex" in spec:
        return bytes.fromhex(spec["hex"])
    text: str = spec["text"]
    if spec.get("crlf"):
        text = text.replace("\n", "\r\n")
    data = text.encode(spec.get("encoding", "utf-8"))
    if spec.get("bom"):
        data = b"\xef\xbb\xbf" + data
    if "size" in spec:
        data += b"x" * (spec["size"] - len(data))
    return data


def problems_of(content: Path) -> list[str]:
    try:
        check(content)
    except ContentError as exc:
        return [str(p) for p in exc.problems]
    return []


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_case(case_file: Path, site_factory: Any) -> None:
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    files: dict[str, str | bytes] = dict(case.get("files") or {})
    files.update({path: materialise(spec) for path, spec in (case.get("binary") or {}).items()})
    root = site_factory(files, case.get("remove"))
    before = tree_digest(root)

    found = problems_of(root / "content")
    if os.environ.get("BRIEFING_UPDATE_CASES"):
        case["expect"] = found
        case_file.write_text(
            yaml.dump(case, Dumper=_CaseDumper, sort_keys=False, allow_unicode=True, width=110),
            encoding="utf-8",
        )
    assert found == case["expect"]

    if not found:
        site = generate(root / "content")
        for page, needles in (case.get("page_contains") or {}).items():
            for needle in needles:
                assert needle in site.pages[page], f"{page} lacks {needle!r}"
        for page, needles in (case.get("page_lacks") or {}).items():
            for needle in needles:
                assert needle not in site.pages[page], f"{page} contains {needle!r}"
    assert tree_digest(root) == before, "checking or generating changed a file"
