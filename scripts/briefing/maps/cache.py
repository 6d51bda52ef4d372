"""Drawn maps kept between one-off builds, in a folder of the project.

Drawing a map means importing folium (with numpy and requests, about a fifth of a second
whatever the size of the briefing) and rendering its elements (a tenth of the generator's
work at 1,000 sources). A map drawn from the same specification, rows and settings by the
same code is the same file, so a build reads it back instead, as Material's social plugin
keeps its cards in ``.cache/``. Each entry is named by the map's id and a digest of both what
the map is drawn from and the drawing code: every file of the ``briefing`` package and the
versions of the packages that draw (folium, branca, Leaflet, Jinja, MarkupSafe); any change
to one of them names a new entry. A build keeps, of each of its maps, the entry it used,
and removes the entries of maps it no longer has.

Entries are written atomically (a temporary file renamed into place), so parallel workers
and concurrent builds never read half a file. A folder that cannot be read or written only
means that maps are drawn, never a failed build.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefing.maps.data import MapSpec
    from briefing.maps.settings import Settings
    from briefing.maps.views import Row


SUFFIX = ".html"
SEPARATOR = "--"
"""Between a map's id and the digest in an entry's name (map ids are slugs: no two hyphens
end one)."""
DRAWING_PACKAGES = ("folium", "branca", "XStatic-Leaflet", "Jinja2", "MarkupSafe")


PACKAGE = Path(__file__).resolve().parent.parent
"""The ``briefing`` package, whose code and templates draw the maps."""


@functools.cache
def drawing_version() -> str:
    """A digest of everything that decides how a map is drawn besides its inputs."""
    return code_digest(PACKAGE)


def code_digest(package: Path) -> str:
    """A digest of the Python version, the drawing packages' versions and every module and
    template of ``package`` (compiled files aside)."""
    digest = hashlib.sha256(sys.version.encode("utf-8"))
    for name in DRAWING_PACKAGES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"\0{name}={version}".encode())
    for path in sorted(p for p in package.rglob("*") if p.suffix in {".py", ".j2"} and p.is_file()):
        digest.update(f"\0{path.relative_to(package).as_posix()}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def map_key(spec: MapSpec, rows: list[Row], settings: Settings) -> str:
    """A sha256 of what a map is drawn from (its ``repr``: specifications, rows and settings are
    frozen dataclasses of plain values)."""
    return hashlib.sha256(repr((spec, rows, settings)).encode("utf-8")).hexdigest()


class MapCache:
    """Map HTML stored one file per entry under ``folder`` (made on first write); a
    :class:`briefing.maps.Memo` whose keys come from :meth:`key`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @staticmethod
    def key(what: Any) -> str:
        """The key of a map drawn from ``what`` (its specification, rows and settings): the
        map's id, then a digest of ``what``."""
        spec, rows, settings = what
        return f"{spec.id}{SEPARATOR}{map_key(spec, rows, settings)}"

    def _path(self, key: str) -> Path:
        map_id, _, inputs = key.rpartition(SEPARATOR)
        name = hashlib.sha256(f"{drawing_version()}\0{inputs}".encode()).hexdigest()
        return self.folder / f"{map_id}{SEPARATOR}{name}{SUFFIX}"

    def get(self, key: str) -> str | None:
        """The map HTML kept under ``key``, or None; a hit marks the entry as used now."""
        path = self._path(key)
        try:
            html = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        with contextlib.suppress(OSError):
            os.utime(path)
        return html

    def __setitem__(self, key: str, html: str) -> None:
        path = self._path(key)
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                    out.write(html)
                os.replace(temporary, path)
            except OSError:
                Path(temporary).unlink(missing_ok=True)
                raise

    def count(self) -> int:
        """How many entries the folder holds (a method, not ``len``: an empty cache is still a
        cache, and must not test false)."""
        return sum(1 for path in self._files() if _is_entry(path))

    def _files(self) -> list[Path]:
        try:
            return list(self.folder.iterdir())
        except OSError:
            return []

    def prune(self, map_ids: Iterable[str]) -> int:
        """Keep, of each map of ``map_ids`` (those of the build that just ran), the entry used
        last, and remove every other entry and any file of an unfinished write (a concurrent
        build that loses one only draws that map again); returns how many were removed."""
        wanted = set(map_ids)
        unwanted: list[Path] = []
        by_map: dict[str, list[tuple[int, Path]]] = defaultdict(list)
        for path in self._files():
            if not _is_entry(path):
                if path.name.startswith(".") and path.suffix == ".tmp":
                    unwanted.append(path)
                continue
            with contextlib.suppress(OSError):
                by_map[path.name.rpartition(SEPARATOR)[0]].append((path.stat().st_mtime_ns, path))
        for map_id, entries in by_map.items():
            entries.sort(reverse=True)
            unwanted += [path for _, path in (entries if map_id not in wanted else entries[1:])]
        removed = 0
        for path in unwanted:
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
        return removed


def _is_entry(path: Path) -> bool:
    return path.suffix == SUFFIX and not path.name.startswith(".")
