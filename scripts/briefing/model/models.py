"""The content schema, declared once.

Every content type is a pydantic model; the docstring under each field is its
documentation, and feeds the JSON Schema (``briefing schema``), the skeletons of
``briefing new`` and the field tables of the contributor guide.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from briefing.model.types import Coords, Id, PartialDate, as_list, slug


class Model(BaseModel):
    """Base for content models: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, str_strip_whitespace=True
    )


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("must be one line: write it without line breaks")
    return value


Line = Annotated[str, Field(min_length=1), AfterValidator(_one_line)]
"""Text on one line: a title, name or label, which pages use in headings, links and tooltips."""
OptionalLine = Annotated[str, AfterValidator(_one_line)]


def _hex_colour(value: str) -> str:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise ValueError(f"'{value[:40]}' is not a colour written #rrggbb (six hexadecimal digits)")
    return value


HexColour = Annotated[
    str, AfterValidator(_hex_colour), Field(json_schema_extra={"pattern": "^#[0-9a-fA-F]{6}$"})
]
"""A colour written #rrggbb: it reaches the maps' style sheet, so nothing else is accepted."""


Text = Annotated[str, Field(min_length=1)]
CitedText = Annotated[str, Field(min_length=1, json_schema_extra={"cited": True})]
"""Text whose every sentence carries its citation inline, as profiles do: ``… in 2009
[@source-id "a verbatim quote"].`` (or ``[@ref:id]``); a sentence saying what the sources do
not say ("The sources do not name …") needs none. ``briefing check`` verifies each."""


def _term(value: str) -> str:
    if bad := sorted(set(value) & set("[]<>*")):
        raise ValueError(f"a glossary term cannot contain {' '.join(bad)}: write the term as readers see it")
    return _one_line(value)


_WEB_ADDRESS = re.compile(r"https?://[^\s\"'<>\\^`{|}\[\]]+")


def _web_address(value: str) -> str:
    if not _WEB_ADDRESS.fullmatch(value) or value.count("(") != value.count(")"):
        raise ValueError(
            "not a plain web address: it starts with https:// (or http://) and has no spaces, quotes, "
            "angle brackets, braces, square brackets or unpaired parentheses (percent-encode them)"
        )
    return value


WebAddress = Annotated[str, Field(pattern=r"^https?://"), AfterValidator(_web_address)]
"""An http(s) address as a link can carry it, with nothing that could close the link."""


def refers(collection: str) -> Any:
    """Mark a field whose values are ids of another collection; ``check`` resolves them."""
    return Field(json_schema_extra={"refers": collection})


class Citation(Model):
    """A claim's support: a verbatim quote from one of the briefing's sources, or an external reference."""

    source: Annotated[Id | None, refers("sources")] = None
    """Id of the source quoted (a file in content/sources/)."""
    quote: Text | None = None
    """A short verbatim passage of that source. Checked against its text."""
    para: Annotated[str, Field(pattern=r"^p\d+$")] | None = None
    """Optional paragraph anchor (p1, p2 …) the quote must be in."""
    ref: Annotated[Id | None, refers("references")] = None
    """Id of an external reference (content/references/), for context from outside the briefing's sources."""

    @model_validator(mode="after")
    def _one_kind(self) -> Citation:
        if self.ref and (self.source or self.quote):
            raise ValueError("a citation is either source + quote or ref, not both")
        if not self.ref and not (self.source and self.quote):
            raise ValueError("a citation needs source and quote (or ref for an external reference)")
        return self


Cites = Annotated[list[Citation], BeforeValidator(as_list), Field(min_length=1)]
OptionalCites = Annotated[list[Citation], BeforeValidator(as_list)]


