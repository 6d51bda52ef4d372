"""The briefing in memory: every validated item, the texts of the sources and where each came from.

Made by :mod:`briefing.load.content` (stage 1) and completed by the checks (stage 2); every
later stage reads it and none changes it, except the indexes the renderers derive once
(:attr:`Briefing.derived`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from briefing.errors import Problem
from briefing.load.documents import Document, line_of
from briefing.model.geography import Geography
from briefing.model.models import (
    Actor,
    Area,
    Border,
    BriefingInfo,
    Debate,
    Event,
    GlossaryEntry,
    Model,
    Place,
    Reference,
    Region,
    Source,
)
from briefing.model.text import Marker, Match, Paragraph, SourceText
from briefing.model.vocabulary import Vocabulary, default_vocabulary

BODY_COLLECTIONS = ("actors", "regions", "debates")
"""Collections whose Markdown body is a cited text (a profile or context)."""


@dataclass
class Body:
    """A cited Markdown body: its text, where it starts and the citations in it."""

    text: str
    line: int
    markers: list[Marker]


@dataclass(frozen=True)
class Item:
    """A validated model with the document it came from and its location inside it."""

    model: Model
    doc: Document
    loc: tuple[int | str, ...] = ()

    def line(self, *more: int | str) -> int:
        """The file line of a value inside this item."""
        return line_of(self.doc.data, self.loc + more)


@dataclass
class Briefing:
    """Everything the site is made of, validated and cross-linked."""

    info: BriefingInfo | None = None
    sources: dict[str, Source] = field(default_factory=dict)
    texts: dict[str, SourceText] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    debates: dict[str, Debate] = field(default_factory=dict)
    references: dict[str, Reference] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    borders: dict[str, Border] = field(default_factory=dict)
    own_vocabulary: Vocabulary | None = None
    """The content's ``vocabulary.yml``, if it has one (see :attr:`vocabulary`)."""
    area: Area | None = None
    """The area and countries the briefing covers (``area.yml``), when it says."""
    geography: Geography | None = None
    """The reference geography maps draw under the briefing's own (:mod:`briefing.model.geography`)."""
    bodies: dict[tuple[str, str], Body] = field(default_factory=dict)
    """Markdown bodies by (collection, id)."""
    files: dict[tuple[str, str], str] = field(default_factory=dict)
    """Content file of each item by (collection, id), relative to the content folder."""
    docs: dict[tuple[str, str], Document] = field(default_factory=dict)
    """The parsed documents of collection items, kept for line numbers."""
    items: list[Item] = field(default_factory=list)
    """Every validated model with its document, in load order."""
    known: dict[str, set[str]] = field(default_factory=dict)
    """Ids of every item found, valid or not, by collection: a broken file is reported once,
    not again by every reference to it."""
    unreadable: set[str] = field(default_factory=set)
    """Collections whose ids are unknown because a file that defines them could not be read
    (places.yml did not parse, a collection folder is a link): references to them are not
    checked, instead of each being reported as unknown."""
    raw_files: set[str] = field(default_factory=set)
    """Regular files found under content/raw/, as paths relative to it."""
    rejected: set[str] = field(default_factory=set)
    """Paths under the content folder that are not regular files or folders (reported once)."""
    incomplete: set[str] = field(default_factory=set)
    """Sources whose text has problems: their quotes are not checked until it is fixed."""
    warnings: list[Problem] = field(default_factory=list)
    """What the checks found that may be right but needs an editor's eye (likely duplicates)."""
    matches: dict[tuple[str, str, str | None], Match] = field(default_factory=dict)
    """Where each verified quote was found, by (source, quote, paragraph)."""
    derived: dict[str, Any] = field(default_factory=dict)
    """Indexes derived from the content, computed once on first use by the renderers."""

    @property
    def vocabulary(self) -> Vocabulary:
        """The kinds and relations content may use: the content's own, else the generator's."""
        return self.own_vocabulary or default_vocabulary()


def paragraphs_of(briefing: Briefing, source_id: str) -> list[Paragraph]:
    """The cleaned paragraphs of a source (empty when it has none)."""
    text = briefing.texts.get(source_id)
    return text.paragraphs if text else []
