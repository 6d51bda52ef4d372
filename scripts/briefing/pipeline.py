"""The generator as one readable pipeline: load → validate → model → render.

``check`` stops after validation; ``generate`` returns every page as
``{path: text}``. Reads and writes never interleave: nothing here writes a file.
``Generator`` runs the same pipeline again and again on one content folder (as
``mkdocs serve`` does), reusing what has not changed since the last run.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .checks import check_briefing
from .content import Briefing, load_briefing, prefetched
from .errors import Collector
from .incremental import Caches, folder_state
from .parallel import jobs
from .render import Site, render_site

_one_off = False


def one_off() -> None:
    """Declare this process a one-off build (`mkdocs build`, the `briefing` command): what a
    run leaves alive then lives until the process ends, and the collector stops watching it.
    """
    global _one_off
    _one_off = True


@contextmanager
def _collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for one run.

    A run allocates hundreds of thousands of objects that all live until it ends; with the
    collector on, each full collection walks all of them (about a second in all at 1,000
    sources) and finds next to nothing. It resumes afterwards and collects as usual; in a
    one-off build (:func:`one_off`), the objects the run leaves alive are first moved out of
    its sight (``gc.freeze``): else the first collection walks them all (0.7 s at 1,000
    sources) and every full one during MkDocs' build after it walks them again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _one_off:
            gc.freeze()
        if was_enabled:
            gc.enable()


def check(content: Path, caches: Caches | None = None) -> Briefing:
    """Load and validate all content; raise ContentError listing every problem."""
    with _collection_paused():
        return _check(content, caches)


def _check(content: Path, caches: Caches | None) -> Briefing:
    problems = Collector()
    if caches is not None:
        briefing = load_briefing(content, problems, caches.files.read)
    elif (workers := jobs()) > 1:
        briefing = load_briefing(content, problems, prefetched(content, workers))
    else:
        briefing = load_briefing(content, problems)
    check_briefing(briefing, content, problems)
    problems.raise_if_any()
    briefing.warnings = problems.sorted_warnings()
    return briefing


def generate(
    content: Path,
    options: dict[str, str] | None = None,
    caches: Caches | None = None,
    map_cache: Path | None = None,
) -> Site:
    """Validated content in, the generated pages and assets out.

    ``map_cache``: a folder where one-off builds keep the maps they draw for the next
    (:mod:`briefing.maps.cache`); not used with ``caches``, which keep them in memory.
    """
    from .maps.cache import MapCache

    with _collection_paused():
        briefing = _check(content, caches)
        kept = MapCache(map_cache) if map_cache is not None and caches is None else None
        site = render_site(briefing, options or {}, caches, kept)
        site.warnings = briefing.warnings
        return site


class Generator:
    """The pipeline for one content folder, with caches kept between runs."""

    def __init__(self, content: Path) -> None:
        self.content = content
        self.caches = Caches()
        self._last: tuple[tuple[object, ...], Site] | None = None
        """The state of the content folder and the options at the last good run, with its site."""
        self.good: Site | None = None
        """The site of the last run that succeeded, kept when a later one fails (previews show it)."""

    def generate(self, options: dict[str, str] | None = None) -> Site:
        """Regenerate: files unchanged since the last run are not parsed, pages not re-rendered.

        When no file under the content folder changed (the same names, sizes and modification
        times) and the options are the same, the last site is the answer: `mkdocs serve`
        regenerates after every edit of a hand-written page too, and a briefing of thousands of
        pages then costs one walk of the folder.
        """
        self.caches.start_run()
        state = (tuple(sorted((options or {}).items())), folder_state(self.content))
        if self._last is not None and self._last[0] == state:
            return self._last[1].copy()
        self._last = None
        site = generate(self.content, options, self.caches)
        self._last = (state, site.copy())
        self.good = self._last[1]
        return site

    @property
    def stats(self) -> dict[str, int]:
        """What the last run did: files parsed and pages rendered."""
        return {"files_parsed": self.caches.files.parsed, "pages_rendered": len(self.caches.pages.rendered)}


_GENERATORS: dict[Path, Generator] = {}
_keep_caches = False


def keep_caches() -> None:
    """Keep a generator, with its caches, per content folder for the rest of this process.

    For long-lived previews (`mkdocs serve`): from then on :func:`generator_for` answers,
    and each run reuses what the last one parsed and rendered. One-off builds skip the
    bookkeeping and render on every core instead.
    """
    global _keep_caches
    _keep_caches = True


def caches_kept() -> bool:
    """Whether :func:`keep_caches` was called in this process."""
    return _keep_caches


def generator_for(content: Path) -> Generator:
    """The long-lived generator of a content folder: MkDocs re-imports its hooks on every
    rebuild under `mkdocs serve`, so the caches live here, in the package."""
    key = content.resolve()
    if key not in _GENERATORS:
        _GENERATORS[key] = Generator(key)
    return _GENERATORS[key]