class Source(Model):
    """An article the briefing is built from: metadata in front-matter, cleaned text in the body."""

    id: Id
    """Unique id; also the file name and the page URL."""
    title: Line
    """Headline as published, or a descriptive title of ours when the text has none (say so in title_note)."""
    title_note: str | None = None
    """Where the title comes from when it is not the published headline."""
    outlet: OptionalLine | None
    """Publication; null when the text does not establish it (then explain in outlet_note)."""
    outlet_note: str | None = None
    """Why the outlet is unknown or how it was established."""
    author: OptionalLine | None
    """Author as bylined; null when the text does not establish it (explain in author_note)."""
    author_note: str | None = None
    """Why the author is unknown or how the byline was established."""
    published: PartialDate
    """Publication date, no more precise than the evidence (YYYY-MM-DD, YYYY-MM or YYYY)."""
    published_note: str | None = None
    """How the date was established when the text does not state it in full."""
    url: WebAddress | None
    """Address of the original; null when unknown (explain in url_note)."""
    url_note: str | None = None
    """Why the address is unknown."""
    kind: Literal["news", "analysis", "opinion", "commentary"]
    """news | analysis | opinion | commentary."""
    partisan: bool = False
    """True for advocacy or partisan commentary: never the only support for a fact."""
    perspective: Text
    """One neutral line on the outlet's and author's stance."""
    rights: Literal["full-text", "excerpts"]
    """full-text: the site may show the whole text; excerpts: only summary and quoted passages."""
    summary: Text
    """Our own summary, 2–4 sentences."""
    raw: str
    """The file in content/raw/ this text was ingested from."""
    reviewed: dt.date
    """When an editor last checked this file."""

    @model_validator(mode="after")
    def _unknowns_explained(self) -> Source:
        for name in ("outlet", "author", "url"):
            if getattr(self, name) is None and not getattr(self, f"{name}_note"):
                raise ValueError(f"{name} is null: say why in {name}_note")
        return self


Qualifier = Literal["reported", "claimed", "alleged", "believed", "historical"]
"""reported: a source states it as fact; claimed: one of the two parties says so; alleged: others
accuse (or the source says "alleged"); believed: the source says "believed", "assumed",
"suspected"; historical: the sources say it held in the past, not that it holds now."""


class Relation(Model):
    """A cited relation from one actor to another."""

    type: Line
    """How this actor relates to the target: a relation type of the vocabulary (``vocabulary.yml``)."""
    target: Annotated[Id, refers("actors")]
    """The other actor's id."""
    qualifier: Qualifier
    """How the sources hold it, in their own terms: reported | claimed | alleged | believed | historical."""
    as_of: PartialDate | None = None
    """When the sources last say it held; by default the date of the newest source cited."""
    note: str | None = None
    """Short attribution ("according to the analyst") or the source's own hedge, in its words."""
    cite: Cites
    """Citation(s) supporting the relation."""


class Actor(Model):
    """An organisation, state body or person the sources discuss; the body is its cited profile."""

    id: Id
    """Unique id; also the file name and the page URL."""
    name: Line
    """Full name."""
    short: OptionalLine | None = None
    """Short label: the acronym or name pages use for it (UN, ICRC)."""
    kind: Line
    """An actor kind of the vocabulary (``vocabulary.yml``): armed-group, state, person …"""
    aliases: list[Line] = []
    """Names and spellings the sources use; they drive mention detection (whole word, case-sensitive)."""
    description: CitedText
    """One neutral line, each sentence cited inline: ``… [@source-id "quote"]``."""
    country: str | None = None
    """Country it belongs to, if any."""
    role: CitedText | None = None
    """For people: office or role as the sources give it, dated ("army chief as of March 2024")
    and cited inline."""
    regions: Annotated[list[Id], refers("regions")] = []
    """Ids of regions where the sources place it."""
    relations: list[Relation] = []
    """Cited relations to other actors."""
    reviewed: dt.date
    """When an editor last checked this file."""


class Region(Model):
    """A border region, province or country; the body is its cited profile."""

    id: Id
    """Unique id; also the file name and the page URL."""
    name: Line
    """Name."""
    kind: Literal["border-region", "province", "country"]
    """border-region (has an outline) | province | country."""
    country: Line
    """Country the region is in: one of the countries of ``area.yml`` (when there is one)."""
    admin: CitedText | None = None
    """Administrative unit as of the sources' dates, cited inline: ``… [@source-id "quote"]``."""
    centre: Coords
    """Centre as [latitude, longitude]."""
    outline: list[Coords] | None = None
    """Simplified outline polygon, [[lat, lon], …], approximate."""
    facing: Annotated[list[Id], refers("regions")] = []
    """Ids of regions across the border."""
    parent: Annotated[Id | None, refers("regions")] = None
    """Id of the containing province or country region."""
    reviewed: dt.date
    """When an editor last checked this file."""

    @model_validator(mode="after")
    def _outline(self) -> Region:
        if self.kind == "border-region" and not self.outline:
            raise ValueError("a border-region needs an outline")
        if self.outline is not None and len(self.outline) < 3:
            raise ValueError("an outline needs at least 3 points")
        return self


