"""Dates with a precision: news says "on January 14", "in June" or "in 2036".

A :class:`FuzzyDate` is a span: day precision covers one day, month precision the whole
month, year precision the whole year. Its text form is the reduced ISO 8601 form
(``2025-01-14``, ``2025-06``, ``2036``), which is also how it is stored.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, model_serializer, model_validator

__all__ = ["FuzzyDate", "Precision"]


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


_TEXT = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class FuzzyDate(BaseModel):
    """A calendar date known to day, month or year precision."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: date
    precision: Precision = Precision.DAY

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if isinstance(data, date):
            return {"start": data, "precision": Precision.DAY}
        if isinstance(data, str):
            return _parse(data)
        return data

    @model_validator(mode="after")
    def _aligned(self) -> FuzzyDate:
        # A month-precision date always starts on the 1st, so equal spans compare equal.
        if self.precision is Precision.MONTH and self.start.day != 1:
            raise ValueError("a month-precision date starts on the first of the month")
        if self.precision is Precision.YEAR and (self.start.month, self.start.day) != (1, 1):
            raise ValueError("a year-precision date starts on January 1")
        return self

    @model_serializer
    def _to_text(self) -> str:
        return str(self)

    @classmethod
    def parse(cls, text: str) -> FuzzyDate:
        """Parse ``2025-01-14``, ``2025-01`` or ``2025``; raise ``ValueError`` otherwise."""
        return cls.model_validate(text)

    @classmethod
    def day(cls, value: date) -> FuzzyDate:
        return cls(start=value, precision=Precision.DAY)

    @classmethod
    def month(cls, year: int, month: int) -> FuzzyDate:
        return cls(start=date(year, month, 1), precision=Precision.MONTH)

    @classmethod
    def year(cls, year: int) -> FuzzyDate:
        return cls(start=date(year, 1, 1), precision=Precision.YEAR)

    @property
    def end(self) -> date:
        """The last day the span covers."""
        if self.precision is Precision.DAY:
            return self.start
        if self.precision is Precision.MONTH:
            last = calendar.monthrange(self.start.year, self.start.month)[1]
            return self.start.replace(day=last)
        return self.start.replace(month=12, day=31)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, other: FuzzyDate) -> bool:
        return self.start <= other.end and other.start <= self.end

    def __str__(self) -> str:
        if self.precision is Precision.DAY:
            return self.start.isoformat()
        if self.precision is Precision.MONTH:
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return f"{self.start.year:04d}"


def _parse(text: str) -> dict[str, Any]:
    match = _TEXT.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a date: write 2025-01-14, 2025-01 or 2025")
    year, month, day = match.groups()
    try:
        if day:
            return {"start": date(int(year), int(month), int(day)), "precision": Precision.DAY}
        if month:
            return {"start": date(int(year), int(month), 1), "precision": Precision.MONTH}
        return {"start": date(int(year), 1, 1), "precision": Precision.YEAR}
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a calendar date ({exc})") from None
