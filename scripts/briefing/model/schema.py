"""Turn loaded documents into typed models, translating pydantic errors to file:line messages."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from difflib import get_close_matches
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from briefing.errors import Collector
from briefing.load.documents import line_of

if TYPE_CHECKING:
    from briefing.model.models import Vocabulary

M = TypeVar("M", bound=BaseModel)


def did_you_mean(word: Any, choices: Any) -> str:
    """' (did you mean 'x'?)' when a close match exists, else ''."""
    close = get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _field_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _fields_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """Names of the fields allowed at a location, for 'did you mean'."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _model_in(field.annotation)
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    meta = getattr(annotation, "__origin__", None)
    return _model_in(meta) if meta not in (None, annotation) else None


_VALIDATOR_STEP = re.compile(r"function-(?:after|before|wrap|plain)\[")
"""How pydantic names a validator in an error's location (not a key the content wrote)."""


def describe(model: type[BaseModel], error: Any) -> str:
    """One readable message for one pydantic error."""
    loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and _VALIDATOR_STEP.match(p)))
    where = _field_path(loc)
    kind, msg, value = error["type"], error["msg"], error.get("input")
    if kind == "extra_forbidden":
        return f"unknown key '{where}'" + did_you_mean(loc[-1], _fields_at(model, loc[:-1]))
    if kind == "missing":
        return f"missing required key '{where}'"
    if kind == "literal_error":
        allowed = error.get("ctx", {}).get("expected", "")
        choices = [c.strip(" '") for c in allowed.replace(" or ", ", ").split(",")]
        hint = did_you_mean(value, choices)
        return f"{where}: '{value}' is not allowed; expected {allowed}{hint}"
    if kind.startswith(("date_", "datetime_")):
        return f"{where}: must be a date written YYYY-MM-DD (got {_short(value)})"
    if msg.startswith("Value error, "):
        msg = msg.removeprefix("Value error, ")
    elif kind not in ("bad_id", "bad_date", "outside_area", "bad_coords"):
        msg = f"{msg[0].lower()}{msg[1:]} (got {_type_name(value)} {_short(value)})"
    return f"{where}: {msg}" if where else msg


def _type_name(value: Any) -> str:
    """YAML's name for a value's type: list and mapping rather than our line-tracking classes."""
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    return type(value).__name__


SHORT = 60
"""Characters of a value quoted in a message."""


def _short(value: Any, limit: int = SHORT) -> str:
    """A value as a message shows it, at most ``limit`` characters: built piece by piece and
    stopped once long enough, so a huge value (a list of a million items) is never written out
    whole."""
    parts: list[str] = []
    size = 0
    for piece in _pieces(value):
        parts.append(piece)
        size += len(piece)
        if size > limit:
            break
    text = "".join(parts)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _pieces(value: Any, depth: int = 0) -> Iterator[str]:
    """The repr of a value in pieces, lists and mappings item by item (lazily)."""
    if depth > 5:
        yield "..."
    elif isinstance(value, dict):
        yield "{"
        for index, (key, item) in enumerate(value.items()):
            yield (", " if index else "") + _first(repr(key)) + ": "
            yield from _pieces(item, depth + 1)
        yield "}"
    elif isinstance(value, list | tuple | set | frozenset):
        yield "["
        for index, item in enumerate(value):
            if index:
                yield ", "
            yield from _pieces(item, depth + 1)
        yield "]"
    elif isinstance(value, dt.date):
        yield value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    else:
        yield _first(repr(value) if not isinstance(value, str) else repr(value[: SHORT + 1]))


def _first(text: str) -> str:
    return text[: SHORT + 1]


def validate_model(model: type[M], data: Any, path: str, problems: Collector) -> M | None:
    """Validate data against a model; on failure add one problem per error and return None."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            problems.add(path, line_of(data, tuple(error["loc"])), describe(model, error))
        return None


def with_vocabulary(schema: dict[str, Any], model: type[BaseModel], vocabulary: Vocabulary) -> dict[str, Any]:
    """A model's JSON Schema with the vocabulary's kinds and relation types as the allowed
    values of the fields that take them, so that editors offer and check them."""
    from briefing.model.models import Actor, Event

    enums: dict[type[BaseModel], tuple[str, list[str]]] = {
        Event: ("kind", list(vocabulary.event_kind)),
        Actor: ("kind", list(vocabulary.actor_kind)),
    }
    if model in enums:
        key, values = enums[model]
        schema["properties"][key]["enum"] = values
    relation = schema.get("$defs", {}).get("Relation")
    if relation is not None:
        relation["properties"]["type"]["enum"] = list(vocabulary.relation)
    return schema
