"""The generator as one readable pipeline: load → validate → model → render.

``check`` stops after validation; ``generate`` returns every page as
``{path: text}``. Reads and writes never interleave: nothing here writes a file.
"""

from __future__ import annotations

from pathlib import Path

from .checks import check_briefing
from .content import Briefing, load_briefing
from .errors import Collector
from .render import Site, render_site


def check(content: Path) -> Briefing:
    """Load and validate all content; raise ContentError listing every problem."""
    problems = Collector()
    briefing = load_briefing(content, problems)
    check_briefing(briefing, content, problems)
    problems.raise_if_any()
    return briefing


def generate(content: Path, options: dict[str, str] | None = None) -> Site:
    """Validated content in, the generated pages and assets out."""
    briefing = check(content)
    return render_site(briefing, options or {})
