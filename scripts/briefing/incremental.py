"""Incremental regeneration: keep parsed files and rendered pages between runs.

`mkdocs serve` regenerates the briefing on every change. Two caches make that cheap:

- ``FileCache`` re-reads a content file only when its size or modification time changed.
- ``PageMemo`` re-renders a page only when what it used changed. While a page renders,
  the briefing and its cross-references are seen through recording proxies, so the memo
  knows every value the page read (an actor, the events of a region, the length of a
  collection). Next time, the page is reused if its template, its context and every
  recorded value are equal; otherwise it is rendered again and its record replaced.

Pages therefore depend on exactly what they read: editing one event re-renders the
pages that show it, not the others.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import types
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .errors import Collector, Problem
from .load import Document

_MISSING = object()

# --- Files --------------------------------------------------------------------------------


@dataclass
class FileCache:
    """Parsed documents by path, reused while the file's size and mtime are unchanged."""

    entries: dict[Path, tuple[tuple[int, int], Document | None, list[Problem]]] = field(default_factory=dict)
    parsed: int = 0
    """Files actually read and parsed by the last load."""

    def read(
        self,
        file: Path,
        rel: str,
        problems: Collector,
        loader: Callable[[Path, str, Collector], Document | None],
    ) -> Document | None:
        """The document of ``file``, parsed by ``loader`` only when the file changed."""
        stat = file.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self.entries.get(file)
        if cached is None or cached[0] != key:
            found = Collector()
            cached = (key, loader(file, rel, found), found.problems)
            self.entries[file] = cached
            self.parsed += 1
        problems.problems.extend(cached[2])
        return cached[1]


