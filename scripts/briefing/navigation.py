"""Merge the generated sections into the nav declared in mkdocs.yml."""

from __future__ import annotations

from typing import Any


def expand_nav(declared: list[Any], generated: list[Any]) -> list[Any]:
    """Replace each declared entry that names a generated section's index page by the whole section.

    ``- Actors: actors/index.md`` in mkdocs.yml becomes ``- Actors: [actors/index.md, actors/ttp.md, …]``,
    so mkdocs.yml keeps the order and titles of the top-level sections and the generator fills them in.
    Generated sections mkdocs.yml does not declare are appended at the end.
    """
    sections = {pages[0]: pages for entry in generated for pages in entry.values()}
    expanded: list[Any] = []
    for entry in declared:
        if isinstance(entry, dict) and len(entry) == 1:
            ((title, value),) = entry.items()
            if isinstance(value, str) and value in sections:
                expanded.append({title: list(sections.pop(value))})
                continue
        expanded.append(entry)
    expanded.extend(entry for entry in generated if any(pages[0] in sections for pages in entry.values()))
    return expanded
