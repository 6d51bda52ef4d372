"""The files every map loads, shared so the browser caches one copy.

Leaflet's own files come from the xstatic-leaflet package, byte for byte; ``map.js``,
``map.css`` and the parent-side ``embed.js`` are rendered from ``map_*.j2`` templates.
"""

from __future__ import annotations

from pathlib import Path

from xstatic.pkg import leaflet

from briefing import urls
from briefing.maps.styles import CountryColour
from briefing.maps.templates import template
from briefing.model.geography import Geography

LEAFLET_FILES = [
    "leaflet.js",
    "leaflet.js.map",
    "leaflet.css",
    "images/layers.png",
    "images/layers-2x.png",
    "images/marker-icon.png",
    "images/marker-icon-2x.png",
    "images/marker-shadow.png",
]
"""Leaflet's files as the site serves them; leaflet.css finds its images in images/."""

OWN_FILES = {"map.js": "map_script.js.j2", "map.css": "map_style.css.j2", "embed.js": "map_embed.js.j2"}

LOADED = ["leaflet.js", "map.js", "leaflet.css", "map.css"]
"""What a map file links to, in order; scripts first so ``BriefingMap`` exists before the map script."""

GEOGRAPHY = "geography.js"
"""The reference geography (:mod:`briefing.model.geography`), loaded by every map when there is one."""


def leaflet_version() -> str:
    """The version of the packaged Leaflet."""
    return str(leaflet.VERSION)


def shared_files(
    countries: tuple[CountryColour, ...] = (), geography: Geography | None = None
) -> dict[str, str | bytes]:
    """Every shared map asset, by docs path: map.css colours ``countries``; with
    ``geography``, its script too."""
    base = Path(leaflet.BASE_DIR)
    files: dict[str, str | bytes] = {
        urls.asset_path(name): (base / name).read_bytes() for name in LEAFLET_FILES
    }
    for name, source in OWN_FILES.items():
        files[urls.asset_path(name)] = template(source).render(countries=countries)
    if geography is not None:
        files[urls.asset_path(GEOGRAPHY)] = geography.script()
    return files


def urls_from(map_path: str, geography: bool = False) -> dict[str, str]:
    """The assets a map file loads, as URLs relative to it, keyed by a short name."""
    names = [*LOADED, GEOGRAPHY] if geography else LOADED
    return {name.replace(".", "_"): urls.relative_url(map_path, urls.asset_path(name)) for name in names}