class Place(Model):
    """A named point the sources mention, inside a region."""

    id: Id
    """Unique id."""
    name: Line
    """Name."""
    region: Annotated[Id, refers("regions")]
    """Id of the region the place lies in."""
    coords: Coords
    """Position as [latitude, longitude]."""
    note: CitedText | None = None
    """Anything a reader should know about the place, each sentence cited inline."""


class Border(Model):
    """A border the maps draw, as a simplified line, with what its sources say about it."""

    id: Id
    """Id of the line."""
    name: Line
    """Name."""
    description: Text
    """What the line is."""
    approximate: bool
    """True: the line is simplified and not for navigation."""
    status: Line | None = None
    """How the line's standing is contested, in the few words its citations support
    ("not recognised by one side"): written under its name on maps and in their tables."""
    line: Annotated[list[Coords], Field(min_length=2)]
    """Points [[lat, lon], …] from north to south."""
    left: str | None = None
    """Country on the line's left, walking it from its first point to its last (the east of a
    line drawn north to south); with ``right``, places on the wrong side are reported."""
    right: str | None = None
    """Country on the line's right, walking it from its first point to its last."""
    cite: Cites
    """Citations of what the description and status say."""
    reviewed: dt.date
    """When an editor last checked this file."""


class Event(Model):
    """A dated event the sources report."""

    id: Id
    """Unique id, conventionally starting with the date."""
    title: Line
    """Short neutral headline."""
    date: PartialDate
    """When, no more precise than the evidence."""
    date_note: str | None = None
    """How the date was derived when not stated outright."""
    places: Annotated[list[Id], refers("places")] = []
    """Ids of the places or regions where it happened, most specific first; several when it
    happened in several (a strike in two provinces); empty when the sources do not say."""
    actors: Annotated[list[Id], refers("actors")] = []
    """Ids of the actors involved."""
    kind: Line
    """What happened: an event kind of the vocabulary (``vocabulary.yml``): attack, airstrike, talks …"""
    casualties: str | None = None
    """Casualty figures only as a source states them, attributed."""
    summary: Text
    """One or two attributed sentences."""
    cite: Cites
    """Citation(s)."""
    distinct_from: Annotated[list[Id], refers("events")] = []
    """Ids of events of the same kind, date and place that an editor has checked are other
    events (this silences the duplicate warning of ``briefing check``)."""
    reviewed: dt.date
    """When an editor last checked this file."""


class Position(Model):
    """One position in a debate."""

    id: Id
    """Id, unique within the debate."""
    label: Line
    """Short label."""
    summary: CitedText
    """Attributed summary of the position, each sentence cited inline: ``… [@source-id "quote"]``."""
    held_by: Annotated[list[Id], refers("actors")] = []
    """Ids of actors who hold it."""
    quotes: Cites
    """Supporting verbatim quotes."""


class Disagreement(Model):
    """A point on which the sources disagree, their words side by side."""

    point: Text
    """What is disputed."""
    views: Annotated[list[Citation], Field(min_length=2)]
    """Two or more quotes, side by side."""


class Debate(Model):
    """A policy debate the sources argue; the body is its cited context."""

    id: Id
    """Unique id; also the file name and the page URL."""
    title: Line
    """Title."""
    question: Text
    """The question in dispute."""
    summary: CitedText
    """One neutral paragraph, each sentence cited inline: ``… [@source-id "quote"]``."""
    positions: Annotated[list[Position], Field(min_length=2)]
    """Two or more positions."""
    disagreements: list[Disagreement] = []
    """Where the sources disagree."""
    reviewed: dt.date
    """When an editor last checked this file."""


class GlossaryEntry(Model):
    """An abbreviation or term of art."""

    term: Annotated[str, Field(min_length=1), AfterValidator(_term)]
    """The term as written (UN, Green Line)."""
    expansion: OptionalLine | None = None
    """Expansion of an abbreviation."""
    definition: Text
    """One sentence."""
    actor: Annotated[Id | None, refers("actors")] = None
    """Id of the actor the term names."""
    cite: Cites
    """Citation(s) or reference for the definition."""


