"""Drawn maps kept between one-off builds, in a folder of the project.

Drawing a map means importing folium (with numpy and requests, about a fifth of a second
whatever the size of the briefing) and rendering its elements (a tenth of the generator's
work at 1,000 sources). A map drawn from the same specification, rows and settings by the
same code is the same file, so a build reads it back instead, as Material's social plugin
keeps its cards in ``.cache/``. Each entry is named by a digest of both what the map is drawn
from and the drawing code: every file of the ``briefing`` package and the versions of the
packages that draw (folium, branca, Leaflet, Jinja, MarkupSafe); any change to one of them
names new entries, and a build removes those it did not use.

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
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

SUFFIX = ".html"
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


class MapCache:
    """Map HTML by the key :func:`briefing.maps.map_key` gives, stored one file per entry
    under ``folder`` (made on first write); a :class:`briefing.maps.Memo`, as a dict is."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        name = hashlib.sha256(f"{drawing_version()}\0{key}".encode()).hexdigest()
        return self.folder / f"{name}{SUFFIX}"

    def get(self, key: str) -> str | None:
        """The map HTML kept under ``key``, or None."""
        try:
            return self._path(key).read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None

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

    def __len__(self) -> int:
        return len(self._entries())

    def _entries(self) -> list[Path]:
        try:
            return [p for p in self.folder.iterdir() if p.suffix == SUFFIX and not p.name.startswith(".")]
        except OSError:
            return []

    def keep_only(self, keys: Iterable[str]) -> int:
        """Remove every entry but those of ``keys`` (the maps of the build that just ran);
        returns how many were removed."""
        kept = {self._path(key) for key in keys}
        removed = 0
        for path in self._entries():
            if path not in kept:
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
        return removed
