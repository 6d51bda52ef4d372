"""Material templates copied into overrides/: each is upstream's, plus only the listed changes.

A Material upgrade that changes one of these templates fails here, so the copy is redone
deliberately rather than silently serving an old template (base.html names hashed assets).
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from .conftest import ROOT

UPSTREAM = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"

# (upstream text, our text) pairs: the whole difference between the two, header comment aside.
CHANGES: dict[str, list[tuple[str, str]]] = {
    "base.html": [
        (
            'content="{{ page.meta.description }}"',
            "content=\"{{ page.meta.description | replace('\"', '&quot;') }}\"",
        ),
        ('content="{{ config.site_description }}"', 'content="{{ config.site_description | e }}"'),
        (
            'id="__drawer" autocomplete="off">\n'
            '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">\n',
            'id="__drawer">\n'
            '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">\n'
            '    <script>document.getElementById("__drawer").checked='
            'document.getElementById("__search").checked=false</script>\n',
        ),
    ],
    "partials/nav-item.html": [
        (' tabindex="{{ tabindex }}">', '{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>'),
    ],
    "partials/toc.html": [
        (
            '    <label class="md-nav__title" for="__toc">',
            '    {% set toggle = page in nav.pages and not ("navigation.indexes" in features'
            " and page.is_index and page.parent) %}\n"
            '    <label class="md-nav__title"{% if toggle %} for="__toc"{% endif %}>',
        ),
    ],
    "partials/search.html": [
        ('role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">'),
    ],
    "partials/source.html": [
        (' class="md-source" data-md-component="source">', ' class="md-source">'),
    ],
}


def without_header(text: str) -> str:
    return re.sub(r"\A\{#-.*?-#\}\n", "", text, count=1, flags=re.S)


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_override_is_upstream_plus_its_listed_changes(name: str) -> None:
    expected = without_header((UPSTREAM / name).read_text(encoding="utf-8"))
    for old, new in CHANGES[name]:
        assert old in expected, f"{name}: upstream no longer has {old!r}; redo the copy"
        expected = expected.replace(old, new)
    assert without_header((OVERRIDES / name).read_text(encoding="utf-8")) == expected


def test_every_copied_template_is_listed() -> None:
    copies = {
        p.relative_to(OVERRIDES).as_posix()
        for p in OVERRIDES.rglob("*.html")
        if (UPSTREAM / p.relative_to(OVERRIDES)).is_file()
    }
    # main.html and 404.html extend Material's templates rather than copy them.
    assert copies - {"main.html", "404.html"} == set(CHANGES)
