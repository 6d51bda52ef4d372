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
from typing import Any, NamedTuple, cast

from pydantic import BaseModel

from briefing.errors import Collector, Problem
from briefing.load.documents import Document, walk

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
        """The document of ``file``, parsed by ``loader`` only when the file changed (a file that
        vanished or became unreadable since the folder was walked is the loader's to report)."""
        try:
            stat = os.lstat(file)
        except OSError:
            self.entries.pop(file, None)
            return loader(file, rel, problems)
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
    """Every file under ``folder`` (hidden ones and ``raw/`` included) with its modification
    time and size, the test :class:`FileCache` applies to each file, in a stable order.

    Links are not followed, as the loaders do not follow them: a link (to a file or a
    folder, or dangling) is an entry of its own, so adding, retargeting or removing one is
    a change, and a named pipe is looked at, never opened."""
    found: list[tuple[str, int, int]] = []
    for rel, entry in walk(folder):
        try:
            if not entry.is_dir(follow_symlinks=False):
                stat = entry.stat(follow_symlinks=False)
                found.append((rel, stat.st_mtime_ns, stat.st_size))
        except OSError:  # removed while walking: the next run sees it gone
            continue
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
        size = len(self._target)
        self._recorder.note(self._where, "len", None, size)  # a count, not the entries
        return size


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
    if how == "len":
        return len(target)
    return dict(target)


@dataclass
class Texts:
    """Digests of immutable records (frozen models and dataclasses) by identity, each kept
    with its record so that the identity stays its own: the same actor or mention is in the
    context of many pages, and the mentions of unchanged sources are the same objects from
    one run to the next. Only the records of this run and the last are kept."""

    current: dict[int, tuple[Any, str]] = field(default_factory=dict)
    previous: dict[int, tuple[Any, str]] = field(default_factory=dict)

    def new_run(self) -> None:
        self.previous, self.current = self.current, {}

    def get(self, value: Any) -> str | None:
        kept = self.current.get(id(value))
        if kept is None or kept[0] is not value:
            kept = self.previous.get(id(value))
            if kept is None or kept[0] is not value:
                return None
            self.current[id(value)] = kept
        return kept[1]

    def keep(self, value: Any, text: str) -> str:
        """Keep a record's text, as a digest unless it has no stable form (which the page's
        digest must still see): a record on many pages is then hashed once, not on each."""
        if " at 0x" not in text:
            text = f"<{type(value).__qualname__} {hashlib.sha256(text.encode('utf-8')).hexdigest()}>"
        self.current[id(value)] = (value, text)
        return text


def _stable(value: Any, texts: Texts) -> str:
    """A text form of a page's context: repr, with functions and modules by their names.

    Sequences read as ``(a, b)``, mappings as ``{k: v}``, dataclasses as ``Name(field=…)``
    over the fields they show in their repr; the text of immutable records is kept in
    ``texts``.
    """
    out: list[str] = []
    _emit(value, texts, out)
    return "".join(out)


def _emit(value: Any, texts: Texts, out: list[str]) -> None:
    kind = type(value)
    how = _KINDS.get(kind)
    if how is None:
        how = _KINDS[kind] = _kind_of(kind)
    if how == "repr":
        out.append(repr(value))
    elif how == "sequence":
        out.append("(")
        for index, item in enumerate(value):
            if index:
                out.append(", ")
            _emit(item, texts, out)
        out.append(")")
    elif how == "mapping":
        out.append("{")
        for index, (key, item) in enumerate(value.items()):
            if index:
                out.append(", ")
            _emit(key, texts, out)
            out.append(": ")
            _emit(item, texts, out)
        out.append("}")
    elif how == "module":
        out.append(f"<module {value.__name__}>")
    elif how == "named":
        out.append(f"<{value.__module__}.{value.__qualname__}>")
    elif how == "frozen model":
        out.append(texts.get(value) or texts.keep(value, repr(value)))
    else:
        out.append(_dataclass_text(value, cast(_Fields, how), texts))


def _dataclass_text(value: Any, fields: _Fields, texts: Texts) -> str:
    """``Name(field=…, …)`` over the fields the dataclass shows; kept in ``texts`` if frozen."""
    text = texts.get(value) if fields.frozen else None
    if text is None:
        parts = [f"{type(value).__qualname__}("]
        for index, name in enumerate(fields.names):
            parts.append(f"{', ' if index else ''}{name}=")
            _emit(getattr(value, name), texts, parts)
        parts.append(")")
        text = texts.keep(value, "".join(parts)) if fields.frozen else "".join(parts)
    return text


class _Fields(NamedTuple):
    """How a dataclass is written: the fields its repr shows, and whether it is frozen."""

    names: tuple[str, ...]
    frozen: bool


_KINDS: dict[type, str | _Fields] = {
    str: "repr",
    int: "repr",
    float: "repr",
    bool: "repr",
    type(None): "repr",
}
"""How ``_emit`` writes a value of each type, decided once per type."""


def _kind_of(kind: type) -> str | _Fields:
    if issubclass(kind, list | tuple):
        return "sequence"
    if issubclass(kind, dict):
        return "mapping"
    if issubclass(kind, types.ModuleType):
        return "module"
    if issubclass(kind, types.FunctionType | types.BuiltinFunctionType | type):
        return "named"
    if dataclasses.is_dataclass(kind):
        names = tuple(f.name for f in dataclasses.fields(kind) if f.repr)
        return _Fields(names, kind.__dataclass_params__.frozen)  # type: ignore[attr-defined]
    if issubclass(kind, BaseModel) and kind.model_config.get("frozen"):
        return "frozen model"
    return "repr"


def digest(value: Any, texts: Texts) -> str | None:
    """A digest of a value's text form (see ``_stable``); None when it has no stable one."""
    text = _stable(value, texts)
    if " at 0x" in text:
        return None
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class PageMemo:
    """Rendered pages with the context fingerprint and the reads they depend on."""

    pages: dict[str, tuple[str, dict[tuple[Path_, str, Any], Any], str]] = field(default_factory=dict)
    rendered: list[str] = field(default_factory=list)
    """Pages rendered (not reused) by the last run."""

    texts: Texts = field(default_factory=Texts)
    """Text forms of the immutable records of this run and the last (see ``_stable``)."""

    def fingerprint(self, template: str, context: dict[str, Any], extra: str) -> str | None:
        """A digest of what a page is given; None when part of it has no stable text form."""
        return digest((template, sorted(context.items()), extra), self.texts)

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


def tracked_roots(roots: dict[str, Any], recorder: Recorder) -> dict[str, Any]:
    """The roots (the briefing, its cross-references) seen through recording proxies."""
    return {name: Tracked(value, (("root", name),), recorder) for name, value in roots.items()}
