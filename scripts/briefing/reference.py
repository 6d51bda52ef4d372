"""Field tables of the content types, derived from the models for the contributor guide."""

from __future__ import annotations

import typing

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import labels
from .models import (
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
)

_EXTRA: dict[str, type[BaseModel]] = {
    "relation": Relation,
    "citation": Citation,
    "position": Position,
    "disagreement": Disagreement,
    "judgement": Judgement,
    "country (area.yml)": Country,
    "bounds box (area.yml)": Bounds,
}


def _row(name: str, field: FieldInfo) -> str:
    required = "yes" if field.is_required() else "no"
    doc = (field.description or "").replace("|", "\\|").replace("\n", " ")
    return f"| `{name}` | {required} | {doc} |"


def field_table(model: type[BaseModel]) -> str:
    """A Markdown table of a model's fields: name, whether required, documentation."""
    rows = [_row(name, field) for name, field in model.model_fields.items()]
    return "\n".join(["| key | required | meaning |", "|---|---|---|", *rows])


def field_reference() -> str:
    """Every content type's field table, in the order a contributor meets them."""
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
        parts.append(f"### A {label}\n\n{(extra.__doc__ or '').strip()}\n\n{field_table(extra)}")
    parts.append(vocabularies())
    return "\n\n".join(parts) + "\n"


def _choices(title: str, key: str, meaning: str, rows: dict[str, str]) -> str:
    lines = [f"| `{key}` value | {meaning} |", "|---|---|", *(f"| `{k}` | {v} |" for k, v in rows.items())]
    return f"#### {title}\n\n" + "\n".join(lines)


def vocabularies() -> str:
    """The allowed values of every choice field, with what the site shows for each."""
    region_kinds = typing.get_args(Region.model_fields["kind"].annotation)
    relations = {
        kind: f"{verb} ({labels.CATEGORIES[labels.RELATION_CATEGORY[kind]][0]} in relation diagrams)"
        for kind, verb in labels.RELATION.items()
    }
    return "\n\n".join(
        [
            "### Allowed values",
            _choices("Event kinds", "kind", "shown as", labels.EVENT_KIND),
            _choices("Relation types", "type", "reads as", relations),
            _choices("Actor kinds", "kind", "listed under", labels.ACTOR_KIND_PLURAL),
            _choices("Region kinds", "kind", "shown as", {k: labels.REGION_KIND[k] for k in region_kinds}),
        ]
    )
