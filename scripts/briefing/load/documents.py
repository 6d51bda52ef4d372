"""Read content files into plain data that remembers the line of every key.

Front-matter is split with python-frontmatter's YAML handler and parsed with a
SafeLoader that records where each mapping key and list item starts, so that a
validation error deep inside a document can still name ``file:line``.

Content is untrusted: files are read only when they are regular files (never
through a symbolic link, never a named pipe or a device), and YAML is held to the
limits below while it is composed and constructed, before any value is expanded.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from briefing.errors import ROOT_CAUSE, Collector

# --- Limits (documented in CONTRIBUTING.md, "Limits") ---------------------------------------

MAX_BYTES = 2_000_000
"""Content files above this size are rejected before they are read: no article or record is
that long, and every other limit below is bounded by it."""

MAX_DEPTH = 20
"""Lists and mappings nest at most this deep. The deepest content today is five levels (a
debate's disagreement, its views, a citation); a deeper document is a mistake or an attack
on the parser, whose C composer recurses once per level and crashes past a few thousand."""

MAX_ITEMS = 500
"""A list or a mapping inside a document holds at most this many entries: enough for any
outline or border line (simplified for a map), list of citations or aliases, while a
100,000-point outline slows every build. The top-level list of places.yml and glossary.yml
is bounded by :data:`MAX_BYTES` instead."""

ALIASES_ALLOWED = False
"""YAML anchors and aliases (``&name`` / ``*name``) are refused in content. They are the
only way a short file can stand for a huge value (a 743-byte "billion laughs" file expands
to billions of strings), and content written out in full is what reviewers read; no content
needs them. Aliases are found while the document is constructed, before any is expanded."""

MAX_DIGITS = 100
"""A YAML integer has at most this many digits (Python refuses to read more than 4,300, and
no coordinate, year or count needs more than a few)."""

_SAFE_C_DEPTH = 1000
"""Texts whose count of nesting indicators stays below this cannot nest deeper, so libyaml's
recursive composer is safe on them; others are first checked event by event."""

NOT_REGULAR = "not a regular file ({kind}): content files must be plain files in the repository"
"""The message for a content path that is a link, a pipe, a socket or a device."""

NOT_REGULAR_FOLDER = "not a regular folder ({kind}): content folders must be plain folders in the repository"
"""The message for a content folder that is a link."""


def kind_of(mode: int) -> str | None:
    """What a file mode is, in words, when it is not a regular file or folder; None when it is."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


class LineDict(dict[Any, Any]):
    """A mapping that knows the file line of itself and of each of its keys."""

    line: int = 1
    lines: dict[Any, int]


class LineList(list[Any]):
    """A list that knows the file line of itself and of each of its items."""

    line: int = 1
    lines: list[int]


class ContentYAMLError(yaml.MarkedYAMLError):
    """YAML that parses but is refused in content (a limit, an alias, a tag): reported as is,
    without the "invalid YAML" prefix."""


class _Refused(Exception):
    """Raised inside construction when a limit is crossed; :func:`parse_yaml` then finds the
    exact place and words by reading the document's events."""

    def __init__(self, mark: Any) -> None:
        super().__init__()
        self.mark = mark


# libyaml's parser when PyYAML was built with it (about ten times faster), else the pure-Python one.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_C_COMPOSER = _BaseLoader is not yaml.SafeLoader

_REFUSED_TAGS = {
    "tag:yaml.org,2002:binary": "!!binary",
    "tag:yaml.org,2002:set": "!!set",
    "tag:yaml.org,2002:omap": "!!omap",
    "tag:yaml.org,2002:pairs": "!!pairs",
}


class _LineLoader(_BaseLoader):  # type: ignore[misc]
    """A safe loader that builds LineDict/LineList; ``offset`` maps YAML lines to file lines.

    Construction checks the limits node by node: an alias is a node met a second time, and
    depth and entry counts are known from the composed nodes, so nothing is expanded.
    """

    offset = 0
    depth = 0

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _Refused(node.start_mark)  # an alias (or a node that contains itself)
        constructor = self.yaml_constructors.get(node.tag, _LineLoader.construct_undefined)
        self.recursive_objects[node] = None
        try:
            data = constructor(self, node)
        except (ValueError, OverflowError) as exc:  # e.g. an integer of 5,000 digits
            raise ContentYAMLError(None, None, f"cannot read this value: {exc}", node.start_mark) from None
        self.constructed_objects[node] = data
        return data

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        self.depth += 1
        if self.depth > MAX_DEPTH or len(node.value) > MAX_ITEMS:
            raise _Refused(node.start_mark)
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1 + self.offset
        mapping.lines = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise ContentYAMLError(
                    None,
                    None,
                    "merge keys ('<<') are not allowed in content: write the keys out",
                    key_node.start_mark,
                )
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
        self.depth -= 1
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        self.depth += 1
        if self.depth > MAX_DEPTH or (self.depth > 1 and len(node.value) > MAX_ITEMS):
            raise _Refused(node.start_mark)
        items = LineList(self.construct_object(child, deep=True) for child in node.value)
        items.line = node.start_mark.line + 1 + self.offset
        items.lines = [child.start_mark.line + 1 + self.offset for child in node.value]
        self.depth -= 1
        return items

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> dt.date | dt.datetime:
        try:
            value: dt.date | dt.datetime = super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise ContentYAMLError(
                None, None, f"'{node.value}' is not a real date ({exc})", node.start_mark
            ) from None
        return value

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        digits = sum(c.isdigit() for c in node.value)
        if digits > MAX_DIGITS:
            raise ContentYAMLError(
                None,
                None,
                f"a number of {digits} digits: numbers in content have at most {MAX_DIGITS} (put text in quotes)",
                node.start_mark,
            )
        value: int = super().construct_yaml_int(node)
        return value

    def construct_refused(self, node: yaml.Node) -> Any:
        name = _REFUSED_TAGS.get(node.tag, node.tag)
        raise ContentYAMLError(
            None, None, f"the YAML tag '{name}' is not allowed in content: write plain text", node.start_mark
        )

    def construct_undefined(self, node: yaml.Node) -> Any:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise ContentYAMLError(
            None, None, f"the YAML tag '{tag}' is not allowed in content: remove it", node.start_mark
        )


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _LineLoader.construct_yaml_int)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _LineLoader.construct_yaml_timestamp)
_LineLoader.add_constructor(None, _LineLoader.construct_undefined)
for _tag in _REFUSED_TAGS:
    _LineLoader.add_constructor(_tag, _LineLoader.construct_refused)


