"""Load the whole content folder into one in-memory briefing, collecting every problem.

The order is the pipeline's: find files → parse them → validate each against its
model → check what spans files (ids, references, quotes, geography). Nothing is
skipped silently: a file that cannot be read is a problem, and any problem stops
the build after all of them have been reported.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from pydantic import ValidationError

from briefing.errors import CONSEQUENCE, ROOT_CAUSE, Collector, Problem
from briefing.load.documents import (
    MAX_BYTES,
    NOT_REGULAR,
    NOT_REGULAR_FOLDER,
    Document,
    kind_of,
    load_data,
    load_markdown,
    walk,
)
from briefing.model.briefing import BODY_COLLECTIONS, Body, Briefing, Item
from briefing.model.geography import FILE as GEOGRAPHY_FILE
from briefing.model.geography import load_geography
from briefing.model.models import (
    COLLECTIONS,
    DATA_FILES,
    YAML_COLLECTIONS,
    Citation,
    GlossaryEntry,
    Model,
)
from briefing.model.schema import describe, validate_model
from briefing.model.text import Marker, find_markers, source_text

if TYPE_CHECKING:
    from briefing.cache import Kept
    from briefing.parallel import Share

RAW_DIR = "raw"
Reader = Callable[
    [Path, str, Collector, Callable[[Path, str, Collector], "Document | None"]], "Document | None"
]
"""How files are read: directly, or through a cache that skips unchanged files."""


def _read_directly(
    file: Path, rel: str, problems: Collector, loader: Callable[[Path, str, Collector], Document | None]
) -> Document | None:
    return loader(file, rel, problems)


def content_files(content: Path) -> list[tuple[Path, Callable[[Path, str, Collector], Document | None]]]:
    """Every file :func:`load_briefing` reads, with the loader it reads it with."""
    found: list[tuple[Path, Callable[[Path, str, Collector], Document | None]]] = []
    for name in COLLECTIONS:
        loader = load_data if name in YAML_COLLECTIONS else load_markdown
        found += [(file, loader) for file in _collection_files(content, name)]
    return found + [(content / name, load_data) for name in DATA_FILES if _is_regular(content / name)]


def prefetched(content: Path, workers: int) -> Reader:
    """A reader of documents parsed beforehand by ``workers`` processes (each a share of the
    files; see :mod:`briefing.parallel`), each with the problems its parse found."""
    from briefing.parallel import gather

    def parse(share: Share) -> dict[str, tuple[Document | None, list[Problem]]]:
        parsed = {}
        for file, loader in content_files(content):
            rel = _rel(content, file)
            if share.owns(rel):
                found = Collector()
                parsed[rel] = (loader(file, rel, found), found.problems)
        return parsed

    documents = gather(parse, workers)

    def read(
        file: Path, rel: str, problems: Collector, loader: Callable[[Path, str, Collector], Document | None]
    ) -> Document | None:
        if rel not in documents:
            return loader(file, rel, problems)
        doc, found = documents[rel]
        problems.problems.extend(found)
        return doc

    return read


def load_briefing(
    content: Path, problems: Collector, read: Reader = _read_directly, texts: Kept[Any] | None = None
) -> Briefing:
    """Read and validate every content file under ``content`` (``read`` may serve cached parses,
    ``texts`` the source texts of earlier runs; see :mod:`briefing.cache`)."""
    briefing = Briefing()
    _check_layout(content, briefing, problems)
    for name, model in COLLECTIONS.items():
        for file in _collection_files(content, name):
            _load_item(content, file, name, model, briefing, problems, read, texts)
    for name, (model, many) in DATA_FILES.items():
        if _is_regular(content / name):
            _load_data_file(content, name, model, many, briefing, problems, read)
    if _is_regular(content / GEOGRAPHY_FILE):
        briefing.geography = load_geography(content, problems, MAX_BYTES)
    return briefing


def _is_regular(path: Path) -> bool:
    """Whether ``path`` is a regular file itself (a link to one is not)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _collection_files(content: Path, name: str) -> list[Path]:
    """The regular files of a collection folder that is itself a regular folder; links and
    other entries are left to :func:`_check_layout`, which reports them."""
    suffix = ".yml" if name in YAML_COLLECTIONS else ".md"
    folder = content / name
    try:
        if not os.path.isdir(folder) or os.path.islink(folder):
            return []
        with os.scandir(folder) as entries:
            names = [e.name for e in entries if e.name.endswith(suffix) and e.is_file(follow_symlinks=False)]
    except OSError:
        return []
    # Sorted as pathlib sorts paths (by name), without making a Path to compare each pair.
    return [folder / n for n in sorted(names)]


