"""The reference geography of the briefing's area: ``content/geography.json``.

What the maps draw under the briefing's own outlines, border, places and events, so that
they keep their geography where no tiles load (offline, behind a firewall, in print):
country and province boundaries, and the names of countries, provinces and towns. It is
public data, not the briefing's claims: nothing in it is cited, and it is drawn in grey.

The file is GeoJSON (RFC 7946: positions are ``[longitude, latitude]``), a
FeatureCollection with an ``attribution`` member, shown on every map that draws it, and
features of five kinds (``properties.kind``):

- ``country-border`` and ``province-border``: a LineString or MultiLineString;
- ``country``, ``province`` and ``town``: a Point with a ``name`` (and, for a town, its
  ``population``, which decides from which zoom it is named).

``scripts/make_geography.py`` makes it from Natural Earth and GeoNames. Like all content
it is untrusted: it is held to the limits below, every problem is reported with its file
and line, and names reach the maps as text, never as markup.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.errors import ROOT_CAUSE, Collector

FILE = "geography.json"
"""Its name in the content folder."""

MAX_FEATURES = 5_000
"""Features at most: an area's boundaries and a few hundred names need a few hundred."""

MAX_POSITIONS = 50_000
"""Positions in all lines together: simplified for a map, two countries' boundaries need a
few thousand, and every map page loads them all."""

MAX_NAME = 80
"""Characters in a name at most (the longest province names are about 30)."""

LINE_KINDS = ("country-border", "province-border")
LABEL_KINDS = ("country", "province", "town")

TOWN_ZOOMS = ((1_000_000, 5.0), (250_000, 6.5), (50_000, 7.5), (0, 8.5))
"""From which map zoom a town is named, by population: the biggest cities on a map of the
whole area, small towns only on a region's map."""

LABEL_ZOOMS = {"country": 0.0, "province": 5.5}
"""From which map zoom countries and provinces are named."""

_FEATURE = re.compile(r'"type"\s*:\s*"Feature"')


@dataclass(frozen=True)
class Label:
    """A name written on the map."""

    kind: str
    name: str
    lat: float
    lon: float
    population: int | None = None

    @property
    def zoom(self) -> float:
        """The map zoom from which it is written."""
        if self.kind == "town":
            return next(zoom for least, zoom in TOWN_ZOOMS if (self.population or 0) >= least)
        return LABEL_ZOOMS[self.kind]


@dataclass(frozen=True)
class Boundary:
    """A boundary line: its kind and its parts, each a list of (lat, lon)."""

    kind: str
    parts: tuple[tuple[tuple[float, float], ...], ...]


@dataclass(frozen=True)
class Geography:
    """The reference geography, validated."""

    attribution: str
    boundaries: tuple[Boundary, ...]
    labels: tuple[Label, ...]

    def by_priority(self) -> list[Label]:
        """Labels in the order they claim room on a map: countries, provinces, then towns
        from the largest (a name that would cover one written before it is left out)."""
        order = {kind: index for index, kind in enumerate(LABEL_KINDS)}
        return sorted(
            self.labels, key=lambda label: (order[label.kind], -(label.population or 0), label.name)
        )

    def script(self) -> str:
        """The shared script that gives it to every map (``window.BriefingGeography``):
        [lat, lon] pairs as Leaflet takes them, labels with the zoom they appear from."""
        data = {
            "attribution": self.attribution,
            "lines": [
                {"kind": b.kind, "parts": [list(map(list, p)) for p in b.parts]} for b in self.boundaries
            ],
            "labels": [
                {"kind": label.kind, "name": label.name, "at": [label.lat, label.lon], "zoom": label.zoom}
                for label in self.by_priority()
            ],
        }
        # ASCII only, and no "<", so the text is inert wherever it is embedded.
        text = json.dumps(data, ensure_ascii=True, separators=(",", ":")).replace("<", "\\u003c")
        return f"window.BriefingGeography = {text};\n"


def load_geography(content: Path, problems: Collector, max_bytes: int) -> Geography | None:
    """Read and check ``content/geography.json``; None when there is none or it has problems
    (each reported with its line)."""
    path = content / FILE
    rel = f"{content.name}/{FILE}"
    try:
        size = path.lstat().st_size
    except OSError:
        return None
    if size > max_bytes:
        problems.add(
            rel, 1, f"{size:,} bytes is more than the {max_bytes:,} a content file may hold", ROOT_CAUSE
        )
        return None
    try:
        text = path.read_text("utf-8")
        data = json.loads(text, parse_constant=_no_constant)
    except UnicodeDecodeError:
        problems.add(rel, 1, "not UTF-8 text", ROOT_CAUSE)
        return None
    except json.JSONDecodeError as exc:
        problems.add(rel, exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})", ROOT_CAUSE)
        return None
    except ValueError as exc:
        problems.add(rel, 1, f"not valid JSON: {exc}", ROOT_CAUSE)
        return None
    return _checked(data, rel, _feature_lines(text), problems)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _feature_lines(text: str) -> list[int]:
    """The line of each feature's ``"type": "Feature"``, in order."""
    return [text.count("\n", 0, match.start()) + 1 for match in _FEATURE.finditer(text)]


