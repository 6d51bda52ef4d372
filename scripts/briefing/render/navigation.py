"""Merge the generated sections into the nav declared in mkdocs.yml, folding large ones.

A navigation lists every page it holds on every page of the site, so a section of a thousand
sources would make each page carry a thousand links (and the build render them a million
times). Sections with more leaf pages than a limit are folded: the nav shows their index page,
which lists, sorts and filters the leaves, and each leaf page shows its place in a breadcrumb.
"""

from __future__ import annotations

from typing import Any

NAV_PAGES_MAX = 60
"""Leaf pages a section may list in the navigation before it is folded into its index page:
enough for the real briefing's 51 actors grouped by kind to stay in the sidebar, where a
reader scans them; past it a sidebar no longer reads as a list, and the index page's filter
serves better."""


def leaves(value: Any) -> list[str]:
    """Every page path below a nav entry."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [p for v in value.values() for p in leaves(v)]
    if isinstance(value, list):
        return [p for v in value for p in leaves(v)]
    return []


def fold(generated: list[Any], max_pages: int | None = None) -> tuple[list[Any], list[str]]:
    """The generated sections with each section of more than ``max_pages`` leaf pages
    (:data:`NAV_PAGES_MAX` by default) reduced to its index page, and the paths of the pages
    folded away (left out of the nav)."""
    max_pages = NAV_PAGES_MAX if max_pages is None else max_pages
    folded: list[Any] = []
    hidden: list[str] = []
    for entry in generated:
        ((title, pages),) = entry.items()
        below = leaves(pages)[1:]
        if len(below) > max_pages:
            folded.append({title: [pages[0]]})
            hidden += below
        else:
            folded.append(entry)
    return folded, hidden


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


def not_in_nav_patterns(hidden: list[str]) -> list[str]:
    """``not_in_nav`` lines (gitignore patterns) for folded pages: each folded folder's pages but
    its index, for a config file a builder without our plugin reads."""
    folders = sorted({path.rsplit("/", 1)[0] for path in hidden if "/" in path})
    return [line for folder in folders for line in (f"/{folder}/*.md", f"!/{folder}/index.md")]