def _nesting_bound(text: str) -> int:
    """An upper bound of how deep ``text`` can nest: every list or mapping level needs one of
    these characters of its own (a flow bracket, or a block entry's '-', '?' or ':')."""
    return sum(text.count(c) for c in "[{-?:")


def _check_events(text: str) -> None:
    """Read the document's events (libyaml's parser keeps no stack of calls) and raise
    :class:`ContentYAMLError` at the first alias, too deep nesting or too long list."""
    loader = _BaseLoader(text)
    counts: list[int] = []  # entries so far in each open collection (a mapping counts keys and values)
    kinds: list[bool] = []  # whether each open collection is a mapping
    try:
        while loader.check_event():
            event: Any = loader.get_event()
            if isinstance(event, yaml.CollectionEndEvent):
                counts.pop()
                kinds.pop()
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            mark: Any = event.start_mark
            if counts:
                counts[-1] += 1
                mapping = kinds[-1]
                limit = MAX_ITEMS * 2 if mapping else MAX_ITEMS
                if counts[-1] > limit and (mapping or len(counts) > 1):
                    what = (
                        f"this mapping has more than {MAX_ITEMS} keys: mappings in content hold at most {MAX_ITEMS}"
                        if mapping
                        else f"this list has more than {MAX_ITEMS} items: lists in content hold at most "
                        f"{MAX_ITEMS} (simplify an outline or a border line to {MAX_ITEMS} points or fewer)"
                    )
                    raise ContentYAMLError(
                        None,
                        None,
                        what,
                        mark,
                    )
            if isinstance(event, yaml.AliasEvent):
                raise ContentYAMLError(
                    None,
                    None,
                    f"YAML alias '*{event.anchor}': anchors and aliases are not allowed in content; "
                    "write the value out in full",
                    mark,
                )
            if isinstance(event, yaml.CollectionStartEvent):
                counts.append(0)
                kinds.append(isinstance(event, yaml.MappingStartEvent))
                if len(counts) > MAX_DEPTH:
                    raise ContentYAMLError(
                        None,
                        None,
                        f"nested more than {MAX_DEPTH} lists or mappings deep: content nests at most {MAX_DEPTH} levels",
                        mark,
                    )
    finally:
        loader.dispose()


_LOADERS: dict[int, type[_LineLoader]] = {}
"""A loader class per line offset (front-matter starts on line 2, data files on line 1)."""


