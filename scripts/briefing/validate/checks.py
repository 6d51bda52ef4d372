"""Checks that span files: ids, references, quotes, geography and editorial rules.

Each check walks the validated models beside the raw documents so that every
problem still names the file and the line of the offending value.
"""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Hashable, Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, cast

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from briefing.errors import Collector
from briefing.geometry import distance_to_line, distance_to_outline, point_in_polygon, side_of_line
from briefing.load.content import RAW_DIR, unchecked_if_unreadable
from briefing.load.documents import line_of
from briefing.markup import body_problems, problems_in, strings
from briefing.model.briefing import Briefing, Item
from briefing.model.models import Actor, Border, Citation, Event, Place, Region
from briefing.model.scaffold import PLACEHOLDER
from briefing.model.schema import _field_path as field_path
from briefing.model.schema import did_you_mean
from briefing.model.text import Marker, Match, blocks, find_markers, norm, sentences, without_markers
from briefing.validate.similar import likely_duplicates

if TYPE_CHECKING:
    from briefing.cache import Kept

PARTISAN_ONLY = "a partisan source is the only support here: add another citation"
MIN_QUOTE_WORDS = 3
"""A quote of fewer words cannot show that a source says what the claim says."""


@functools.cache
def _fields(model: type[BaseModel]) -> list[tuple[str, str | None]]:
    """Each field of a model with the collection its values refer to, if any."""
    found = []
    for name, field in model.model_fields.items():
        extra = field.json_schema_extra
        refers = extra.get("refers") if isinstance(extra, dict) else None
        found.append((name, str(refers) if refers else None))
    return found


def walk(
    model: BaseModel, loc: tuple[int | str, ...] = ()
) -> Iterator[tuple[Any, str | None, tuple[int | str, ...]]]:
    """Yield (value, collection it refers to or None, location) for every field, recursively."""
    for name, refers in _fields(type(model)):
        value = getattr(model, name)
        values = value if isinstance(value, list) else [value]
        for index, item in enumerate(values):
            where = loc + ((name, index) if isinstance(value, list) else (name,))
            if isinstance(item, BaseModel):
                yield item, None, where
                yield from walk(item, where)
            elif refers and item is not None:
                yield item, refers, where


def check_briefing(
    briefing: Briefing, content: Path, problems: Collector, scanned: Kept[Any] | None = None
) -> None:
    """Run every cross-file check, adding what is wrong to ``problems``.

    ``scanned``: what the markup check found in each string, kept between runs (a preview's
    cache): a source's paragraphs are then scanned once, not on every edit of another file.
    """
    targets = _targets(briefing)
    walked = [(item, list(walk(item.model))) for item in briefing.items]
    for item, found in walked:
        for value, refers, loc in found:
            if refers and value not in targets[refers]:
                line = item.line(*loc)
                hint = did_you_mean(value, targets[refers])
                problems.add(item.doc.path, line, f"unknown {refers[:-1]} id '{value}'{hint}")
            elif isinstance(value, Citation):
                check_citation(briefing, value, item.doc.path, item.line(*loc, "quote"), problems)
    _check_ids_shared(briefing, problems)
    check_markup(briefing, problems, scanned)
    _check_raw_files(briefing, content, problems)
    _check_bodies(briefing, targets, problems)
    _check_cited_fields(briefing, targets, problems)
    _check_partisan(briefing, walked, problems)
    _check_geography(briefing, problems)
    _check_vocabulary(briefing, content, problems)
    _check_placeholders(briefing, problems)
    _check_duplicates(briefing, problems)


def _targets(briefing: Briefing) -> dict[str, set[str]]:
    known = briefing.known
    targets = {
        "sources": known.get("sources", set()),
        "references": known.get("references", set()),
        "actors": known.get("actors", set()),
        "events": known.get("events", set()),
        "regions": known.get("regions", set()),
        "places": known.get("places", set()) | known.get("regions", set()),
    }
    return unchecked_if_unreadable(briefing, targets)


def check_citation(
    briefing: Briefing, cite: Citation, path: str, line: int, problems: Collector
) -> Match | None:
    """Verify a quote against its source text and remember where it was found."""
    if (
        cite.ref
        or cite.source not in briefing.texts
        or cite.source in briefing.incomplete
        or cite.quote is None
    ):
        return None
    text = briefing.texts[cite.source]
    if len(norm(cite.quote).split()) < MIN_QUOTE_WORDS:
        problems.add(
            path,
            line,
            f'quote "{cite.quote}" is too short to support a claim: quote at least '
            f"{MIN_QUOTE_WORDS} words of the passage",
        )
        return None
    match = text.find(cite.quote, cite.para)
    if match is None:
        where = f" paragraph {cite.para} of" if cite.para and text.find(cite.quote) else ""
        closest = text.closest(cite.quote)
        problems.add(path, line, f'quote not found in{where} {cite.source}; closest passage: "{closest}"')
        return None
    briefing.matches[(cite.source, cite.quote, cite.para)] = match
    return match


