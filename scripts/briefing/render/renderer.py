"""Render the briefing into Markdown pages through Jinja templates.

Every page is rendered with a :class:`Citer` that numbers the citations in order
of appearance, so a marker looks the same everywhere and each page ends with the
list of what it cites.
"""

from __future__ import annotations

import copy
import functools
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from briefing import urls
from briefing.cache.incremental import PageMemo, Recorder, tracked_roots
from briefing.errors import Problem
from briefing.index.crossref import CrossRef, cross_reference
from briefing.jinja import page_environment
from briefing.maps import MapSet, render_embed
from briefing.model.briefing import Body, Briefing
from briefing.model.models import Citation, Relation, Source
from briefing.model.text import Marker, Match, find_markers
from briefing.options import Options
from briefing.parallel import EVERYTHING, Share
from briefing.render import labels
from briefing.render.abbreviations import abbreviation_lines, with_abbreviations


@dataclass
class Site:
    """The generator's output: pages and files by path, with their content files and the nav."""

    pages: dict[str, str] = field(default_factory=dict)
    """Markdown pages, by path relative to the docs root."""
    assets: dict[str, str | bytes] = field(default_factory=dict)
    """Other generated files (map HTML, scripts, styles, images, data), by path relative to the docs root."""
    edit: dict[str, str] = field(default_factory=dict)
    """For each generated page, the content file an editor changes (relative to the repo)."""
    nav: list[Any] = field(default_factory=list)
    """MkDocs nav structure for the generated sections."""
    abbreviations: str = ""
    """The glossary's ``*[TERM]: expansion`` lines; hand-written pages get them through
    :func:`briefing.render.abbreviations.with_abbreviations` (the plugin and ``briefing generate``)."""
    skipped: set[str] = field(default_factory=set)
    """Pages and files left to another worker (see :mod:`briefing.parallel`); empty here."""
    warnings: list[Problem] = field(default_factory=list)
    """The content's warnings (likely duplicates): they fail strict builds, not the generator."""

    def add(self, part: Site) -> None:
        """Add a section's pages, files, edit links and nav entries (after this site's own)."""
        self.pages.update(part.pages)
        self.assets.update(part.assets)
        self.edit.update(part.edit)
        self.nav.extend(part.nav)

    def copy(self) -> Site:
        """A copy whose mappings and nav can be changed without changing this site."""
        return Site(
            dict(self.pages),
            dict(self.assets),
            dict(self.edit),
            copy.deepcopy(self.nav),
            self.abbreviations,
            warnings=list(self.warnings),
        )


def _with_markers(text: str, markers: list[Marker], citer: Citer, escaped: Callable[[str], Any]) -> Markup:
    """Text with each citation marker replaced by the page's numbered marker, the rest escaped."""
    out: list[str] = []
    last = 0
    for marker in markers:
        out.append(str(escaped(text[last : marker.start])))
        cite = Citation(source=marker.source, quote=marker.quote, para=marker.para, ref=marker.ref)
        out.append(str(citer(cite)))
        last = marker.end
    out.append(str(escaped(text[last:])))
    return Markup("".join(out).strip())


def _cell_text(value: str) -> Markup:
    """Part of a table cell: escaped, line breaks as spaces, pipes as entities (spaces kept)."""
    return Markup(str(escape(re.sub(r"\s+", " ", value))).replace("|", "&#124;"))


@dataclass
class Cited:
    """One numbered citation on a page."""

    number: int
    citation: Citation
    href: str
    tooltip: str
    source: Source | None = None
    match: Match | None = None
    reference: Any = None
    printed: bool = False
    """Whether a marker of it is in the page's printed brief (see `Citer.leave_out`)."""