def _checked(data: Any, rel: str, lines: list[int], problems: Collector) -> Geography | None:
    before = len(problems.problems)
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        problems.add(rel, 1, 'must be a GeoJSON object with "type": "FeatureCollection"', ROOT_CAUSE)
        return None
    unknown = sorted(set(data) - {"type", "attribution", "features", "bbox"})
    if unknown:
        problems.add(
            rel,
            1,
            f"unknown member {unknown[0]!r}: a FeatureCollection here has type, attribution and features",
        )
    attribution = data.get("attribution")
    if not _is_name(attribution, 300):
        problems.add(
            rel, 1, '"attribution" must say, in one line of at most 300 characters, where the data is from'
        )
    features = data.get("features")
    if not isinstance(features, list):
        problems.add(rel, 1, '"features" must be a list')
        return None
    if len(features) > MAX_FEATURES:
        problems.add(rel, 1, f"{len(features):,} features is more than {MAX_FEATURES:,}: keep the area's own")
        return None
    if len(lines) != len(features):  # formatted so that features cannot be told apart by line
        lines = [1] * len(features)
    boundaries: list[Boundary] = []
    labels: list[Label] = []
    positions = 0
    for index, feature in enumerate(features):
        problem, item = _feature(feature)
        where = f"feature {index + 1}"
        if problem:
            problems.add(rel, lines[index], f"{where}: {problem}")
        elif isinstance(item, Boundary):
            positions += sum(len(part) for part in item.parts)
            boundaries.append(item)
        elif isinstance(item, Label):
            labels.append(item)
    if positions > MAX_POSITIONS:
        problems.add(
            rel, 1, f"the lines have {positions:,} positions, more than {MAX_POSITIONS:,}: simplify them"
        )
    if len(problems.problems) > before:
        return None
    return Geography(str(attribution), tuple(boundaries), tuple(labels))


def _feature(feature: Any) -> tuple[str | None, Boundary | Label | None]:
    """A problem with one feature, or what it is."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return 'must be an object with "type": "Feature"', None
    properties, geometry = feature.get("properties"), feature.get("geometry")
    if not isinstance(properties, dict) or not isinstance(geometry, dict):
        return '"properties" and "geometry" must be objects', None
    kind = properties.get("kind")
    if kind in LINE_KINDS:
        return _boundary(kind, geometry)
    if kind in LABEL_KINDS:
        return _label(kind, properties, geometry)
    return f"kind {kind!r} is not one of " + ", ".join(LINE_KINDS + LABEL_KINDS), None


def _boundary(kind: str, geometry: dict[str, Any]) -> tuple[str | None, Boundary | None]:
    shape, coordinates = geometry.get("type"), geometry.get("coordinates")
    if shape == "LineString":
        coordinates = [coordinates]
    elif shape != "MultiLineString":
        return f"a {kind} is a LineString or MultiLineString, not {shape!r}", None
    if not isinstance(coordinates, list) or not coordinates:
        return "coordinates must be a list of lines", None
    parts = []
    for part in coordinates:
        if not isinstance(part, list) or len(part) < 2:
            return "each line needs two positions or more", None
        points = []
        for position in part:
            problem, point = _position(position)
            if problem:
                return problem, None
            points.append(point)
        parts.append(tuple(points))
    return None, Boundary(kind, tuple(parts))


def _label(
    kind: str, properties: dict[str, Any], geometry: dict[str, Any]
) -> tuple[str | None, Label | None]:
    if geometry.get("type") != "Point":
        return f"a {kind} is a Point, named where it is written", None
    problem, point = _position(geometry.get("coordinates"))
    if problem:
        return problem, None
    name = properties.get("name")
    if not _is_name(name, MAX_NAME):
        return f"a {kind} needs a name: one line of at most {MAX_NAME} characters", None
    population = properties.get("population")
    if population is not None and (type(population) is not int or population < 0):
        return "population must be a whole number of people", None
    unknown = sorted(set(properties) - {"kind", "name", "population"})
    if unknown:
        return f"unknown property {unknown[0]!r}: a name has kind, name and population", None
    return None, Label(kind, str(name), point[0], point[1], population)


def _position(position: Any) -> tuple[str | None, tuple[float, float]]:
    """A GeoJSON position [longitude, latitude] as (lat, lon)."""
    if (
        not isinstance(position, list)
        or len(position) not in (2, 3)
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in position)
    ):
        return f"{json.dumps(position)[:40]} is not a position [longitude, latitude]", (0.0, 0.0)
    lon, lat = float(position[0]), float(position[1])
    if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
        return f"[{lon}, {lat}] is not a position on Earth (GeoJSON writes longitude first)", (0.0, 0.0)
    return None, (lat, lon)


def _is_name(value: Any, limit: int) -> bool:
    return isinstance(value, str) and len(value.strip()) > 0 and len(value) <= limit and value.isprintable()
