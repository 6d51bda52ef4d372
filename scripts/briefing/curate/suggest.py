"""`briefing suggest SOURCE`: what a new source offers the rest of the briefing.

For one source file (valid or freshly ingested), it lists

- the actors, places and regions it names that the content already knows, found by
  their aliases and names with the same matcher the site uses (:mod:`briefing.index.mentions`);
- candidate new names: capitalised multi-word names no content file knows, with counts;
- the dates it mentions, read no more precisely than written;
- existing events that look like the same event (near date, same kind, same place);
- draft citations (source, paragraph and a verbatim quote) ready to paste;
- sentences elsewhere in the content that say the sources are silent ("the sources do
  not name …") about something this source now names.

Suggestions are leads for an editor, never content: nothing is written.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefing.curate.ingest import find_date
from briefing.errors import Collector
from briefing.geometry import region_of
from briefing.index.mentions import Namer, actor_names, place_names
from briefing.load.content import load_briefing
from briefing.model.briefing import Briefing
from briefing.model.text import Paragraph, parse_paragraphs
from briefing.model.types import PartialDate
from briefing.validate.similar import NEAR_DAYS

QUOTE_WORDS = 18
"""Longest draft quote, in words: short enough to be a quote, long enough to be checked."""

_SILENCE = re.compile(
    r"[^.]*\b(?:the sources?|none of the sources|no source|the source|the text)\b[^.]*?"
    r"\b(?:do not|does not|don't|doesn't|never|not)\s+(?:name|named|say|said|describe|give|identify|mention)\b[^.]*\.?",
    re.IGNORECASE,
)
_NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:(?:of|al|ul|bin|e|de)\s+)?[A-Z][\w'’-]+)+")
_LEADING = {
    "The", "A", "An", "In", "On", "At", "But", "And", "It", "This", "That", "These", "Those", "As",
    "For", "If", "When", "While", "After", "Before", "Since", "Then", "Now", "Its", "His", "Her",
    "Their", "Our", "By", "From", "With", "Unlike", "Like", "Last", "Next", "Some", "Many", "Both",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
}  # fmt: skip
_KIND_WORDS: dict[str, str] = {
    "attack": r"attack|assault|ambush|raid",
    "suicide-bombing": r"suicide|bomber|bombing",
    "airstrike": r"air ?strikes?|strikes|bombard",
    "drone-strike": r"drone",
    "shelling": r"shell|mortar|artillery",
    "ground-operation": r"offensive|operation|ground troops",
    "hostage-crisis": r"hostage|siege",
    "talks": r"talks|negotiat|dialogue",
    "ceasefire": r"ceasefire|truce",
    "statement": r"statement|announced|warned|declared",
    "election": r"election|vote",
    "diplomacy": r"diplomat|visit|envoy",
    "political": r"government|parliament|party",
}
"""Words that suggest each event kind, to compare a source with existing events."""


@dataclass(frozen=True)
class Named:
    """An item the content knows, as this source names it."""

    kind: str
    id: str
    name: str
    count: int
    paras: list[str]


@dataclass(frozen=True)
class DateMention:
    """A date as the source writes it, what it gives, and where."""

    text: str
    date: str
    para: str


@dataclass(frozen=True)
class SimilarEvent:
    """An existing event that may be the one this source reports."""

    id: str
    file: str
    date: str
    kind: str
    places: list[str]
    reasons: list[str]


@dataclass(frozen=True)
class Silence:
    """A sentence saying the sources are silent about something this source names."""

    file: str
    line: int
    sentence: str
    names: list[str]


@dataclass
class Suggestions:
    """Everything ``briefing suggest`` found for one source."""

    source: str
    known: list[Named] = field(default_factory=list)
    new_names: list[tuple[str, int]] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    events: list[SimilarEvent] = field(default_factory=list)
    citations: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    silences: list[Silence] = field(default_factory=list)
    problems: int = 0


class SuggestError(Exception):
    """The source file cannot be read as a source; the message is one line."""


def read_source(path: Path) -> tuple[str, list[Paragraph], dict[str, Any]]:
    """(id, paragraphs, front-matter) of a source file, valid or not yet filled in."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SuggestError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SuggestError(f"{path}: cannot be read as UTF-8 text ({exc})") from None
    text = text.replace("\r\n", "\n")
    meta: dict[str, Any] = {}
    body, first = text, 1
    if text.startswith("---\n") and "\n---\n" in text[3:]:
        front, body = text[4:].split("\n---\n", 1)
        first = front.count("\n") + 3
        try:
            loaded = yaml.safe_load(front)
        except yaml.YAMLError:
            loaded = None
        meta = loaded if isinstance(loaded, dict) else {}
    paragraphs, _ = parse_paragraphs(body, first)
    if not paragraphs:
        raise SuggestError(f"{path}: no anchored paragraphs ({{#pN}}); is it a source file?")
    source_id = meta.get("id") if isinstance(meta.get("id"), str) else path.stem
    return str(source_id), paragraphs, meta