def _check_ids_shared(briefing: Briefing, problems: Collector) -> None:
    """Places and regions share one namespace because an event's place may be either."""
    for item in briefing.items:
        if isinstance(item.model, Place) and item.model.id in briefing.regions:
            problems.add(item.doc.path, item.line("id"), f"place id '{item.model.id}' is also a region id")


def check_markup(briefing: Briefing, problems: Collector, scanned: Kept[Any] | None = None) -> None:
    """No string of any content file, no cited body and no source text holds Markdown that would
    become live markup on a page (see :mod:`briefing.markup`).

    What :func:`briefing.markup.problems_in` finds depends on the string alone, so ``scanned``
    keeps it by the string."""

    def problems_of(value: str) -> Iterable[tuple[int, str]]:
        if scanned is None:
            return problems_in(value)
        found: tuple[tuple[int, str], ...] = scanned.get(value, lambda: tuple(problems_in(value)))
        return found

    for item in briefing.items:
        data = item.doc.data
        for index in item.loc:
            data = data[index]
        cited = {loc for loc, _ in cited_fields(item.model)}
        for loc, value in strings(data):
            # In a cited field markers are checked on their own, the text around them as a body's.
            found = body_problems(value, 1, find_markers(value, 1)[0]) if loc in cited else problems_of(value)
            for offset, message in found:
                problems.add(item.doc.path, item.line(*loc) + offset - 1, f"{field_path(loc)}: {message}")
    for (name, item_id), body in sorted(briefing.bodies.items()):
        for line, message in body_problems(body.text, body.line, body.markers):
            problems.add(briefing.files[(name, item_id)], line, message)
    for source_id, text in sorted(briefing.texts.items()):
        for paragraph in text.paragraphs:
            for _, message in problems_of(paragraph.text):
                problems.add(briefing.files[("sources", source_id)], paragraph.line, message)


def _check_raw_files(briefing: Briefing, content: Path, problems: Collector) -> None:
    """Each source names a regular file under content/raw/ (found by the layout walk, which
    neither follows links nor counts them): an absolute path, a '..' or a link is refused."""
    if RAW_DIR in briefing.rejected:
        return  # the folder itself is a link, reported once
    for source_id, source in sorted(briefing.sources.items()):
        if source.raw in briefing.raw_files:
            continue
        if f"{RAW_DIR}/{source.raw}" in briefing.rejected:
            continue  # already reported as not a regular file
        doc = briefing.docs[("sources", source_id)]
        line = line_of(doc.data, ("raw",))
        path = PurePosixPath(source.raw)
        if path.is_absolute() or ".." in path.parts or "\\" in source.raw:
            message = f"raw: '{source.raw}' must be a file name in content/raw/, not a path outside it"
        else:
            message = f"raw file '{source.raw}' not found in content/raw/"
        problems.add(doc.path, line, message)


def _check_bodies(briefing: Briefing, targets: dict[str, set[str]], problems: Collector) -> None:
    """Body citations resolve, and every paragraph of a profile carries at least one."""
    for (name, item_id), body in sorted(briefing.bodies.items()):
        path = briefing.files[(name, item_id)]
        _check_markers(briefing, targets, path, body.markers, problems)
        for line, kind, statement in statements(body.text, body.line):
            if "[@" not in statement and not SILENCE.match(statement):
                problems.add(path, line, _uncited(kind, statement))


def _check_markers(
    briefing: Briefing, targets: dict[str, set[str]], path: str, markers: list[Marker], problems: Collector
) -> None:
    """Each inline citation names a known source or reference, and its quote is in the source."""
    for marker in markers:
        collection, value = ("references", marker.ref) if marker.ref else ("sources", marker.source)
        if value not in targets[collection]:
            hint = did_you_mean(value, targets[collection])
            problems.add(path, marker.line, f"unknown {collection[:-1]} id '{value}'{hint}")
            continue
        cite = Citation(source=marker.source, quote=marker.quote, para=marker.para, ref=marker.ref)
        check_citation(briefing, cite, path, marker.line, problems)


