"""Dates with a precision: news says "on January 14", "in June" or "in 2036".

A :class:`FuzzyDate` is a span: day precision covers one day, month precision the whole
month, year precision the whole year. Its text form is the reduced ISO 8601 form
(``2025-01-14``, ``2025-06``, ``2036``), which is also how it is stored.

It is an immutable value type with its own pydantic schema rather than a model: every
event carries one or two, and parsing them through a cache keeps decoding the log fast.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

__all__ = ["FuzzyDate", "Precision"]


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


_TEXT = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class FuzzyDate:
    """A calendar date known to day, month or year precision."""

    __slots__ = ("columns", "end", "precision", "start", "text")

    start: date
    precision: Precision
    end: date  # the last day the span covers
    # (start, end, precision) as text: how the log's valid-time columns store the span.
    columns: tuple[str, str, str]
    # The text form (2025-01-14, 2025-01, 2025): made once, since every append writes it.
    text: str

    def __init__(self, start: date, precision: Precision | str = Precision.DAY) -> None:
        precision = Precision(precision)
        # A month-precision date always starts on the 1st, so equal spans compare equal.
        if precision is Precision.MONTH and start.day != 1:
            raise ValueError("a month-precision date starts on the first of the month")
        if precision is Precision.YEAR and (start.month, start.day) != (1, 1):
            raise ValueError("a year-precision date starts on January 1")
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "precision", precision)
        end = _span_end(start, precision)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "columns", (start.isoformat(), end.isoformat(), precision.value))
        object.__setattr__(self, "text", _text_of(start, precision))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("FuzzyDate is immutable")

    # -- construction ----------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> FuzzyDate:
        """Parse ``2025-01-14``, ``2025-01`` or ``2025``; raise ``ValueError`` otherwise."""
        return _parse(text.strip())

    @classmethod
    def day(cls, value: date) -> FuzzyDate:
        return cls(value, Precision.DAY)

    @classmethod
    def month(cls, year: int, month: int) -> FuzzyDate:
        return cls(date(year, month, 1), Precision.MONTH)

    @classmethod
    def year(cls, year: int) -> FuzzyDate:
        return cls(date(year, 1, 1), Precision.YEAR)

    @classmethod
    def coerce(cls, value: Any) -> FuzzyDate:
        """Accept a FuzzyDate, a date, the text form, or ``{"start", "precision"}``."""
        if isinstance(value, FuzzyDate):
            return value
        if isinstance(value, str):
            return _parse(value.strip())
        if isinstance(value, date):
            return cls(value, Precision.DAY)
        if isinstance(value, dict) and "start" in value:
            start = value["start"]
            start = date.fromisoformat(start) if isinstance(start, str) else start
            return cls(start, value.get("precision", Precision.DAY))
        raise ValueError(f"{value!r} is not a date: write 2025-01-14, 2025-01 or 2025")

    # -- comparison ------------------------------------------------------------------------

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, other: FuzzyDate) -> bool:
        return self.start <= other.end and other.start <= self.end

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FuzzyDate):
            return NotImplemented
        return (self.start, self.precision) == (other.start, other.precision)

    def __hash__(self) -> int:
        return hash((self.start, self.precision))

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"FuzzyDate({str(self)!r})"

    # -- pydantic --------------------------------------------------------------------------

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        # From JSON (every read of the log) the value is text: strip it in Rust and go
        # straight to the cached parser, skipping coerce's checks (a fifth of a decode).
        # Python input (a FuzzyDate, a date, text, a dict) still goes through coerce.
        from_text = core_schema.chain_schema(
            [
                core_schema.str_schema(strip_whitespace=True),
                core_schema.no_info_plain_validator_function(_parse),
            ]
        )
        return core_schema.json_or_python_schema(
            json_schema=from_text,
            python_schema=core_schema.no_info_plain_validator_function(cls.coerce),
            serialization=core_schema.to_string_ser_schema(),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "pattern": _TEXT.pattern, "examples": ["2025-01-14", "2025-06"]}


def _text_of(start: date, precision: Precision) -> str:
    if precision is Precision.DAY:
        return start.isoformat()
    if precision is Precision.MONTH:
        return f"{start.year:04d}-{start.month:02d}"
    return f"{start.year:04d}"


def _span_end(start: date, precision: Precision) -> date:
    if precision is Precision.DAY:
        return start
    if precision is Precision.MONTH:
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return start.replace(month=12, day=31)


@lru_cache(maxsize=65_536)
def _parse(text: str) -> FuzzyDate:
    # Cached: the same few thousand dates recur across millions of events, and the
    # value is immutable, so sharing instances is safe.
    match = _TEXT.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a date: write 2025-01-14, 2025-01 or 2025")
    year, month, day = match.groups()
    try:
        if day:
            return FuzzyDate(date(int(year), int(month), int(day)), Precision.DAY)
        if month:
            return FuzzyDate(date(int(year), int(month), 1), Precision.MONTH)
        return FuzzyDate(date(int(year), 1, 1), Precision.YEAR)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a calendar date ({exc})") from None
