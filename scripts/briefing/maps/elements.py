"""folium elements for self-hosted, deterministic, accessible maps.

folium's defaults are replaced where they conflict with the site's rules: assets come
from the site (no CDN, no jQuery, Bootstrap or icon fonts), ids are derived from
content ids instead of ``uuid4``, popups are plain Leaflet ``bindPopup`` calls, and
markers are keyboard-focusable ``L.marker`` + ``L.divIcon`` built by the shared
``map.js``. Every template is a ``map_*.j2`` file beside the page templates.
"""

from __future__ import annotations

import copy
import posixpath
import re
from collections import OrderedDict
from functools import cache, lru_cache
from html import escape
from typing import Any, TypeVar

import branca.element
import folium
from branca.element import CssLink, Element, Figure, JavascriptLink, MacroElement
from jinja2 import Template
from markupsafe import Markup

from briefing.maps.templates import template
from briefing.options import Tiles
from briefing.urls import link_from_map

_RANDOM_ID = re.compile(r"^[0-9a-f]{32}$")


class _Verbatim:
    """Text without Jinja syntax, standing in for the template it would compile to.

    folium's elements render their macros, then wrap the output in a new ``Element`` whose
    template is that output: compiling it is most of the time of drawing a map, and a text
    with no ``{{``, ``{%`` or ``{#`` renders to itself (Jinja only normalises line breaks
    and drops one final newline, as ``render`` does here).
    """

    def __init__(self, source: str) -> None:
        text = source.replace("\r\n", "\n").replace("\r", "\n")
        self.text = text[:-1] if text.endswith("\n") else text

    def render(self, *args: Any, **kwargs: Any) -> str:
        return self.text


_JINJA_SYNTAX = re.compile(r"\{[{%#]")


class _CompiledOnce(Template):
    """branca compiles an element's template string anew for every element it creates (about
    thirteen per map); templates are immutable, so compile each distinct string once, and
    strings without Jinja syntax not at all."""

    _compiled: dict[str, Template] = {}  # noqa: RUF012 - a process-wide memo of immutable templates

    def __new__(cls, source: str, *args: Any, **kwargs: Any) -> Template:  # type: ignore[misc]
        if args or kwargs or not isinstance(source, str):
            made: Template = Template.__new__(Template, source, *args, **kwargs)
            return made
        if not _JINJA_SYNTAX.search(source):
            return _Verbatim(source)  # type: ignore[return-value]
        if source not in cls._compiled:
            cls._compiled[source] = Template.__new__(Template, source)
        return cls._compiled[source]


setattr(branca.element, "Template", _CompiledOnce)  # noqa: B010 - replace the module global branca compiles with

E = TypeVar("E", bound=Element)


def named(element: E, key: str) -> E:
    """Give an element a stable id derived from ``key`` (folium's are random); returns it.

    Call it before adding the element to a parent: parents index children by name.
    """
    element._id = re.sub(r"[^0-9A-Za-z_]", "_", key)
    return element


def check_ids(root: Element) -> None:
    """Raise if any element of the tree still has a random id or shares its name."""
    seen: set[str] = set()
    stack = [root]
    while stack:
        element = stack.pop()
        name = element.get_name()
        if _RANDOM_ID.match(element._id) or name in seen:
            raise ValueError(f"map element {name} has a random or duplicate id")
        seen.add(name)
        stack.extend(element._children.values())


@cache
def _tile_prototype(tiles: Tiles) -> folium.TileLayer:
    return folium.TileLayer(
        tiles.url, attr=tiles.attribution, name="Base map", control=False, max_zoom=tiles.max_zoom
    )


def tile_layer(tiles: Tiles) -> folium.TileLayer:
    """The base map layer of a tile server, as a new element with no parent.

    folium first looks a tile URL up among the two hundred providers of xyzservices, which
    costs more than drawing a small map; the layer is the same for every map, so it is
    made once and copied.
    """
    layer = copy.copy(_tile_prototype(tiles))
    layer._children = OrderedDict()
    layer._parent = None
    return named(layer, "tiles")


class Raw(Element):
    """Already rendered text, emitted as is (branca would compile it as a Jinja template)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


def render_macros(element: MacroElement, kwargs: dict[str, Any]) -> None:
    """Render an element's header, html and script macros into its figure, then its children."""
    figure = element.get_root()
    assert isinstance(figure, Figure)
    module = element._template.module
    for part in ("header", "html", "script"):
        macro = getattr(module, part, None)
        if macro is not None:
            getattr(figure, part).add_child(Raw(str(macro(element, kwargs))), name=element.get_name())
    for child in element._children.values():
        child.render(**kwargs)