@functools.cache
def _cited_marks(annotation: Any) -> bool:
    """Whether a type is, or has among its union members, models.CitedText."""
    for meta in getattr(annotation, "__metadata__", ()):
        extra = getattr(meta, "json_schema_extra", None)
        if isinstance(extra, dict) and extra.get("cited"):
            return True
    return any(_cited_marks(arg) for arg in typing.get_args(annotation))


def _is_cited(field: FieldInfo) -> bool:
    extra = field.json_schema_extra
    return (isinstance(extra, dict) and bool(extra.get("cited"))) or _cited_marks(
        cast(Hashable, field.annotation)
    )


def cited_keys(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Key paths (list indices left out) of a model's cited text fields, nested models' too."""
    found: set[tuple[str, ...]] = set()
    for name, field in model.model_fields.items():
        if _is_cited(field):
            found.add((*prefix, name))
        for arg in [field.annotation, *typing.get_args(field.annotation)]:
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                found |= cited_keys(arg, (*prefix, name))
    return found


def cited_fields(
    model: BaseModel, loc: tuple[int | str, ...] = ()
) -> Iterator[tuple[tuple[int | str, ...], str]]:
    """(location, text) of every field declared as cited text (models.CitedText), nested ones too."""
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        if isinstance(value, str) and _is_cited(field):
            yield (*loc, name), value
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            if isinstance(item, BaseModel):
                yield from cited_fields(
                    item, (*loc, name, index) if isinstance(value, list) else (*loc, name)
                )


def _uncited_sentences(text: str) -> list[str]:
    """The sentences of a cited text field with no citation that do not state a silence."""
    return [s for s in sentences(text) if "[@" not in s and not SILENCE.match(s)]


def _check_cited_fields(briefing: Briefing, targets: dict[str, set[str]], problems: Collector) -> None:
    """Every sentence of a cited text field carries a citation that resolves (or says what the
    sources do not say); a partisan source is never a field's only support."""
    partisan = {s for s, src in briefing.sources.items() if src.partisan}
    for item in briefing.items:
        for loc, text in cited_fields(item.model):
            if PLACEHOLDER in text:
                continue  # reported once, as a placeholder left in
            line, where = item.line(*loc), field_path(loc)
            markers, malformed = find_markers(text, line)
            for at, message in malformed:
                problems.add(item.doc.path, at, f"{where}: {message}")
            _check_markers(briefing, targets, item.doc.path, markers, problems)
            for sentence in _uncited_sentences(text):
                shown = sentence if len(sentence) <= 60 else sentence[:57] + "..."
                problems.add(
                    item.doc.path,
                    line,
                    f'{where}: sentence without a citation: "{shown}": put [@source "quote"] after it',
                )
            if markers and all(m.source in partisan for m in markers):
                problems.add(item.doc.path, line, f"{where}: {PARTISAN_ONLY}")
            if loc in DATED and not _YEAR.search(without_markers(text)):
                problems.add(item.doc.path, line, f"{where}: {DATED[loc]}")


DATED = {
    ("role",): 'a role is true at a time: say when the sources give it ("army chief as of March 2024")',
}
"""Cited fields that state what holds at a time, and so name the time."""
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")


SILENCE = re.compile(
    r"^(The|These|Those) sources? (do not|does not|don't|say nothing|are silent|is silent)"
    r"|^None of the (other )?sources|^No (other )?source",
    re.IGNORECASE,
)
"""A paragraph that says what the sources do not say needs no citation."""
_ITEM = re.compile(r"^[ \t]{0,3}(?:[-*+]|\d+[.)])[ \t]+")
_TABLE_RULE = re.compile(r"^[\s|:-]+$")
_ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?)[ \t]*\S+(?:[ \t]+\"[^\"]*\")?[ \t]*$")


def statements(text: str, first_line: int) -> Iterator[tuple[int, str, str]]:
    """The units of a body that each need a citation, as (line, kind, text): a paragraph, an
    admonition's text, a list item, a table row. Headings need none, and neither does a table's
    header row; whatever else is published is a statement."""
    for line, block in blocks(text, first_line):
        rows = block.split("\n")
        if rows[0].lstrip().startswith("|"):
            body_rows = [(line + i, row) for i, row in enumerate(rows) if i and not _TABLE_RULE.match(row)]
            yield from ((n, "table row", row) for n, row in body_rows if row.strip("| \t"))
            continue
        if rows[0].lstrip().startswith("#"):
            line, rows = line + 1, rows[1:]
        if rows and _ADMONITION.match(rows[0].strip()):
            line, rows = line + 1, rows[1:]
        yield from _items(line, rows)