class Citer:
    """Numbers a page's citations and renders their markers.

    It also notes which citations keep a marker in the page's printed brief: the parts a
    template marks as left out of print (``_macros.md.j2``'s ``print_omit``) tell it so
    through `leave_out`, and the list of sources prints only the entries the brief still
    cites (`Cited.printed`), under their numbers on the page.
    """

    def __init__(self, renderer: Renderer, page: str) -> None:
        self.renderer = renderer
        self.page = page
        self.cited: list[Cited] = []
        self._numbers: dict[tuple[str | None, str | None, str | None], Cited] = {}
        self._counts = {True: 0, False: 0}
        self._omitting = 0

    def __call__(self, citations: list[Citation] | Citation) -> Markup:
        """Markers for one or more citations, as inline Markdown."""
        items = citations if isinstance(citations, list) else [citations]
        macro = self.renderer.macros.marker
        return Markup("").join(macro(self._number(c)) for c in items)

    def leave_out(self, starts: bool = True) -> str:
        """Mark where a part left out of print starts (or, with False, ends); parts nest.
        Returns nothing to write: templates call it inline."""
        self._omitting += 1 if starts else -1
        return ""

    def _number(self, cite: Citation) -> Cited:
        key = (cite.source, cite.quote, cite.ref)
        if key not in self._numbers:
            # Corpus citations and context references are numbered apart, so the visible
            # numbers (corpus only) run 1, 2, 3 … without gaps.
            corpus = cite.ref is None
            self._counts[corpus] += 1
            self._numbers[key] = self.renderer.resolve(cite, self.page, self._counts[corpus])
            self.cited.append(self._numbers[key])
        if not self._omitting:
            self._numbers[key].printed = True
        return self._numbers[key]

    @property
    def corpus(self) -> list[Cited]:
        return [c for c in self.cited if c.source is not None]

    @property
    def context(self) -> list[Cited]:
        return [c for c in self.cited if c.reference is not None]


