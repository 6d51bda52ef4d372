"""Relative links between the site's own paths, computed as text.

Every page and map links to many others, and ``posixpath.relpath`` makes both paths
absolute against the working directory before comparing them, which made it the
costliest single step of rendering a large briefing. Docs and URL paths are already
relative and normalised, so comparing their segments gives the same answer directly;
anything unusual (``.``, ``..``, empty segments, absolute paths) goes to ``posixpath``.
"""

from __future__ import annotations

import functools
import posixpath


def _segments(path: str) -> list[str] | None:
    """The segments of a plain relative path (a trailing slash allowed), or None."""
    if path in ("", "."):
        return []
    parts = path[:-1].split("/") if path.endswith("/") else path.split("/")
    if path.startswith("/") or any(part in ("", ".", "..") for part in parts):
        return None
    return parts


@functools.lru_cache(maxsize=1 << 17)
def relpath(path: str, start: str = ".") -> str:
    """``posixpath.relpath(path, start)`` for two relative paths, without touching the disk."""
    to, base = _segments(path) if path else None, _segments(start)
    if to is None or base is None:
        return posixpath.relpath(path, start)
    common = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."
