"""Which actors and places each source names, and where.

An actor is named by its aliases, a region or place by its name: whole words,
case-sensitive, as the content schema documents. At each position the longest
name wins, so "Pakistani Taliban" is the TTP and not a mention of "Taliban".

A mention counts wherever it is in the source text, but only a mention inside a
passage the source page shows gets a snippet and a link: the snippet never
reproduces text an excerpts-only source keeps back, and the link's anchor exists.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from briefing.model.briefing import Briefing
from briefing.model.text import SourceText
from briefing.render.passages import Span, visible_spans

if TYPE_CHECKING:
    from briefing.cache import Kept
    from briefing.parallel import Share

SNIPPET_CONTEXT = 70
"""Characters of context kept on each side of a name in a snippet."""


@dataclass(frozen=True)
class Snippet:
    """A short piece of visible source text around a name."""

    before: str
    name: str
    after: str


@dataclass(frozen=True)
class Mention:
    """A paragraph of a source that names an item; ``snippet`` is None when the page does not show it."""

    source: str
    anchor: str
    snippet: Snippet | None


@dataclass
class Mentions:
    """Mentions of actors and of places (regions and places share one namespace), by id."""

    actors: dict[str, list[Mention]] = field(default_factory=dict)
    places: dict[str, list[Mention]] = field(default_factory=dict)

    _by_source: dict[str, dict[str, dict[str, list[Mention]]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def in_source(self, kind: str, source_id: str) -> dict[str, list[Mention]]:
        """The items of one kind ("actors" or "places") a source names, with their mentions there."""
        if kind not in self._by_source:
            index: dict[str, dict[str, list[Mention]]] = defaultdict(dict)
            found: dict[str, list[Mention]] = getattr(self, kind)
            for item, mentions in sorted(found.items()):
                for mention in mentions:
                    index[mention.source].setdefault(item, []).append(mention)
            self._by_source[kind] = dict(index)
        return dict(self._by_source[kind].get(source_id, {}))


class Namer:
    """Finds names in text: leftmost, longest, whole-word, case-sensitive."""

    def __init__(self, names: dict[str, set[str]]) -> None:
        self.owners = {name: sorted(ids) for name, ids in names.items() if name.strip()}
        # The lookahead names every first character, so the engine skips other positions fast.
        first = "".join(sorted({re.escape(name[0]) for name in self.owners}))
        pattern = rf"(?=[{first}])(?<!\w){_trie(self.owners)}(?!\w)"
        self.pattern = re.compile(pattern) if self.owners else None

    def find(self, text: str) -> Iterable[tuple[int, int, list[str]]]:
        """(start, end, owner ids) of every name in ``text``."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            yield match.start(), match.end(), self.owners[match.group()]


def _trie(names: Iterable[str]) -> str:
    """One regular expression for all ``names``, factored by common prefix.

    An alternation of hundreds of names is tried name by name at every position of the
    text; the factored form follows the text one character at a time. Each optional tail
    is greedy, so at a position the longest name that ends on a word boundary wins, as
    with an alternation sorted longest first.
    """
    root: dict[str, Any] = {}
    for name in names:
        node = root
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branch(root)


def _branch(node: dict[str, Any]) -> str:
    tails = [re.escape(char) + _branch(child) for char, child in sorted(node.items()) if char]
    if not tails:
        return ""
    body = tails[0] if len(tails) == 1 else "(?:" + "|".join(tails) + ")"
    if "" in node:
        return f"(?:{body})?"
    return body


def actor_names(briefing: Briefing) -> dict[str, set[str]]:
    """Alias → ids of the actors it names."""
    names: dict[str, set[str]] = defaultdict(set)
    for actor in briefing.actors.values():
        for alias in actor.aliases:
            names[alias].add(actor.id)
    return names


def place_names(briefing: Briefing) -> dict[str, set[str]]:
    """Name → ids of the regions and places called that."""
    names: dict[str, set[str]] = defaultdict(set)
    for region in briefing.regions.values():
        names[region.name].add(region.id)
    for place in briefing.places.values():
        names[place.name].add(place.id)
    return names