class Renderer:
    """Holds the template environment and the briefing while pages are rendered."""

    def __init__(
        self,
        briefing: Briefing,
        options: Options,
        share: Share = EVERYTHING,
        xref: CrossRef | None = None,
    ) -> None:
        self.briefing = briefing
        self.options = options
        self.env = page_environment()
        self.macros: Any = self.env.get_template("_macros.md.j2").module  # macros are attributes
        self.xref = xref if xref is not None else cross_reference(briefing)
        """Reverse links and mentions, computed once for every page."""
        self.maps: MapSet | None = None
        """The maps, set by the pipeline before pages are built."""
        self.abbreviations = abbreviation_lines(briefing.glossary)
        self.memo: PageMemo | None = None
        """Pages kept from an earlier run (incremental regeneration), or None."""
        self._view: Any = briefing
        """The briefing as the page being rendered sees it (a recording proxy when memoised)."""
        self.share = share
        """The part of the site this process renders (everything, unless rendering in parallel)."""
        self.skipped: set[str] = set()
        """Paths left to other workers, rendered here as empty placeholders."""
        # Kept with the briefing: it lives for one run, and a worker renders several shares of it.
        self._shared: dict[tuple[Any, ...], tuple[tuple[Any, ...], Markup]] = briefing.derived.setdefault(
            "shared fragments", {}
        )
        self._folders: dict[str, Any] = {}

    def shared(self, folder: str, name: str, *args: Any) -> Markup:
        """The ``_links.md.j2`` macro ``name`` applied to ``args`` on a page in ``folder``.

        Made once per run and folder: the source line above each passage an actor page lists
        is the same on every actor page, and a large briefing has tens of thousands. Only for
        fragments of what the page is given in its context, which incremental regeneration
        fingerprints (the fragment's own reads are not recorded).
        """
        key = (folder, name, *(a if isinstance(a, str | int) else id(a) for a in args))
        kept = self._shared.get(key)
        if kept is None:
            if folder not in self._folders:
                link = functools.partial(urls.relative_from, folder)
                variables = {"link": link, "briefing": self.briefing, "labels": labels}
                self._folders[folder] = self.env.get_template("_links.md.j2").make_module(variables)
            kept = self._shared[key] = (args, Markup(getattr(self._folders[folder], name)(*args)))
        return kept[1]

    def owns(self, path: str) -> bool:
        """Whether this process renders the page or file at ``path``; if not, it is noted as skipped."""
        if self.share.owns(path):
            return True
        self.skipped.add(path)
        return False

    def resolve(self, cite: Citation, page: str, number: int) -> Cited:
        """Where a citation points and what its tooltip says."""
        if cite.ref:
            ref = self._view.references[cite.ref]
            tip = f"Context: {ref.title}, {ref.publisher}" + (f", {ref.date.human()}" if ref.date else "")
            return Cited(number, cite, ref.url, tip, reference=ref)
        assert cite.source is not None and cite.quote is not None  # guaranteed by validation
        source = self._view.sources[cite.source]
        match = self._view.matches.get((cite.source, cite.quote, cite.para))
        href = urls.relative(page, urls.source_page(source.id, match.anchor if match else ""))
        # The outlet carries the source's tag ("partisan commentary", "opinion") on every marker.
        tip = f"“{cite.quote}” — {source.title}, {labels.source_credit(source)}, {source.published.human()}"
        return Cited(number, cite, href, tip, source=source, match=match)

    def body(self, body: Body, citer: Citer) -> Markup:
        """A Markdown body with its citation markers rendered and raw HTML escaped."""
        return _with_markers(body.text, body.markers, citer, escape)

    def cited(self, text: str, citer: Citer, cell: bool = False) -> Markup:
        """A cited text field (``models.CitedText``) with its markers rendered and the rest
        escaped; with ``cell``, on one line with pipes as entities, for a table cell."""
        return _with_markers(text, find_markers(text, 1)[0], citer, _cell_text if cell else escape)

    def hedge(self, relation: Relation) -> str:
        """A relation's qualifier and date as the page shows them ("reported, as of March 2024")."""
        return labels.relation_hedge(relation, self._view.sources)

    def map_embed(self, map_id: str, page: str) -> Markup:
        """The iframe and text alternative of a map on a page; empty when there is no such map."""
        view = self.maps.maps.get(map_id) if self.maps is not None else None
        if view is None or not self.share.owns(page):  # a page another worker renders
            return Markup("")
        return render_embed(view, page)

    def map_drawing(self, map_id: str, page: str) -> Markup:
        """The static drawing of a map alone (what a printed brief shows); empty when there is no such map."""
        view = self.maps.maps.get(map_id) if self.maps is not None else None
        if view is None or not self.share.owns(page):
            return Markup("")
        return Markup(self.macros.map_drawing(view, page))

    def page(self, template: str, path: str, **context: Any) -> str:
        """Render one page; ``cite`` and ``link`` are bound to the page's own path.

        The glossary's abbreviations are appended, so every generated page has its tooltips.
        """
        if not self.owns(path):
            return ""
        roots = {"briefing": self.briefing, "xref": self.xref}
        memo = self.memo
        fingerprint = memo.fingerprint(template, context, self.abbreviations) if memo else None
        if memo is not None and (kept := memo.lookup(path, fingerprint, roots)) is not None:
            return kept
        recorder = Recorder()
        view = tracked_roots(roots, recorder) if memo is not None else roots
        self._view = view["briefing"]
        citer = Citer(self, path)
        try:
            text = self.env.get_template(template).render(
                page=path,
                cite=citer,
                citer=citer,
                link=functools.partial(urls.relative_from, posixpath.dirname(path)),
                shared=functools.partial(self.shared, posixpath.dirname(path)),
                body=lambda b: self.body(b, citer),
                cited=lambda text, cell=False: self.cited(text, citer, cell),
                hedge=self.hedge,
                briefing=view["briefing"],
                xref=view["xref"],
                **context,
            )
        finally:
            self._view = self.briefing
        text = with_abbreviations(text, self.abbreviations)
        if memo is not None:
            memo.store(path, fingerprint, recorder, text)
        return text
