"""The build options the maps read, checked once: the tile server and the URL style.

The tile server is the only third-party host a map may contact, and it is chosen here
and nowhere else: ``options["tiles"]`` is ``"osm"`` (the default: OpenStreetMap's
standard tiles), ``"none"`` (no tiles: outlines, border and markers on a plain
background) or an ``https://`` URL template with ``{z}``, ``{x}`` and ``{y}``, which then
needs ``options["tiles_attribution"]``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


class MapOptionError(ValueError):
    """A map option has a value the maps cannot use."""


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


@dataclass(frozen=True)
class Settings:
    """What the options say, validated."""

    tiles: Tiles | None = OSM
    use_directory_urls: bool = True
    raw_html_from_source: bool = False
    """Whether the builder resolves relative URLs in raw HTML (a map's iframe ``src``) from
    the Markdown file, as it does Markdown links (Zensical), rather than leaving them to the
    browser, which resolves them from the page's URL (MkDocs)."""

    @property
    def iframe_urls_by_directory(self) -> bool:
        """Whether an iframe ``src`` is written from the page's directory URL."""
        return self.use_directory_urls and not self.raw_html_from_source


def settings_from(options: Mapping[str, str]) -> Settings:
    """Read the map options; raise MapOptionError naming a bad value."""
    raw_html = str(options.get("raw_html_urls", "page")).strip()
    if raw_html not in ("page", "source"):
        raise MapOptionError(
            f"options['raw_html_urls'] is {raw_html!r}: use 'page' (MkDocs) or 'source' (Zensical)"
        )
    return Settings(_tiles(options), _flag(options, "use_directory_urls", True), raw_html == "source")


def _tiles(options: Mapping[str, str]) -> Tiles | None:
    value = str(options.get("tiles", "osm")).strip()
    if value.lower() in ("", "osm", "openstreetmap"):
        return OSM
    if value.lower() == "none":
        return None
    if value.startswith("https://") and all(part in value for part in ("{z}", "{x}", "{y}")):
        attribution = str(options.get("tiles_attribution", "")).strip()
        if not attribution:
            raise MapOptionError(
                f"options['tiles'] is the custom server {value!r}: set options['tiles_attribution']"
            )
        return Tiles(value, attribution)
    raise MapOptionError(
        f"options['tiles'] is {value!r}: use 'osm', 'none' or an https:// URL template with {{z}}, {{x}} and {{y}}"
    )


def _flag(options: Mapping[str, str], key: str, default: bool) -> bool:
    value = str(options.get(key, default)).strip().lower()
    if value in ("true", "1", "yes"):
        return True
    if value in ("false", "0", "no"):
        return False
    raise MapOptionError(f"options[{key!r}] is {value!r}: use true or false")
