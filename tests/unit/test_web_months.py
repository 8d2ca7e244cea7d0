"""The chart's points of a long relationship: by month, or by spans of months past a limit
on the number of points, whatever the history's length or density."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from tracker.web.months import MAX_GROUPS, month_groups, span_months


@dataclass(frozen=True)
class _Event:
    event_id: str
    start: date
    modality: str
    quad_class: int
    goldstein: float


def _events(first: date, days: int, every: int) -> list[_Event]:
    return [
        _Event(f"e{i}", first + timedelta(days=d), "realized", 1 + i % 4, float(i % 7))
        for i, d in enumerate(range(0, days, every))
    ]


def test_a_short_history_is_grouped_by_month() -> None:
    events = _events(date(2020, 1, 1), 3 * 365, 3)
    groups = month_groups(events)
    assert {g.months for g in groups} == {1}
    assert groups[0].span == "2020-01"
    assert {g.month for g in groups} == {e.start.replace(day=1) for e in events}
    assert sum(len(g.event_ids) for g in groups) == len(events)


def test_a_long_history_keeps_a_bounded_number_of_points() -> None:
    events = _events(date(1990, 3, 5), 35 * 365, 2)  # 35 years: 420 months, 4 kinds each
    groups = month_groups(events)
    width = span_months(events)
    # 1-6 months draw 280 points or more; a year, 144.
    assert width == 12 and {g.months for g in groups} == {width}
    assert groups[0].span == "1990-01 to 1990-12"  # spans start at whole multiples of 12
    assert len(groups) <= MAX_GROUPS
    # Every event is in the group of its span, kind and quad, in the order they happened.
    for g in groups:
        end = g.month.year * 12 + g.month.month - 1 + width
        members = [e for e in events if e.event_id in set(g.event_ids)]
        assert all(g.month <= e.start < date(end // 12, end % 12 + 1, 1) for e in members)
        assert all(e.quad_class == g.quad_class for e in members)
        assert g.total == sum(e.goldstein for e in members)
    assert sum(len(g.event_ids) for g in groups) == len(events)


@pytest.mark.parametrize(("years", "every"), [(2, 1), (26, 1), (60, 3), (300, 20)])
def test_the_points_are_bounded_whatever_the_span_and_density(years: int, every: int) -> None:
    events = [
        _Event(f"e{i}", date(1800, 1, 1) + timedelta(days=d), kind, 1 + i % 4, float(i % 9))
        for i, d in enumerate(range(0, years * 365, every))
        for kind in ("realized", "planned", "failed")
    ]
    groups = month_groups(events)
    assert len(groups) <= MAX_GROUPS
    assert sum(len(g.event_ids) for g in groups) == len(events)
    # The narrowest span that does: each narrower one of the ladder draws more points.
    width = groups[0].months
    narrower = [w for w in (1, 2, 3, 4, 6, *range(12, width, 12)) if w < width]
    for w in narrower:
        kinds = {
            ((e.start.year * 12 + e.start.month - 1) // w, e.quad_class, e.modality) for e in events
        }
        assert len(kinds) > MAX_GROUPS


def test_no_events_no_groups() -> None:
    assert month_groups([]) == ()
