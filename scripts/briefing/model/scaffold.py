"""Skeletons for new content files, derived from the models: every field with its documentation.

Placeholders read ``FILL-IN``; ``briefing check`` rejects any that is left, so a
skeleton cannot be published half-filled.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from briefing.model.models import Actor, Citation, Debate, Event, Model, Region, Source
from briefing.model.types import PartialDate

PLACEHOLDER = "FILL-IN"

KINDS: dict[str, tuple[str, type[Model]]] = {
    "source": ("sources", Source),
    "actor": ("actors", Actor),
    "region": ("regions", Region),
    "event": ("events", Event),
    "debate": ("debates", Debate),
}
"""`briefing new KIND ID`: the folder and the model of each kind."""

BODIES = {
    "source": f"{PLACEHOLDER}: the cleaned article, one paragraph per block, each ending with its anchor. {{#p1}}\n",
    "actor": f'{PLACEHOLDER}: a cited profile; every factual sentence ends with [@source-id "verbatim quote"].\n',
    "region": f'{PLACEHOLDER}: a cited profile; say plainly where the sources are silent [@source-id "verbatim quote"].\n',
    "event": "",
    "debate": f'{PLACEHOLDER}: neutral context for the debate, with citations [@source-id "verbatim quote"].\n',
}


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The annotation without Annotated/Optional wrappers, and whether None is allowed."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        inner, _ = _unwrap(args[0])
        return inner, True
    return annotation, False


def _example(annotation: Any, today: dt.date) -> Any:
    """A placeholder value of the right shape."""
    annotation, _ = _unwrap(annotation)
    origin = typing.get_origin(annotation)
    if origin is list:
        return [_example(typing.get_args(annotation)[0], today)]
    if origin is tuple:
        return [0.0, 0.0]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation is Citation:
            return {"source": PLACEHOLDER, "quote": PLACEHOLDER}
        return {
            name: _example(f.annotation, today)
            for name, f in annotation.model_fields.items()
            if f.is_required()
        }
    if annotation is dt.date:
        return today.isoformat()
    if annotation is PartialDate:
        return f"{PLACEHOLDER} YYYY-MM-DD, YYYY-MM or YYYY"
    if annotation is bool:
        return False
    return PLACEHOLDER


def _comment(field: FieldInfo) -> list[str]:
    annotation, optional = _unwrap(field.annotation)
    description = " ".join((field.description or "").split())
    lines = [f"# {description}"]
    if typing.get_origin(annotation) is Literal and "|" not in description:
        lines.append("# One of: " + ", ".join(str(a) for a in typing.get_args(annotation)) + ".")
    if optional or not field.is_required():
        lines.append("# Optional: delete the line if it does not apply.")
    return lines


def _dump(key: str, value: Any) -> list[str]:
    import yaml

    text = yaml.safe_dump(
        {key: value}, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )
    return text.rstrip("\n").split("\n")


def skeleton(kind: str, item_id: str, today: dt.date) -> str:
    """A new content file of ``kind`` with id ``item_id``, every field documented."""
    _, model = KINDS[kind]
    lines = ["---"]
    for name, field in model.model_fields.items():
        lines += ["", *_comment(field)] if len(lines) > 1 else _comment(field)
        if name == "id":
            value: Any = item_id
        elif not field.is_required() and not isinstance(field.default, list):
            value = field.default
        else:
            value = _example(field.annotation, today)
        lines += _dump(name, value)
    lines.append("---")
    return "\n".join(lines) + "\n" + BODIES[kind]
