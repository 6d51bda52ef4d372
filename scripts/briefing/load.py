"""Read content files into plain data that remembers the line of every key.

Front-matter is split with python-frontmatter's YAML handler and parsed with a
SafeLoader that records where each mapping key and list item starts, so that a
validation error deep inside a document can still name ``file:line``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from .errors import Collector

MAX_BYTES = 2_000_000
"""Content files above this size are rejected: no article or record is that long."""


class LineDict(dict[Any, Any]):
    """A mapping that knows the file line of itself and of each of its keys."""

    line: int = 1
    lines: dict[Any, int]


class LineList(list[Any]):
    """A list that knows the file line of itself and of each of its items."""

    line: int = 1
    lines: list[int]


# libyaml's parser when PyYAML was built with it (about ten times faster), else the pure-Python one.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[misc]
    """A safe loader that builds LineDict/LineList; ``offset`` maps YAML lines to file lines."""

    offset = 0

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1 + self.offset
        mapping.lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be plain text", key_node.start_mark
                )
            if key in mapping:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key}'", key_node.start_mark
                )
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.lines[key] = key_node.start_mark.line + 1 + self.offset
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        items = LineList(self.construct_object(child, deep=True) for child in node.value)
        items.line = node.start_mark.line + 1 + self.offset
        items.lines = [child.start_mark.line + 1 + self.offset for child in node.value]
        return items


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)


def parse_yaml(text: str, offset: int = 0) -> Any:
    """Parse YAML text; ``offset`` is the number of file lines before the text."""
    loader_cls = type("_Loader", (_LineLoader,), {"offset": offset})
    loader = loader_cls(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def walk(folder: Path, skip: str = "", follow_links: bool = False) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every entry under ``folder`` as (its path relative to it, with ``/``; the entry), in no
    set order. The top-level folder ``skip`` is listed but not walked; linked folders are
    walked only with ``follow_links``, each once. Entries that vanish while walking are left out."""
    seen: set[tuple[int, int]] = set()
    pending = [(str(folder), "")]
    while pending:
        path, prefix = pending.pop()
        try:
            if follow_links:
                stat = os.stat(path)
                if (stat.st_dev, stat.st_ino) in seen:
                    continue
                seen.add((stat.st_dev, stat.st_ino))
            with os.scandir(path) as scan:
                entries = list(scan)
        except OSError:  # gone, or not a folder: the loaders report what they cannot read
            continue
        for entry in entries:
            rel = prefix + entry.name
            yield rel, entry
            try:
                descend = entry.is_dir() and (follow_links or not entry.is_symlink())
            except OSError:
                continue
            if descend and rel != skip:
                pending.append((entry.path, rel + "/"))


@dataclass(frozen=True)
class Document:
    """A content file: its front-matter (or data), its body and where the body starts."""

    path: str
    data: Any
    body: str = ""
    body_line: int = 1


def read_text(file: Path, rel: str, problems: Collector) -> str | None:
    """Read a file as UTF-8 text with a BOM and CRLF accepted; report anything else."""
    raw = file.read_bytes()
    if len(raw) > MAX_BYTES:
        size = len(raw) / 1_000_000
        problems.add(rel, 1, f"file is {size:.1f} MB; content files are limited to 2 MB")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(rel, line, f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        problems.add(rel, 1, "empty file")
        return None
    return text


def _yaml_problem(rel: str, exc: yaml.YAMLError, offset: int, problems: Collector) -> None:
    problem = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    mark = problem or context
    line = mark.line + 1 + offset if mark else 1
    what = getattr(exc, "problem", None) or str(exc)
    if context is not None and problem is not None and context.line != problem.line:
        what += f" ({getattr(exc, 'context', '')} that starts on line {context.line + 1 + offset})"
    problems.add(rel, line, f"invalid YAML: {what}")


def load_markdown(file: Path, rel: str, problems: Collector) -> Document | None:
    """Load a Markdown file with YAML front-matter."""
    text = read_text(file, rel, problems)
    if text is None:
        return None
    lines = text.split("\n")
    boundary = YAMLHandler.FM_BOUNDARY
    if not boundary.match(lines[0]):
        problems.add(rel, 1, "no front-matter: the file must start with a '---' line")
        return None
    end = next((i for i in range(1, len(lines)) if boundary.match(lines[i])), None)
    if end is None:
        problems.add(rel, 1, "front-matter is not closed: add a '---' line after it")
        return None
    try:
        data = parse_yaml("\n".join(lines[1:end]), offset=1)
    except yaml.YAMLError as exc:
        _yaml_problem(rel, exc, 1, problems)
        return None
    if not isinstance(data, dict):
        problems.add(rel, 2, "front-matter must be a mapping of keys to values")
        return None
    return Document(rel, data, "\n".join(lines[end + 1 :]), end + 2)


def load_data(file: Path, rel: str, problems: Collector) -> Document | None:
    """Load a YAML data file."""
    text = read_text(file, rel, problems)
    if text is None:
        return None
    try:
        data = parse_yaml(text)
    except yaml.YAMLError as exc:
        _yaml_problem(rel, exc, 0, problems)
        return None
    return Document(rel, data)


def line_of(data: Any, loc: tuple[int | str, ...], default: int = 1) -> int:
    """The file line of the value at ``loc`` (a pydantic error location), as deep as known."""
    line: int = getattr(data, "line", default)
    for part in loc:
        if isinstance(data, dict) and isinstance(part, int):
            continue  # a single item given where a list is allowed
        lines: Any = getattr(data, "lines", None)
        if lines is None or not _has(data, part):
            break
        line, data = lines[part], data[part]
    return line


def _has(data: Any, part: int | str) -> bool:
    if isinstance(data, dict):
        return part in data
    return isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
