"""What a preview shows while the content has problems: the last good build, or a page that lists
them, never a server that stops answering.

`mkdocs serve` rebuilds after every save. When the content does not check, a build that aborts
leaves MkDocs' server waiting for a build that never comes, so the preview adapter serves the last
good site instead (or, before there was one, :func:`problem_site`) with :func:`banner` on every
page. Problems are content, so they are written as escaped text in a ``pre`` element: nothing a
contributor wrote becomes markup here either.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from briefing.errors import Problem
from briefing.render.renderer import Site

SHOWN = {True: "this preview shows the last good build", False: "the generated pages wait for a fix"}
LIMIT = 50
"""Problems listed on the page; the terminal lists them all."""


def banner(problems: list[Problem], kept: bool) -> str:
    """A Markdown admonition that lists the content problems, for the top of every page;
    ``kept``: the pages shown are those of the last good build."""
    shown = "\n".join(html.escape(str(p), quote=False) for p in problems[:LIMIT])
    more = f"\n… and {len(problems) - LIMIT} more (see the terminal)" if len(problems) > LIMIT else ""
    count = f"{len(problems)} content problem{'s' if len(problems) != 1 else ''}"
    return (
        f'!!! failure "{count}: {SHOWN[kept]}"\n\n'
        "    Fix these and save: the preview rebuilds by itself. `briefing check` lists the same.\n\n"
        f'<pre class="preview-problems">{shown}{more}</pre>\n\n'
    )


def problem_site(problems: list[Problem], paths: Iterable[str]) -> Site:
    """A placeholder page at each of ``paths`` (the pages the nav names that only the generator
    makes), for a preview before any build was good; the adapter puts :func:`banner` on it, as on
    every page."""
    count = f"{len(problems)} content problem{'s' if len(problems) != 1 else ''}"
    page = f"---\ntitle: Content problems\n---\n# Content problems\n\nThis page is generated from content/, which has {count}: there is no good build to show yet.\n"
    return Site(pages={path: page for path in sorted(set(paths))})
