"""The error vocabulary: a content problem names its file and line.

Problems are listed root causes first: a file that cannot be read or parsed explains
others (every reference to what it defines), so it comes before them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

ROOT_CAUSE = 0
"""Rank of a file that cannot be read or parsed at all (listed first)."""
CONSEQUENCE = 1
"""Rank of a note on what a root cause keeps from being checked (listed next)."""
OTHER = 2
"""Rank of every other problem."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, reported as ``path:line: message``."""

    path: str
    line: int
    message: str
    rank: int = OTHER
    """:data:`ROOT_CAUSE`, :data:`CONSEQUENCE` or :data:`OTHER`: the order of the report."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(Exception):
    """Raised once, after every problem in the content has been collected."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=_sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))


def _sort_key(problem: Problem) -> tuple[int, str, int, str]:
    return (problem.rank, str(PurePosixPath(problem.path)), problem.line, problem.message)


class Collector:
    """Gathers problems from every stage so they can be reported together."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, line: int, message: str, rank: int = OTHER) -> None:
        self.problems.append(Problem(path, max(line, 1), message, rank))

    def raise_if_any(self) -> None:
        if self.problems:
            raise ContentError(self.problems)