def _items(line: int, rows: list[str]) -> Iterator[tuple[int, str, str]]:
    """A block's list items one by one, or the block as one paragraph."""
    start, kind = line, "paragraph"
    current: list[str] = []
    for offset, row in enumerate(rows):
        if _ITEM.match(row):
            if current:
                yield start, kind, " ".join(current).strip()
            start, kind, current = line + offset, "list item", []
        current.append(_ITEM.sub("", row).strip())
    if " ".join(current).strip():
        yield start, kind, " ".join(current).strip()


def _uncited(kind: str, statement: str) -> str:
    if statement.startswith("<!--"):
        return "an HTML comment is published as text: remove it, or keep editors' notes out of the body"
    return f'{kind} has no citation: every factual statement needs [@source "quote"]'


def _check_partisan(
    briefing: Briefing,
    walked: list[tuple[Item, list[tuple[Any, str | None, tuple[int | str, ...]]]]],
    problems: Collector,
) -> None:
    """A partisan source is never the only support for a fact."""
    partisan = {s for s, src in briefing.sources.items() if src.partisan}
    for item, found in walked:
        nested = [(v, loc) for v, _, loc in found if isinstance(v, BaseModel)]
        for model, loc in [(item.model, ()), *nested]:
            cites = getattr(model, "cite", None)
            if isinstance(cites, list) and cites and all(c.source in partisan for c in cites):
                message = PARTISAN_ONLY
                problems.add(item.doc.path, item.line(*loc, "cite"), message)


def _points(model: object) -> Iterator[tuple[tuple[int | str, ...], tuple[float, float]]]:
    """Every point a model places on the map, with its key path."""
    if isinstance(model, Region):
        yield ("centre",), model.centre
        for index, point in enumerate(model.outline or []):
            yield ("outline", index), point
    elif isinstance(model, Place):
        yield ("coords",), model.coords
    elif isinstance(model, Border):
        for index, point in enumerate(model.line):
            yield ("line", index), point


def _check_area(briefing: Briefing, problems: Collector) -> set[int]:
    """Every point lies inside the bounds of area.yml, and every region's country is one of
    its countries; returns the ids of the models with a point outside."""
    area = briefing.area
    if area is None:
        return set()
    b = area.bounds
    box = f"latitude {b.south:g}–{b.north:g}, longitude {b.west:g}–{b.east:g}"
    outside: set[int] = set()
    for item in briefing.items:
        for loc, (lat, lon) in _points(item.model):
            if (lat, lon) in b:
                continue
            outside.add(id(item.model))
            hint = "; latitude and longitude look swapped" if (lon, lat) in b else ""
            message = (
                f"{field_path(loc)}: [{lat}, {lon}] is outside the area the briefing covers ({box}){hint}"
            )
            problems.add(item.doc.path, item.line(*loc), message)
    names = [c.name for c in area.countries]
    for item in briefing.items:
        if isinstance(item.model, Region) and item.model.country not in names:
            problems.add(
                item.doc.path,
                item.line("country"),
                f"country: '{item.model.country}' is not one of the briefing's countries in area.yml "
                f"({', '.join(names)}){did_you_mean(item.model.country, names)}",
            )
    return outside


def _check_geography(briefing: Briefing, problems: Collector) -> None:
    """Points lie inside the area; centres and places inside their region's outline and on
    their country's side of the border."""
    outside = _check_area(briefing, problems)
    for item in briefing.items:
        model = item.model
        if id(model) in outside:
            continue  # reported once, as outside the area
        if isinstance(model, Region):
            where = _misplaced(briefing, model.centre, model, "centre")
            if where:
                problems.add(item.doc.path, item.line("centre"), where)
        if (
            isinstance(model, Place)
            and (region := briefing.regions.get(model.region))
            and id(region) not in outside
        ):
            where = _misplaced(briefing, model.coords, region, f"place '{model.id}'")
            if where:
                problems.add(item.doc.path, item.line("coords"), where)
    _check_border_sides(briefing, problems)


def _misplaced(briefing: Briefing, point: tuple[float, float], region: Region, what: str) -> str | None:
    """Why a point cannot be in ``region`` (outside its outline, or across the border), or None."""
    if region.outline and not point_in_polygon(point, region.outline):
        away = distance_to_outline(point, region.outline)
        return (
            f"{what} at {list(point)} is outside the outline of region '{region.id}', {away:.1f} km from it"
        )
    # The nearest of the borders between the region's country and another decides the side.
    borders = [
        b for b in briefing.borders.values() if b.left and b.right and region.country in (b.left, b.right)
    ]
    if not borders:
        return None
    border = min(borders, key=lambda b: distance_to_line(point, b.line))
    side = side_of_line(point, border.line)
    country = {"left": border.left, "right": border.right}.get(side or "")
    if country is None or country == region.country:
        return None
    away = distance_to_line(point, border.line)
    return (
        f"{what} at {list(point)} is on the {country} side of the {border.name}, {away:.1f} km from it, "
        f"but region '{region.id}' is in {region.country}: check the coordinates (latitude first) "
        "and the region"
    )


