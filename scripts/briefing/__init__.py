"""Frontier Briefing: turn curated content into a briefing site.

The package is the pure core of the generator: it reads ``content/``, validates it
and renders Markdown pages and map files as a ``{path: text}`` mapping. Two adapters
call it: :mod:`briefing.plugin`, the MkDocs plugin and the only module that imports
MkDocs, and :mod:`briefing.cli`, the ``briefing`` command.

A folder per stage, in the order :mod:`briefing.pipeline` runs them: :mod:`briefing.load`
makes the in-memory briefing of :mod:`briefing.model`, :mod:`briefing.validate` checks it,
:mod:`briefing.index` cross-references it, :mod:`briefing.maps` plans and draws the maps and
:mod:`briefing.render` writes the pages. What a run may reuse from earlier ones is
:mod:`briefing.cache`; every path and link is :mod:`briefing.urls`.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
