"""MkDocs adapter for the briefing generator: a screen of glue, no logic.

on_startup under `mkdocs serve`, asks the generator to keep its caches between rebuilds:
           then only changed files are parsed and only pages whose inputs changed are
           rendered again (the caches live in the package, which outlives rebuilds).
           `mkdocs build` renders everything on every core, and what the generator leaves alive is kept out of the garbage collector's walks.
on_config  runs the pipeline (content/ → validated briefing → pages) once per build and
           expands the generated sections of the nav; bad content aborts the build
           with every problem listed as file:line: message. `mkdocs build` keeps the
           maps it draws in .cache/briefing/maps/ and reads back those that are unchanged.
           Bad content under serve shows the last good site with the problems on every
           page (briefing.preview) instead of an aborted build, which would leave the
           server waiting.
on_files   adds the generated pages as virtual files (never written into docs/) and points
           each page's edit link at the file an editor changes.
on_page_markdown
           appends the glossary's abbreviations to hand-written pages (generated pages
           already carry them), so every page has the same tooltips, and escapes the
           quotes in their descriptions, which the theme writes into an attribute.
on_page_content
           passes every page's HTML through the allow-list sanitiser (briefing.sanitise)
           before the theme wraps it: content that `briefing check` let through still
           cannot run script in a reader's browser.
on_post_page, on_post_template
           correct the four markup faults of the theme's own HTML (scripts/theme_html.py).
on_nav, on_page_markdown, on_page_content, on_env, on_post_page
           under `mkdocs serve`, feed scripts/preview_cache.py, which skips converting
           and theming the pages whose inputs did not change since the last rebuild;
           in a large `mkdocs build` on several cores, scripts/parallel_pages.py has
           forked workers convert and theme the pages first and fills the same cache.
on_serve   watches content/ every 0.1 s, so that an edit is seen five times sooner than
           MkDocs' own watcher would (`watch: [content]` in mkdocs.yml names the folder too).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

import parallel_pages
from briefing.abbreviations import with_abbreviations
from briefing.errors import ContentError, Problem
from briefing.maps.settings import MapOptionError
from briefing.navigation import expand_nav, fold
from briefing.pipeline import caches_kept, generate, generator_for, keep_caches, one_off
from briefing.preview import banner, problem_site
from briefing.render import Site
from briefing.sanitise import sanitise
from preview_cache import CACHE, RESTORED
from theme_html import tidy

log = logging.getLogger("mkdocs.plugins.briefing")

# The generated site of the build in progress, by config file: MkDocs gives hooks no
# other place to carry data from on_config to on_files; and, under `mkdocs serve` while the
# content has problems, the banner that lists them.
_sites: dict[str, Site] = {}
_banners: dict[str, str] = {}
_hidden: dict[str, set[str]] = {}
_workers: dict[str, int] = {}
"""Per config file, for a one-off build on several cores: its number of workers."""
_navs: dict[str, Navigation] = {}
"""Per config file: generated pages left out of the nav (leaves of folded sections)."""


def _content_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / "content"


def _map_cache(config: MkDocsConfig) -> Path | None:
    """Where one-off builds keep drawn maps for the next (``extra: map_cache: false`` to
    draw every map every time)."""
    if config.extra.get("map_cache", True) is False:
        return None
    return Path(config.config_file_path).parent / ".cache" / "briefing" / "maps"


def on_startup(command: str, dirty: bool) -> None:
    if command == "serve":
        keep_caches()
    else:
        one_off()


CONTENT_POLL = 0.1
"""Seconds between two looks at content/ under `mkdocs serve` (MkDocs polls every 0.5 s)."""


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    # MkDocs' watcher polls every path at one interval, set when the server is made; the
    # content folder gets its own, shorter one (the interval a path's poller is made with).
    # Polling content/ costs one stat per file; the theme's thousands of files keep 0.5 s.
    default = server.observer.timeout
    server.observer._timeout = CONTENT_POLL  # watchdog reads it when a path is scheduled
    try:
        server.watch(str(_content_dir(config)))
    finally:
        server.observer._timeout = default
    return server


EXTRA_OPTIONS = {"tiles": "map_tiles", "tiles_attribution": "map_tiles_attribution"}
"""Generator options set under ``extra:`` in mkdocs.yml, by the key the generator reads."""


def _options(config: MkDocsConfig) -> dict[str, str]:
    options = {
        "site_url": config.site_url or "",
        "use_directory_urls": "true" if config.use_directory_urls else "false",
    }
    for option, key in EXTRA_OPTIONS.items():
        if config.extra.get(key) is not None:
            options[option] = str(config.extra[key])
    return options


def _config_error(exc: MapOptionError) -> ConfigurationError:
    """A map option's problem, in the words of mkdocs.yml (``extra.map_tiles``)."""
    message = str(exc)
    for option, key in EXTRA_OPTIONS.items():
        message = message.replace(f"options[{option!r}]", f"extra.{key}")
    return ConfigurationError(f"mkdocs.yml: {message}")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        options = _options(config)
        if caches_kept():
            generator = generator_for(_content_dir(config))
            site = generator.generate(options)
            stats = generator.stats
            _banners.pop(config.config_file_path, None)
        else:
            site = generate(_content_dir(config), options, map_cache=_map_cache(config))
            stats = {"pages_rendered": len(site.pages)}
    except MapOptionError as exc:
        raise _config_error(exc) from None
    except ContentError as exc:
        if caches_kept():
            _not_strict()
        for problem in exc.problems:
            log.error(str(problem))
        if not caches_kept():
            raise Abort(f"Aborted: {len(exc.problems)} content problem(s); run `briefing check`.") from None
        site, stats = _preview_with_problems(config, exc.problems), {"pages_rendered": 0}
    for warning in site.warnings:
        log.warning(str(warning))
    parsed = f"{stats['files_parsed']} content files parsed, " if "files_parsed" in stats else ""
    log.info(f"briefing: {parsed}{stats['pages_rendered']} of {len(site.pages)} pages rendered")
    _sites[config.config_file_path] = site
    folded, hidden = fold(site.nav)
    _hidden[config.config_file_path] = set(hidden)
    config.nav = expand_nav(config.nav or [], folded)
    if caches_kept():
        CACHE.start(config)
    return config


