"""Fast rebuilds under `mkdocs serve`: a page whose inputs did not change is not rendered again.

MkDocs rebuilds the whole site on every change, converting every page's Markdown and
rendering every page through the theme, even when one content file changed and the
generator rewrote only the few pages that show it. This cache, which the plugin
(:mod:`briefing.plugin`) keeps under `mkdocs serve`, skips both steps for the pages whose inputs are the same as
in the last build:

Markdown → HTML
    keyed by the page's Markdown as the plugin sees it, its path and URL, every file of
    the site (links resolve against them) and the configuration. A hit restores the
    content, table of contents, title and anchors instead of converting again.
HTML → page
    keyed by the content once every page is read (Material's tags plugin fills listing
    pages in at that point), the table of contents, title, metadata, the nav with every
    page's title and URL, the configuration and every template of the theme. A hit
    renders a one-line template that returns the page as last built.

Everything else runs as usual, so the search index, the sitemap, link and anchor
validation and every plugin see the same pages as in a full build. A page whose
rendering logged a warning is never kept, so a cached page cannot hide a problem; a
page with a tags listing is never kept at the Markdown stage (the listing is filled in
later). `tests/test_preview_cache.py` proves that rebuilds after edits give the same
site, byte for byte, as a clean build.

The plugin object owns the cache (MkDocs keeps a plugin with an ``on_startup`` event for
the whole `mkdocs serve`), which holds the last version of each page only.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

RESTORED = "briefing_restored_content"
"""Attribute of a page whose conversion came from the cache: the content it restored, which
went through every page_content event (the sanitiser included) when it was first made."""
CACHED_TEMPLATE = "briefing-preview-cached.html"
"""The template a cached page is rendered with: it returns the page's last output."""
_OUTPUT = "briefing_preview_output"


@dataclass
class Rendered:
    """What converting a page's Markdown produced, as MkDocs' Page.render leaves it."""

    content: str
    toc: bytes
    """The table of contents, pickled: each restore unpickles a copy of its own (a page's toc
    may be changed by the build that restores it), several times faster than copying it."""
    title: str | None
    anchors: set[str]
    links: dict[str, dict[str, str]] | None
    """Links to anchors of other pages, by the linked file's ``src_uri``."""


