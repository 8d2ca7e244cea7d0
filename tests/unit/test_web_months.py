"""The chart's points of a long relationship: by month, or by spans of months past a limit
on the number of points, whatever the history's length or density."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from tracker.web import months
from tracker.web.months import MAX_GROUPS, month_groups, regroup, span_first_day, span_months


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


def _regrouped(old: list[_Event], new: list[_Event]) -> tuple[object, ...] | None:
    """The groups of ``old`` with ``new`` among them, made as a growing timeline does:
    again from the span of the first event that moved."""
    events = sorted(old + new, key=lambda e: (e.start, e.event_id))
    first = min(events.index(e) for e in new)
    before = month_groups(sorted(old, key=lambda e: (e.start, e.event_id)))
    begin = span_first_day(before[0].months, events[first].start)
    at = next(i for i, e in enumerate(events) if e.start >= begin)
    return regroup(before, events[at:], at)


@pytest.mark.parametrize("seed", range(12))
def test_groups_made_again_from_the_first_moved_span_are_the_groups_made_afresh(
    seed: int,
) -> None:
    # News of the last days, and late news of any earlier day: the groups of the spans
    # before it are kept, the rest made again, equal to grouping everything afresh.
    rng = random.Random(seed)
    old = _events(date(2000, 1, 1), rng.choice((400, 3_000, 12_000)), rng.choice((1, 2, 5)))
    last = old[-1].start
    back = rng.choice((3, 60, 2_000, 10_000))
    new = [
        _Event(
            f"n{i}",
            last - timedelta(days=rng.randrange(back)) + timedelta(days=rng.randrange(3)),
            rng.choice(("realized", "planned", "failed")),
            rng.randrange(1, 5),
            float(rng.randrange(-10, 11)),
        )
        for i in range(rng.randrange(1, 6))
    ]
    found = _regrouped(old, new)
    afresh = month_groups(sorted(old + new, key=lambda e: (e.start, e.event_id)))
    assert found is None or found == afresh
    # Made again only when the news needs wider spans than the groups had.
    assert (found is None) == (afresh[0].months != month_groups(old)[0].months)


def test_news_that_needs_wider_spans_makes_every_group_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(months, "MAX_GROUPS", 12)
    old = [_Event("a", date(2020, 1, 5), "realized", 1, 1.0)]
    old += [_Event(f"o{i}", date(2020, 1 + i, 9), "realized", 1, 2.0) for i in range(1, 11)]
    assert month_groups(old)[0].months == 1 and len(month_groups(old)) == 11
    # Two new kinds in December: 13 points by month, more than 12; by two months, 8.
    new = [
        _Event("n1", date(2020, 12, 1), "planned", 3, -1.0),
        _Event("n2", date(2020, 12, 2), "failed", 4, -2.0),
    ]
    assert _regrouped(old, new) is None
    assert month_groups(old + new)[0].months == 2
    # One new kind keeps them by month: the groups of November and before are kept.
    kept = _regrouped(old, new[:1])
    assert kept == month_groups(old + new[:1]) and kept is not None and len(kept) == 12