def suggest(content: Path, path: Path) -> Suggestions:
    """Suggestions for the source at ``path`` against the rest of ``content``."""
    source_id, paragraphs, meta = read_source(path)
    problems = Collector()
    briefing = load_briefing(content, problems)
    found = Suggestions(source_id, problems=len(problems.problems))
    found.known = _known(briefing, paragraphs)
    found.new_names = _new_names(briefing, paragraphs)
    found.dates = _dates(paragraphs)
    found.events = _similar_events(briefing, paragraphs, found, meta)
    found.citations = _citations(source_id, paragraphs, found, briefing)
    found.silences = _silences(briefing, found, source_id)
    return found


def _namer(names: dict[str, set[str]]) -> Namer:
    return Namer({name: set(ids) for name, ids in sorted(names.items())})


def _known(briefing: Briefing, paragraphs: list[Paragraph]) -> list[Named]:
    """Known actors, regions and places the paragraphs name, most named first."""
    found: list[Named] = []
    for kind, names in (("actor", actor_names(briefing)), ("place", place_names(briefing))):
        counts: Counter[str] = Counter()
        paras: dict[str, list[str]] = {}
        for paragraph in paragraphs:
            for _, _, owners in _namer(names).find(paragraph.text):
                for owner in owners:
                    counts[owner] += 1
                    where = paras.setdefault(owner, [])
                    if paragraph.anchor not in where:
                        where.append(paragraph.anchor)
        for owner, count in counts.items():
            label = kind if kind == "actor" else ("region" if owner in briefing.regions else "place")
            found.append(Named(label, owner, _display(briefing, owner), count, paras[owner]))
    return sorted(found, key=lambda n: (-n.count, n.kind, n.id))


def _display(briefing: Briefing, item: str) -> str:
    for table in (briefing.actors, briefing.regions, briefing.places):
        if item in table:
            return str(table[item].name)
    return item


def _new_names(briefing: Briefing, paragraphs: list[Paragraph]) -> list[tuple[str, int]]:
    """Capitalised multi-word names that no actor alias, region or place name covers.

    Known names inside a run of capitals are cut out ("Army Chief Asim Munir" leaves
    "Army Chief"), and so are words that only start a sentence ("Although Pakistan").
    """
    namer = _namer({**actor_names(briefing), **place_names(briefing)})
    counts: Counter[str] = Counter()
    for paragraph in paragraphs:
        if paragraph.heading:
            continue
        for match in _NAME.finditer(paragraph.text):
            run, cut = match.group(), 0
            pieces: list[str] = []
            for start, end, _ in namer.find(run):
                pieces.append(run[cut:start])
                cut = end
            pieces.append(run[cut:])
            for piece in pieces:
                words = piece.split()
                while words and words[0] in _LEADING:
                    words = words[1:]
                while words and words[-1].casefold() in ("of", "al", "ul", "bin", "e", "de"):
                    words = words[:-1]
                if len(words) >= 2:
                    counts[re.sub(r"[’']s$", "", " ".join(words))] += 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _dates(paragraphs: list[Paragraph]) -> list[DateMention]:
    """Every date the paragraphs write with a month or a day (a bare year is too loose to list)."""
    found: list[DateMention] = []
    for paragraph in paragraphs:
        rest = paragraph.text
        while True:
            date = find_date(rest, bare_year=False)
            if date is None or (date[1].count("-") == 0 and "," not in date[0]):
                break
            found.append(DateMention(date[0], date[1], paragraph.anchor))
            rest = rest.replace(date[0], " ", 1)
    return found


def _similar_events(
    briefing: Briefing, paragraphs: list[Paragraph], found: Suggestions, meta: dict[str, Any]
) -> list[SimilarEvent]:
    """Existing events near a date the source gives, and of its kind or at a place it names."""
    dates = [PartialDate.parse(d.date) for d in found.dates]
    with contextlib.suppress(ValueError):
        dates.append(PartialDate.parse(meta.get("published")))
    named = {n.id for n in found.known if n.kind != "actor"}
    text = " ".join(p.text for p in paragraphs)
    similar: list[SimilarEvent] = []
    for event in sorted(briefing.events.values(), key=lambda e: e.id):
        reasons: list[str] = []
        near = next((d for d in dates if d.near(event.date, NEAR_DAYS)), None)
        if near is not None:
            reasons.append(f"date {event.date.iso()} is near {near.iso()}")
        if re.search(rf"\b(?:{_KIND_WORDS.get(event.kind, re.escape(event.kind))})", text, re.IGNORECASE):
            reasons.append(f"the source uses words of its kind ({event.kind})")
        where = [p for p in event.places if p in named or region_of(briefing, p) in named]
        if where:
            reasons.append(f"the source names its place ({', '.join(where)})")
        if near is not None and len(reasons) >= 2:
            file = briefing.files.get(("events", event.id), f"events/{event.id}.md")
            similar.append(SimilarEvent(event.id, file, event.date.iso(), event.kind, event.places, reasons))
    return similar


