"""Page builders: each adds one kind of page to the site from the briefing.

A builder gathers and sorts what its pages show; the templates in ``templates/``
only lay it out. Every builder also records the content file behind each page
(its edit link) and appends its section to the nav.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from briefing import urls
from briefing.index.crossref import CrossRef
from briefing.index.mentions import Mention
from briefing.model.briefing import Briefing
from briefing.model.models import Actor, Citation, Event, GlossaryEntry, Region, Relation, Source
from briefing.model.vocabulary import Vocabulary
from briefing.render import labels, opendata
from briefing.render.feed import atom_feed
from briefing.render.passages import shown_paragraphs
from briefing.render.renderer import Renderer, Site

LATEST_EVENTS = 5
"""How many of the most recent events the home page lists."""


def reviewed_of(items: Iterable[object], fallback: dt.date | None = None) -> dt.date | None:
    """The oldest review date among items: a listing is only as fresh as its stalest entry."""
    dates = [d for d in (getattr(item, "reviewed", None) for item in items) if isinstance(d, dt.date)]
    return min(dates) if dates else fallback


# --- Home ---------------------------------------------------------------------------------


def build_home(renderer: Renderer) -> Site:
    """The home page: scope and date, key judgements, latest events, entry points."""
    site = Site()
    briefing = renderer.briefing
    if briefing.info is None:
        return site
    xref = renderer.xref
    site.pages[urls.HOME] = renderer.page(
        "home.md.j2",
        urls.HOME,
        info=briefing.info,
        latest=list(reversed(xref.events[-LATEST_EVENTS:])),
        kinds=_actors_by_kind(briefing),
        regions=_regions_by_country(briefing),
        debates=sorted(briefing.debates.values(), key=lambda d: (d.title.casefold(), d.id)),
        overview_map=renderer.map_embed("overview", urls.HOME),
    )
    site.edit[urls.HOME] = "content/briefing.yml"
    return site


# --- Actors -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Edge:
    """One line of a relation diagram; ``mutual`` draws it both ways."""

    source: str
    target: str
    label: str
    category: str
    mutual: bool = False


@dataclass
class Diagram:
    """A relation diagram: nodes (id → label), lines, the node drawn as the focus, and
    whether lines carry their relation as a label (an overview shows only colours)."""

    vocabulary: Vocabulary
    nodes: dict[str, str] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    focus: str | None = None
    labelled: bool = True

    def styles(self) -> list[tuple[str, list[int]]]:
        """(category, indices of its lines) for Mermaid's ``linkStyle``, in legend order."""
        return [
            (category, [i for i, e in enumerate(self.edges) if e.category == category])
            for category in self.vocabulary.category
            if any(e.category == category for e in self.edges)
        ]

    def legend(self) -> list[tuple[str, str]]:
        """(line style, relation types) of the categories drawn."""
        used = {e.category for e in self.edges}
        vocabulary = self.vocabulary
        return [
            (
                category.legend,
                ", ".join(
                    vocabulary.relation[t]
                    for t, c in vocabulary.relation_category.items()
                    if c == category.id
                ),
            )
            for category in vocabulary.relation_categories
            if category.id in used
        ]


def relation_diagram(
    vocabulary: Vocabulary,
    actors: dict[str, Actor],
    sources: dict[str, Source],
    pairs: Iterable[tuple[Actor, Relation]],
    focus: str | None = None,
    labelled: bool = True,
) -> Diagram:
    """A diagram of relations: one line per pair of actors, direction and kind of relation,
    each kind with its qualifier and the year the sources last say it held.

    Relations of one kind between the same two actors share a line ("fights, criticises");
    when both actors record the same relations of that kind towards each other, one
    two-headed line is drawn.
    """
    order = list(vocabulary.relation)
    types: dict[tuple[str, str, str], dict[str, str]] = defaultdict(dict)
    for actor, relation in pairs:
        key = (actor.id, relation.target, vocabulary.relation_category[relation.type])
        types[key][relation.type] = labels.relation_hedge_short(relation, sources)

    def label(kinds: dict[str, str]) -> str:
        return ", ".join(f"{vocabulary.relation[k]} ({kinds[k]})" for k in sorted(kinds, key=order.index))

    edges: list[Edge] = []
    for (a, b, category), kinds in sorted(types.items()):
        if types.get((b, a, category)) == kinds and a != b:
            if a < b:
                edges.append(Edge(a, b, label(kinds), category, mutual=True))
        else:
            edges.append(Edge(a, b, label(kinds), category))
    ids = {e.source for e in edges} | {e.target for e in edges} | ({focus} if focus else set())
    ordered = sorted(ids, key=lambda i: ((actors[i].short or actors[i].name).casefold(), i))
    return Diagram(
        vocabulary, {i: actors[i].short or actors[i].name for i in ordered}, edges, focus, labelled
    )