def find_mentions(briefing: Briefing, workers: int = 1, kept: Kept[Any] | None = None) -> Mentions:
    """Every mention of every actor and place in every source text.

    With several ``workers`` (see :mod:`briefing.parallel`), each scans a share of the
    sources; the mentions are the same, in the same order. ``kept``: namers and the
    mentions of each source from earlier runs (:mod:`briefing.cache`), so that a preview
    rescans only the sources an edit changed.
    """
    from briefing.parallel import run_shares

    namers = (
        _namer(_frozen_names(actor_names(briefing)), kept),
        _namer(_frozen_names(place_names(briefing)), kept),
    )

    def scan(share: Share) -> list[dict[str, list[Mention]]]:
        sources = [s for s in sorted(briefing.sources) if share.owns(s)]
        return [_scan(briefing, namer, sources, kept) for namer in namers]

    shares = run_shares(scan, workers, workers)
    return Mentions(actors=_merged([s[0] for s in shares]), places=_merged([s[1] for s in shares]))


def _merged(parts: list[dict[str, list[Mention]]]) -> dict[str, list[Mention]]:
    """Mentions found in shares of the sources, by owner, in source order as one scan gives them."""
    if len(parts) == 1:
        return parts[0]
    merged: dict[str, list[Mention]] = defaultdict(list)
    for part in parts:
        for owner, mentions in part.items():
            merged[owner].extend(mentions)
    return {owner: sorted(mentions, key=lambda m: m.source) for owner, mentions in sorted(merged.items())}


def _frozen_names(names: dict[str, set[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(sorted((name, tuple(sorted(ids))) for name, ids in names.items()))


def _namer(names: tuple[tuple[str, tuple[str, ...]], ...], kept: Kept[Any] | None) -> Namer:
    """The namer of these names (name, owner ids), made once for as long as they do not change."""

    def make() -> Namer:
        return Namer({name: set(ids) for name, ids in names})

    return make() if kept is None else kept.get(("namer", names), make)


def _scan(
    briefing: Briefing, namer: Namer, sources: list[str], kept: Kept[Any] | None
) -> dict[str, list[Mention]]:
    found: dict[str, list[Mention]] = defaultdict(list)
    for source_id in sources:
        text = briefing.texts.get(source_id)
        if text is None:
            continue
        visible = tuple(sorted((a, tuple(s)) for a, s in visible_spans(briefing, source_id).items()))
        key = ("mentions", namer, source_id, text, visible)
        scan = functools.partial(_in_text, namer, source_id, text, visible)
        scanned = scan() if kept is None else kept.get(key, scan)
        for owner, mentions in scanned:
            found[owner].extend(mentions)
    return {owner: mentions for owner, mentions in sorted(found.items())}


def _in_text(
    namer: Namer, source_id: str, text: SourceText, visible: tuple[tuple[str, tuple[Span, ...]], ...]
) -> tuple[tuple[str, tuple[Mention, ...]], ...]:
    """(owner, mentions in paragraph order) for one source text, the first mention of an owner
    in each paragraph (one with a snippet when there is one)."""
    shown = dict(visible)
    found: dict[str, list[Mention]] = defaultdict(list)
    for paragraph in text.paragraphs:
        first: dict[str, Mention] = {}
        for start, end, owners in namer.find(paragraph.text):
            snippet = _snippet(paragraph.text, start, end, shown.get(paragraph.anchor, ()))
            for owner in owners:
                known = first.get(owner)
                if known is None or (known.snippet is None and snippet is not None):
                    first[owner] = Mention(source_id, paragraph.anchor, snippet)
        for owner, mention in first.items():
            found[owner].append(mention)
    return tuple((owner, tuple(mentions)) for owner, mentions in found.items())


def _snippet(text: str, start: int, end: int, visible: Iterable[Span]) -> Snippet | None:
    """The name with some context, cut to the visible run that holds it (None if none does)."""
    run = next(((a, b) for a, b in visible if a <= start and end <= b), None)
    if run is None:
        return None
    left = max(run[0], start - SNIPPET_CONTEXT)
    right = min(run[1], end + SNIPPET_CONTEXT)
    before, after = text[left:start], text[end:right]
    if left > run[0]:  # cut inside the run: drop the partial word
        before = before[before.find(" ") + 1 :] if " " in before else ""
    if right < run[1]:
        after = after[: after.rfind(" ")] if " " in after else ""
    ellipsis_after = right < len(text) and not after.rstrip("”’\"')").endswith((".", "!", "?"))
    return Snippet(
        ("…" if left > 0 else "") + before, text[start:end], after + ("…" if ellipsis_after else "")
    )
