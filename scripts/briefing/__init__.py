"""Frontier Briefing: turn curated content into a briefing site.

The package is the pure core of the generator: it reads ``content/``, validates it
and renders Markdown pages and map files as a ``{path: text}`` mapping. It never
imports MkDocs; ``scripts/hooks.py`` and :mod:`briefing.cli` are the adapters.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
