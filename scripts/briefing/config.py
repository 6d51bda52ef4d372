"""Derive a stand-alone builder config from the project's mkdocs.yml.

Builders that run no MkDocs hooks (Zensical, or plain MkDocs on a generated tree)
need the docs tree written out by ``briefing generate`` and a config that points
at it, lists the generated pages in the nav and loads neither the briefing plugin nor
a hook. The project's mkdocs.yml is edited as text, top-level key by top-level key, so
its YAML tags (``!ENV``, ``!!python/name``) pass through untouched (the ``plugins:``
block, which has none, is rewritten without the briefing plugin).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from briefing.render.navigation import expand_nav, fold, not_in_nav_patterns

_TOP_LEVEL = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):", re.MULTILINE)
_DROPPED = ("hooks", "watch", "docs_dir", "site_dir", "nav")
PLUGIN = "briefing"
"""The generator's MkDocs plugin, by the name mkdocs.yml gives it."""


def _blocks(text: str) -> list[tuple[str | None, str]]:
    """Split a YAML document into (top-level key, text) blocks, comments kept with the next key."""
    starts = [m.start() for m in _TOP_LEVEL.finditer(text)]
    blocks: list[tuple[str | None, str]] = [(None, text[: starts[0]] if starts else text)]
    for begin, end in zip(starts, [*starts[1:], len(text)], strict=True):
        match = _TOP_LEVEL.match(text, begin)
        blocks.append((match["key"] if match else None, text[begin:end]))
    return blocks


def _without_briefing(block: str) -> str:
    """The ``plugins:`` block without the briefing plugin (its pages are already written)."""
    plugins = yaml.safe_load(block)["plugins"] or []
    others = [p for p in plugins if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]
    return yaml.safe_dump({"plugins": others}, sort_keys=False, allow_unicode=True) + "\n"


def standalone_config(project_config: Path, config: Path, docs_dir: Path, generated_nav: list[Any]) -> str:
    """The project's mkdocs.yml rewritten for a pre-generated docs tree, without hooks or the plugin.

    Paths are relative to the new config's folder (Zensical requires it); the site is
    built into ``site/`` beside the config.
    """
    text = project_config.read_text(encoding="utf-8")
    here = config.resolve().parent
    overrides = os.path.relpath(project_config.resolve().parent / "overrides", here)
    kept: list[str] = []
    declared: list[Any] = []
    not_in_nav = ""
    for key, block in _blocks(text):
        if key == "nav":
            declared = yaml.safe_load(block)["nav"]
        elif key == "not_in_nav":
            not_in_nav = yaml.safe_load(block)["not_in_nav"] or ""
            continue
        elif key == "plugins":
            block = _without_briefing(block)
        if key not in _DROPPED:
            kept.append(block.replace("custom_dir: overrides", f"custom_dir: {overrides}"))
    folded, hidden = fold(generated_nav)
    settings = {
        "docs_dir": os.path.relpath(docs_dir.resolve(), here),
        "site_dir": "site",
        "nav": expand_nav(declared, folded),
        "not_in_nav": "\n".join([*not_in_nav.splitlines(), *not_in_nav_patterns(hidden)]) + "\n",
    }
    return "".join(kept).rstrip() + "\n\n" + yaml.safe_dump(settings, sort_keys=False, allow_unicode=True)
