"""An Atom 1.0 feed of the briefing's sources and events, published as ``feed.xml``.

One entry per corpus source and per event, newest first. Entry ids are URNs derived from
content ids, so they stay the same wherever the site is deployed; an entry's ``updated``
is the date an editor last reviewed it, and the feed's is the latest of those, so the same
content gives the same feed. Links are absolute when the site's address is known
(``site_url``), else relative to the site root, where the feed lives.
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from briefing.model.briefing import Briefing
from briefing.model.types import PartialDate
from briefing.options import Options
from briefing.render.opendata import site_link
from briefing.urls import FEED, HOME, event_page, source_page

ATOM = "http://www.w3.org/2005/Atom"
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/frontier-briefing/frontier-briefing")
"""Namespace of the entry ids; changing it would make every reader see every entry as new."""


@dataclass(frozen=True)
class Entry:
    """One feed entry: a source or an event."""

    key: str
    """``source/<id>`` or ``event/<id>``: the stable part of the entry id."""
    title: str
    page: str
    """Docs path of the page the entry links to."""
    date: PartialDate
    """The source's publication date or the event's date, for ordering."""
    updated: dt.date
    summary: str
    category: str
    label: str
    related: str | None = None
    """The original article, for a source."""
    published: PartialDate | None = None
    """The source's publication date (an event's date is not when anything was published)."""

    @property
    def id(self) -> str:
        return stable_id(self.key)


def stable_id(key: str) -> str:
    """A permanent Atom id for a content item, the same on every host."""
    return uuid.uuid5(ID_NAMESPACE, key).urn


def timestamp(date: dt.date) -> str:
    """An RFC 3339 date-time, as Atom requires, for a day."""
    return f"{date.isoformat()}T00:00:00Z"


def feed_entries(briefing: Briefing) -> list[Entry]:
    """Every source and event as an entry, newest first (then by kind and id)."""
    entries = [
        Entry(
            f"source/{s.id}",
            f"{s.title} ({s.outlet or 'outlet unknown'}, {s.published.human()})",
            source_page(s.id),
            s.published,
            s.reviewed,
            s.summary,
            f"source-{s.kind}",
            f"Source: {s.kind}",
            s.url,
            s.published,
        )
        for s in briefing.sources.values()
    ]
    entries += [
        Entry(
            f"event/{e.id}",
            f"{e.date.human()}: {e.title}",
            event_page(e.id, e.date.year, len(briefing.events)),
            e.date,
            e.reviewed,
            " ".join(e.summary.split()),
            f"event-{e.kind}",
            f"Event: {briefing.vocabulary.event_kind[e.kind].label.lower()}",
        )
        for e in briefing.events.values()
    ]
    entries.sort(key=lambda e: e.key)
    return sorted(entries, key=lambda e: e.date, reverse=True)


def atom_feed(briefing: Briefing, options: Options) -> str:
    """The feed as an XML document."""
    entries = feed_entries(briefing)
    info = briefing.info
    title = info.title if info else "Briefing"
    dates = [e.updated for e in entries] + ([info.reviewed] if info else [])
    # Plain tag names under a default namespace: the Atom namespace without touching
    # ElementTree's global prefix registry.
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "en"})
    _text(feed, "id", stable_id("feed"))
    _text(feed, "title", f"{title}: sources and events")
    if info:
        _text(feed, "subtitle", " ".join(info.subtitle.split()))
    _link(feed, site_link(options, FEED), "self", "application/atom+xml")
    _link(feed, site_link(options, HOME), "alternate", "text/html")
    _text(feed, "updated", timestamp(max(dates, default=dt.date(1970, 1, 1))))
    _text(ET.SubElement(feed, "author"), "name", title)
    for entry in entries:
        _entry(feed, entry, options)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _entry(feed: ET.Element, entry: Entry, options: Options) -> None:
    element = ET.SubElement(feed, "entry")
    _text(element, "id", entry.id)
    _text(element, "title", entry.title)
    _link(element, site_link(options, entry.page), "alternate", "text/html")
    if entry.related:
        _link(element, entry.related, "related", "text/html")
    published = entry.published
    if published is not None and published.precision == "day":
        # Atom dates are full days; a month or a year would claim more than the source shows.
        _text(element, "published", timestamp(dt.date(published.year, published.month, published.day)))
    _text(element, "updated", timestamp(entry.updated))
    ET.SubElement(element, "category", {"term": entry.category, "label": entry.label})
    _text(element, "summary", entry.summary)


def _text(parent: ET.Element, name: str, text: str) -> None:
    ET.SubElement(parent, name).text = text


def _link(parent: ET.Element, href: str, rel: str, kind: str) -> None:
    ET.SubElement(parent, "link", {"rel": rel, "type": kind, "href": href})