MENTIONS_SHOWN = 10
"""Actor and region pages quote the passages of this many sources that name them (the newest);
older ones are listed by title, so a page stays readable however large the corpus grows."""

BRIEF_EVENTS = 5
"""How many of the newest events an actor's or a region's printed brief keeps from its events
table. The brief must fit two A4 pages beside a tall at-a-glance box, the map drawing and the
profile; five rows that each name several places take about a sixth of a page, and the full
list is one address away (the brief prints it)."""


@dataclass(frozen=True)
class SourceMentions:
    """Where one source names an item: the passages it shows, and how many it does not."""

    source: Source
    shown: list[Mention]
    hidden: int


def group_mentions(renderer: Renderer, mentions: list[Mention]) -> list[SourceMentions]:
    """Mentions by source, newest source first, passages in text order."""
    by_source: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_source[mention.source].append(mention)
    newest = _newest_first(renderer.briefing)
    sources = [renderer.briefing.sources[s] for s in sorted(by_source, key=newest.__getitem__)]
    return [
        SourceMentions(
            source,
            [m for m in by_source[source.id] if m.snippet is not None],
            sum(1 for m in by_source[source.id] if m.snippet is None),
        )
        for source in sources
    ]


def _newest_first(briefing: Briefing) -> dict[str, int]:
    """Each source's place in the library newest first (ties by id, last first), ranked once
    per run: comparing partial dates is slow, and every actor and region page sorts by it."""
    if "newest first" not in briefing.derived:
        order = sorted(briefing.sources.values(), key=lambda s: (s.published, s.id), reverse=True)
        briefing.derived["newest first"] = {source.id: rank for rank, source in enumerate(order)}
    ranks: dict[str, int] = briefing.derived["newest first"]
    return ranks


def _actors_by_kind(briefing: Briefing) -> list[tuple[str, list[Actor]]]:
    """Actors by kind, kinds in the vocabulary's order, actors by name."""
    grouped: dict[str, list[Actor]] = defaultdict(list)
    for actor in briefing.actors.values():
        grouped[actor.kind].append(actor)
    return [
        (kind, sorted(grouped[kind], key=lambda a: (a.name.casefold(), a.id)))
        for kind in briefing.vocabulary.actor_kind
        if grouped[kind]
    ]


def _relation_groups(vocabulary: Vocabulary, actor: Actor) -> list[tuple[str, list[Relation]]]:
    """The actor's relations by type, types in the vocabulary's order, relations in content order."""
    grouped: dict[str, list[Relation]] = defaultdict(list)
    for relation in actor.relations:
        grouped[relation.type].append(relation)
    return [(kind, grouped[kind]) for kind in vocabulary.relation if grouped[kind]]


def build_actors(renderer: Renderer) -> Site:
    """The actors index (by kind, with the relation diagram) and one page per actor."""
    site = Site()
    briefing, xref = renderer.briefing, renderer.xref
    kinds = _actors_by_kind(briefing)
    # People's relations (leads, member of …) are on their own pages; without them the
    # overall diagram stays readable.
    everything = relation_diagram(
        briefing.vocabulary,
        briefing.actors,
        briefing.sources,
        (
            (a, r)
            for a in briefing.actors.values()
            for r in a.relations
            if a.kind != "person" and briefing.actors[r.target].kind != "person"
        ),
        labelled=False,
    )
    site.pages[urls.ACTORS_INDEX] = renderer.page(
        "actors_index.md.j2",
        urls.ACTORS_INDEX,
        kinds=kinds,
        diagram=everything,
        reviewed=reviewed_of(briefing.actors.values()),
    )
    site.edit[urls.ACTORS_INDEX] = "content/actors/"
    nav: list[object] = [urls.ACTORS_INDEX]
    for kind, actors in kinds:
        paths = [urls.actor_page(actor.id) for actor in actors]
        for actor, path in zip(actors, paths, strict=True):
            site.pages[path] = _actor_page(renderer, xref, actor, path) if renderer.owns(path) else ""
            site.edit[path] = briefing.files[("actors", actor.id)]
        nav.append({briefing.vocabulary.actor_kind[kind].plural: paths})
    site.nav.append({"Actors": nav})
    return site


