"""Frontier Briefing: turn curated content into a briefing site.

The package is the pure core of the generator: it reads ``content/``, validates it
and renders Markdown pages and map files as a ``{path: text}`` mapping. Two adapters
call it: :mod:`briefing.plugin`, the MkDocs plugin and the only module that imports
MkDocs, and :mod:`briefing.cli`, the ``briefing`` command.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