class Reference(Model):
    """An external reference, for context the briefing's sources do not give."""

    id: Id
    """Unique id; also the file name."""
    title: Line
    """Title of the document or page."""
    publisher: Line
    """Who published it."""
    url: WebAddress
    """Address."""
    date: PartialDate | None = None
    """Publication date, if known."""


class Judgement(Model):
    """A key judgement on the home page."""

    text: Text
    """The judgement, attributed and neutral."""
    cite: Cites
    """Citation(s)."""


class Bounds(Model):
    """A box of latitudes and longitudes."""

    south: Annotated[float, Field(ge=-90, le=90)]
    """Southernmost latitude."""
    west: Annotated[float, Field(ge=-180, le=180)]
    """Westernmost longitude."""
    north: Annotated[float, Field(ge=-90, le=90)]
    """Northernmost latitude."""
    east: Annotated[float, Field(ge=-180, le=180)]
    """Easternmost longitude."""

    @model_validator(mode="after")
    def _ordered(self) -> Bounds:
        if self.south >= self.north:
            raise ValueError("south must be less than north")
        if self.west >= self.east:
            raise ValueError("west must be less than east")
        return self

    def __contains__(self, point: object) -> bool:
        """Whether a (lat, lon) pair lies inside, edges included."""
        if not isinstance(point, tuple) or len(point) != 2:
            return False
        lat, lon = float(point[0]), float(point[1])
        return self.south <= lat <= self.north and self.west <= lon <= self.east


class Country(Model):
    """A country of the briefing, as regions name it, with its colour on maps."""

    name: Line
    """Name, as regions' ``country`` writes it."""
    colour: HexColour
    """Colour of its regions' outlines on maps, on the light palette (#rrggbb)."""
    dark: HexColour
    """The same on the dark palette: lighter, to stand out on a dark map."""


class Area(Model):
    """The area the briefing covers and its countries: the subject of its maps."""

    bounds: Bounds
    """Every point of the content (centres, outlines, places, border lines) lies inside."""
    countries: Annotated[list[Country], Field(min_length=1)]
    """The briefing's countries, in the order pages list them (its main subject first)."""
    reviewed: dt.date
    """When an editor last checked this file."""

    @model_validator(mode="after")
    def _unique(self) -> Area:
        names = [slug(c.name) for c in self.countries]
        if twice := sorted({c.name for c in self.countries if names.count(slug(c.name)) > 1}):
            raise ValueError(
                f"country '{twice[0]}' is listed twice (or spelt so that maps cannot tell it apart)"
            )
        return self


class BriefingInfo(Model):
    """Site-wide data: title, scope and the key judgements."""

    title: Line
    """Site title."""
    subtitle: Line
    """One line under the title."""
    as_of: dt.date
    """Date the briefing as a whole was last reviewed."""
    scope: Text
    """What the briefing covers and from which sources."""
    judgements: list[Judgement] = []
    """Key judgements, each cited."""
    reviewed: dt.date
    """When an editor last checked this file."""


# --- Vocabularies (content/vocabulary.yml; see briefing.vocabulary) -------------------------

VocabularyShape = Literal["circle", "square", "diamond"]


class EventKind(Model):
    """A kind of event and how maps draw it."""

    id: Id
    """What events write as their ``kind``."""
    label: Line
    """How pages, maps and filters name it."""
    colour: HexColour
    """Colour of its markers (#rrggbb)."""
    shape: VocabularyShape
    """Shape of its markers: circle | square | diamond (by convention violence, military
    action and politics), so that colour is never the only cue."""


class ActorKind(Model):
    """A kind of actor, and the heading the actors index lists it under."""

    id: Id
    """What actors write as their ``kind``."""
    label: Line
    """How one is described ("Armed group")."""
    plural: Line
    """The heading of the list ("Armed groups")."""