def _preview_with_problems(config: MkDocsConfig, problems: list[Problem]) -> Site:
    """Under `mkdocs serve`, bad content shows the last good site with the problems on every page
    (or a page of problems where the generated pages would be): an aborted build would leave the
    server waiting for one that never comes."""
    good = generator_for(_content_dir(config)).good
    _banners[config.config_file_path] = banner(problems, kept=good is not None)
    if good is not None:
        return good.copy()
    docs = Path(config.docs_dir)
    return problem_site(problems, (p for p in _nav_pages(config.nav or []) if not (docs / p).is_file()))


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


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = _sites[config.config_file_path]
    hidden = _hidden.get(config.config_file_path, set())
    for file in files:
        file.edit_uri = f"{Path(config.docs_dir).name}/{file.src_uri}" if _is_doc(file) else None
    for path, content in sorted({**site.pages, **site.assets}.items()):
        if files.get_file_from_path(path) is not None:
            raise Abort(f"Generated file {path} clashes with a hand-written file in docs/")
        generated = File.generated(config, path, content=content)
        if path in hidden:  # a leaf of a section folded into its index page
            generated.inclusion = InclusionLevel.NOT_IN_NAV
        generated.edit_uri = site.edit.get(path)
        files.append(generated)
    if not caches_kept() and (workers := parallel_pages.workers_for(files)) > 1:
        _workers[config.config_file_path] = workers
        CACHE.start(config)
    return files


def _is_doc(file: File) -> bool:
    return file.generated_by is None and file.is_documentation_page()


def _cached(config: MkDocsConfig) -> bool:
    """Whether this build goes through the page cache: under serve, and one-off builds on
    several cores (scripts/parallel_pages.py fills it)."""
    return caches_kept() or config.config_file_path in _workers


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    if _cached(config):
        CACHE.nav_ready(nav, files)
    if workers := _workers.get(config.config_file_path):
        _navs[config.config_file_path] = nav
        parallel_pages.convert(config, files, workers)
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _is_doc(page.file):
        markdown = with_abbreviations(markdown, _sites[config.config_file_path].abbreviations)
        if isinstance(description := page.meta.get("description"), str):  # as generated pages'
            page.meta["description"] = description.replace('"', "&quot;")
    if config.config_file_path in _banners:
        markdown = _banners[config.config_file_path] + markdown
    if _cached(config):
        CACHE.markdown_ready(markdown, page)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if html != getattr(page, RESTORED, None):  # restored content was sanitised when it was made
        page.content = html = sanitise(html)  # the preview cache keeps page.content
    if _cached(config):
        CACHE.content_ready(page, files)
    return html


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    if workers := _workers.get(config.config_file_path):
        parallel_pages.render(config, files, _navs[config.config_file_path], env, workers)
    if _cached(config):
        CACHE.pages_ready(env, files)
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = tidy(output)
    if _cached(config):
        CACHE.page_built(output, page)
    return output


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return tidy(output_content)  # the error page (404.html)
