"""One-off builds on every core: pages converted and rendered by forked workers.

MkDocs converts every page's Markdown, then renders every page through the theme (and
Material indexes it for search), one page after another. At a thousand sources that is
most of a build, on one core. Here, for `mkdocs build` with more than one worker
(the plugin's ``workers`` option, else ``BRIEFING_JOBS``, else the usable CPUs), the plugin has forked workers do both stages first,
each for its share of the pages, and fills the page cache of :mod:`briefing.plugin.preview_cache` with what
they made. MkDocs then runs its usual build in this process, and every page hits the cache:
each plugin event still runs here, in order, on every page, so the tags, the search index,
the sitemap, link and anchor validation see what a serial build gives them.

What makes the result the same as a serial build is the cache's own contract: an entry is
used only when the page's inputs (its Markdown as the plugin sees it, the files, the nav, the
configuration, the theme) digest to the key the worker computed; a page whose conversion or
rendering logged a warning in a worker is not kept, so this process converts it again and
logs the warning itself (strict builds still count it). `tests/test_parallel_pages.py` checks
the built site byte for byte against a one-worker build.

Workers are forked (the pages, plugins and theme environment are inherited, not sent); the
results come back through the pool. Uses MkDocs' ``_populate_page`` and ``_build_page``
(MkDocs 1.6; pinned in requirements.lock).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import jinja2
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from briefing.parallel import Share, run_shares
from briefing.plugin.preview_cache import PreviewCache

MIN_PAGES = 200
"""Fewer pages than this are built in one process: forking and sending pages back would cost
more than it saves."""
R = TypeVar("R")


def workers_for(files: Files, jobs: int) -> int:
    """How many of ``jobs`` workers build these pages (1: MkDocs builds them as usual)."""
    count = sum(1 for _ in _pages(files))
    return jobs if count >= MIN_PAGES else 1


def convert(config: MkDocsConfig, files: Files, workers: int, cache: PreviewCache) -> None:
    """Every page's Markdown to HTML in the workers; their conversions fill the cache."""
    pages = [f for f in _pages(files) if f.page is not None]
    shares = _balanced(pages, workers)

    def work(share: Share) -> dict[str, Any]:
        mine = shares[share.index]
        for file in pages:
            if file.src_uri in mine:
                _populate_page(file.page, config, files)
        return {uri: cache.markdown[uri] for uri in mine if uri in cache.markdown}

    for part in _in_workers(work, workers, cache):
        cache.markdown.update(part)


def render(
    config: MkDocsConfig,
    files: Files,
    nav: Navigation,
    env: jinja2.Environment,
    workers: int,
    cache: PreviewCache,
) -> None:
    """Every page through the theme and the search index in the workers (after conversion);
    their outputs and index entries fill the cache."""
    doc_files = list(_pages(files))
    shares = _balanced([f for f in doc_files if f.page is not None], workers)

    def work(share: Share) -> tuple[dict[str, Any], dict[str, Any]]:
        cache.pages_ready(env, files)
        owned = [f for f in doc_files if f.src_uri in shares[share.index]]
        for file in owned:
            _build_page(file.page, config, doc_files, nav, env)
        uris = {f.src_uri for f in owned}
        pages = {uri: kept for uri, kept in cache.pages.items() if uri in uris}
        search = {uri: kept for uri, kept in cache.search.items() if uri in uris}
        return pages, search

    for pages, search in _in_workers(work, workers, cache):
        cache.pages.update(pages)
        cache.search.update(search)


def _balanced(pages: list[File], workers: int) -> list[set[str]]:
    """The pages split into ``workers`` shares of about the same size in bytes of Markdown
    (largest first, each to the lightest share): one timeline page can weigh as much as a
    hundred source pages, so shares of equal counts would leave a worker waiting."""
    sizes = sorted(((len(f.content_bytes), f.src_uri) for f in pages), reverse=True)
    shares: list[set[str]] = [set() for _ in range(workers)]
    loads = [0] * workers
    for size, uri in sizes:
        lightest = loads.index(min(loads))
        shares[lightest].add(uri)
        loads[lightest] += size
    return shares


def _pages(files: Files) -> Any:
    """The pages a one-off build converts and renders, in its order."""
    return files.documentation_pages(inclusion=InclusionLevel.is_included)


def _in_workers(work: Callable[[Share], R], workers: int, cache: PreviewCache) -> list[R]:
    """``work`` for shares 0 … ``workers`` − 1, each in a forked process: this one only waits,
    so its pages and plugins are left as they were for MkDocs' own pass."""
    return run_shares(functools.partial(_share, work, cache.warnings_handler), workers, workers, here=False)


def _share(work: Callable[[Share], R], kept: logging.Handler, share: Share) -> R:
    """In a worker: the stage for one share, with MkDocs' messages kept from the terminal (a page
    that logs one is not kept, and this process logs it again when it builds that page)."""
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        if handler is not kept:
            logger.removeHandler(handler)
    return work(share)