def _citations(
    source_id: str, paragraphs: list[Paragraph], found: Suggestions, briefing: Briefing
) -> dict[str, list[dict[str, str]]]:
    """Draft citations per known item (its first two paragraphs) and per date, quotes verbatim."""
    by_anchor = {p.anchor: p for p in paragraphs}
    drafts: dict[str, list[dict[str, str]]] = {}
    names = {**actor_names(briefing), **place_names(briefing)}
    for item in found.known:
        aliases = sorted((n for n, ids in names.items() if item.id in ids), key=len, reverse=True)
        for anchor in item.paras[:2]:
            quote = _quote(by_anchor[anchor].text, aliases)
            if quote:
                drafts.setdefault(f"{item.kind} {item.id}", []).append(
                    {"source": source_id, "para": anchor, "quote": quote}
                )
    for date in found.dates:
        quote = _quote(by_anchor[date.para].text, [date.text])
        if quote:
            drafts.setdefault(f"date {date.date}", []).append(
                {"source": source_id, "para": date.para, "quote": quote}
            )
    return drafts


def _quote(text: str, needles: list[str]) -> str | None:
    """The sentence of ``text`` holding a needle, cut to at most QUOTE_WORDS words around it."""
    for needle in needles:
        whole = re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", text)
        if whole is None:
            continue
        at = whole.start()
        start = max(text.rfind(". ", 0, at) + 2, 0) if text.rfind(". ", 0, at) >= 0 else 0
        end_dot = text.find(". ", at + len(needle))
        end = end_dot + 1 if end_dot >= 0 else len(text)
        sentence = text[start:end]
        words = sentence.split(" ")
        if len(words) > QUOTE_WORDS:
            first = len(text[start:at].split(" ")) - 1
            left = max(0, min(first - QUOTE_WORDS // 3, len(words) - QUOTE_WORDS))
            sentence = " ".join(words[left : left + QUOTE_WORDS])
        sentence = sentence.strip(" ,;:")
        if needle in sentence:
            return sentence
    return None


def _silences(briefing: Briefing, found: Suggestions, source_id: str) -> list[Silence]:
    """Sentences in profiles and contexts saying the sources are silent, that this source may answer."""
    named_ids = {n.id for n in found.known}
    new_words = {w for name, _ in found.new_names for w in name.split() if len(w) > 3}
    silences: list[Silence] = []
    for (collection, item), body in sorted(briefing.bodies.items()):
        file = briefing.files.get((collection, item), f"{collection}/{item}.md")
        if f"@{source_id}" in body.text:  # written with this source at hand
            continue
        for offset, line in enumerate(body.text.split("\n")):
            for match in _SILENCE.finditer(line):
                sentence = match.group().strip()
                names: list[str] = []
                if item in named_ids:
                    names.append(f"{_display(briefing, item)} (the subject of {file})")
                names += sorted(n.name for n in found.known if n.id != item and n.name in sentence)
                names += sorted(w for w in new_words if re.search(rf"\b{re.escape(w)}\b", sentence))
                if names:
                    silences.append(Silence(file, body.line + offset, sentence, names))
    return silences


def as_json(found: Suggestions) -> dict[str, Any]:
    """The suggestions as plain data, for ``--json``."""
    data = asdict(found)
    data["new_names"] = [{"name": name, "count": count} for name, count in found.new_names]
    return data


def as_text(found: Suggestions) -> str:
    """The suggestions for a reader, with the draft citations as YAML ready to paste."""
    out: list[str] = [f"suggestions for {found.source}"]
    if found.problems:
        out.append(
            f"(the content has {found.problems} problems; run `briefing check`: suggestions use what loaded)"
        )
    out.append("\nnamed, already in the content:")
    out += [f"  {n.kind} {n.id} ({n.name}): {n.count}× in {', '.join(n.paras)}" for n in found.known] or [
        "  none"
    ]
    out.append("\ncandidate new names (not in any actor, region or place):")
    out += [f"  {name}: {count}×" for name, count in found.new_names] or ["  none"]
    out.append("\ndates mentioned:")
    out += [f"  {d.date} ({d.text!r}) in {d.para}" for d in found.dates] or ["  none"]
    out.append("\nexisting events that may be the same event:")
    out += [f"  {e.file}: {e.id} ({e.date}, {e.kind}): {'; '.join(e.reasons)}" for e in found.events] or [
        "  none"
    ]
    out.append("\ndraft citations (paste under cite:, then trim each quote to what the statement needs):")
    for item, drafts in found.citations.items():
        out.append(f"  # {item}")
        dumped = yaml.safe_dump(drafts, sort_keys=False, allow_unicode=True, width=1000)
        out += ["  " + line for line in dumped.rstrip("\n").split("\n")]
    if not found.citations:
        out.append("  none")
    out.append("\nsentences saying the sources are silent about something this source names:")
    out += [
        f"  {s.file}:{s.line}: {s.sentence!r} — this source names {', '.join(s.names)}"
        for s in found.silences
    ] or ["  none"]
    return "\n".join(out) + "\n"