class RelationCategory(Model):
    """A family of relations that relation diagrams draw alike."""

    id: Id
    """What relation types write as their ``category``."""
    legend: Line
    """How the diagrams' legend describes its lines ("orange, thick")."""
    colour: HexColour
    """Colour of its lines (#rrggbb)."""
    width: Annotated[float, Field(gt=0, le=10)]
    """Width of its lines, in pixels."""
    dash: Annotated[str, Field(pattern=r"^\d+(\.\d+)?( \d+(\.\d+)?)*$")] | None = None
    """Dash pattern of its lines ("6 4": 6 px drawn, 4 px gap), or none for a solid line."""

    @property
    def style(self) -> str:
        """The Mermaid link style of its lines."""
        dash = f",stroke-dasharray:{self.dash}" if self.dash else ""
        return f"stroke:{self.colour},stroke-width:{self.width:g}px{dash}"


class RelationType(Model):
    """A relation one actor can have to another."""

    id: Id
    """What relations write as their ``type``."""
    category: Id
    """The category it is drawn in."""
    verb: Line | None = None
    """How it reads between two names; by default its id with spaces ("ally of")."""


class Vocabulary(Model):
    """The kinds of event and actor, and the relations, content may use, in the order pages list them."""

    event_kinds: Annotated[list[EventKind], Field(min_length=1)]
    """Kinds of event, with their look on maps."""
    actor_kinds: Annotated[list[ActorKind], Field(min_length=1)]
    """Kinds of actor, with their headings."""
    relation_categories: Annotated[list[RelationCategory], Field(min_length=1)]
    """Families of relations, with their look in relation diagrams."""
    relation_types: Annotated[list[RelationType], Field(min_length=1)]
    """Relations between actors, each in a category."""
    reviewed: dt.date | None = None
    """When an editor last checked this file."""

    @model_validator(mode="after")
    def _consistent(self) -> Vocabulary:
        for name in ("event_kinds", "actor_kinds", "relation_categories", "relation_types"):
            ids = [entry.id for entry in getattr(self, name)]
            if twice := sorted({i for i in ids if ids.count(i) > 1}):
                raise ValueError(f"{name}: '{twice[0]}' is listed twice")
        lines = [(c.width, c.dash) for c in self.relation_categories]
        if same := next(
            (c for c, line in zip(self.relation_categories, lines, strict=True) if lines.count(line) > 1),
            None,
        ):
            raise ValueError(
                f"relation category '{same.id}' and another differ only by colour: give each its own "
                "width or dash, so that readers who cannot tell the colours apart can tell the lines apart"
            )
        categories = {c.id for c in self.relation_categories}
        for relation in self.relation_types:
            if relation.category not in categories:
                raise ValueError(
                    f"relation type '{relation.id}' is in category '{relation.category}', which "
                    f"relation_categories does not list ({', '.join(sorted(categories))})"
                )
        return self

    @functools.cached_property
    def event_kind(self) -> dict[str, EventKind]:
        """Event kinds by id, in order."""
        return {k.id: k for k in self.event_kinds}

    @functools.cached_property
    def actor_kind(self) -> dict[str, ActorKind]:
        """Actor kinds by id, in order."""
        return {k.id: k for k in self.actor_kinds}

    @functools.cached_property
    def category(self) -> dict[str, RelationCategory]:
        """Relation categories by id, in order."""
        return {c.id: c for c in self.relation_categories}

    @functools.cached_property
    def relation(self) -> dict[str, str]:
        """Relation types as verbs, by id, in order: ``ally-of`` → ``ally of``."""
        return {r.id: r.verb or r.id.replace("-", " ") for r in self.relation_types}

    @functools.cached_property
    def relation_category(self) -> dict[str, str]:
        """The category of each relation type."""
        return {r.id: r.category for r in self.relation_types}


# Where each content type lives, for loading, schemas and documentation.
COLLECTIONS: dict[str, type[Model]] = {
    "sources": Source,
    "actors": Actor,
    "regions": Region,
    "events": Event,
    "debates": Debate,
    "references": Reference,
    "borders": Border,
}
YAML_COLLECTIONS = frozenset({"references", "borders"})
"""Collections of YAML files (``<id>.yml``); the others are Markdown with front matter (``<id>.md``)."""
DATA_FILES: dict[str, tuple[type[Model], bool]] = {
    "places.yml": (Place, True),
    "glossary.yml": (GlossaryEntry, True),
    "briefing.yml": (BriefingInfo, False),
    "area.yml": (Area, False),
    "vocabulary.yml": (Vocabulary, False),
}
"""Single data files: (model, whether the file holds a list of them)."""
