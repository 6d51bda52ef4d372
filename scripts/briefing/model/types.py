"""Small value types shared by the content models: ids, partial dates, coordinates."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slug(name: str) -> str:
    """A name as a CSS class or file name part: "Côte d'Ivoire" → "cote-d-ivoire"."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "x"


MAX_ID_LENGTH = 80
"""Ids become file names and URLs; longer ones are rejected."""
RESERVED_IDS = frozenset(
    ["index", "con", "prn", "aux", "nul", *(f"{dev}{n}" for dev in ("com", "lpt") for n in range(10))]
)
"""Ids no content may take: ``index`` is the page that lists each collection, the others are
names Windows reserves for devices (a clone of the repository there could not hold the file)."""


def _why_not_an_id(value: str) -> str:
    odd = next((c for c in value if not ("a" <= c <= "z" or "0" <= c <= "9" or c == "-")), None)
    if odd is None:
        return ": no hyphen at the start or end, and none doubled"
    if "A" <= odd <= "Z":
        return f": no capitals ('{value.lower()}')"
    if odd.isprintable() and not odd.isspace():
        return f": '{odd}' is not one of them"
    return f": it contains the invisible character U+{ord(odd):04X}"


def _check_id(value: str) -> str:
    shown = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in value[:60])
    shown += "..." if len(value) > 60 else ""
    if not ID_PATTERN.match(value):
        raise PydanticCustomError(
            "bad_id",
            "'{value}' is not a valid id: ids become file names and URLs, so use lowercase ASCII letters, "
            "digits and single hyphens{why}",
            {"value": shown, "why": _why_not_an_id(value)},
        )
    if len(value) > MAX_ID_LENGTH:
        raise PydanticCustomError(
            "bad_id",
            "'{value}' is not a valid id: it has {count} characters, ids have at most {limit}",
            {"value": shown, "count": len(value), "limit": MAX_ID_LENGTH},
        )
    if value in RESERVED_IDS:
        raise PydanticCustomError(
            "bad_id",
            "'{value}' is a reserved id: {why}; choose a more specific one",
            {
                "value": value,
                "why": "the site writes each collection's list of pages there"
                if value == "index"
                else "Windows reserves it for a device",
            },
        )
    return value


Id = Annotated[str, AfterValidator(_check_id)]
"""A content id: lowercase letters, digits and single hyphens, safe as a file name and URL."""

Precision = Literal["day", "month", "year"]
_DATE_FORMS: dict[int, Precision] = {1: "year", 2: "month", 3: "day"}


MONTHS = tuple(
    "January February March April May June July August September October November December".split()
)
"""Month names as the site writes them (not the locale's: the same content builds the same pages)."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, the month or only the year; the written form is the precision."""

    year: int
    month: int = 1
    day: int = 1
    precision: Precision = "day"

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day, "day")
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise PydanticCustomError(
                "bad_date",
                "must be a date written YYYY-MM-DD, YYYY-MM or YYYY, got {kind}",
                {"kind": type(value).__name__},
            )
        text = str(value).strip()
        match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
        if not match or (match.group(3) and not match.group(2)):
            raise PydanticCustomError(
                "bad_date", "'{text}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY", {"text": text}
            )
        parts = [int(p) for p in match.groups() if p]
        try:
            dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError as exc:
            raise PydanticCustomError(
                "bad_date", "'{text}' is not a real date ({why})", {"text": text, "why": str(exc)}
            ) from None
        year, month, day = (*parts, 1, 1)[:3]
        return cls(year, month, day, _DATE_FORMS[len(parts)])

    def iso(self) -> str:
        """The date as written: ``2024``, ``2024-03`` or ``2024-03-21``."""
        if self.precision == "year":
            return f"{self.year:04d}"
        if self.precision == "month":
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def human(self) -> str:
        """The date for readers, no more precise than it is known: ``21 March 2024``."""
        month = MONTHS[self.month - 1]
        if self.precision == "year":
            return str(self.year)
        if self.precision == "month":
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    def span(self) -> tuple[dt.date, dt.date]:
        """The first and last day the date may mean."""
        start = dt.date(self.year, self.month, self.day)
        if self.precision == "day":
            return start, start
        if self.precision == "month":
            following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return start, following - dt.timedelta(days=1)
        return start, dt.date(self.year, 12, 31)

    def near(self, other: PartialDate, days: int) -> bool:
        """Two days at most ``days`` apart, or a month or year and a date within it."""
        (a0, a1), (b0, b1) = self.span(), other.span()
        slack = dt.timedelta(days=days if self.precision == other.precision == "day" else 0)
        return a0 - slack <= b1 and b0 - slack <= a1

    def __str__(self) -> str:
        return self.iso()

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(cls.iso)
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
            "description": "YYYY-MM-DD, YYYY-MM or YYYY: the form is the precision.",
        }


def _check_coords(value: tuple[float, float]) -> tuple[float, float]:
    lat, lon = value
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise PydanticCustomError(
            "bad_coords",
            "coordinates must be finite numbers, not .nan or .inf (got [{lat}, {lon}])",
            {"lat": lat, "lon": lon},
        )
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        hint = "; latitude and longitude look swapped" if -90 <= lon <= 90 else ""
        raise PydanticCustomError(
            "outside_area",
            "[{lat}, {lon}] is not a point on Earth (latitude first, then longitude){hint}",
            {"lat": lat, "lon": lon, "hint": hint},
        )
    return value


def _reject_bool_pairs(value: Any) -> Any:
    if isinstance(value, list | tuple) and any(isinstance(v, bool) for v in value):
        raise PydanticCustomError("bad_coords", "coordinates must be numbers", {})
    return value


Coords = Annotated[tuple[float, float], BeforeValidator(_reject_bool_pairs), AfterValidator(_check_coords)]
"""A point as ``[latitude, longitude]`` in decimal degrees (``briefing check`` also keeps it
inside the bounds of ``area.yml``)."""


def as_list(value: Any) -> Any:
    """Accept one item where a list is expected (``cite: {source: …}``)."""
    return [value] if isinstance(value, dict) else value
