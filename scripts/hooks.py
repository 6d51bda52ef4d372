"""MkDocs adapter for the briefing generator: a screen of glue, no logic.

on_startup under `mkdocs serve`, asks the generator to keep its caches between rebuilds:
           then only changed files are parsed and only pages whose inputs changed are
           rendered again. (MkDocs loads this file anew for every rebuild; the package,
           and its caches, stay.) `mkdocs build` renders everything on every core, and
           what the generator leaves alive is kept out of the garbage collector's walks.
on_config  runs the pipeline (content/ → validated briefing → pages) once per build and
           expands the generated sections of the nav; bad content aborts the build
           with every problem listed as file:line: message. `mkdocs build` keeps the
           maps it draws in .cache/briefing/maps/ and reads back those that are unchanged.
on_files   adds the generated pages as virtual files (never written into docs/) and points
           each page's edit link at the file an editor changes.
on_page_markdown
           appends the glossary's abbreviations to hand-written pages (generated pages
           already carry them), so every page has the same tooltips.
on_page_content
           passes every page's HTML through the allow-list sanitiser (briefing.sanitise)
           before the theme wraps it: content that `briefing check` let through still
           cannot run script in a reader's browser.
on_nav, on_page_markdown, on_page_content, on_env, on_post_page
           under `mkdocs serve`, feed scripts/preview_cache.py, which skips converting
           and theming the pages whose inputs did not change since the last rebuild.
`watch: [content]` in mkdocs.yml makes `mkdocs serve` rebuild on a content edit.
"""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from briefing.abbreviations import with_abbreviations
from briefing.errors import ContentError
from briefing.navigation import expand_nav
from briefing.pipeline import caches_kept, generate, generator_for, keep_caches, one_off
from briefing.render import Site
from briefing.sanitise import sanitise
from preview_cache import CACHE

log = logging.getLogger("mkdocs.plugins.briefing")

# The generated site of the build in progress, by config file: MkDocs gives hooks no
# other place to carry data from on_config to on_files.
_sites: dict[str, Site] = {}


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


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        options = {
            "site_url": config.site_url or "",
            "tiles": str(config.extra.get("map_tiles", "osm")),
            "use_directory_urls": "true" if config.use_directory_urls else "false",
        }
        if caches_kept():
            generator = generator_for(_content_dir(config))
            site = generator.generate(options)
            stats = generator.stats
        else:
            site = generate(_content_dir(config), options, map_cache=_map_cache(config))
            stats = {"pages_rendered": len(site.pages)}
    except ContentError as exc:
        for problem in exc.problems:
            log.error(str(problem))
        raise Abort(f"Aborted: {len(exc.problems)} content problem(s); run `briefing check`.") from None
    parsed = f"{stats['files_parsed']} content files parsed, " if "files_parsed" in stats else ""
    log.info(f"briefing: {parsed}{stats['pages_rendered']} of {len(site.pages)} pages rendered")
    _sites[config.config_file_path] = site
    config.nav = expand_nav(config.nav or [], site.nav)
    if caches_kept():
        CACHE.start(config)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site = _sites[config.config_file_path]
    for file in files:
        file.edit_uri = f"{Path(config.docs_dir).name}/{file.src_uri}" if _is_doc(file) else None
    for path, content in sorted({**site.pages, **site.assets}.items()):
        if files.get_file_from_path(path) is not None:
            raise Abort(f"Generated file {path} clashes with a hand-written file in docs/")
        generated = File.generated(config, path, content=content)
        generated.edit_uri = site.edit.get(path)
        files.append(generated)
    return files


def _is_doc(file: File) -> bool:
    return file.generated_by is None and file.is_documentation_page()


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    if caches_kept():
        CACHE.nav_ready(nav, files)
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _is_doc(page.file):
        markdown = with_abbreviations(markdown, _sites[config.config_file_path].abbreviations)
    if caches_kept():
        CACHE.markdown_ready(markdown, page)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    page.content = html = sanitise(html)  # the preview cache keeps page.content
    if caches_kept():
        CACHE.content_ready(page, files)
    return html


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    if caches_kept():
        CACHE.pages_ready(env, files)
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if caches_kept():
        CACHE.page_built(output, page)
    return output