def _check_border_sides(briefing: Briefing, problems: Collector) -> None:
    """Borders' sides name the briefing's countries (of area.yml, or else of the regions)."""
    if not briefing.borders:
        return
    if briefing.area is not None:
        countries = [c.name for c in briefing.area.countries]
        why = "is not one of the briefing's countries"
    elif len(briefing.regions) < len(briefing.known.get("regions", ())):
        return  # a region file with problems of its own may be the one that names the country
    else:
        countries = sorted({r.country for r in briefing.regions.values()})
        why = "is no region's country"
    for item in briefing.items:
        if not isinstance(item.model, Border):
            continue
        for name in ("left", "right"):
            value = getattr(item.model, name)
            if value is not None and value not in countries:
                problems.add(
                    item.doc.path, item.line(name), f"{name}: '{value}' {why}{did_you_mean(value, countries)}"
                )


def _check_vocabulary(briefing: Briefing, content: Path, problems: Collector) -> None:
    """Events, actors and relations use the kinds and types of the vocabulary."""
    if briefing.own_vocabulary is None and (content / "vocabulary.yml").exists():
        return  # its own problems are reported; checking against another vocabulary would mislead
    vocabulary = briefing.vocabulary
    where = (
        "vocabulary.yml"
        if briefing.own_vocabulary
        else "the generator's vocabulary (a vocabulary.yml replaces it)"
    )

    def check(item: Item, loc: tuple[int | str, ...], value: str, allowed: list[str], what: str) -> None:
        if value not in allowed:
            shown = ", ".join(allowed[:12]) + (", …" if len(allowed) > 12 else "")
            problems.add(
                item.doc.path,
                item.line(*loc),
                f"{field_path(loc)}: '{value}' is not {what} of {where}: {shown}{did_you_mean(value, allowed)}",
            )

    events, actors, relations = (
        list(vocabulary.event_kind),
        list(vocabulary.actor_kind),
        list(vocabulary.relation),
    )
    for item in briefing.items:
        model = item.model
        if isinstance(model, Event):
            check(item, ("kind",), model.kind, events, "an event kind")
        elif isinstance(model, Actor):
            check(item, ("kind",), model.kind, actors, "an actor kind")
            for index, relation in enumerate(model.relations):
                check(item, ("relations", index, "type"), relation.type, relations, "a relation type")


def _check_duplicates(briefing: Briefing, problems: Collector) -> None:
    """Warn, in both files, about events that look like the same event."""
    items = {item.model.id: item for item in briefing.items if isinstance(item.model, Event)}
    ids = {id(item): event_id for event_id, item in items.items()}
    for a, b, why in likely_duplicates(briefing):
        if a.id not in items or b.id not in items:
            continue
        for this, other in ((items[a.id], items[b.id]), (items[b.id], items[a.id])):
            problems.warn(
                this.doc.path,
                this.line("date"),
                f"looks like the same event as {other.doc.path}:{other.line('date')} ({why}): merge them "
                f"(an event may have several places) or, if they differ, add "
                f"`distinct_from: [{ids[id(other)]}]` to one of them",
            )


def _placeholders(data: Any, loc: tuple[int | str, ...] = ()) -> Iterator[tuple[int | str, ...]]:
    """Locations of string values that still hold the skeleton's placeholder."""
    if isinstance(data, str) and PLACEHOLDER in data:
        yield loc
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _placeholders(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _placeholders(value, (*loc, index))


def _check_placeholders(briefing: Briefing, problems: Collector) -> None:
    """A skeleton from `briefing new` is finished only when no FILL-IN is left."""
    for item in briefing.items:
        data = item.doc.data
        for index in item.loc:
            data = data[index]
        if PLACEHOLDER not in repr(data):  # the common case, found without walking the data
            continue
        for loc in _placeholders(data):
            where = ".".join(str(p) for p in loc)
            problems.add(item.doc.path, item.line(*loc), f"placeholder left in '{where}': fill it in")
    for (name, item_id), body in sorted(briefing.bodies.items()):
        for line, block in blocks(body.text, body.line):
            if PLACEHOLDER in block:
                problems.add(
                    briefing.files[(name, item_id)], line, "placeholder left in the text: fill it in"
                )
