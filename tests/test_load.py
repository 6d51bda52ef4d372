"""The loader: front-matter splitting and the line of every key, however deep."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

from briefing.errors import ROOT_CAUSE, Collector, ContentError
from briefing.load.documents import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_DIGITS,
    MAX_ITEMS,
    line_of,
    load_data,
    load_markdown,
    parse_yaml,
)
from briefing.model.schema import _short


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


# --- Hostile input: limits, links and pipes ---------------------------------------------------


def _refused(text: str) -> str:
    """The one message load_data gives for a YAML text."""
    problems = Collector()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.yml"
        path.write_text(text, encoding="utf-8")
        assert load_data(path, "a.yml", problems) is None
    assert len(problems.problems) == 1
    return str(problems.problems[0])


def test_nesting_up_to_the_limit_is_read_and_one_more_is_refused() -> None:
    value = parse_yaml("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1))["a"]
    depth = 1  # the mapping
    while isinstance(value, list):
        depth, value = depth + 1, value[0] if value else None
    assert depth == MAX_DEPTH
    message = _refused("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH)
    assert (
        message
        == f"a.yml:1: nested more than {MAX_DEPTH} lists or mappings deep: content nests at most {MAX_DEPTH} levels"
    )


def test_nesting_far_past_the_c_parser_limit_is_refused_not_a_crash() -> None:
    # libyaml's composer recurses once per level and crashes the process near 40,000 levels.
    message = _refused("a: " + "[" * 200_000 + "]" * 200_000)
    assert message.startswith("a.yml:1: nested more than")


def test_list_of_the_limit_is_read_one_more_is_refused_the_top_level_list_is_not_limited() -> None:
    assert len(parse_yaml("a: [" + "1, " * MAX_ITEMS + "]")["a"]) == MAX_ITEMS
    assert _refused("a: [" + "1, " * (MAX_ITEMS + 1) + "]").startswith(
        f"a.yml:1: this list has more than {MAX_ITEMS} items"
    )
    assert len(parse_yaml("- x\n" * (MAX_ITEMS * 3))) == MAX_ITEMS * 3


@pytest.mark.parametrize("small", [True, False], ids=["small file", "large file"])
def test_an_alias_is_refused_at_its_own_line_before_anything_is_expanded(small: bool) -> None:
    padding = "" if small else "# " + "-" * 2000 + "\n"  # large texts are checked event by event
    text = padding + 'a: &x ["lol", "lol"]\nb: &y [*x, *x, *x]\nc: [*y, *y, *y]\n'
    line = 2 if small else 3
    assert _refused(text) == (
        f"a.yml:{line}: YAML alias '*x': anchors and aliases are not allowed in content; write the value out in full"
    )


def test_short_never_writes_out_a_huge_value() -> None:
    shared: list[object] = ["lol"] * 9
    for _ in range(8):  # 9**9 strings if written out in full
        shared = [shared] * 9
    start = time.perf_counter()
    assert len(_short(shared)) <= 60
    assert len(_short(list(range(1_000_000)))) <= 60
    assert len(_short({"k": "x" * 10_000_000})) <= 60
    assert time.perf_counter() - start < 1


def test_a_tab_is_named_as_a_tab() -> None:
    assert _refused("a:\n\tb: 1\n").endswith(
        "a tab character: YAML indents with spaces (replace the tab with spaces)"
    )


def test_an_impossible_unquoted_date_is_a_message() -> None:
    assert (
        _refused("d: 2024-02-30\n")
        == "a.yml:1: '2024-02-30' is not a real date (day is out of range for month)"
    )


def test_a_named_pipe_is_reported_without_being_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "a.md"
    os.mkfifo(fifo)
    problems = Collector()
    assert load_markdown(fifo, "a.md", problems) is None  # opening it for reading would block
    assert [str(p) for p in problems.problems] == [
        "a.md:1: not a regular file (a named pipe): content files must be plain files in the repository"
    ]


def test_a_link_is_reported_without_being_followed(tmp_path: Path) -> None:
    (tmp_path / "target.yml").write_text("secret: value\n", encoding="utf-8")
    (tmp_path / "a.yml").symlink_to(tmp_path / "target.yml")
    problems = Collector()
    assert load_data(tmp_path / "a.yml", "a.yml", problems) is None
    assert "secret" not in str(problems.problems) and "symbolic link" in str(problems.problems)


def test_a_file_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "a.yml"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: reading it would be the only cost
    problems = Collector()
    assert load_data(big, "a.yml", problems) is None
    assert [str(p) for p in problems.problems] == [
        "a.yml:1: file is 2.0 MB; content files are limited to 2 MB"
    ]


def test_root_causes_are_listed_before_what_they_explain() -> None:
    problems = Collector()
    problems.add("content/a.md", 3, "unknown place id 'x'")
    problems.add("content/places.yml", 4, "invalid YAML: …", ROOT_CAUSE)
    assert [p.path for p in ContentError(problems.problems).problems] == [
        "content/places.yml",
        "content/a.md",
    ]


def test_every_limit_is_documented_with_its_number() -> None:
    text = (Path(__file__).resolve().parent.parent / "CONTRIBUTING.md").read_text(encoding="utf-8")
    limits = text.split("## Limits", 1)[1].split("\n## ", 1)[0]
    for needle in (
        f"{MAX_BYTES // 1_000_000} MB",
        f"{MAX_DEPTH} lists or mappings deep",
        f"{MAX_ITEMS} items",
        f"{MAX_ITEMS} keys",
        f"{MAX_DIGITS} digits",
        "MAX_BYTES",
        "MAX_DEPTH",
        "MAX_ITEMS",
        "MAX_DIGITS",
        "ALIASES_ALLOWED",
    ):
        assert needle in limits, needle
