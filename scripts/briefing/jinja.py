"""The Jinja environment of every template, pages and maps alike: its filters and globals.

Template output is Markdown (pages) or HTML (maps), and everything a contributor wrote is
untrusted: the environment escapes by default, and ``written`` also makes the characters
Markdown would read as syntax inert, so a value can never become a link, a table cell or
a code span it was not written as. Templates are compiled once per process, and kept
compiled on disk between processes.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import html
import json
import re
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from briefing import urls
from briefing.model.text import without_markers
from briefing.model.types import PartialDate
from briefing.render import labels


def yaml_string(value: object) -> Markup:
    """A front-matter string: JSON-quoted (valid YAML) with markup characters escaped."""
    return Markup(json.dumps(html.escape(str(value), quote=False), ensure_ascii=False))


def yaml_attribute(value: object) -> Markup:
    """A front-matter string the theme writes into an attribute as it is (the page
    description in ``<meta name="description" content="…">``): `yaml_string` with double
    quotes escaped too, so that any template engine writes valid HTML."""
    return Markup(json.dumps(html.escape(str(value), quote=False).replace('"', "&quot;"), ensure_ascii=False))


def long_date(value: dt.date | PartialDate | None) -> str:
    """A date for readers: ``23 November 2026`` (partial dates keep their precision)."""
    if value is None:
        return ""
    return PartialDate.parse(value).human()


def one_line(value: object) -> str:
    """Text with every run of whitespace made one space, for list items and table cells."""
    return " ".join(str(value).split())


_CODE = re.compile(r"``(.+?)``|`([^`]+)`")


def table_cell(value: object) -> Markup:
    """Text safe inside a Markdown table cell: escaped, on one line, pipes and square brackets
    as entities. Code (```x``` or ``x``, as docstrings write it) becomes an HTML ``<code>``
    element, in which the entities read as characters (in a Markdown code span they would be
    shown as written)."""
    text, out, last = str(escape(one_line(value))), [], 0
    for found in _CODE.finditer(text):
        out += [_inert(text[last : found.start()]), f"<code>{_inert(found[1] or found[2])}</code>"]
        last = found.end()
    return Markup("".join([*out, _inert(text[last:])]))


_INERT = {"\\": "&#92;", "[": "&#91;", "]": "&#93;", "|": "&#124;", "`": "&#96;"}
_INERT_TABLE = str.maketrans(_INERT)


def _inert(text: str) -> str:
    """Text with the characters that would change the Markdown around it as character
    references: brackets (a contributor's "Front ]" would end the link it is the text of), a
    backslash (it would escape the bracket after it), a pipe (it would split a table cell) and
    a backtick (two would make a code span of everything between them)."""
    return text.translate(_INERT_TABLE)


def written(value: object) -> object:
    """What a template writes for ``{{ value }}`` (the environment's ``finalize``): text with the
    characters Markdown would read as syntax as character references (`_inert`), then
    escaped as usual; markup the templates and filters built (Markup) is written as it is."""
    if isinstance(value, str) and not isinstance(value, Markup) and any(c in value for c in _INERT):
        return Markup(_inert(str(escape(value))))
    return value


def markdown_cell(value: str) -> str:
    """Text for a Markdown table cell, escaped for HTML by the template: pipes backslash-escaped,
    line breaks made spaces."""
    return value.replace("|", "\\|").replace("\n", " ")


def mermaid_text(value: object) -> Markup:
    """Text for a quoted Mermaid label: Mermaid's own entity codes, no HTML escaping
    (the fence's content is escaped once by pymdownx.superfences)."""
    text = one_line(value)
    for char, code in (("#", "#35;"), ('"', "#quot;"), ("&", "#amp;"), ("<", "#lt;"), (">", "#gt;")):
        text = text.replace(char, code)
    return Markup(text)


def mermaid_id(value: str) -> str:
    """A Mermaid node id from a content id (hyphens read as edges; a prefix avoids keywords)."""
    return "n_" + value.replace("-", "_")


def compiled_templates() -> BytecodeCache | None:
    """Jinja's cache of compiled templates in the system's temporary folder (as Python keeps
    compiled modules): compiling the templates is a fixed half second of every build. Jinja
    checks each entry against the template's source; no cache where the folder is unusable."""
    # Jinja keys an entry by the template's source only, but the environment is compiled in
    # too (``finalize``): entries are kept apart per version of the module that makes it.
    made_by = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    try:
        return FileSystemBytecodeCache(pattern=f"__briefing_{made_by}_%s.cache")
    except (OSError, RuntimeError):
        return None


@functools.cache
def page_environment() -> Environment:
    """The Jinja environment of the page templates, made once per process: templates are
    compiled on first use and again only when their file changes."""
    env = Environment(
        loader=PackageLoader("briefing", "templates"),
        bytecode_cache=compiled_templates(),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=written,
    )
    env.filters["human"] = lambda d: d.human() if d is not None else ""
    env.filters["yaml"] = yaml_string
    env.filters["yaml_attribute"] = yaml_attribute
    env.filters["longdate"] = long_date
    env.filters["oneline"] = one_line
    env.filters["plain"] = without_markers
    env.filters["upperfirst"] = lambda text: text[:1].upper() + text[1:]
    env.filters["cell"] = table_cell
    env.filters["mdcell"] = markdown_cell
    env.filters["mermaid"] = mermaid_text
    env.filters["mermaid_id"] = mermaid_id
    env.filters["shown"] = lambda mentions: [m for m in mentions if m.snippet is not None]
    env.filters["hidden"] = lambda mentions: [m for m in mentions if m.snippet is None]
    env.globals["labels"] = labels
    env.globals["urls"] = urls
    return env
