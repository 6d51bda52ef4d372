"""The generator's options: one frozen object, checked when it is made.

Each adapter builds it from its own settings (the MkDocs plugin from its configuration
in mkdocs.yml, ``briefing generate`` from its flags) and hands it to
:func:`briefing.pipeline.generate`; the core reads nothing else. A bad value raises
:class:`OptionError`, which names the option so that the adapter can say it in its own
words (``plugins.briefing.tiles``, ``--tiles``).

The tile server is the only third-party host a reader's browser contacts, and it is
chosen here and nowhere else: ``"osm"`` (OpenStreetMap's standard tiles), ``"none"``
(no tiles: the maps draw the reference geography on a plain background) or an
``https://`` URL template with ``{z}``, ``{x}`` and ``{y}``, which then needs the
attribution that server requires.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

RawHtmlUrls = Literal["page", "source"]


class OptionError(ValueError):
    """An option has a value the generator cannot use."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(f"{option}: {message}")
        self.option = option
        """The option's name, as :class:`Options` spells it."""
        self.message = message
        """What is wrong, without the option's name."""


@dataclass(frozen=True)
class Tiles:
    """A tile server: its URL template, the attribution it requires and its deepest zoom."""

    url: str
    attribution: str
    max_zoom: int = 19


OSM = Tiles(
    "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)


def tile_server(tiles: str, attribution: str = "") -> Tiles | None:
    """The tile server ``tiles`` names (None for no tiles); OptionError naming a bad value.

    >>> tile_server("none") is None, tile_server("osm") == OSM
    (True, True)
    """
    value = tiles.strip()
    if value.lower() in ("", "osm", "openstreetmap"):
        return OSM
    if value.lower() == "none":
        return None
    if value.startswith("https://") and all(part in value for part in ("{z}", "{x}", "{y}")):
        if not attribution.strip():
            raise OptionError(
                "tiles_attribution",
                f"the custom tile server {value!r} needs the attribution it requires (shown on every map)",
            )
        return Tiles(value, attribution.strip())
    raise OptionError(
        "tiles", f"{value!r} is not 'osm', 'none' or an https:// URL template with {{z}}, {{x}} and {{y}}"
    )


@dataclass(frozen=True)
class Options:
    """Everything the core reads besides the content, checked when made (:class:`OptionError`)."""

    site_url: str = ""
    """The site's public address (``https://example.org/briefing/``): absolute links in the
    feed and the open data start with it; empty for links relative to the site root."""
    use_directory_urls: bool = True
    """Whether pages are served as folders (``regions/bannu/``), as MkDocs does by default."""
    tiles: str = "osm"
    """The map tile server: ``osm``, ``none`` or an https URL template (see the module)."""
    tiles_attribution: str = ""
    """The attribution a custom tile server requires; needed with a URL template only."""
    raw_html_urls: RawHtmlUrls = "page"
    """How the site builder resolves relative URLs in raw HTML (a map's iframe ``src``):
    from the page's URL, left to the browser (``page``, MkDocs), or from the Markdown file,
    as it does Markdown links (``source``, Zensical)."""

    def __post_init__(self) -> None:
        if self.raw_html_urls not in ("page", "source"):
            raise OptionError(
                "raw_html_urls", f"{self.raw_html_urls!r} is not 'page' (MkDocs) or 'source' (Zensical)"
            )
        if self.site_url and not self.site_url.startswith(("https://", "http://")):
            raise OptionError("site_url", f"{self.site_url!r} is not an http:// or https:// address")
        tile_server(self.tiles, self.tiles_attribution)

    @property
    def tile_server(self) -> Tiles | None:
        """The map tile server, or None for maps without tiles."""
        return tile_server(self.tiles, self.tiles_attribution)