def _check_layout(content: Path, briefing: Briefing, problems: Collector) -> None:
    """Report files that no loader reads, so nothing is silently left out, and every path
    that is not a regular file or folder (a link, a pipe, a socket, a device), which is
    never opened. Regular files under raw/ are noted for the sources that name them."""
    if not content.is_dir():
        problems.add(str(content), 1, "content folder not found", ROOT_CAUSE)
        return
    found: list[tuple[str, bool]] = []
    for rel, entry in walk(content):
        try:
            regular_dir = entry.is_dir(follow_symlinks=False)
            kind = None if regular_dir or entry.is_file(follow_symlinks=False) else _kind(entry)
        except OSError:  # vanished while walking
            continue
        if kind is not None:
            _reject(content, rel, kind, entry, briefing, problems)
        elif rel.startswith(RAW_DIR + "/"):
            if not regular_dir:
                briefing.raw_files.add(rel[len(RAW_DIR) + 1 :])
        else:
            found.append((rel, regular_dir))
    for rel_text, is_dir in sorted(found, key=lambda e: e[0].split("/")):
        parts = rel_text.split("/")
        if is_dir or parts[0] == RAW_DIR or parts[-1].startswith("."):
            continue
        if len(parts) == 1 and (parts[0] in DATA_FILES or parts[0] == GEOGRAPHY_FILE):
            continue
        folder = parts[0]
        suffix = ".yml" if folder in YAML_COLLECTIONS else ".md"
        if len(parts) == 2 and folder in COLLECTIONS and parts[1].endswith(suffix):
            continue
        problems.add(f"{content.name}/{rel_text}", 1, _layout_hint(Path(rel_text)))


def _kind(entry: os.DirEntry[str]) -> str:
    """What a walked entry that is not a regular file or folder is, in words."""
    if entry.is_symlink():
        return "a symbolic link"
    return kind_of(entry.stat(follow_symlinks=False).st_mode) or "not a file"


def _reject(
    content: Path, rel: str, kind: str, entry: os.DirEntry[str], briefing: Briefing, problems: Collector
) -> None:
    """Report a path that is not a regular file or folder, and keep its id or collection from
    being reported again by every reference to it."""
    try:
        linked_folder = kind == "a symbolic link" and entry.is_dir()
    except OSError:  # a link that loops
        linked_folder = False
    message = NOT_REGULAR_FOLDER if linked_folder else NOT_REGULAR
    problems.add(f"{content.name}/{rel}", 1, message.format(kind=kind), ROOT_CAUSE)
    briefing.rejected.add(rel)
    parts = rel.split("/")
    if len(parts) == 1 and parts[0] in COLLECTIONS:
        briefing.unreadable.add(parts[0])
    elif len(parts) == 1 and parts[0] in DATA_FILES:
        _unreadable_data_file(content, parts[0], briefing, problems)
    elif len(parts) == 2 and parts[0] in COLLECTIONS:
        briefing.known.setdefault(parts[0], set()).add(parts[1].rsplit(".", 1)[0])


def _unreadable_data_file(content: Path, name: str, briefing: Briefing, problems: Collector) -> None:
    """A data file that defines ids could not be read: references to them are not checked."""
    if name not in DATA_IDS:
        return
    collection = DATA_IDS[name]
    briefing.unreadable.add(collection)
    message = (
        f"{collection[:-1]} ids are unknown until this file can be read: references to them are not checked"
    )
    problems.add(f"{content.name}/{name}", 1, message, CONSEQUENCE)


SINGLE_FILES = {"briefing.yml": "info", "area.yml": "area", "vocabulary.yml": "own_vocabulary"}
"""Data files that hold one mapping, with the attribute of the briefing it becomes."""

DATA_IDS = {"places.yml": "places"}
"""Data files that define ids other files refer to, with the collection of those ids."""


def _layout_hint(rel: Path) -> str:
    from briefing.model.schema import did_you_mean

    known = [*COLLECTIONS, *DATA_FILES, GEOGRAPHY_FILE]
    if len(rel.parts) > 1 and rel.parts[0] in COLLECTIONS:
        return (
            f"unexpected file in {rel.parts[0]}/: content files there end in '.md' "
            "(or '.yml' in references/ and borders/)"
        )
    if rel.as_posix() == "border.yml":
        return "border.yml is now borders/<id>.yml, one file per border: move it to borders/ under its id"
    return "unexpected file: content/ holds " + ", ".join(known) + did_you_mean(rel.parts[0], known)


def _rel(content: Path, file: Path) -> str:
    base, path = str(content), str(file)
    if path.startswith(base + os.sep):  # every file the loaders read; pathlib is slower
        return f"{content.name}/{path[len(base) + 1 :].replace(os.sep, '/')}"
    return f"{content.name}/{file.relative_to(content).as_posix()}"


