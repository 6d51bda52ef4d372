"""MkDocs adapter for the briefing generator: the ``briefing`` plugin, glue and no logic.

Configured in mkdocs.yml (every option is typed and checked by MkDocs when the file is
read; see :class:`BriefingConfig`)::

    plugins:
      - briefing:
          tiles: osm

on_startup under `mkdocs serve`, keeps a generator with an in-memory cache per content
           folder between rebuilds (:class:`briefing.cache.Memory`): only changed files
           are parsed and only pages whose inputs changed are rendered again. MkDocs keeps
           this plugin object for the whole `mkdocs serve` because it has this event.
           `mkdocs build` renders everything on every core and keeps drawn maps on disk
           (:class:`briefing.cache.MapFolder`).
on_config  runs the pipeline (content/ → validated briefing → pages) once per build and
           expands the generated sections of the nav, and adds the Markdown extension that
           converts the same HTML with less work (:mod:`.fastmarkdown`); bad content aborts the build
           with every problem listed as file:line: message. Bad content under serve shows
           the last good site with the problems on every page (briefing.render.preview) instead
           of an aborted build, which would leave the server waiting.
on_files   adds the generated pages as virtual files (never written into docs/) and points
           each page's edit link at the file an editor changes.
on_config, on_files
           give Material's search index a parser that makes the same entries with less work
           (:mod:`.fastsearch`).
on_page_markdown
           appends the glossary's abbreviations to hand-written pages (generated pages
           already carry them), so every page has the same tooltips, and escapes the
           quotes in their descriptions, which the theme writes into an attribute.
on_page_content
           passes every page's HTML through the allow-list sanitiser (briefing.sanitise)
           before the theme wraps it: content that `briefing check` let through still
           cannot run script in a reader's browser.
on_post_page, on_post_template
           correct the four markup faults of the theme's own HTML (:mod:`.theme_html`).
on_nav, on_page_markdown, on_page_content, on_env, on_post_page
           under `mkdocs serve`, feed the preview cache (:mod:`.preview_cache`), which skips
           converting and theming the pages whose inputs did not change since the last
           rebuild; in a large `mkdocs build` on several cores, forked workers convert and
           theme the pages first and fill the same cache (:mod:`.parallel_pages`).
on_serve   watches content/ every 0.1 s, so that an edit is seen five times sooner than
           MkDocs' own watcher would.

MkDocs keeps one object of a plugin with ``on_startup`` for the whole process, whatever
config file it reads: what lasts between builds is kept by content folder, and what one
build needs is set again by each ``on_config``.
"""

from __future__ import annotations

import ast
import inspect
import json
import logging
import os
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from briefing.cache import Cache, MapFolder
from briefing.errors import ContentError, Problem
from briefing.options import OptionError, Options, tile_server
from briefing.parallel import jobs
from briefing.pipeline import Generator, generate
from briefing.plugin import fastmarkdown, fastsearch, parallel_pages
from briefing.plugin.preview_cache import RESTORED, PreviewCache
from briefing.plugin.theme_html import tidy
from briefing.render.abbreviations import with_abbreviations
from briefing.render.navigation import expand_nav, fold
from briefing.render.preview import banner, problem_site
from briefing.render.renderer import Site
from briefing.sanitise import sanitise

log = logging.getLogger("mkdocs.plugins.briefing")

CONTENT_POLL = 0.1
"""Seconds between two looks at content/ under `mkdocs serve` (MkDocs polls every 0.5 s)."""

MOVED = {"map_tiles": "tiles", "map_tiles_attribution": "tiles_attribution", "map_cache": "map_cache"}
"""Options once read from ``extra:``, by the plugin option that replaced each."""


