"""The chart's points of a long relationship: by month, or by spans of months past a limit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tracker.web.months import MAX_SPANS, month_groups, span_months


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


def test_a_long_history_keeps_a_bounded_number_of_spans() -> None:
    events = _events(date(1990, 3, 5), 35 * 365, 2)  # 35 years: 420 months
    groups = month_groups(events)
    width = span_months(events[0].start, events[-1].start)
    assert width == 4 and {g.months for g in groups} == {width}
    assert groups[0].span == "1990-01 to 1990-04"  # spans start at whole multiples of 4
    spans = {g.month for g in groups}
    assert len(spans) <= MAX_SPANS
    # Every event is in the group of its span, kind and quad, in the order they happened.
    for g in groups:
        end = g.month.year * 12 + g.month.month - 1 + width
        members = [e for e in events if e.event_id in set(g.event_ids)]
        assert all(g.month <= e.start < date(end // 12, end % 12 + 1, 1) for e in members)
        assert all(e.quad_class == g.quad_class for e in members)
        assert g.total == sum(e.goldstein for e in members)
    assert sum(len(g.event_ids) for g in groups) == len(events)


def test_no_events_no_groups() -> None:
    assert month_groups([]) == ()
