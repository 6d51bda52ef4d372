"""Cold builds on every core: each worker reads, scans or renders its share of the briefing.

A share is fixed by the path of what is produced (a checksum of the path, modulo the
number of shares), so every worker runs the same builders over the same briefing and
renders only the pages and maps it owns; the others come back as empty placeholders,
which the merge fills from their owners. Output does not depend on the number of
workers: the same content gives byte-identical pages with one worker or many. Each
process takes the next share as soon as it is free.

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
from typing import Any, Protocol, TypeVar

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
R = TypeVar("R")

_work: Callable[[Share], Any] | None = None
"""The work of the run in progress, inherited by forked workers with the counter below."""
_next: Any = None


def _take() -> int:
    with _next.get_lock():
        index = int(_next.value)
        _next.value += 1
    return index


def _run(chunks: int) -> list[tuple[int, Any]]:
    """Do shares until none is left; (share index, result) of each."""
    assert _work is not None
    done = []
    while (index := _take()) < chunks:
        done.append((index, _work(Share(index, chunks))))
    return done


def run_shares(work: Callable[[Share], R], workers: int, chunks: int, here: bool = True) -> list[R]:
    """The results of ``work`` for shares 0 … ``chunks`` − 1, in that order, done by ``workers``
    processes, each taking the next share as soon as it is free. With ``here`` this process is
    one of them; without, all are forked and this one only waits (its state stays untouched)."""
    global _work, _next
    if workers <= 1 and here:
        return [work(EVERYTHING)]
    context = multiprocessing.get_context("fork")
    _work, _next = work, context.Value("i", 0)
    forked = workers - 1 if here else workers
    try:
        with ProcessPoolExecutor(max_workers=forked, mp_context=context) as pool:
            futures = [pool.submit(_run, chunks) for _ in range(forked)]
            done = _run(chunks) if here else []
            for future in futures:
                done += future.result()
    finally:
        _work, _next = None, None
    return [result for _, result in sorted(done, key=lambda item: item[0])]


def gather(work: Callable[[Share], dict[str, T]], workers: int) -> dict[str, T]:
    """Run ``work`` for one share per worker; the union of what they return."""
    found: dict[str, T] = {}
    for part in run_shares(work, workers, workers):
        found.update(part)
    return found


def render_shares(render: Callable[[Share], Out], workers: int) -> Out:
    """Render every share over ``workers`` processes and merge the results into the first
    (whose pages, in builder order, hold a placeholder for each page the others rendered)."""
    if workers <= 1:
        return render(EVERYTHING)
    # One share per worker: cutting the work finer balances it better, but each share repeats
    # the builders' bookkeeping, and measured at 1,000 sources that cost as much as it saved.
    first, *others = run_shares(lambda share: _owned_only(render(share), share), workers, workers)
    for other in others:
        first.pages.update(other.pages)
        first.assets.update(other.assets)
        first.skipped -= other.pages.keys() | other.assets.keys()
    if first.skipped:
        raise RuntimeError(f"no worker rendered {', '.join(sorted(first.skipped)[:5])}")
    return first


def _owned_only(out: Out, share: Share) -> Out:
    """What a share sends back: all of it for the first, else only what it rendered."""
    if share.index > 0:
        out.pages = {path: text for path, text in out.pages.items() if path not in out.skipped}
        out.assets = {path: data for path, data in out.assets.items() if path not in out.skipped}
    return out
