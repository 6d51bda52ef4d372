"""Reader-facing labels for the schema's own enumerations (region kinds, source kinds,
qualifiers); the subject's vocabularies are in :mod:`briefing.model.vocabulary`."""

from __future__ import annotations

from briefing.model.models import Relation, Source
from briefing.model.types import PartialDate

REGION_KIND: dict[str, str] = {"border-region": "Border region", "province": "Province", "country": "Country"}


VIEW_KINDS: tuple[str, ...] = ("opinion", "commentary")
"""Source kinds that argue a view: their kind is shown wherever they are cited."""


def source_tag(source: Source) -> str:
    """The tag shown after a source's outlet wherever it is cited, so that a reader weighs
    the quote as a view: "partisan commentary", "opinion", "commentary"; empty for news and
    analysis that are not partisan."""
    if source.partisan:
        return f"partisan {source.kind}"
    return source.kind if source.kind in VIEW_KINDS else ""


def source_kind(source: Source) -> str:
    """The kind as the source pages and the source library show it (tag, else the kind)."""
    return source_tag(source) or source.kind


def source_credit(source: Source) -> str:
    """Outlet and tag as a citation shows them: "Foreign Policy", "outlet not stated
    (partisan commentary)"."""
    tag = source_tag(source)
    outlet = source.outlet or "outlet not stated"
    return f"{outlet} ({tag})" if tag else outlet


QUALIFIER: dict[str, str] = {
    "reported": "reported",
    "claimed": "claimed",
    "alleged": "alleged",
    "believed": "believed",
    "historical": "in the past",
}
"""How a relation's qualifier reads beside it."""


def relation_as_of(relation: Relation, sources: dict[str, Source]) -> PartialDate | None:
    """When the sources last say a relation held: its own ``as_of``, else the newest cited source's date."""
    if relation.as_of is not None:
        return relation.as_of
    dates = [sources[c.source].published for c in relation.cite if c.source in sources]
    return max(dates, default=None)


def relation_hedge_short(relation: Relation, sources: dict[str, Source]) -> str:
    """The qualifier and year as a diagram's edge shows them: "reported 2024", "in the past"."""
    when = relation_as_of(relation, sources)
    qualifier = QUALIFIER[relation.qualifier]
    return f"{qualifier} {when.year}" if when and relation.qualifier != "historical" else qualifier


def relation_hedge(relation: Relation, sources: dict[str, Source]) -> str:
    """The qualifier and date shown wherever a relation is: "reported, as of March 2024",
    "in the past, per a source of June 2014"."""
    when = relation_as_of(relation, sources)
    qualifier = QUALIFIER[relation.qualifier]
    if when is None:
        return qualifier
    if relation.qualifier == "historical":
        return f"{qualifier}, per a source of {when.human()}"
    return f"{qualifier}, as of {when.human()}"
