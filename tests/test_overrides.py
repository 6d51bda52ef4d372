"""Theme templates in overrides/: a copy is upstream's plus only the listed changes, and the
same in Material and Zensical, so the generated tree builds with either; the theme's own
markup faults are corrected on the built page (briefing.plugin.theme_html), checked here against
the markup both themes write.

A theme upgrade that changes a copied template or the corrected markup fails here, so the
copy or the correction is redone deliberately rather than silently going stale.
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
import zensical

from briefing.plugin.theme_html import tidy

from .conftest import ROOT

UPSTREAM = Path(material.__file__).parent / "templates"
THEMES = {"material": UPSTREAM, "zensical": Path(zensical.__file__).parent / "templates"}
OVERRIDES = ROOT / "overrides"

# (upstream text, our text) pairs: the whole difference between the two, header comment aside.
CHANGES: dict[str, list[tuple[str, str]]] = {
    "partials/source.html": [
        (' class="md-source" data-md-component="source">', ' class="md-source">'),
    ],
}


def without_header(text: str) -> str:
    return re.sub(r"\A\{#-.*?-#\}\n", "", text, count=1, flags=re.S)


@pytest.mark.parametrize("theme", sorted(THEMES))
@pytest.mark.parametrize("name", sorted(CHANGES))
def test_override_is_upstream_plus_its_listed_changes(name: str, theme: str) -> None:
    expected = without_header((THEMES[theme] / name).read_text(encoding="utf-8"))
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


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_the_corrected_markup_is_what_the_theme_writes(theme: str) -> None:
    """Each string theme_html corrects occurs in the theme's templates as written there."""
    base = (THEMES[theme] / "base.html").read_text(encoding="utf-8")
    assert 'id="__drawer" autocomplete="off">' in base
    assert 'id="__search" autocomplete="off">' in base
    search = (THEMES[theme] / "partials" / "search.html").read_text(encoding="utf-8")
    assert 'role="dialog">' in search or 'role="dialog" aria-label="{{ lang.t(\'search\') }}">' in search
    assert ' tabindex="{{ tabindex }}">' in (THEMES[theme] / "partials" / "nav-item.html").read_text(
        encoding="utf-8"
    )
    assert 'for="__toc">' in (THEMES[theme] / "partials" / "toc.html").read_text(encoding="utf-8")


PAGE = """<body>
    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">
<div class="md-search" data-md-component="search" role="dialog">
<nav class="md-search__options" aria-label="Suche">
<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">
<label class="md-nav__link" for="__nav_3" id="__nav_3_label" tabindex="0">
{toc}<label class="md-nav__title" for="__toc">
"""


@pytest.mark.parametrize("toggle", [True, False])
def test_tidy_corrects_each_fault_once(toggle: bool) -> None:
    toc = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">\n' if toggle else ""
    page = PAGE.replace("{toc}", toc)
    tidied = tidy(page)
    assert "autocomplete" not in tidied
    assert tidied.count('checked=document.getElementById("__search").checked=false</script>') == 1
    assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="Suche">' in tidied
    assert 'tabindex=""' not in tidied and 'tabindex="0"' in tidied
    assert ('for="__toc"' in tidied) is toggle
    assert tidy(tidied) == tidied
