"""What a run of the generator may reuse from earlier runs: one interface, chosen by the adapter.

The contract, for every cache here and any other:

- **A cache never changes the output.** The same content and options give the same pages
  and files, byte for byte, with any cache or with none (``tests/test_incremental.py``,
  ``tests/test_map_cache.py`` and ``tests/test_parallel.py`` prove it).
- **An entry is reused only when everything it was made from is equal.** A parsed
  content file: the same path, size and modification time. A rendered page: the same
  template, the same context (by a digest of its text form) and every value of the
  briefing and its cross-references that the page read while it rendered
  (:class:`briefing.cache.incremental.PageMemo`). A drawn map: the same specification, rows
  and map settings, and, for maps kept on disk, the same drawing code and package
  versions (:mod:`briefing.maps.cache`). What has no stable text form is never kept.
- **Bad content is never cached into a good build**: a parse keeps the problems it
  found, and they are reported on every run that reuses it.
- **Nothing outlives its use**: what no run used since the one before is dropped
  (:class:`Kept`), so a preview left running for a day holds one briefing's worth.
- **A cache belongs to its adapter**, never to a module: the functions that reuse work
  (a source's paragraphs, the mentions in a source) take what is kept as an argument.

Three caches, by the adapter that chooses them:

``Cache()``
    keeps nothing: tests, and any caller that wants a plain function.
``MapFolder(folder)``
    one-off builds (``mkdocs build``, ``briefing generate``): drawn maps kept on disk
    for the next build. Drawing is a tenth of the generator's work and imports folium;
    everything else is cheaper to redo on every core than to check.
``Memory()``
    a long-lived preview (``mkdocs serve``): parsed files and their source texts, the
    mentions found in each source, rendered pages and drawn maps kept in memory between
    runs in one process. Pages are then rendered in this process (the memo is filled
    here), never shared among workers.

What each part earns, measured at 1,000 synthetic sources on 2 cores (one event edited,
then the briefing regenerated): with the page memo 2.7–3.5 s, without it 4.0–4.2 s; the
memo costs about 1 s more on the first run, which a preview pays once.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from briefing.cache.incremental import FileCache, PageMemo, digest
from briefing.errors import Collector
from briefing.load.documents import Document

if TYPE_CHECKING:
    from briefing.maps.cache import MapCache

Loader = Callable[[Path, str, Collector], Document | None]
V = TypeVar("V")


class Kept(Generic[V]):
    """Values kept between runs by key: an entry no run has asked for since the one before is
    dropped when the next run starts."""

    def __init__(self) -> None:
        self._now: dict[Hashable, V] = {}
        self._before: dict[Hashable, V] = {}

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        """The value kept under ``key``, or ``make()`` kept under it."""
        if key in self._now:
            return self._now[key]
        value = self._before.pop(key) if key in self._before else make()
        self._now[key] = value
        return value

    def new_run(self) -> None:
        self._before, self._now = self._now, {}

    def __len__(self) -> int:
        return len(self._now) + len(self._before)


class Cache:
    """The interface, keeping nothing: every file is parsed, page rendered and map drawn."""

    pages: PageMemo | None = None
    """Rendered pages kept between runs, or None (then pages may be rendered by workers)."""

    def read(self, file: Path, rel: str, problems: Collector, loader: Loader) -> Document | None:
        """The parsed document of a content file (``loader`` parses it)."""
        return loader(file, rel, problems)

    @property
    def keeps_files(self) -> bool:
        return False

    def map_key(self, what: tuple[Any, ...]) -> str | None:
        """The key a drawn map is kept under, from what it is drawn from (specification, rows,
        settings); None: not kept."""
        return None

    def drawn(self, key: str) -> str | None:
        """The map HTML kept under ``key``, or None."""
        return None

    def keep_drawn(self, key: str, html: str) -> None:
        """Keep a map's HTML under ``key`` for later runs."""

    def kept(self, name: str) -> Kept[Any] | None:
        """Values of one kind kept between runs (``"texts"``, ``"mentions"``, ``"markup"``), or None."""
        return None

    def start_run(self) -> None:
        """Called before each run."""

    def end_run(self, map_ids: Iterable[str]) -> None:
        """Called after a run that succeeded, with the ids of the maps it drew."""

    @property
    def stats(self) -> dict[str, int]:
        """What the last run did, for the adapter's log line."""
        return {}


class MapFolder(Cache):
    """Drawn maps kept in a folder between one-off builds (:class:`briefing.maps.cache.MapCache`)."""

    def __init__(self, folder: Path) -> None:
        from briefing.maps.cache import MapCache

        self.folder: MapCache = MapCache(folder)

    def map_key(self, what: tuple[Any, ...]) -> str | None:
        return self.folder.key(what)

    def drawn(self, key: str) -> str | None:
        return self.folder.get(key)

    def keep_drawn(self, key: str, html: str) -> None:
        self.folder[key] = html

    def end_run(self, map_ids: Iterable[str]) -> None:
        self.folder.prune(map_ids)


class Memory(Cache):
    """Parsed files, rendered pages and drawn maps kept in memory between runs in one process."""

    def __init__(self) -> None:
        self.files = FileCache()
        self.pages: PageMemo = PageMemo()
        self.maps: dict[str, str] = {}
        """Map HTML by a digest of the map's specification, rows and settings."""
        self._kept: dict[str, Kept[Any]] = {}

    @property
    def keeps_files(self) -> bool:
        return True

    def read(self, file: Path, rel: str, problems: Collector, loader: Loader) -> Document | None:
        return self.files.read(file, rel, problems, loader)

    def map_key(self, what: tuple[Any, ...]) -> str | None:
        return digest(what, self.pages.texts)  # reuses the text of records the pages digested

    def drawn(self, key: str) -> str | None:
        return self.maps.get(key)

    def keep_drawn(self, key: str, html: str) -> None:
        self.maps[key] = html

    def kept(self, name: str) -> Kept[Any]:
        return self._kept.setdefault(name, Kept())

    def start_run(self) -> None:
        for kept in self._kept.values():
            kept.new_run()
        self.pages.texts.new_run()
        self.repeat_run()

    def repeat_run(self) -> None:
        """A run that answers with the last run's site as a whole: it uses nothing and so drops
        nothing (a new generation now would drop what the next run needs); its stats are zero."""
        self.files.parsed = 0
        self.pages.rendered = []

    @property
    def stats(self) -> dict[str, int]:
        return {"files_parsed": self.files.parsed, "pages_rendered": len(self.pages.rendered)}
