"""The chart's points of a long relationship: its events grouped by month, quad class and kind.

Past :data:`MAX_POINTS` events a point per event would bury the plot (and the page: each
point is a few hundred bytes of SVG), so events of the same month, quad class and marker
share one point at their mean Goldstein value; past :data:`MAX_SPANS` months of history,
a point's span is a few months (a quarter, a third of a year...) rather than one, so that
the number of points is bounded by the span count, not by the length of the history. The
groups depend only on the timeline, not on the as-of date: they are made once per timeline,
and each request only splits the span of its as-of date into what had happened by then and
what had not (faded).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

__all__ = ["MAX_POINTS", "MAX_SPANS", "MonthGroup", "marker", "month_groups", "span_months"]

MAX_POINTS = 300  # past this many events, the chart draws a point per month and kind
MAX_SPANS = 120  # at most this many spans of months across the history (a month each to here)


class _Charted(Protocol):
    @property
    def event_id(self) -> str: ...
    @property
    def start(self) -> date: ...
    @property
    def modality(self) -> str: ...
    @property
    def quad_class(self) -> int: ...
    @property
    def goldstein(self) -> float: ...


def marker(modality: str) -> str:
    """How an event of ``modality`` is drawn: realized (filled), planned (hollow) or failed."""
    if modality == "realized":
        return "realized"
    return "planned" if modality == "planned" else "failed"


@dataclass(frozen=True, slots=True)
class MonthGroup:
    """The events of one span of months, quad class and marker, in the order they happened."""

    month: date  # the first day of its span
    months: int  # how many months the span covers
    span: str  # in words: "2025-03", or "2025-01 to 2025-03"
    quad_class: int
    marker: str
    starts: tuple[date, ...]
    goldstein: tuple[float, ...]
    total: float  # of goldstein: the mean of a month the as-of date does not split
    event_ids: tuple[str, ...]
    first_index: int  # the first event's index in the timeline (the event list's page)


def _month_number(day: date) -> int:
    return day.year * 12 + day.month - 1


def _span_words(month: date, months: int) -> str:
    if months == 1:
        return f"{month:%Y-%m}"
    last = _month_number(month) + months - 1
    return f"{month:%Y-%m} to {last // 12:04d}-{last % 12 + 1:02d}"


def span_months(first: date, last: date) -> int:
    """How many months one point's span covers for a history from ``first`` to ``last``:
    one, unless that made more than :data:`MAX_SPANS` spans."""
    months = _month_number(last) - _month_number(first) + 1
    return max(1, -(-months // MAX_SPANS))


def month_groups(events: Sequence[_Charted]) -> tuple[MonthGroup, ...]:
    """``events`` (in the order they happened) grouped by span of months (see
    :func:`span_months`), quad class and marker."""
    if not events:
        return ()
    width = span_months(min(e.start for e in events), max(e.start for e in events))
    groups: dict[tuple[date, int, str], list[tuple[int, _Charted]]] = {}
    for index, e in enumerate(events):
        number = _month_number(e.start) // width * width
        span = date(number // 12, number % 12 + 1, 1)
        key = (span, e.quad_class, marker(e.modality))
        groups.setdefault(key, []).append((index, e))
    return tuple(
        MonthGroup(
            month=month,
            months=width,
            span=_span_words(month, width),
            quad_class=quad,
            marker=kind,
            starts=tuple(e.start for _, e in members),
            goldstein=tuple(e.goldstein for _, e in members),
            total=sum(e.goldstein for _, e in members),
            event_ids=tuple(e.event_id for _, e in members),
            first_index=members[0][0],
        )
        for (month, quad, kind), members in sorted(groups.items(), key=lambda g: g[0])
    )