def parse_yaml(text: str, offset: int = 0) -> Any:
    """Parse YAML text; ``offset`` is the number of file lines before the text.

    Raises a :class:`yaml.YAMLError` for text that does not parse, and a
    :class:`ContentYAMLError` for text beyond the limits above .
    """
    if not _C_COMPOSER or _nesting_bound(text) >= _SAFE_C_DEPTH:
        _check_events(text)
    loader_cls = _LOADERS.get(offset)
    if loader_cls is None:
        loader_cls = _LOADERS[offset] = type("_Loader", (_LineLoader,), {"offset": offset})
    loader = loader_cls(text)
    try:
        return loader.get_single_data()
    except _Refused as refused:
        _check_events(text)  # words and the exact line of what was refused
        raise ContentYAMLError(None, None, "refused by the content limits", refused.mark) from None
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
    """Read a regular file as UTF-8 text with a BOM and CRLF accepted; report anything else.

    The file is looked at (``lstat``) before it is opened, so a link, a named pipe or a
    device is reported and never opened, and a file over :data:`MAX_BYTES` is never read.
    It is then opened without following a link and without waiting on a pipe, in case it
    was swapped in between.
    """
    try:
        info = os.lstat(file)
    except OSError as exc:
        problems.add(rel, 1, f"cannot read this file: {exc.strerror}", ROOT_CAUSE)
        return None
    kind = kind_of(info.st_mode) or ("a folder" if stat.S_ISDIR(info.st_mode) else None)
    if kind is not None:
        problems.add(rel, 1, NOT_REGULAR.format(kind=kind), ROOT_CAUSE)
        return None
    if info.st_size > MAX_BYTES:
        problems.add(rel, 1, _too_big(info.st_size), ROOT_CAUSE)
        return None
    raw = _read_regular(file, rel, problems)
    if raw is None:
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}"
        problems.add(rel, line, message, ROOT_CAUSE)
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        problems.add(rel, 1, "empty file", ROOT_CAUSE)
        return None
    return text


def _too_big(size: int) -> str:
    return f"file is {size / 1_000_000:.1f} MB; content files are limited to {MAX_BYTES // 1_000_000} MB"


def _read_regular(file: Path, rel: str, problems: Collector) -> bytes | None:
    """The bytes of a file that must still be the regular file ``lstat`` saw."""
    flags = (
        os.O_RDONLY
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_CLOEXEC", 0)
    )
    try:
        fd = os.open(file, flags)
    except OSError as exc:
        problems.add(rel, 1, f"cannot read this file: {exc.strerror}", ROOT_CAUSE)
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        kind = kind_of(info.st_mode) or ("a folder" if stat.S_ISDIR(info.st_mode) else None)
        if kind is not None:
            problems.add(rel, 1, NOT_REGULAR.format(kind=kind), ROOT_CAUSE)
            return None
        raw = handle.read(min(info.st_size, MAX_BYTES) + 1)  # not a 2 MB buffer for every file
        if len(raw) > info.st_size:  # it grew since: read on up to the limit
            raw += handle.read(MAX_BYTES + 1 - len(raw))
    if len(raw) > MAX_BYTES:
        problems.add(rel, 1, _too_big(max(len(raw), info.st_size)), ROOT_CAUSE)
        return None
    return raw


def _yaml_problem(rel: str, text: str, exc: yaml.YAMLError, offset: int, problems: Collector) -> None:
    """Report a YAML error at its file line, in words a contributor can act on."""
    if isinstance(exc, yaml.reader.ReaderError):
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        line = text.count("\n", 0, exc.position) + 1 + offset
        message = f"invalid YAML: the control character U+{char:04X} is not allowed: remove it"
        problems.add(rel, line, message, ROOT_CAUSE)
        return
    problem = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    mark = problem or context
    line = mark.line + 1 + offset if mark else 1
    what = getattr(exc, "problem", None) or str(exc)
    if problem is not None and _is_tab(text, problem):
        what = "a tab character: YAML indents with spaces (replace the tab with spaces)"
    elif context is not None and problem is not None and context.line != problem.line:
        what += f" ({getattr(exc, 'context', '')} that starts on line {context.line + 1 + offset})"
    prefix = "" if isinstance(exc, ContentYAMLError) else "invalid YAML: "
    problems.add(rel, line, prefix + what, ROOT_CAUSE)


def _is_tab(text: str, mark: Any) -> bool:
    """Whether the parser stopped at a tab: the character at the mark, or the indentation
    of its line (libyaml reports some tabs at the token after them)."""
    lines = text.split("\n")
    if not 0 <= mark.line < len(lines):
        return False
    here = lines[mark.line]
    indent = here[: len(here) - len(here.lstrip(" \t"))]
    return here[mark.column : mark.column + 1] == "\t" or "\t" in indent


def load_markdown(file: Path, rel: str, problems: Collector) -> Document | None:
    """Load a Markdown file with YAML front-matter."""
    text = read_text(file, rel, problems)
    if text is None:
        return None
    lines = text.split("\n")
    boundary = YAMLHandler.FM_BOUNDARY
    if not boundary.match(lines[0]):
        problems.add(rel, 1, "no front-matter: the file must start with a '---' line", ROOT_CAUSE)
        return None
    end = next((i for i in range(1, len(lines)) if boundary.match(lines[i])), None)
    if end is None:
        problems.add(rel, 1, "front-matter is not closed: add a '---' line after it", ROOT_CAUSE)
        return None
    front = "\n".join(lines[1:end])
    try:
        data = parse_yaml(front, offset=1)
    except yaml.YAMLError as exc:
        _yaml_problem(rel, front, exc, 1, problems)
        return None
    if not isinstance(data, dict):
        problems.add(rel, 2, "front-matter must be a mapping of keys to values", ROOT_CAUSE)
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
        _yaml_problem(rel, text, exc, 0, problems)
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