def _actor_page(renderer: Renderer, xref: CrossRef, actor: Actor, path: str) -> str:
    briefing = renderer.briefing
    incoming = xref.incoming.get(actor.id, [])
    anchors = glossary_anchors(briefing.glossary)
    pairs = [(actor, r) for r in actor.relations] + [(i.actor, i.relation) for i in incoming]
    events = xref.actor_events.get(actor.id, [])
    mentioned = xref.mentions.actors.get(actor.id, [])
    cites = [c for r in actor.relations for c in r.cite] + [c for i in incoming for c in i.relation.cite]
    return renderer.page(
        "actor.md.j2",
        path,
        actor=actor,
        behind=_sources_behind(renderer, events, mentioned, cites, ("actors", actor.id)),
        event_kinds=_most_reported(briefing.vocabulary, events, shown=len(events)),
        body_text=briefing.bodies.get(("actors", actor.id)),
        regions=[briefing.regions[r] for r in actor.regions],
        groups=_relation_groups(briefing.vocabulary, actor),
        incoming=incoming,
        diagram=relation_diagram(
            briefing.vocabulary, briefing.actors, briefing.sources, pairs, focus=actor.id
        ),
        events=events,
        stances=xref.stances.get(actor.id, []),
        mentions=group_mentions(renderer, mentioned),
        mentions_shown=MENTIONS_SHOWN,
        glossary=[(g, anchors[g.term]) for g in briefing.glossary if g.actor == actor.id],
        actor_map=renderer.map_embed(f"actor-{actor.id}", path),
        drawing=renderer.map_drawing(f"actor-{actor.id}", path),
        brief_events=BRIEF_EVENTS,
        address=opendata.site_link(renderer.options, path),
    )


# --- Regions ------------------------------------------------------------------------------


def _regions_by_country(briefing: Briefing) -> list[tuple[str, list[Region]]]:
    """Regions by country, in the order of area.yml (by name without it); in each, countries,
    then provinces, then the rest."""
    rank = {kind: i for i, kind in enumerate(("country", "province", "border-region"))}
    grouped: dict[str, list[Region]] = defaultdict(list)
    for region in briefing.regions.values():
        grouped[region.country].append(region)
    listed = [c.name for c in briefing.area.countries] if briefing.area else []
    order = sorted(grouped, key=lambda c: (listed.index(c) if c in listed else len(listed), c))
    return [(c, sorted(grouped[c], key=lambda r: (rank[r.kind], r.name.casefold(), r.id))) for c in order]


def build_regions(renderer: Renderer) -> Site:
    """The regions index (by country) and one page per region."""
    site = Site()
    briefing, xref = renderer.briefing, renderer.xref
    countries = _regions_by_country(briefing)
    site.pages[urls.REGIONS_INDEX] = renderer.page(
        "regions_index.md.j2",
        urls.REGIONS_INDEX,
        countries=countries,
        reviewed=reviewed_of(briefing.regions.values()),
        overview_map=renderer.map_embed("overview", urls.REGIONS_INDEX),
    )
    site.edit[urls.REGIONS_INDEX] = "content/regions/"
    nav: list[object] = [urls.REGIONS_INDEX]
    for country, regions in countries:
        paths = [urls.region_page(region.id) for region in regions]
        for region, path in zip(regions, paths, strict=True):
            site.pages[path] = _region_page(renderer, xref, region, path) if renderer.owns(path) else ""
            site.edit[path] = briefing.files[("regions", region.id)]
        nav.append({country: paths})
    site.nav.append({"Regions": nav})
    return site