class _Tiles(c.Type[str]):
    """``tiles`` or ``tiles_attribution``: a string, and together a tile server the maps can use."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def post_validation(self, config: base.Config, key_name: str) -> None:
        try:
            tile_server(config["tiles"], config["tiles_attribution"])
        except OptionError as exc:
            if exc.option == key_name:
                raise base.ValidationError(exc.message) from None


class _Folder(c.Type[str]):
    """A folder given relative to mkdocs.yml, which must not climb out of the project: no
    absolute path and no ``..`` past its root (checked as written; the folder itself may be
    a link the project's owner made)."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def post_validation(self, config: base.Config, key_name: str) -> None:
        value = config[key_name]
        project = os.path.abspath(os.path.dirname(config.config_file_path or "mkdocs.yml"))
        folder = os.path.normpath(os.path.join(project, value))
        if os.path.isabs(value) or os.path.commonpath([project, folder]) != project or folder == project:
            raise base.ValidationError(f"{value!r} is not a folder inside the project ({project})")


class _Count(c.Type[int]):
    """A whole number, 0 or more."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(value, bool) or number < 0:
            raise base.ValidationError(f"{value!r} is not a whole number of 0 or more")
        return number


class BriefingConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs' own signature
    """The plugin's options, checked by MkDocs when mkdocs.yml is read."""

    content = _Folder("content")
    """The content folder, relative to mkdocs.yml (inside the project: not absolute, no ``..``
    past it)."""
    tiles = _Tiles("osm")
    """Map tiles, the only third-party host a reader's browser contacts: ``osm``
    (OpenStreetMap), ``none`` for a fully offline site, or an https URL template with
    ``{z}``, ``{x}`` and ``{y}`` (then ``tiles_attribution`` is required)."""
    tiles_attribution = _Tiles("")
    """The attribution a custom tile server requires, shown on every map."""
    map_cache = c.Type(bool, default=True)
    """Whether `mkdocs build` keeps the maps it draws in ``.cache/briefing/maps/`` beside
    mkdocs.yml and reads back those whose inputs and drawing code are unchanged."""
    workers = _Count(0)
    """Processes a `mkdocs build` generates and builds pages with: 0 for ``BRIEFING_JOBS``,
    else every usable CPU; 1 for one process."""


def option_table() -> str:
    """The plugin's options as a Markdown table (README's Configuration section): each option's
    name, default and the docstring below it in :class:`BriefingConfig`."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(BriefingConfig)))
    body = tree.body[0].body if isinstance(tree.body[0], ast.ClassDef) else []
    rows = ["| option | default | meaning |", "|---|---|---|"]
    for node, after in zip(body, [*body[1:], None], strict=True):
        if not (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)):
            continue
        name = node.targets[0].id
        doc = (
            after.value.value if isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant) else ""
        )
        default = dict(BriefingConfig._schema)[name].default
        text = " ".join(str(doc).split()).replace("``", "`")
        rows.append(f"| `{name}` | `{json.dumps(default)}` | {text} |")
    return "\n".join(rows) + "\n"


class BriefingPlugin(BasePlugin[BriefingConfig]):  # type: ignore[no-untyped-call]
    """Adds the generated briefing to the site (see the module)."""

    def __init__(self) -> None:
        self.command: Literal["build", "gh-deploy", "serve"] | None = None
        self._generators: dict[Path, Generator] = {}
        """Under `mkdocs serve`: per content folder, its generator with its in-memory cache."""
        self.preview = PreviewCache()
        """Converted and themed pages kept between builds (serve) or filled by workers (build)."""
        # What one build carries from one event to the next (set again by on_config).
        self._site = Site()
        self._banner: str | None = None
        self._hidden: set[str] = set()
        self._workers = 1
        self._nav: Navigation | None = None

    # --- the site's configuration and files -----------------------------------------------

    @property
    def _serving(self) -> bool:
        return self.command == "serve"

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command

    def _content(self) -> Path:
        return Path(self.config.config_file_path).resolve().parent / self.config.content

    def _workers_wanted(self) -> int:
        return self.config.workers or jobs()

    def options(self, config: MkDocsConfig) -> Options:
        """The generator's options from this plugin's and MkDocs' own configuration."""
        moved = [key for key in MOVED if key in config.extra]
        if moved:
            where = ", ".join(f"extra.{key} is now plugins.briefing.{MOVED[key]}" for key in moved)
            raise PluginError(f"mkdocs.yml: {where} (see README, Configuration)")
        try:
            return Options(
                site_url=config.site_url or "",
                use_directory_urls=config.use_directory_urls,
                tiles=self.config.tiles,
                tiles_attribution=self.config.tiles_attribution,
            )
        except OptionError as exc:  # MkDocs checked the plugin's own options already
            raise PluginError(f"mkdocs.yml: {exc}") from None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        options = self.options(config)
        self._banner, self._workers, self._nav = None, 1, None
        if fastmarkdown.NAME not in config.markdown_extensions:
            config.markdown_extensions.append(fastmarkdown.NAME)
        content = self._content()
        try:
            if self._serving:
                generator = self._generators.setdefault(content, Generator(content))
                site = generator.generate(options)
                stats = generator.stats
            else:
                folder = Path(config.config_file_path).parent / ".cache" / "briefing" / "maps"
                cache = MapFolder(folder) if self.config.map_cache else Cache()
                one_off = self.command is not None
                site = generate(content, options, cache, self._workers_wanted(), one_off)
                stats = {"pages_rendered": len(site.pages)}
        except ContentError as exc:
            if self._serving:
                _not_strict()
            for problem in exc.problems:
                log.error(str(problem))
            if not self._serving:
                raise Abort(
                    f"Aborted: {len(exc.problems)} content problem(s); run `briefing check`."
                ) from None
            site, stats = self._preview_with_problems(config, exc.problems), {"pages_rendered": 0}
        for warning in site.warnings:
            log.warning(str(warning))
        parsed = f"{stats['files_parsed']} content files parsed, " if "files_parsed" in stats else ""
        log.info(f"briefing: {parsed}{stats['pages_rendered']} of {len(site.pages)} pages rendered")
        self._site = site
        folded, hidden = fold(site.nav)
        self._hidden = set(hidden)
        config.nav = expand_nav(config.nav or [], folded)
        fastsearch.install(config.plugins)
        if self._serving:
            self.preview.start(config)
        return config

    def _preview_with_problems(self, config: MkDocsConfig, problems: list[Problem]) -> Site:
        """Under `mkdocs serve`, bad content shows the last good site with the problems on every
        page (or a page of problems where the generated pages would be): an aborted build would
        leave the server waiting for one that never comes."""
        generator = self._generators.get(self._content())
        good = generator.good if generator is not None else None
        self._banner = banner(problems, kept=good is not None)
        if good is not None:
            return good.copy()
        docs = Path(config.docs_dir)
        return problem_site(problems, (p for p in _nav_pages(config.nav or []) if not (docs / p).is_file()))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        site = self._site
        for file in files:
            file.edit_uri = f"{Path(config.docs_dir).name}/{file.src_uri}" if _is_doc(file) else None
        for path, content in sorted({**site.pages, **site.assets}.items()):
            if files.get_file_from_path(path) is not None:
                raise Abort(f"Generated file {path} clashes with a hand-written file in docs/")
            generated = File.generated(config, path, content=content)
            if path in self._hidden:  # a leaf of a section folded into its index page
                generated.inclusion = InclusionLevel.NOT_IN_NAV
            generated.edit_uri = site.edit.get(path)
            files.append(generated)
        fastsearch.install(config.plugins)  # again: the search plugin may come after this one
        if not self._serving and (workers := parallel_pages.workers_for(files, self._workers_wanted())) > 1:
            self._workers = workers
            self.preview = PreviewCache()  # a one-off build reuses nothing of an earlier one
            self.preview.start(config)
        return files

    # --- pages ---------------------------------------------------------------------------

    @property
    def _cached(self) -> bool:
        """Whether this build goes through the preview cache: under serve, and one-off builds
        on several cores (:mod:`.parallel_pages` fills it)."""
        return self._serving or self._workers > 1

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        if self._cached:
            self.preview.nav_ready(nav, files)
        if self._workers > 1:
            self._nav = nav
            parallel_pages.convert(config, files, self._workers, self.preview)
        return nav

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if _is_doc(page.file):
            markdown = with_abbreviations(markdown, self._site.abbreviations)
            if isinstance(description := page.meta.get("description"), str):  # as generated pages'
                page.meta["description"] = description.replace('"', "&quot;")
        if self._banner is not None:
            markdown = self._banner + markdown
        if self._cached:
            self.preview.markdown_ready(markdown, page)
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if html != getattr(page, RESTORED, None):  # restored content was sanitised when it was made
            page.content = html = sanitise(html)  # the preview cache keeps page.content
        if self._cached:
            self.preview.content_ready(page, files)
        return html

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        if self._workers > 1 and self._nav is not None:
            parallel_pages.render(config, files, self._nav, env, self._workers, self.preview)
        if self._cached:
            self.preview.pages_ready(env, files)
        return env

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        output = tidy(output)
        if self._cached:
            self.preview.page_built(output, page)
        return output

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        return tidy(output_content)  # the error page (404.html)

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        # MkDocs' watcher polls every path at one interval, set when the server is made; the
        # content folder gets its own, shorter one (the interval a path's poller is made with).
        # Polling content/ costs one stat per file; the theme's thousands of files keep 0.5 s.
        default = server.observer.timeout
        server.observer._timeout = CONTENT_POLL  # watchdog reads it when a path is scheduled
        try:
            server.watch(str(self._content()))
        finally:
            server.observer._timeout = default
        return server


def _not_strict() -> None:
    """This build only: MkDocs counts warnings for --strict (and `strict: true`) through a handler
    on its logger, added before on_config; a preview of bad content must still finish."""
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        if isinstance(handler, CountHandler):
            logger.removeHandler(handler)


def _nav_pages(nav: list[Any]) -> Iterator[str]:
    for entry in nav:
        values = entry.values() if isinstance(entry, dict) else [entry]
        for value in values:
            if isinstance(value, list):
                yield from _nav_pages(value)
            elif isinstance(value, str) and value.endswith(".md"):
                yield value


def _is_doc(file: File) -> bool:
    return file.generated_by is None and file.is_documentation_page()
