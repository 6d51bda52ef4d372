"""Four corrections to the HTML Material's templates write around every page.

Material's `base.html` and three partials write markup that the Nu Html Checker or axe-core
reject. The theme is left as installed (overriding these templates would mean copying
them, and a copied `base.html` names the theme's hashed asset files, which differ between
Material and Zensical); `tidy` corrects the page it wrote instead, in `on_post_page`:

- the drawer and search toggles are checkboxes with ``autocomplete="off"``, which HTML
  allows on text-like inputs only: the attribute goes, and a one-line script unchecks both
  toggles instead, so a browser restoring form state cannot reopen them;
- a section label in the nav may carry an empty ``tabindex=""``: it goes;
- the table of contents' title is a label ``for="__toc"`` on pages where the nav renders
  no ``__toc`` toggle (pages outside the nav, section index pages): it loses the ``for``;
- the search dialog has no accessible name (axe's aria-dialog-name): it gets the one its
  options bar already carries.

Each correction matches the theme's exact markup and is idempotent; a theme upgrade that
changes the markup leaves the page unchanged, and tests/test_site_build.py, which checks a
built page for each fault, fails.
"""

from __future__ import annotations

import re

_TOGGLES = (
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
    '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
)
_TOGGLES_FIXED = (
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">\n'
    '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">\n'
    '    <script>document.getElementById("__drawer").checked=document.getElementById("__search").checked=false</script>'
)
_EMPTY_TABINDEX = re.compile(r'(<label class="md-nav__link[^"]*"[^>]*?) tabindex="">')
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_NAME = re.compile(r'<nav class="md-search__options" aria-label="([^"<>]*)">')


def tidy(html: str) -> str:
    """The page with the theme's four markup faults corrected (see the module docstring)."""
    html = html.replace(_TOGGLES, _TOGGLES_FIXED, 1)
    html = _EMPTY_TABINDEX.sub(r"\1>", html)
    if _TOC_LABEL in html and 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    if _SEARCH_DIALOG in html and (name := _SEARCH_NAME.search(html)):
        html = html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + f' aria-label="{name.group(1)}">', 1)
    return html