def _region_page(renderer: Renderer, xref: CrossRef, region: Region, path: str) -> str:
    briefing = renderer.briefing
    events = xref.region_events.get(region.id, [])
    places = sorted(
        (p for p in briefing.places.values() if p.region == region.id),
        key=lambda p: (p.name.casefold(), p.id),
    )
    named = [region.id, *(p.id for p in places)]
    mentions = sorted(
        (m for item in named for m in xref.mentions.places.get(item, [])),
        key=lambda m: (m.source, _anchor_number(m.anchor)),
    )
    return renderer.page(
        "region.md.j2",
        path,
        region=region,
        behind=_sources_behind(renderer, events, mentions, [], ("regions", region.id)),
        event_kinds=_most_reported(briefing.vocabulary, events, shown=len(events)),
        body_text=briefing.bodies.get(("regions", region.id)),
        parent=briefing.regions.get(region.parent) if region.parent else None,
        facing=[briefing.regions[r] for r in region.facing],
        children=xref.children.get(region.id, []),
        places=places,
        events=events,
        presence=xref.presence.get(region.id, []),
        mentions=group_mentions(renderer, _unique_passages(mentions)),
        mentions_shown=MENTIONS_SHOWN,
        tags=sorted({briefing.vocabulary.event_kind[e.kind].label for e in events}),
        region_map=renderer.map_embed(f"region-{region.id}", path),
        drawing=renderer.map_drawing(f"region-{region.id}", path),
        brief_events=BRIEF_EVENTS,
        address=opendata.site_link(renderer.options, path),
    )


def _sources_behind(
    renderer: Renderer,
    events: list[Event],
    mentions: list[Mention],
    cites: Iterable[Citation],
    body: tuple[str, str],
) -> list[Source]:
    """The sources a page about one actor or region rests on, oldest first: those cited for
    its events, relations and profile, and those whose text names it."""
    briefing = renderer.briefing
    text = briefing.bodies.get(body)
    ids = {c.source for e in events for c in e.cite} | {c.source for c in cites}
    ids |= {m.source for m in mentions} | {m.source for m in (text.markers if text else [])}
    found = [briefing.sources[i] for i in sorted(i for i in ids if i and i in briefing.sources)]
    return sorted(found, key=lambda s: s.published)


def _anchor_number(anchor: str) -> int:
    return int(anchor[1:]) if anchor[1:].isdigit() else 0


def _unique_passages(mentions: list[Mention]) -> list[Mention]:
    """One mention per (source, paragraph), preferring one the page can show."""
    best: dict[tuple[str, str], Mention] = {}
    for mention in mentions:
        key = (mention.source, mention.anchor)
        if key not in best or (best[key].snippet is None and mention.snippet is not None):
            best[key] = mention
    return list(best.values())


# --- Debates ------------------------------------------------------------------------------


def build_debates(renderer: Renderer) -> Site:
    """The debates index and one page per debate."""
    site = Site()
    briefing = renderer.briefing
    debates = sorted(briefing.debates.values(), key=lambda d: (d.title.casefold(), d.id))
    site.pages[urls.DEBATES_INDEX] = renderer.page(
        "debates_index.md.j2", urls.DEBATES_INDEX, debates=debates, reviewed=reviewed_of(debates)
    )
    site.edit[urls.DEBATES_INDEX] = "content/debates/"
    paths = []
    for debate in debates:
        path = urls.debate_page(debate.id)
        holders = sorted(
            {a for p in debate.positions for a in p.held_by},
            key=lambda a: (briefing.actors[a].name.casefold(), a),
        )
        site.pages[path] = renderer.page(
            "debate.md.j2",
            path,
            debate=debate,
            body_text=briefing.bodies.get(("debates", debate.id)),
            holders=[briefing.actors[a] for a in holders],
        )
        site.edit[path] = briefing.files[("debates", debate.id)]
        paths.append(path)
    site.nav.append({"Debates": [urls.DEBATES_INDEX, *paths]})
    return site


# --- Timeline, glossary, tags -------------------------------------------------------------


