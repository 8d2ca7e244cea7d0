"""The chart's points of a long relationship: its events grouped by month, quad class and kind.

Past :data:`MAX_POINTS` events a point per event would bury the plot (and the page: each
point is a few hundred bytes of SVG), so events of the same month, quad class and marker
share one point at their mean Goldstein value. The groups depend only on the timeline, not on
the as-of date: they are made once per timeline, and each request only splits the month of
its as-of date into what had happened by then and what had not (faded).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

__all__ = ["MAX_POINTS", "MonthGroup", "marker", "month_groups"]

MAX_POINTS = 300  # past this many events, the chart draws a point per month and kind


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
    """The events of one month, quad class and marker, in the order they happened."""

    month: date  # its first day
    quad_class: int
    marker: str
    starts: tuple[date, ...]
    goldstein: tuple[float, ...]
    total: float  # of goldstein: the mean of a month the as-of date does not split
    event_ids: tuple[str, ...]
    first_index: int  # the first event's index in the timeline (the event list's page)


def month_groups(events: Iterable[_Charted]) -> tuple[MonthGroup, ...]:
    """``events`` (in the order they happened) grouped by month, quad class and marker."""
    groups: dict[tuple[date, int, str], list[tuple[int, _Charted]]] = {}
    for index, e in enumerate(events):
        key = (e.start.replace(day=1), e.quad_class, marker(e.modality))
        groups.setdefault(key, []).append((index, e))
    return tuple(
        MonthGroup(
            month=month,
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