class _Warnings(logging.Handler):
    """Counts the warnings MkDocs and its plugins log, to keep no page that caused one."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class PreviewCache:
    """The last rendering of every page, with the digests of what it was rendered from."""

    markdown: dict[str, tuple[str, Rendered]] = field(default_factory=dict)
    pages: dict[str, tuple[str, str]] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=lambda: {"markdown": 0, "page": 0, "search": 0})
    _site: str = ""
    _warnings: _Warnings = field(default_factory=_Warnings)
    _seen: dict[str, tuple[str, int]] = field(default_factory=dict)
    _listings: re.Pattern[str] | None = None
    _nav: Navigation | None = None
    _outputs: bool = True
    _bytecode: _CompiledTemplates = field(default_factory=lambda: _CompiledTemplates())
    search: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    """Each page's entries in Material's search index (pickled), by the digest of the page."""

    @property
    def warnings_handler(self) -> logging.Handler:
        """The handler that counts MkDocs' warnings (a page that logged one is not kept)."""
        return self._warnings

    # --- events, in build order -------------------------------------------------------------

    def start(self, config: MkDocsConfig) -> None:
        """A build begins: note what every page depends on at the level of the whole site."""
        self.hits = {"markdown": 0, "page": 0, "search": 0}
        self._seen = {}
        self._site = _digest(_config_text(config), *_theme_files(config))
        self._bytecode.start(self._site)
        directives = [
            re.escape(str(plugin.config["listings_directive"]))
            for plugin in config.plugins.values()
            if "listings_directive" in getattr(plugin, "config", {})
        ]
        self._listings = re.compile(rf"<!--\s*?(?:{'|'.join(directives)})", re.I) if directives else None
        # Kept output is final output: another plugin changing pages after they are rendered
        # would change it twice, so then only the Markdown stage is used.
        self._outputs = len(config.plugins.events["post_page"]) <= 1
        for plugin in config.plugins.values():
            index: Any = getattr(plugin, "search_index", None)
            if isinstance(getattr(index, "entries", None), list) and hasattr(index, "add_entry_from_context"):
                index.add_entry_from_context = self._indexer(index)
        logger = logging.getLogger("mkdocs")
        if self._warnings not in logger.handlers:
            logger.addHandler(self._warnings)

    def nav_ready(self, nav: Navigation, files: Files) -> None:
        """The site's files and nav are known: links in every page resolve against them."""
        listing = sorted((f.src_uri, f.url, f.dest_uri) for f in files)
        self._site = _digest(self._site, repr(listing))
        self._nav = nav

    def markdown_ready(self, markdown: str, page: Page) -> None:
        """Before conversion: restore the last conversion of the same Markdown, if any."""
        if self._listings is not None and self._listings.search(markdown):
            return  # the tags plugin fills the listing in after conversion
        key = _digest(self._site, page.file.src_uri, page.url, markdown)
        self._seen[page.file.src_uri] = (key, self._warnings.count)
        kept = self.markdown.get(page.file.src_uri)
        if kept is not None and kept[0] == key:
            self.hits["markdown"] += 1
            page.render = _restorer(page, kept[1])  # type: ignore[method-assign]

    def content_ready(self, page: Page, files: Files) -> None:
        """After conversion: keep it, unless it logged a warning or awaits a tags listing."""
        key, warnings = self._seen.pop(page.file.src_uri, ("", -1))
        if not key or warnings != self._warnings.count or page.present_anchor_ids is None:
            self.markdown.pop(page.file.src_uri, None)
            return
        if page.content == getattr(page, RESTORED, None):
            return  # restored from the entry kept, and unchanged since
        links = None
        if page.links_to_anchors is not None:
            links = {f.src_uri: dict(anchors) for f, anchors in page.links_to_anchors.items()}
        kept = Rendered(
            page.content or "",
            pickle.dumps(page.toc, pickle.HIGHEST_PROTOCOL),
            page._title_from_render,
            set(page.present_anchor_ids),
            links,
        )
        self.markdown[page.file.src_uri] = (key, kept)

    def pages_ready(self, env: jinja2.Environment, files: Files) -> None:
        """Every page is read: pages whose theme inputs are unchanged render their last output."""
        env.bytecode_cache = self._bytecode
        if not self._outputs:
            return
        if not isinstance(env.loader, _WithCached):
            env.loader = _WithCached(env.loader)
        outline = _digest(self._site, repr(_nav_outline(self._nav.items if self._nav else [])))
        for file in files.documentation_pages():
            page = file.page
            if page is None or file.inclusion.is_excluded():  # type: ignore[no-untyped-call]
                continue
            text = _page_text(page)
            if " at 0x" in text:
                continue  # part of the page has no stable text form
            key = _digest(outline, text)
            self._seen[file.src_uri] = (key, self._warnings.count)
            kept = self.pages.get(file.src_uri)
            if kept is not None and kept[0] == key:
                self.hits["page"] += 1
                page.meta["template"] = CACHED_TEMPLATE
                setattr(page, _OUTPUT, kept[1])

    def _indexer(self, index: Any) -> Any:
        """Material's search indexing of a page, reusing the page's last entries when the page
        is the same: indexing parses the whole page, and every page is indexed on every build."""
        index_page = index.add_entry_from_context

        def add_entry_from_context(page: Page) -> None:
            text = _page_text(page)
            key = _digest(text) if " at 0x" not in text else ""
            kept = self.search.get(page.file.src_uri)
            if key and kept is not None and kept[0] == key:
                index.entries.extend(pickle.loads(kept[1]))
                self.hits["search"] += 1
                return
            first = len(index.entries)
            index_page(page)
            if key:
                self.search[page.file.src_uri] = (
                    key,
                    pickle.dumps(index.entries[first:], pickle.HIGHEST_PROTOCOL),
                )

        return add_entry_from_context

    def page_built(self, output: str, page: Page) -> None:
        """A page went through the theme: keep its output unless that logged a warning."""
        key, warnings = self._seen.pop(page.file.src_uri, ("", -1))
        if not key:
            return
        if warnings != self._warnings.count:
            self.pages.pop(page.file.src_uri, None)
        else:
            self.pages[page.file.src_uri] = (key, output)


