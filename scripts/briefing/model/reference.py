"""Field tables of the content types, derived from the models for the contributor guide."""

from __future__ import annotations

import typing

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from briefing.model.models import (
    COLLECTIONS,
    DATA_FILES,
    YAML_COLLECTIONS,
    Bounds,
    Citation,
    Country,
    Disagreement,
    Judgement,
    Position,
    Region,
    Relation,
    RelationCategory,
    RelationType,
)
from briefing.model.models import ActorKind as ActorKindEntry
from briefing.model.models import EventKind as EventKindEntry
from briefing.model.vocabulary import Vocabulary, default_vocabulary
from briefing.render import labels

_EXTRA: dict[str, type[BaseModel]] = {
    "relation": Relation,
    "citation": Citation,
    "position": Position,
    "disagreement": Disagreement,
    "judgement": Judgement,
    "country (area.yml)": Country,
    "bounds box (area.yml)": Bounds,
    "event kind (vocabulary.yml)": EventKindEntry,
    "actor kind (vocabulary.yml)": ActorKindEntry,
    "relation category (vocabulary.yml)": RelationCategory,
    "relation type (vocabulary.yml)": RelationType,
}


def _row(name: str, field: FieldInfo) -> str:
    required = "yes" if field.is_required() else "no"
    doc = (field.description or "").replace("|", "\\|").replace("\n", " ")
    return f"| `{name}` | {required} | {doc} |"


def field_table(model: type[BaseModel]) -> str:
    """A Markdown table of a model's fields: name, whether required, documentation."""
    rows = [_row(name, field) for name, field in model.model_fields.items()]
    return "\n".join(["| key | required | meaning |", "|---|---|---|", *rows])


def field_reference(vocabulary: Vocabulary | None = None) -> str:
    """Every content type's field table, in the order a contributor meets them, and the
    allowed values of ``vocabulary`` (the generator's own by default)."""
    parts: list[str] = []
    for name, model in COLLECTIONS.items():
        suffix = "yml" if name in YAML_COLLECTIONS else "md"
        parts.append(
            f"### `content/{name}/<id>.{suffix}`\n\n{(model.__doc__ or '').strip()}\n\n{field_table(model)}"
        )
    for file, (model, many) in DATA_FILES.items():
        what = "a list of entries" if many else "one mapping"
        parts.append(
            f"### `content/{file}` ({what})\n\n{(model.__doc__ or '').strip()}\n\n{field_table(model)}"
        )
    for label, extra in _EXTRA.items():
        parts.append(
            f"### {'An' if label[0] in 'aeiou' else 'A'} {label}\n\n{(extra.__doc__ or '').strip()}\n\n{field_table(extra)}"
        )
    parts.append(vocabularies(vocabulary or default_vocabulary()))
    return "\n\n".join(parts) + "\n"


def _choices(title: str, key: str, meaning: str, rows: dict[str, str]) -> str:
    lines = [f"| `{key}` value | {meaning} |", "|---|---|", *(f"| `{k}` | {v} |" for k, v in rows.items())]
    return f"#### {title}\n\n" + "\n".join(lines)


def vocabularies(vocabulary: Vocabulary) -> str:
    """The allowed values of every choice field, with what the site shows for each."""
    region_kinds = typing.get_args(Region.model_fields["kind"].annotation)
    relations = {
        kind: f"{verb} ({vocabulary.category[vocabulary.relation_category[kind]].legend} in relation diagrams)"
        for kind, verb in vocabulary.relation.items()
    }
    events = {k.id: f"{k.label} ({k.shape})" for k in vocabulary.event_kinds}
    return "\n\n".join(
        [
            "### Allowed values",
            "Event kinds, actor kinds and relation types are the subject's: they come from "
            "`content/vocabulary.yml` (or the generator's own, `scripts/briefing/data/vocabulary.yml`, "
            "without one). These are this briefing's.",
            _choices("Event kinds", "kind", "shown as (marker)", events),
            _choices("Relation types", "type", "reads as", relations),
            _choices("Actor kinds", "kind", "listed under", {k.id: k.plural for k in vocabulary.actor_kinds}),
            _choices("Region kinds", "kind", "shown as", {k: labels.REGION_KIND[k] for k in region_kinds}),
        ]
    )
