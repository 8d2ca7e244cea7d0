"""The chart's points of a long relationship: its events grouped by month, quad class and kind.

Past :data:`MAX_POINTS` events a point per event would bury the plot (and the page: each
point is a few hundred bytes of SVG), so events of the same month, quad class and marker
share one point at their mean Goldstein value; where that makes more than
:data:`MAX_GROUPS` points, a point's span is a few months (two, a quarter, half a year, a
year, then whole years) rather than one: the narrowest span that keeps the points within
it, so the chart's size is bounded whatever the history's length or density. The groups
depend only on the timeline, not on the as-of date: they are made once per timeline, and
each request only splits the span of its as-of date into what had happened by then and
what had not (faded).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import count
from typing import Protocol

from tracker.web.limits import limit

__all__ = [
    "MAX_GROUPS",
    "MAX_POINTS",
    "MonthGroup",
    "marker",
    "month_groups",
    "regroup",
    "span_first_day",
    "span_months",
]

MAX_POINTS = limit("max_points")  # past this many events, a point per month and kind
# At most this many points once grouped (and the as-of date's span split in two): about
# what a pair of a few hundred events draws one by one.
MAX_GROUPS = limit("max_groups")
_WIDTHS = (1, 2, 3, 4, 6, 12)  # months a span covers; past a year, whole years


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


def _widths() -> Iterator[int]:
    yield from _WIDTHS
    yield from count(24, 12)


def span_months(events: Sequence[_Charted]) -> int:
    """How many months one point's span covers for ``events``: the fewest of
    :data:`_WIDTHS` (then whole years) that draw them in at most :data:`MAX_GROUPS` points."""
    kinds = {(_month_number(e.start), e.quad_class, marker(e.modality)) for e in events}
    # A span as wide as the history is one point per kind: at most 12, within the bound.
    return next(
        width
        for width in _widths()
        if len({(n // width, quad, kind) for n, quad, kind in kinds}) <= MAX_GROUPS
    )


def month_groups(events: Sequence[_Charted]) -> tuple[MonthGroup, ...]:
    """``events`` (in the order they happened) grouped by span of months (see
    :func:`span_months`), quad class and marker."""
    if not events:
        return ()
    return _grouped(events, span_months(events), 0)


def span_first_day(width: int, day: date) -> date:
    """The first day of the span of ``width`` months that holds ``day``."""
    number = _month_number(day) // width * width
    return date(number // 12, number % 12 + 1, 1)


def regroup(
    groups: tuple[MonthGroup, ...], tail: Sequence[_Charted], at: int
) -> tuple[MonthGroup, ...] | None:
    """The groups of a timeline that gained events, made again from its event ``at`` on
    (``tail``: its events from there, ``at`` the first of a span of ``groups``): the
    groups of the spans before are kept as they are (their events come before ``at``, the
    events being in the order they happened). None when the events gained need wider spans
    (make them all again, :func:`month_groups`): spans narrower than the groups' were
    already too many, and events only add to them."""
    if not groups:
        return None
    kept = tuple(g for g in groups if g.first_index < at)
    made = _grouped(tail, groups[0].months, at)
    if len(kept) + len(made) > MAX_GROUPS:
        return None
    return kept + made


def _grouped(events: Sequence[_Charted], width: int, offset: int) -> tuple[MonthGroup, ...]:
    """``events`` grouped by spans of ``width`` months; ``offset``: the first one's index in
    the timeline."""
    groups: dict[tuple[date, int, str], list[tuple[int, _Charted]]] = {}
    for index, e in enumerate(events, start=offset):
        key = (span_first_day(width, e.start), e.quad_class, marker(e.modality))
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
