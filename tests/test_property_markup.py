"""Arbitrary text in any string field never makes live markup: a property test over every field.

For a string field of any content file of the base fixture, the same field holding plain text
and holding the plain text plus arbitrary characters (biased towards Markdown and HTML syntax)
are put through the whole pipeline: check, generate, Python-Markdown with the site's extensions,
the sanitiser. Either check rejects the text, or every page has exactly the live elements and
attributes (links, frames, event handlers, addresses and their schemes, styles, ids that a
script could target) that it has with plain text.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefing.errors import ContentError
from briefing.model.models import COLLECTIONS, DATA_FILES
from briefing.pipeline import generate
from briefing.sanitise import sanitise
from briefing.validate.checks import cited_keys

from .conftest import BASE, ROOT, make_site

NOT_TEXT = {
    "id", "kind", "raw", "source", "ref", "para", "target", "type", "region", "places", "distinct_from", "actor",
    "published", "date", "reviewed", "as_of", "rights", "url", "quote", "regions", "facing", "parent",
    "actors", "held_by", "country", "countries", "left", "right", "qualifier",
}  # fmt: skip
"""Keys whose values are ids, dates, choices, addresses or quotes: the schema or the quote check
decides those, and arbitrary text is always refused there."""
LIVE_TAGS = {
    "a",
    "iframe",
    "img",
    "script",
    "style",
    "object",
    "embed",
    "form",
    "input",
    "button",
    "svg",
    "math",
}
LIVE_ATTRIBUTES = {
    "href",
    "src",
    "style",
    "srcdoc",
    "action",
    "formaction",
    "target",
    "autofocus",
    "tabindex",
}
SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.-]*):", re.I)


def _fields() -> list[tuple[str, tuple[Any, ...]]]:
    """(content file, path to a string value) for every text value of the base fixture."""
    found = []
    for file in sorted((BASE / "content").rglob("*")):
        rel = file.relative_to(BASE).as_posix()
        if file.suffix not in (".md", ".yml") or "/raw/" in rel:
            continue
        data, _ = _split(file.read_text(encoding="utf-8"), file.suffix)
        found += [(rel, path) for path in _paths(data)]
    return found


def _paths(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(data, str):
        if not NOT_TEXT & {part for part in path if isinstance(part, str)}:
            yield path
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*path, index))


def _split(text: str, suffix: str) -> tuple[Any, str]:
    if suffix == ".yml":
        return yaml.safe_load(text), ""
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def _write(root: Path, rel: str, path: tuple[Any, ...], value: str) -> None:
    file = root / rel
    data, body = _split((BASE / rel).read_text(encoding="utf-8"), file.suffix)
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    file.write_text(dumped if file.suffix == ".yml" else f"---\n{dumped}---\n{body}", encoding="utf-8")


class _Live(HTMLParser):
    """Counts the live elements and attributes of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: Counter[tuple[str, ...]] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in LIVE_TAGS:
            self.found[(tag,)] += 1
        for name, value in attrs:
            if name.startswith("on") or name in LIVE_ATTRIBUTES or name == "id":
                scheme = SCHEME.match(value or "")
                self.found[(tag, name, scheme[1].lower() if scheme else "")] += 1


@functools.cache
def _converter() -> markdown.Markdown:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Lenient)
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        configs[name] = {k: v for k, v in (options or {}).items() if k != "custom_fences"}
    return markdown.Markdown(extensions=names, extension_configs=configs)


def page_html(page: str) -> str:
    """A generated page as Python-Markdown converts it with the site's extensions (front-matter off)."""
    body = page.split("---\n", 2)[2] if page.startswith("---\n") else page
    return _converter().reset().convert(body)


class _Lenient(yaml.SafeLoader):
    """mkdocs.yml has !ENV and !!python/name tags; their values do not matter here."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def live_markup(root: Path) -> dict[str, Counter[tuple[str, ...]]] | None:
    """Each generated page's live markup after conversion and sanitising; None when check refuses."""
    try:
        site = generate(root / "content")
    except ContentError:
        return None
    found = {}
    for path, text in site.pages.items():
        parser = _Live()
        parser.feed(sanitise(page_html(text)))
        found[path] = parser.found
    return found