def build_timeline(renderer: Renderer) -> Site:
    """Every event in date order, grouped by year; each entry's anchor is the event id. Past
    ``urls.TIMELINE_EVENTS_MAX`` events the timeline page lists the years and each year has
    a page of its own (``timeline/2024.md``), in the nav under Timeline."""
    site = Site()
    xref = renderer.xref
    years: dict[int, list[Event]] = defaultdict(list)
    for event in xref.events:
        years[event.date.year].append(event)
    by_year = urls.timeline_by_year(len(xref.events))
    ordered = sorted(years.items())
    vocabulary = renderer.briefing.vocabulary
    kinds = {year: _most_reported(vocabulary, events) for year, events in ordered} if by_year else {}
    within = _regions_of_events(xref)
    timeline = urls.timeline_page()
    site.pages[timeline] = renderer.page(
        "timeline.md.j2",
        timeline,
        years=ordered,
        by_year=by_year,
        kinds=kinds,
        event_regions=within,
        filters=[] if by_year else _explorer_filters(renderer.briefing, xref.events, within),
        reviewed=reviewed_of(xref.events),
        timeline_map=renderer.map_embed("timeline", timeline),
    )
    site.edit[timeline] = "content/events/"
    if not by_year:
        return site
    paths: list[dict[str, str]] = []
    for number, (year, events) in enumerate(ordered):
        path = urls.timeline_page(year)
        site.pages[path] = renderer.page(
            "timeline_year.md.j2",
            path,
            year=year,
            events=events,
            event_regions=within,
            filters=_explorer_filters(renderer.briefing, events, within),
            reviewed=reviewed_of(events),
            previous=ordered[number - 1][0] if number else None,
            next=ordered[number + 1][0] if number + 1 < len(ordered) else None,
        )
        site.edit[path] = "content/events/"
        paths.append({str(year): path})  # under Timeline in the sidebar, the year says enough
    site.nav.append({"Timeline": [timeline, *paths]})
    return site


def _regions_of_events(xref: CrossRef) -> dict[str, list[str]]:
    """Event id → every region it happened in, with the regions containing them, by id."""
    found: dict[str, list[str]] = defaultdict(list)
    for region, events in sorted(xref.region_events.items()):
        for event in events:
            found[event.id].append(region)
    return dict(found)


