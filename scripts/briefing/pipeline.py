"""The generator as one readable pipeline, each stage a function of the last one's value:

1. **load** every content file into one briefing (:mod:`briefing.load.content`), noting each
   problem with its file and line;
2. **validate** it: cross-references, quotes, the area (:mod:`briefing.validate.checks`); every
   problem of both stages is raised at once (:class:`briefing.errors.ContentError`);
3. **index** it: reverse links and mentions every page reads (:mod:`briefing.index.crossref`);
4. **plan the maps**: what each map shows, which pages need before any is drawn
   (:mod:`briefing.maps`);
5. **render**: each builder of :mod:`briefing.render.pages` returns its section's pages, and the
   maps are drawn, shared among worker processes (:mod:`briefing.parallel`);
6. **output**: one :class:`briefing.render.renderer.Site`, pages and files by path.

``check`` stops after validation; ``generate`` returns every page as
``{path: text}``. Reads and writes never interleave: nothing here writes a file. The
adapter that calls it chooses the options (:class:`briefing.options.Options`), what
is reused from earlier runs (:mod:`briefing.cache`) and how many processes render.
``Generator`` runs the same pipeline again and again on one content folder (as
``mkdocs serve`` does), reusing what has not changed since the last run.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing.cache import Cache, Memory
from briefing.cache.incremental import folder_state
from briefing.errors import Collector
from briefing.index.crossref import CrossRef, cross_reference
from briefing.load.content import load_briefing, prefetched
from briefing.maps import MapPlan, draw_maps, plan_maps
from briefing.model.briefing import Briefing
from briefing.options import Options
from briefing.parallel import Share, render_shares
from briefing.render import pages
from briefing.render.renderer import Renderer, Site
from briefing.validate.checks import check_briefing


@contextmanager
def _collection_paused(one_off: bool) -> Iterator[None]:
    """Pause the cyclic garbage collector for one run.

    A run allocates hundreds of thousands of objects that all live until it ends; with the
    collector on, each full collection walks all of them (about a second in all at 1,000
    sources) and finds next to nothing. It resumes afterwards and collects as usual; in a
    one-off build (``mkdocs build``, the ``briefing`` command), whose objects live until the
    process ends, they are first moved out of its sight (``gc.freeze``): else the first
    collection walks them all (0.7 s at 1,000 sources) and every full one during MkDocs'
    build after it walks them again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if one_off:
            gc.freeze()
        if was_enabled:
            gc.enable()


def check(content: Path, cache: Cache | None = None, workers: int = 1) -> Briefing:
    """Load and validate all content; raise ContentError listing every problem."""
    with _collection_paused(False):
        return _check(content, cache or Cache(), workers)


def _check(content: Path, cache: Cache, workers: int) -> Briefing:
    problems = Collector()
    briefing = _load(content, cache, workers, problems)
    check_briefing(briefing, content, problems, cache.kept("markup"))
    problems.raise_if_any()
    briefing.warnings = problems.sorted_warnings()
    return briefing


def _load(content: Path, cache: Cache, workers: int, problems: Collector) -> Briefing:
    """Stage 1: files the cache keeps are not parsed again; else ``workers`` parse them."""
    if cache.keeps_files:
        return load_briefing(content, problems, cache.read, cache.kept("texts"))
    if workers > 1:
        return load_briefing(content, problems, prefetched(content, workers))
    return load_briefing(content, problems)


def generate(
    content: Path,
    options: Options | None = None,
    cache: Cache | None = None,
    workers: int = 1,
    one_off: bool = False,
) -> Site:
    """Validated content in, the generated pages and assets out.

    ``cache``: what earlier runs left to reuse (:mod:`briefing.cache`; nothing by default).
    ``workers``: processes that parse and render (with a cache that keeps pages, one).
    ``one_off``: this process ends after its build, so what the run leaves alive is kept
    out of the garbage collector's sight.
    """
    options, cache = options or Options(), cache or Cache()
    cache.start_run()
    with _collection_paused(one_off):
        briefing = _check(content, cache, workers)
        site = render_site(briefing, options, cache, workers)
        site.warnings = briefing.warnings
        return site


def render_site(
    briefing: Briefing, options: Options | None = None, cache: Cache | None = None, workers: int = 1
) -> Site:
    """Stages 3 to 6, from a validated briefing: every generated page, the maps and their files.

    Pages and maps whose inputs are unchanged come from ``cache``; a cache that keeps pages
    renders them here, else they are shared among ``workers`` processes.
    """
    options, cache = options or Options(), cache or Cache()
    workers = 1 if cache.pages is not None else workers
    index = cross_reference(briefing, workers, cache.kept("mentions"))
    plan = plan_maps(briefing, options)
    site = render_shares(lambda share: _render(briefing, options, index, plan, cache, share), workers)
    cache.end_run(spec.id for spec, _ in plan.specs)
    return site


def _render(
    briefing: Briefing, options: Options, index: CrossRef, plan: MapPlan, cache: Cache, share: Share
) -> Site:
    """Stage 5 for one worker's share: its maps drawn, then each section's pages rendered."""
    renderer = Renderer(briefing, options, share, index)
    renderer.memo = cache.pages
    renderer.maps = draw_maps(plan, cache, renderer.owns)
    site = Site(abbreviations=renderer.abbreviations)
    site.assets.update(renderer.maps.files)
    for build in pages.BUILDERS:
        site.add(build(renderer))
    site.skipped = renderer.skipped
    return site


class Generator:
    """The pipeline for one content folder, with everything reusable kept in memory between runs."""

    def __init__(self, content: Path) -> None:
        self.content = content
        self.cache = Memory()
        self._last: tuple[tuple[object, ...], Site] | None = None
        """The state of the content folder and the options at the last good run, with its site."""
        self.good: Site | None = None
        """The site of the last run that succeeded, kept when a later one fails (previews show it)."""

    def generate(self, options: Options | None = None) -> Site:
        """Regenerate: files unchanged since the last run are not parsed, pages not re-rendered.

        When no file under the content folder changed (the same names, sizes and modification
        times) and the options are the same, the last site is the answer: `mkdocs serve`
        regenerates after every edit of a hand-written page too, and a briefing of thousands of
        pages then costs one walk of the folder.
        """
        options = options or Options()
        state = (options, folder_state(self.content))
        if self._last is not None and self._last[0] == state:
            self.cache.repeat_run()
            return self._last[1].copy()
        self._last = None
        site = generate(self.content, options, self.cache)
        self._last = (state, site.copy())
        self.good = self._last[1]
        return site

    @property
    def stats(self) -> dict[str, int]:
        """What the last run did: files parsed and pages rendered."""
        return self.cache.stats