FIELDS = _fields()


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the base fixture site; each example changes one file and restores it."""
    return make_site(tmp_path_factory.mktemp("property"))


PIECES = [*"[](){}<>!#*_`\\|:=\"'&;/.-\n ", "javascript:", "onerror=", "{:", "![", "<script>", "](", "\n\n"]
words = st.text(alphabet="abc XYZ", max_size=6)
address = st.sampled_from(
    ["javascript:alert(1)", "data:text/html,x", "http://example.org/", "#x", "x.md", ""]
)
attribute = st.sampled_from(
    ["onclick=x", "#id", ".cls", "autofocus", "tabindex=0", "style=color:red", "href=x"]
)
constructs = st.one_of(
    st.builds("[{}]({})".format, words, address),
    st.builds("![{}]({})".format, words, address),
    st.builds("[{}][{}]".format, words, words),
    st.builds("\n\n[{}]: {}\n".format, words, address),
    st.builds("{{ {} }}".format, attribute),
    st.builds("{{: {} {} }}".format, attribute, attribute),
    st.builds("*{}*{{ {} }}".format, words, attribute),
    st.builds("<{} {}>".format, st.sampled_from(["a", "img", "script", "iframe", "div markdown"]), attribute),
    st.builds("<{}>".format, address),
)
hostile = st.lists(
    st.one_of(st.sampled_from(PIECES), st.characters(codec="utf-8"), constructs), max_size=12
).map("".join)
"""Random characters, Markdown and HTML syntax, and whole constructs that make markup live."""


def test_every_text_field_is_covered() -> None:
    files = {rel.split("/")[1] for rel, _ in FIELDS}
    assert {"actors", "regions", "events", "debates", "references", "sources", "borders"} <= files
    assert {"places.yml", "glossary.yml", "briefing.yml"} <= files


CITATION = ' [@example-2024-report "militants attacked a checkpoint"].'
"""Appended to a cited text field's value, which the check refuses without a citation."""


def _cited(rel: str, path: tuple[Any, ...]) -> bool:
    """Whether a value is a cited text field (models.CitedText) of its file's model."""
    parts = rel.split("/")
    model = COLLECTIONS[parts[1]] if len(parts) > 2 else DATA_FILES[parts[1]][0]
    keys = tuple(p for p in path if isinstance(p, str))
    return keys in cited_keys(model)


@functools.cache
def _baseline(
    rel: str, path: tuple[Any, ...], root: Path, cite: str
) -> dict[str, Counter[tuple[str, ...]]] | None:
    return _with(root, rel, path, "Plain words" + cite)


def _with(
    root: Path, rel: str, path: tuple[Any, ...], value: str
) -> dict[str, Counter[tuple[str, ...]]] | None:
    """The live markup of the site with one field set to ``value``; the file is restored after."""
    _write(root, rel, path, value)
    try:
        return live_markup(root)
    finally:
        (root / rel).write_bytes((BASE / rel).read_bytes())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(FIELDS), extra=hostile)
@example(field=("content/actors/example-front.md", ("name",)), extra="]")  # a bracket once ended its links
def test_text_in_any_field_never_adds_live_markup(
    root: Path, field: tuple[str, tuple[Any, ...]], extra: str
) -> None:
    rel, path = field
    cite = CITATION if _cited(rel, path) else ""
    expected = _baseline(rel, path, root, cite)
    assert expected is not None, f"plain words in {rel} {path} are refused"
    found = _with(root, rel, path, "Plain words " + extra + cite)
    if found is not None:
        assert found == expected, (rel, path, extra)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab !:()[]{}\\\n\t#.=x")), max_size=40))
@example("[a](b)")
@example("  [ref]: x")
@example("{ .x }")
def test_every_match_of_a_rule_holds_the_character_that_lets_the_scan_start(value: str) -> None:
    """problems_in skips a rule when the character every match of it holds is absent."""
    from briefing import markup

    for pattern, needs, _ in markup._RULES:
        for found in pattern.finditer(value):
            assert needs in found[0], (pattern.pattern, found[0])
