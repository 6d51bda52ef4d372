"""Material's search indexing of a page with the same entries and less work.

Material's search plugin splits every page's HTML into sections with a parser that, at every
tag and every run of text, intersects the set of elements it skips with the list of open
elements, whose items compare by tag through a Python ``__eq__`` and ``__hash__``: at a
thousand sources that is half of the indexing, and indexing is a third of theming the pages.
:class:`Parser` keeps the same two collections as tag names (a set, and a count per open
tag), which is what those comparisons amount to, does not count lines and columns that nothing
reads, and otherwise runs Material's code as it is.

:func:`install` gives Material's own ``SearchIndex`` an indexing function with this parser;
an index of any other class keeps its own. `tests/test_fastsearch.py` indexes every
page of the real briefing, of a synthetic one and a set of hard cases both ways and compares
the entries. Mirrors ``material.plugins.search.plugin.Parser``: with a version of Material
other than those in ``CHECKED`` nothing is replaced (a test fails when requirements.lock pins
another one).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape
from typing import Any

from material import __version__ as material_version
from material.plugins.search import plugin as material

CHECKED = ((9, 8),)
"""Versions of Material for MkDocs (major, minor) whose search parser this one mirrors."""
HEADINGS = frozenset(f"h{level}" for level in range(1, 7))


class Parser(material.Parser):  # type: ignore[misc]
    """Material's parser with its skipped and open elements kept by tag name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.skipped = {getattr(entry, "tag", entry) for entry in self.skip}
        """Material's ``skip``: its elements compare (and hash) by tag name, so it holds one per name."""
        self.open: dict[str, int] = {}
        """How many elements of each tag name ``context`` holds."""

    def updatepos(self, i: int, j: int) -> int:
        """Where the parser has got to, without the line and column it would count for
        ``getpos``: no handler of Material's asks for them."""
        return j

    def _skipping(self) -> bool:
        return not self.skipped.isdisjoint(self.open)

    def _in_title(self) -> bool:
        return self.section.el.tag in self.open

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        el = material.Element(tag, attributes)
        if tag in material.void:
            return
        self.context.append(el)
        self.open[tag] = self.open.get(tag, 0) + 1

        if tag in HEADINGS:
            depth = len(self.context)
            if "id" in attributes:
                if tag != "h1" and not self.data:
                    self.section = material.Section(material.Element("hx"), depth)
                    self.data.append(self.section)
                self.section = material.Section(el, depth)
                if self.data:
                    self.section.id = attributes["id"]
                self.data.append(self.section)

        if not self.section:
            self.section = material.Section(material.Element("hx"))
            self.data.append(self.section)

        for key, value in attributes.items():
            if key == "data-search-exclude" or (key == "class" and value == "linenodiv"):
                self.skipped.add(tag)
                return

        if tag in self.keep and not self._skipping():
            (self.section.title if self._in_title() else self.section.text).append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if not self.context or self.context[-1].tag != tag:
            return

        if self.section.depth > len(self.context):
            for section in reversed(self.data):
                if section.depth <= len(self.context):
                    self.section.depth = float("inf")
                    self.section = section
                    break

        el = self.context.pop()
        if self.open[el.tag] == 1:
            del self.open[el.tag]
        else:
            self.open[el.tag] -= 1
        if el.tag in self.skipped:
            if el.tag not in ("script", "style", "object"):
                self.skipped.discard(el.tag)
            return

        if tag in self.keep and not self._skipping():
            data = self.section.title if self._in_title() else self.section.text
            index = data.index(f"<{tag}>")
            for i in range(index + 1, len(data)):
                if not data[i].isspace():
                    index = len(data)
                    break
            if len(data) > index:
                del data[index:]
            else:
                data.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self._skipping():
            return

        if "pre" not in self.open:
            data = data.replace("\n", " ") if not data.isspace() else " "

        if not self.section:
            self.section = material.Section(material.Element("hx"))
            self.data.append(self.section)

        if self._in_title():
            permalink = any(el.tag == "a" and el.attrs.get("class") == "headerlink" for el in self.context)
            if not permalink:
                self.section.title.append(escape(data, quote=False))
        elif data.isspace():
            if not self.section.text or not self.section.text[-1].isspace() or "pre" in self.open:
                self.section.text.append(data)
        else:
            self.section.text.append(escape(data, quote=False))


def install(plugins: Mapping[str, Any]) -> None:
    """Each of Material's search indexes among ``plugins`` indexes pages with :class:`Parser`
    from now on (an index whose indexing was already replaced is left as it is)."""
    if version(material_version) not in CHECKED:
        return
    for plugin in plugins.values():
        index: Any = getattr(plugin, "search_index", None)
        if type(index) is material.SearchIndex and "add_entry_from_context" not in vars(index):
            index.add_entry_from_context = _indexer(index)


def version(text: str) -> tuple[int, ...]:
    """``(major, minor)`` of a version string such as ``9.8.1``."""
    return tuple(int(part) for part in text.split(".")[:2])


def _indexer(index: material.SearchIndex) -> Callable[[Any], None]:
    """Material's ``add_entry_from_context`` with :class:`Parser`."""

    def add_entry_from_context(page: Any) -> None:
        search = page.meta.get("search") or {}
        if search.get("exclude"):
            return
        parser = Parser()
        parser.feed(page.content)
        parser.close()
        for section in parser.data:
            if not section.is_excluded():
                index.create_entry_for_section(section, page.toc, page.url, page)

    return add_entry_from_context
