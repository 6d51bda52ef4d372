"""Glossary abbreviations as Markdown ``abbr`` definitions, for tooltips on every page.

Generated pages get the definitions from the renderer; hand-written pages get them
from the same function, called by the MkDocs plugin (``on_page_markdown``) and by
``briefing generate --out`` when it copies docs/. Material's ``content.tooltips``
then shows the expansion on hover.
"""

from __future__ import annotations

from collections.abc import Iterable

from briefing.model.models import GlossaryEntry


def abbreviation_lines(glossary: Iterable[GlossaryEntry]) -> str:
    """``*[TTP]: Tehreek-e-Taliban Pakistan`` for every glossary entry with an expansion, sorted by term."""
    entries = sorted((e for e in glossary if e.expansion), key=lambda e: (e.term.casefold(), e.term))
    return "\n".join(f"*[{e.term}]: {' '.join((e.expansion or '').split())}" for e in entries)


def with_abbreviations(markdown: str, lines: str) -> str:
    """A page's Markdown with the abbreviation definitions appended once."""
    if not lines or markdown.rstrip("\n").endswith(lines):
        return markdown
    return f"{markdown.rstrip()}\n\n{lines}\n"
