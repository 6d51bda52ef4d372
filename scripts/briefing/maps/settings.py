"""What the maps read of the generator's options (:class:`briefing.options.Options`).

Only these settings are part of what a map is drawn from (its cache key): the site's
address, say, changes no map.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.options import OSM, Options, Tiles


@dataclass(frozen=True)
class Settings:
    """The tile server and the URL style the maps are drawn with."""

    tiles: Tiles | None = OSM
    use_directory_urls: bool = True
    raw_html_from_source: bool = False
    """Whether the builder resolves relative URLs in raw HTML (a map's iframe ``src``) from
    the Markdown file, as it does Markdown links (Zensical), rather than leaving them to the
    browser, which resolves them from the page's URL (MkDocs)."""

    @classmethod
    def of(cls, options: Options) -> Settings:
        return cls(options.tile_server, options.use_directory_urls, options.raw_html_urls == "source")

    @property
    def iframe_urls_by_directory(self) -> bool:
        """Whether an iframe ``src`` is written from the page's directory URL."""
        return self.use_directory_urls and not self.raw_html_from_source