def folder_state(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Every file under ``folder`` (hidden ones and ``raw/`` included, linked folders
    followed once) with its modification time and size, the test :class:`FileCache` applies
    to each file, in a stable order."""
    found: list[tuple[str, int, int]] = []
    seen: set[tuple[int, int]] = set()
    pending = [(str(folder), "")]
    while pending:
        path, prefix = pending.pop()
        try:
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
            try:
                if entry.is_dir():
                    pending.append((entry.path, rel + "/"))
                    continue
                stat = entry.stat()
            except OSError:
                continue
            found.append((rel, stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(found))


# --- Pages --------------------------------------------------------------------------------

Path_ = tuple[tuple[str, Any], ...]
"""Where a value was read: ("root", name), then ("attr", name) and ("item", key) steps."""


@dataclass
class Recorder:
    """The values a page read, by where it read them."""

    reads: dict[tuple[Path_, str, Any], Any] = field(default_factory=dict)

    def note(self, where: Path_, how: str, arg: Any, value: Any) -> None:
        self.reads.setdefault((where, how, arg), value)


def _wrap(value: Any, where: Path_, recorder: Recorder) -> Any:
    if isinstance(value, dict):
        return TrackedMapping(value, where, recorder)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return Tracked(value, where, recorder)
    return value


class Tracked:
    """An object whose attribute reads are recorded (dictionaries and records are wrapped in turn)."""

    def __init__(self, target: Any, where: Path_, recorder: Recorder) -> None:
        self._target, self._where, self._recorder = target, where, recorder

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if isinstance(value, dict) or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
            return _wrap(value, (*self._where, ("attr", name)), self._recorder)
        if callable(value):
            return value
        self._recorder.note(self._where, "attr", name, value)
        return value


class TrackedMapping(Mapping[Any, Any]):
    """A read-only view of a dict that records which keys were read, and whole-dict reads."""

    def __init__(self, target: dict[Any, Any], where: Path_, recorder: Recorder) -> None:
        self._target, self._where, self._recorder = target, where, recorder

    def __getitem__(self, key: Any) -> Any:
        value = self._target[key]
        self._recorder.note(self._where, "item", key, value)
        return (
            _wrap(value, (*self._where, ("item", key)), self._recorder) if isinstance(value, dict) else value
        )

    def get(self, key: Any, default: Any = None) -> Any:
        value = self._target.get(key, _MISSING)
        self._recorder.note(self._where, "item", key, value)
        return default if value is _MISSING else value

    def __contains__(self, key: object) -> bool:
        found = key in self._target
        self._recorder.note(self._where, "in", key, found)
        return found

    def _all(self) -> None:
        self._recorder.note(self._where, "all", None, dict(self._target))

    def __iter__(self) -> Iterator[Any]:
        self._all()
        return iter(self._target)

    def __len__(self) -> int:
        self._all()
        return len(self._target)


def _resolve(roots: dict[str, Any], where: Path_) -> Any:
    value = roots[where[0][1]]
    for how, arg in where[1:]:
        value = value[arg] if how == "item" else getattr(value, arg)
    return value


def _current(roots: dict[str, Any], where: Path_, how: str, arg: Any) -> Any:
    try:
        target = _resolve(roots, where)
    except (KeyError, AttributeError, TypeError):
        return _MISSING
    if how == "attr":
        return getattr(target, arg, _MISSING)
    if how == "item":
        return target.get(arg, _MISSING)
    if how == "in":
        return arg in target
    return dict(target)


def _stable(value: Any, frozen: dict[int, tuple[Any, str]]) -> str:
    """A text form of a page's context: repr, with functions and modules by their names.

    ``frozen`` holds the text of immutable content records already seen in this run (the
    same actor or event is in the context of many pages), with the record kept alive.
    """
    if isinstance(value, list | tuple):
        return "(" + ", ".join(_stable(v, frozen) for v in value) + ")"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_stable(k, frozen)}: {_stable(v, frozen)}" for k, v in value.items()) + "}"
    if isinstance(value, types.ModuleType):
        return f"<module {value.__name__}>"
    if isinstance(value, types.FunctionType | types.BuiltinFunctionType | type):
        return f"<{value.__module__}.{value.__qualname__}>"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts = (
            f"{f.name}={_stable(getattr(value, f.name), frozen)}" for f in dataclasses.fields(value) if f.repr
        )
        return f"{type(value).__qualname__}({', '.join(parts)})"
    if isinstance(value, BaseModel) and value.model_config.get("frozen"):
        kept = frozen.get(id(value))
        if kept is None or kept[0] is not value:
            kept = frozen[id(value)] = (value, repr(value))
        return kept[1]
    return repr(value)


def digest(value: Any, frozen: dict[int, tuple[Any, str]]) -> str | None:
    """A digest of a value's text form (see ``_stable``); None when it has no stable one."""
    text = _stable(value, frozen)
    if " at 0x" in text:
        return None
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class PageMemo:
    """Rendered pages with the context fingerprint and the reads they depend on."""

    pages: dict[str, tuple[str, dict[tuple[Path_, str, Any], Any], str]] = field(default_factory=dict)
    rendered: list[str] = field(default_factory=list)
    """Pages rendered (not reused) by the last run."""

    frozen: dict[int, tuple[Any, str]] = field(default_factory=dict)
    """Text forms of the content records of this run (see ``_stable``)."""

    def fingerprint(self, template: str, context: dict[str, Any], extra: str) -> str | None:
        """A digest of what a page is given; None when part of it has no stable text form."""
        return digest((template, sorted(context.items()), extra), self.frozen)

    def lookup(self, path: str, fingerprint: str | None, roots: dict[str, Any]) -> str | None:
        """The stored page when its fingerprint and every value it read are unchanged."""
        entry = self.pages.get(path)
        if entry is None or fingerprint is None or entry[0] != fingerprint:
            return None
        for (where, how, arg), value in entry[1].items():
            current = _current(roots, where, how, arg)
            if current is not value and current != value:
                return None
        return entry[2]

    def store(self, path: str, fingerprint: str | None, recorder: Recorder, text: str) -> None:
        self.rendered.append(path)
        if fingerprint is not None:
            self.pages[path] = (fingerprint, recorder.reads, text)


@dataclass
class Caches:
    """Everything kept between runs of the generator for one content folder."""

    files: FileCache = field(default_factory=FileCache)
    pages: PageMemo = field(default_factory=PageMemo)
    maps: dict[str, str] = field(default_factory=dict)
    """Map HTML by a digest of the map's specification, rows and settings."""

    def digest(self, value: Any) -> str | None:
        """A digest of a value's text form, reusing the text of records seen in this run."""
        return digest(value, self.pages.frozen)

    def start_run(self) -> None:
        self.files.parsed = 0
        self.pages.rendered = []
        self.pages.frozen = {}


def tracked_roots(roots: dict[str, Any], recorder: Recorder) -> dict[str, Any]:
    """The roots (the briefing, its cross-references) seen through recording proxies."""
    return {name: Tracked(value, (("root", name),), recorder) for name, value in roots.items()}
