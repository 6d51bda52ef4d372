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
    warning: bool = False
    """True: something an editor should look at that may be right (it fails only strict builds)."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {'warning: ' if self.warning else ''}{self.message}"


class ContentError(Exception):
    """Raised once, after every problem in the content has been collected; the warnings
    found beside the errors are listed after them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=_sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]


def _sort_key(problem: Problem) -> tuple[bool, int, str, int, str]:
    return (problem.warning, problem.rank, str(PurePosixPath(problem.path)), problem.line, problem.message)


class Collector:
    """Gathers problems from every stage so they can be reported together."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def add(self, path: str, line: int, message: str, rank: int = OTHER) -> None:
        self.problems.append(Problem(path, max(line, 1), message, rank))

    def warn(self, path: str, line: int, message: str) -> None:
        """Something that may be right but needs an editor's eye (a likely duplicate)."""
        self.warnings.append(Problem(path, max(line, 1), message, warning=True))

    def raise_if_any(self) -> None:
        """Raise ContentError if there is any error (with the warnings after the errors)."""
        if self.problems:
            raise ContentError(self.problems + self.warnings)

    def sorted_warnings(self) -> list[Problem]:
        return sorted(set(self.warnings), key=_sort_key)