def _restorer(page: Page, kept: Rendered) -> Any:
    """A stand-in for ``page.render`` that sets what the conversion would set."""

    def render(config: MkDocsConfig, files: Files) -> None:
        page.content = kept.content
        setattr(page, RESTORED, kept.content)
        page.toc = pickle.loads(kept.toc)
        page._title_from_render = kept.title
        page.present_anchor_ids = set(kept.anchors)
        if kept.links is not None:
            by_uri = files.src_uris  # kept by src_uri, already in its normal form
            page.links_to_anchors = {
                target: dict(anchors)
                for uri, anchors in kept.links.items()
                if (target := by_uri.get(uri)) is not None
            }

    return render


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates, compiled once for all rebuilds (MkDocs makes a new template
    environment for every build). Jinja checks each template's source against what was
    compiled; a change of configuration or theme files starts afresh."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}
        self.version = ""

    def start(self, version: str) -> None:
        if version != self.version:
            self.compiled.clear()
            self.version = version

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class _WithCached(jinja2.BaseLoader):
    """The theme's loader, plus the one-line template of cached pages."""

    def __init__(self, theme: jinja2.BaseLoader | None) -> None:
        self.theme = theme

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Any]:
        if template == CACHED_TEMPLATE:
            return "{{ page." + _OUTPUT + " }}", None, lambda: True
        if self.theme is None:
            raise jinja2.TemplateNotFound(template)
        return self.theme.get_source(environment, template)

    def list_templates(self) -> list[str]:
        return [*(self.theme.list_templates() if self.theme else []), CACHED_TEMPLATE]


def _digest(*parts: str) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def _config_text(config: MkDocsConfig) -> str:
    """The configuration file as written, and what the environment or `serve` changed in it."""
    path = Path(config.config_file_path)
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    return repr((text, config.site_url, config.docs_dir, config.use_directory_urls))


def _theme_files(config: MkDocsConfig) -> list[str]:
    """The theme as installed (by version) and every file of its overrides folder, with its
    size and modification time: an edited override re-renders every page."""
    found = [f"{name} {_version(name)}" for name in ("mkdocs", "mkdocs-material")]
    custom = config.theme.custom_dir
    for parent, _, names in sorted(os.walk(custom) if custom else []):
        for name in sorted(names):
            stat = os.stat(os.path.join(parent, name))
            found.append(f"{parent}/{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return found


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _nav_outline(items: list[Any]) -> list[Any]:
    """The nav as titles and URLs: every page's nav, breadcrumbs and neighbours come from it."""
    outline: list[Any] = []
    for item in items:
        children = getattr(item, "children", None)
        outline.append(
            (type(item).__name__, item.title, getattr(item, "url", None), _nav_outline(children or []))
        )
    return outline


def _toc_outline(items: Any) -> list[Any]:
    return [(item.title, item.id, item.level, _toc_outline(item.children)) for item in items]


def _page_text(page: Page) -> str:
    """Everything of a page itself that the theme shows."""
    toc = _toc_outline(page.toc)
    return repr(
        (
            page.file.src_uri,
            page.url,
            page.canonical_url,
            page.edit_url,
            page.title,
            sorted((str(k), repr(v)) for k, v in page.meta.items() if v != CACHED_TEMPLATE),
            toc,
            page.content,
        )
    )