def _load_item(
    content: Path,
    file: Path,
    name: str,
    model: type[Model],
    briefing: Briefing,
    problems: Collector,
    read: Reader,
    texts: Kept[Any] | None,
) -> None:
    rel = _rel(content, file)
    briefing.known.setdefault(name, set()).add(file.stem)
    doc = read(file, rel, problems, load_data if name in YAML_COLLECTIONS else load_markdown)
    if doc is None:
        return
    if not isinstance(doc.data, dict):
        problems.add(rel, 1, "expected a mapping of keys to values", ROOT_CAUSE)
        return
    item = validate_model(model, doc.data, rel, problems)
    if item is None:
        return
    item_id: str = cast(Any, item).id
    if item_id != file.stem:
        line = cast(Any, doc.data).lines.get("id", 1)
        problems.add(rel, line, f"id '{item_id}' does not match the file name '{file.name}'")
        return
    getattr(briefing, name)[item_id] = item
    briefing.files[(name, item_id)] = rel
    briefing.docs[(name, item_id)] = doc
    briefing.items.append(Item(item, doc))
    _load_body(name, item_id, doc, briefing, problems, texts)


def _load_body(
    name: str, item_id: str, doc: Document, briefing: Briefing, problems: Collector, texts: Kept[Any] | None
) -> None:
    if name == "sources":
        text, text_issues = source_text(doc.body, doc.body_line, texts)
        for line, message in text_issues:
            problems.add(doc.path, line, message)
        if text_issues:
            briefing.incomplete.add(item_id)
        if not text.paragraphs and not text_issues:
            problems.add(doc.path, doc.body_line, "source has no text: the body holds the cleaned article")
        briefing.texts[item_id] = text
    elif name in BODY_COLLECTIONS:
        markers, issues = find_markers(doc.body, doc.body_line)
        for line, message in issues:
            problems.add(doc.path, line, message)
        valid = [m for m in markers if _valid_marker(doc.body, m, doc.path, problems)]
        briefing.bodies[(name, item_id)] = Body(doc.body, doc.body_line, valid)
    elif doc.body.strip():
        problems.add(doc.path, doc.body_line, f"{name} files have no body: put the text in 'summary'")


def _valid_marker(body: str, marker: Marker, path: str, problems: Collector) -> bool:
    """Whether a body citation is a valid :class:`Citation` (its id, its quote's characters);
    each reason it is not is reported at the marker's line, and the marker is then left out."""
    try:
        Citation(source=marker.source, quote=marker.quote, para=marker.para, ref=marker.ref)
    except ValidationError as exc:
        written = body[marker.start : marker.end]
        shown = written if len(written) <= 60 else written[:57] + "..."
        for error in exc.errors():
            problems.add(path, marker.line, f"citation {shown}: {describe(Citation, error)}")
        return False
    return True


def _load_data_file(
    content: Path,
    name: str,
    model: type[Model],
    many: bool,
    briefing: Briefing,
    problems: Collector,
    read: Reader,
) -> None:
    rel = _rel(content, content / name)
    doc = read(content / name, rel, problems, load_data)
    if doc is None:
        _unreadable_data_file(content, name, briefing, problems)
        return
    if many:
        if not isinstance(doc.data, list):
            problems.add(rel, 1, f"{name} must be a list of entries", ROOT_CAUSE)
            _unreadable_data_file(content, name, briefing, problems)
            return
        for index, entry in enumerate(doc.data):
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                briefing.known.setdefault("places", set()).add(entry["id"])
            item = validate_model(model, entry, rel, problems)
            line = cast(Any, doc.data).lines[index]
            if item is not None and _store_entry(name, item, line, rel, briefing, problems):
                briefing.items.append(Item(item, doc, (index,)))
    else:
        item = validate_model(model, doc.data, rel, problems)
        if item is not None:
            setattr(briefing, SINGLE_FILES[name], item)
            briefing.items.append(Item(item, doc))


def _store_entry(name: str, item: Any, line: int, rel: str, briefing: Briefing, problems: Collector) -> bool:
    """Add a list entry unless its id or term is taken; say whether it was added."""
    if isinstance(item, GlossaryEntry):
        if any(entry.term == item.term for entry in briefing.glossary):
            problems.add(rel, line, f"duplicate glossary term '{item.term}'")
            return False
        briefing.glossary.append(item)
        return True
    if item.id in briefing.places:
        problems.add(rel, line, f"duplicate place id '{item.id}'")
        return False
    briefing.places[item.id] = item
    return True


class AnyId(set[str]):
    """The ids of a collection whose file could not be read: any id may be one of them."""

    def __contains__(self, value: object) -> bool:
        return True


def unchecked_if_unreadable(briefing: Briefing, targets: dict[str, set[str]]) -> dict[str, set[str]]:
    """``targets`` (known ids by collection) with every collection in ``briefing.unreadable``
    accepting any id, so that one unreadable file is not reported again by every reference."""
    for name in briefing.unreadable:
        targets[name] = AnyId()
    if "regions" in briefing.unreadable:
        targets["places"] = AnyId()  # a place reference may name a region
    return targets
