"""The loader: front-matter splitting and the line of every key, however deep."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import Collector
from briefing.load import line_of, load_data, load_markdown, parse_yaml


def test_every_key_and_item_knows_its_line() -> None:
    data = parse_yaml("a: 1\nb:\n  - x: 1\n    y: 2\n  - x: 3\nc: {d: 4}\n", offset=10)
    assert data.lines == {"a": 11, "b": 12, "c": 16}
    assert line_of(data, ("b", 0, "y")) == 14
    assert line_of(data, ("b", 1, "x")) == 15
    assert line_of(data, ("c", "d")) == 16


def test_line_of_stops_at_the_deepest_known_location() -> None:
    data = parse_yaml("a:\n  b: 1\n")
    assert line_of(data, ("a", "missing", 3)) == 1  # the key whose mapping lacks it
    assert line_of(data, ("nowhere",)) == 1


def test_single_item_where_a_list_is_allowed_keeps_its_line() -> None:
    data = parse_yaml("x: 0\ncite:\n  source: s\n  quote: q\n")
    assert line_of(data, ("cite", 0, "quote")) == 4


def test_markdown_front_matter_lines_are_file_lines(tmp_path: Path) -> None:
    file = tmp_path / "a.md"
    file.write_text("---\nid: a\nname: b\n---\n\nBody line.\n", encoding="utf-8")
    problems = Collector()
    doc = load_markdown(file, "a.md", problems)
    assert doc is not None and not problems.problems
    assert doc.data.lines == {"id": 2, "name": 3}
    assert doc.body_line == 5
    assert doc.body.splitlines()[1] == "Body line."


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "a.yml:1: empty file"),
        (
            b"a: [1\n",
            "a.yml:2: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence that starts on line 1)",
        ),
        (b"a: 1\na: 2\n", "a.yml:2: invalid YAML: duplicate key 'a'"),
        (b"\xff\xfe", "a.yml:1: not valid UTF-8: byte 0xff at offset 0"),
    ],
)
def test_data_file_errors_name_file_and_line(tmp_path: Path, raw: bytes, message: str) -> None:
    file = tmp_path / "a.yml"
    file.write_bytes(raw)
    problems = Collector()
    assert load_data(file, "a.yml", problems) is None
    assert [str(p) for p in problems.problems] == [message]