def _explorer_filters(
    briefing: Briefing, events: list[Event], within: dict[str, list[str]]
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The event explorer's filters: (name, [(value, label) …]) for the regions, actors,
    kinds and years the events name, each list in reading order."""
    regions = {r for e in events for r in within.get(e.id, [])}
    actors = {a for e in events for a in e.actors if a in briefing.actors}

    def by_label(options: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        return sorted(options, key=lambda option: (option[1].casefold(), option[0]))

    return [
        ("region", by_label((r, briefing.regions[r].name) for r in regions)),
        ("actor", by_label((a, briefing.actors[a].name) for a in actors)),
        ("kind", by_label((k, briefing.vocabulary.event_kind[k].label) for k in {e.kind for e in events})),
        ("year", [(str(y), str(y)) for y in sorted({e.date.year for e in events})]),
    ]


def _most_reported(vocabulary: Vocabulary, events: list[Event], shown: int = 3) -> str:
    """The kinds of event most reported among ``events``, with their counts, most first."""
    counts: dict[str, int] = defaultdict(int)
    for event in events:
        counts[event.kind] += 1
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:shown]
    return ", ".join(f"{vocabulary.event_kind[kind].label} ({count})" for kind, count in top)


def term_anchor(term: str) -> str:
    """The glossary anchor of a term: ``TTP`` → ``ttp``, ``18th Amendment`` → ``18th-amendment``."""
    return re.sub(r"[^a-z0-9]+", "-", term.casefold()).strip("-") or "term"


def glossary_anchors(entries: Iterable[GlossaryEntry]) -> dict[str, str]:
    """Anchor of each term on the glossary page, unique (a clash gets -2, -3 … in term order)."""
    anchors: dict[str, str] = {}
    for entry in sorted(entries, key=lambda e: (e.term.casefold(), e.term)):
        anchor = base = term_anchor(entry.term)
        suffix = 2
        while anchor in anchors.values():
            anchor, suffix = f"{base}-{suffix}", suffix + 1
        anchors[entry.term] = anchor
    return anchors


def build_glossary(renderer: Renderer) -> Site:
    """The glossary: every term with its expansion, cited definition and actor page."""
    site = Site()
    briefing = renderer.briefing
    entries = sorted(briefing.glossary, key=lambda e: (e.term.casefold(), e.term))
    site.pages[urls.GLOSSARY] = renderer.page(
        "glossary.md.j2",
        urls.GLOSSARY,
        entries=entries,
        anchors=glossary_anchors(entries),
        reviewed=briefing.info.reviewed if briefing.info else None,
    )
    site.edit[urls.GLOSSARY] = "content/glossary.yml"
    return site


def build_tags(renderer: Renderer) -> Site:
    """The tag listing Material's tags plugin fills in (actor kinds, event kinds)."""
    site = Site()
    site.pages[urls.TAGS] = renderer.page("tags.md.j2", urls.TAGS)
    return site


# --- Sources ------------------------------------------------------------------------------


def build_sources(renderer: Renderer) -> Site:
    """The source library and one page per source, rights-aware, with the actors and places it names."""
    site = Site()
    briefing, xref = renderer.briefing, renderer.xref
    ordered = sorted(briefing.sources.values(), key=lambda s: (s.published, s.id), reverse=True)
    site.pages[urls.SOURCES_INDEX] = renderer.page(
        "sources_index.md.j2", urls.SOURCES_INDEX, sources=ordered, reviewed=reviewed_of(ordered)
    )
    site.edit[urls.SOURCES_INDEX] = "content/sources/"
    children = []
    for source in ordered:
        path = urls.source_page(source.id)
        site.pages[path] = _source_page(renderer, xref, source, path) if renderer.owns(path) else ""
        site.edit[path] = briefing.files[("sources", source.id)]
        children.append(path)
    site.nav.append({"Sources": [urls.SOURCES_INDEX, *children]})
    return site


def _source_page(renderer: Renderer, xref: CrossRef, source: Source, path: str) -> str:
    briefing = renderer.briefing
    actors = xref.mentions.in_source("actors", source.id)
    places = xref.mentions.in_source("places", source.id)
    return renderer.page(
        "source.md.j2",
        path,
        source=source,
        paragraphs=shown_paragraphs(briefing, source.id),
        actors=sorted(
            ((briefing.actors[a], m) for a, m in actors.items()),
            key=lambda item: (item[0].name.casefold(), item[0].id),
        ),
        places=_named_places(renderer, places),
    )


def _named_places(
    renderer: Renderer, found: dict[str, list[Mention]]
) -> list[tuple[str, str, list[Mention]]]:
    """(name, region page, mentions) of the regions and places a source names; a place and a
    region of the same name and page are listed once."""
    briefing = renderer.briefing
    merged: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for item, mentions in found.items():
        if item in briefing.regions:
            key = (briefing.regions[item].name, urls.region_page(item))
        else:
            place = briefing.places[item]
            key = (place.name, urls.region_page(place.region))
        merged[key].extend(mentions)
    return [
        (name, path, sorted(_unique_passages(mentions), key=lambda m: _anchor_number(m.anchor)))
        for (name, path), mentions in sorted(merged.items(), key=lambda kv: (kv[0][0].casefold(), kv[0]))
    ]


# --- Open data and feed -------------------------------------------------------------------


def build_data(renderer: Renderer) -> Site:
    """The open-data files under data/ and the page that documents them, field by field."""
    site = Site()
    briefing = renderer.briefing
    if not renderer.owns(urls.DATA_PAGE):  # the files are made with the page that lists them
        site.pages[urls.DATA_PAGE] = ""
        return site
    files = opendata.data_files(briefing, renderer.options)
    for file in files:
        site.assets[file.path] = file.text
    collections = (briefing.sources, briefing.actors, briefing.regions, briefing.events, briefing.debates)
    reviewed = [
        briefing.info,
        *briefing.borders.values(),
        *(item for c in collections for item in c.values()),
    ]
    site.pages[urls.DATA_PAGE] = renderer.page(
        "data.md.j2",
        urls.DATA_PAGE,
        reviewed=reviewed_of(reviewed),
        files=files,
        parts=opendata.PARTS,
        nested=opendata.NESTED,
        fields=opendata.json_fields,
        feed=urls.FEED,
    )
    return site


def build_feed(renderer: Renderer) -> Site:
    """The Atom feed of sources and events, linked from every page's head (overrides/main.html)."""
    site = Site()
    if renderer.owns(urls.FEED):
        site.assets[urls.FEED] = atom_feed(renderer.briefing, renderer.options)
    return site


BUILDERS: list[Callable[[Renderer], Site]] = [
    build_home,
    build_actors,
    build_regions,
    build_debates,
    build_timeline,
    build_sources,
    build_glossary,
    build_tags,
    build_data,
    build_feed,
]
"""Builders in nav order; each returns its section: pages, files, edit links and nav entries."""
