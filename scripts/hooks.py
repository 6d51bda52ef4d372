"""MkDocs adapter for the briefing generator: a screen of glue, no logic.

on_config  runs the pipeline (content/ → validated briefing → pages) once per build and
           expands the generated sections of the nav; bad content aborts the build
           with every problem listed as file:line: message. Under `mkdocs serve` the
           generator keeps its caches between rebuilds: only changed files are parsed
           and only pages whose inputs changed are rendered again.
on_files   adds the generated pages as virtual files (never written into docs/) and points
           each page's edit link at the file an editor changes.
on_page_markdown
           appends the glossary's abbreviations to hand-written pages (generated pages
           already carry them), so every page has the same tooltips.
`watch: [content]` in mkdocs.yml makes `mkdocs serve` rebuild on a content edit.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from briefing.abbreviations import with_abbreviations
from briefing.errors import ContentError
from briefing.navigation import expand_nav
from briefing.pipeline import generator_for
from briefing.render import Site

log = logging.getLogger("mkdocs.plugins.briefing")

# The generated site of the build in progress, by config file: MkDocs gives hooks no
# other place to carry data from on_config to on_files.
_sites: dict[str, Site] = {}


def _content_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / "content"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        options = {
            "site_url": config.site_url or "",
            "tiles": str(config.extra.get("map_tiles", "osm")),
            "use_directory_urls": "true" if config.use_directory_urls else "false",
        }
        generator = generator_for(_content_dir(config))
        site = generator.generate(options)
    except ContentError as exc:
        for problem in exc.problems:
            log.error(str(problem))
        raise Abort(f"Aborted: {len(exc.problems)} content problem(s); run `briefing check`.") from None
    stats = generator.stats
    log.info("briefing: %(files_parsed)d content files parsed, %(pages_rendered)d pages rendered", stats)
    _sites[config.config_file_path] = site
    config.nav = expand_nav(config.nav or [], site.nav)
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


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not _is_doc(page.file):
        return markdown
    return with_abbreviations(markdown, _sites[config.config_file_path].abbreviations)
