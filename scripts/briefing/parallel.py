"""Render a cold build on every core: each worker renders its share of pages and maps.

A share is fixed by the path of what is rendered (a checksum of the path, modulo the
number of workers), so every worker runs the same builders over the same briefing and
renders only the pages and maps it owns; the others come back as empty placeholders,
which the merge fills from their owners. Output does not depend on the number of
workers: the same content gives byte-identical pages with one worker or many.

Workers are forked, so they start with the loaded and validated briefing instead of
receiving a copy. That is only safe in a process with one thread; anywhere else (and
where ``fork`` does not exist) the site is rendered in this process. ``BRIEFING_JOBS``
sets the number of workers (``1`` renders everything here).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import zlib
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Protocol, TypeVar

JOBS_VARIABLE = "BRIEFING_JOBS"
T = TypeVar("T")


@dataclass(frozen=True)
class Share:
    """Which part of the work one worker does: worker ``index`` of ``count``."""

    index: int = 0
    count: int = 1

    def owns(self, key: str) -> bool:
        """Whether this worker renders the page or file at ``key`` (a docs path)."""
        return self.count == 1 or zlib.crc32(key.encode("utf-8")) % self.count == self.index


EVERYTHING = Share()


def jobs() -> int:
    """How many workers a cold build uses: ``BRIEFING_JOBS``, else the usable CPUs (1 when
    forking is not safe here)."""
    value = os.environ.get(JOBS_VARIABLE, "").strip()
    if value:
        try:
            wanted = int(value)
        except ValueError:
            raise ValueError(f"{JOBS_VARIABLE} is {value!r}: use a whole number of workers") from None
        if wanted < 1:
            raise ValueError(f"{JOBS_VARIABLE} is {value!r}: use 1 or more")
    else:
        wanted = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    can_fork = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    return wanted if can_fork else 1


class Output(Protocol):
    """What rendering a share gives: pages and files by path, and the paths it left to others."""

    pages: dict[str, str]
    assets: dict[str, str | bytes]
    skipped: set[str]


Out = TypeVar("Out", bound=Output)

_job: Callable[[Share], Output] | None = None
"""The render of the build in progress, inherited by forked workers."""


def _run_share(index: int, count: int) -> tuple[dict[str, str], dict[str, str | bytes]]:
    assert _job is not None
    out = _job(Share(index, count))
    return _owned(out.pages, out.skipped), _owned(out.assets, out.skipped)


def _owned(items: dict[str, T], skipped: set[str]) -> dict[str, T]:
    return {path: value for path, value in items.items() if path not in skipped}


def render_shares(render: Callable[[Share], Out], count: int) -> Out:
    """Run ``render`` for every share, this process doing the first, and merge the results."""
    global _job
    if count <= 1:
        return render(EVERYTHING)
    _job = render
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=count - 1, mp_context=context) as pool:
            futures = [pool.submit(_run_share, index, count) for index in range(1, count)]
            out = render(Share(0, count))
            for future in futures:
                pages, assets = future.result()
                out.pages.update(pages)
                out.assets.update(assets)
                out.skipped -= pages.keys() | assets.keys()
    finally:
        _job = None
    if out.skipped:
        raise RuntimeError(f"no worker rendered {', '.join(sorted(out.skipped)[:5])}")
    return out