class Macro(MacroElement):
    """A MacroElement whose template is a ``map_*.j2`` file and whose output is kept verbatim."""

    template_name = ""

    def __init__(self, key: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = type(self).__name__
        self._template = template(self.template_name)
        named(self, key)

    def render(self, **kwargs: Any) -> str:
        render_macros(self, kwargs)
        return ""


class MapDocument(Figure):
    """The whole map file: an HTML document with a language, a title and the script in the body."""

    def __init__(self, title: str, key: str) -> None:
        super().__init__(title=title)
        self.header._children.clear()  # folium's http-equiv meta; the template declares the charset
        self._template = template("map_document.html.j2")
        named(self, key)
        for part, label in ((self.header, "header"), (self.html, "html"), (self.script, "script")):
            named(part, f"{key}_{label}")


class LeafletMap(folium.Map):
    """The map container and ``L.map`` call, loading Leaflet and the shared map files from the site."""

    def __init__(
        self, key: str, title: str, help_text: str, options: dict[str, Any], assets: dict[str, str]
    ) -> None:
        super().__init__(tiles=None)
        self._template = template("map_leaflet.html.j2")
        self.title = title
        self.help_text = help_text
        self.map_options = options
        self.assets = assets
        named(self, key)

    def render(self, **kwargs: Any) -> str:
        header = self.get_root().header  # type: ignore[attr-defined]
        for name, url in self.assets.items():
            link = JavascriptLink(url) if url.endswith(".js") else CssLink(url)
            header.add_child(named(link, f"asset_{name}"), name=f"asset_{name}")
        render_macros(self, kwargs)
        return ""


class LayerControl(folium.LayerControl):
    """folium's layer control, with layer names kept verbatim (they hold a symbol's markup)."""

    def __init__(self, key: str) -> None:
        super().__init__(position="topright", collapsed=True)
        named(self, key)

    def render(self, **kwargs: Any) -> str:
        self.reset()
        for item in self._parent._children.values():  # type: ignore[union-attr]
            if isinstance(item, folium.map.Layer) and item.control:
                target = self.overlays if item.overlay else self.base_layers
                target[item.layer_name] = item.get_name()
        render_macros(self, kwargs)
        return ""


class Markers(Macro):
    """A layer's markers, created by ``BriefingMap.markers`` from a compact list."""

    template_name = "map_markers.html.j2"

    def __init__(self, key: str, items: list[dict[str, Any]]) -> None:
        super().__init__(key)
        self.items = items


class ShapeInfo(Macro):
    """Tooltip, popup and keyboard access for an outline or line (SVG paths are not focusable)."""

    template_name = "map_shape.html.j2"

    def __init__(self, key: str, kind: str, content_id: str) -> None:
        super().__init__(key)
        self.info = {"type": kind, "id": content_id}


class Label(Macro):
    """A name written on the map (a permanent Leaflet tooltip at a point)."""

    template_name = "map_label.html.j2"

    def __init__(
        self,
        key: str,
        text: str,
        point: tuple[float, float],
        kind: str,
        direction: str,
        note: str | None = None,
    ) -> None:
        super().__init__(key)
        self.info: dict[str, object] = {
            "text": text,
            "lat": point[0],
            "lon": point[1],
            "kind": kind,
            "direction": direction,
        }
        if note:
            self.info["note"] = note


class Popups(Macro):
    """Every popup of a map as hidden HTML, each with an id that markers and shapes refer to."""

    template_name = "map_popups.html.j2"

    def __init__(
        self, key: str, popups: list[tuple[str, Any]], map_path: str, use_directory_urls: bool
    ) -> None:
        super().__init__(key)
        self.popups = popups
        self.folder = posixpath.dirname(map_path)
        self.use_directory_urls = use_directory_urls

    def all_popups(self) -> Markup:
        """Every popup's HTML, one after another (links are relative to the map file's folder)."""
        return Markup("\n").join(
            _popup(popup_id, row, self.folder, self.use_directory_urls) for popup_id, row in self.popups
        )


@lru_cache(maxsize=1 << 14)
def _popup(popup_id: str, row: Any, folder: str, use_directory_urls: bool) -> Markup:
    """A popup, rendered once for all the maps in a folder that show the same row
    (an event is on the overview, the timeline and the maps of its region and actors)."""

    def href(path: str) -> str:
        return link_from_map(posixpath.join(folder, "map.html"), path, use_directory_urls)

    return Markup(template("map_popups.html.j2").module.popup(popup_id, row, href))  # type: ignore[attr-defined]


class Frame(Macro):
    """The initial view: fit what the map shows, then place the names written on it."""

    template_name = "map_frame.html.j2"

    def __init__(self, key: str, bounds: list[list[float]], options: dict[str, Any]) -> None:
        super().__init__(key)
        self.bounds = bounds
        self.options = options


class Reference(Macro):
    """The reference geography, drawn by ``BriefingMap.reference`` into its layer from the
    shared ``geography.js``: ``info`` holds its attribution (escaped, as Leaflet writes it
    as markup) and whether the map has tiles (then it shows when a tile fails to load)."""

    template_name = "map_reference.html.j2"

    def __init__(self, key: str, attribution: str, tiles: bool) -> None:
        super().__init__(key)
        self.info = {"attribution": escape(attribution), "tiles": tiles}


class Legend(Macro):
    """The legend: a collapsible panel naming every symbol on the map."""

    template_name = "map_legend.html.j2"

    def __init__(self, key: str, items: list[dict[str, str]], note: str) -> None:
        super().__init__(key)
        self.items = items
        self.note = note
