"""The tone of a relationship as the fold keeps it: recent days one by one, older ones by
month, and those of earlier years by year.

Realized events are counted by GDELT quad class, with the sum of their Goldstein values in
tenths (the Goldstein scale has one decimal: integer sums are exact, so a month's or a
year's total is the same whichever order its days were added in, and a bounded state
equals the fold of every day). The view asks two things of the tone on a date D: the events
of the 90 days up to D, and of every day up to D. So the fold keeps each day from the first
of the month in which the 90 days before its latest day begin, rolls the days before that
into months, and the months of the years before that month's year into years
(:func:`roll`). A month or a year keeps which of its days had events (a bit per day), so
when the tone window moved (:mod:`tracker.changes`) stays exact too.

A busy pair has events in nearly every month: kept by month, its history cost a row per
month (309 of them, a fifth of the stored state and half its decode, for 25 years of a
50,000-event pair). By year, a state holds at most a year of months and a row per year.

A state so bounded answers for any D on or after its latest day (the stored state, a state
folded as of D). A fold that will be judged on an earlier day keeps its days from there
(``judged_from``); :func:`figures` refuses a window that falls inside a rolled month or year.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "QUADS",
    "ToneDay",
    "ToneMonth",
    "ToneYear",
    "active_days",
    "keep_from",
    "roll",
    "totals",
]

QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
_WINDOW = timedelta(days=89)  # the 90 days up to D begin 89 days before it


class ToneDay(NamedTuple):
    """Realized events of one day by GDELT quad class, and the sum of their Goldstein
    values in tenths."""

    day: date
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    goldstein_tenths: int


class ToneMonth(NamedTuple):
    """Realized events of one month (``month`` is its first day), as :class:`ToneDay`, and
    which of its days had any (bit ``n - 1`` for day ``n``)."""

    month: date
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    goldstein_tenths: int
    days: int


class ToneYear(NamedTuple):
    """Realized events of one year (``year`` is its first day), as :class:`ToneDay`, and
    which of its days had any (bit ``n`` for the day ``n`` days after the first)."""

    year: date
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    goldstein_tenths: int
    days: int


def keep_from(last: date, judged_from: date | None = None) -> date:
    """The first day kept one by one in a state whose latest day is ``last``, to be judged
    on ``judged_from`` or later (default: ``last``)."""
    earliest = last if judged_from is None or judged_from > last else judged_from
    return (earliest - _WINDOW).replace(day=1)


def roll(
    days: dict[date, list[int]],
    months: dict[date, list[int]],
    judged_from: date | None,
    years: dict[date, list[int]],
) -> None:
    """Move the days before :func:`keep_from` into ``months``, and the months of the years
    before its year into ``years``, in place."""
    if not days:
        return
    start = keep_from(max(days), judged_from)
    # Once per day of every state a rebuild writes: a fold adds days in date order, so a
    # month is looked up once for its run of days, and the kept days are copied, not the
    # rolled ones popped.
    first = end = start  # no month yet: no day before start lies in [first, end)
    month: list[int] = []
    kept: dict[date, list[int]] = {}
    for day, counts in days.items():
        if day >= start:
            kept[day] = counts
            continue
        if not first <= day < end:
            first = day.replace(day=1)
            end = _next_month(first)
            month = months.setdefault(first, [0, 0, 0, 0, 0, 0])
        a, b, c, d, tenths = counts
        month[0] += a
        month[1] += b
        month[2] += c
        month[3] += d
        month[4] += tenths
        month[5] |= 1 << (day.day - 1)
    if len(kept) < len(days):
        days.clear()
        days.update(kept)
    _roll_years(months, years, start.replace(month=1))


def _roll_years(
    months: dict[date, list[int]], years: dict[date, list[int]], first_kept: date
) -> None:
    """Move the months before ``first_kept`` (a first of January) into ``years``."""
    early = [m for m in months if m < first_kept]
    for first in early:
        a, b, c, d, tenths, bits = months.pop(first)
        start = first.replace(month=1)
        year = years.setdefault(start, [0, 0, 0, 0, 0, 0])
        year[0] += a
        year[1] += b
        year[2] += c
        year[3] += d
        year[4] += tenths
        year[5] |= bits << (first - start).days


def totals(
    days: Iterable[ToneDay],
    months: Sequence[ToneMonth],
    after: date | None,
    through: date,
    years: Sequence[ToneYear] = (),
) -> tuple[list[int], int]:
    """The counts by quad class and the Goldstein tenths of the days in (``after``,
    ``through``] (``after`` None: from the first). A month or a year partly inside cannot
    be split: :class:`ValueError`."""
    counts, tenths = [0, 0, 0, 0], 0
    for rows, end_of, kept_by in ((years, _year_end, "year"), (months, _month_end, "month")):
        if not rows:
            continue
        if after is not None and end_of(rows[-1][0]) <= after:
            continue  # the usual window: after every row rolled up (they come in order)
        if after is None and end_of(rows[-1][0]) <= through:
            # Every day up to D, with every row inside: summed by column (the view asks
            # on each page).
            _, a, b, c, d, rolled, _ = zip(*rows, strict=True)
            counts[0] += sum(a)
            counts[1] += sum(b)
            counts[2] += sum(c)
            counts[3] += sum(d)
            tenths += sum(rolled)
            continue
        for row in rows:
            first = row[0]
            last = end_of(first)
            if first > through or (after is not None and last <= after):
                continue
            if last > through or (after is not None and first <= after):
                shown = f"{first:%Y-%m}" if kept_by == "month" else f"{first:%Y}"
                raise ValueError(
                    f"the tone of {shown} is kept by {kept_by}: it cannot answer for "
                    f"the days after {after} through {through}"
                )
            _add(counts, row)
            tenths += row.goldstein_tenths
    for day in days:
        if day.day <= through and (after is None or day.day > after):
            _add(counts, day)
            tenths += day.goldstein_tenths
    return counts, tenths


def active_days(
    days: Iterable[ToneDay],
    months: Iterable[ToneMonth],
    after: date,
    through: date,
    years: Iterable[ToneYear] = (),
) -> list[date]:
    """The days in (``after``, ``through``] with realized events, in no particular order."""
    found = [d.day for d in days if after < d.day <= through]
    for rows, end_of in ((years, _year_end), (months, _month_end)):
        for row in rows:
            first = row[0]
            if first > through or end_of(first) <= after:
                continue
            bits, n = row.days, 0
            while bits:
                if bits & 1:
                    day = first + timedelta(days=n)
                    if after < day <= through:
                        found.append(day)
                bits >>= 1
                n += 1
    return found


def _add(counts: list[int], row: ToneDay | ToneMonth | ToneYear) -> None:
    counts[0] += row.verbal_cooperation
    counts[1] += row.material_cooperation
    counts[2] += row.verbal_conflict
    counts[3] += row.material_conflict


@lru_cache(maxsize=4096)  # every month of a century and more: each read asks for each
def _month_end(first: date) -> date:
    return _next_month(first) - timedelta(days=1)


def _year_end(first: date) -> date:
    return date(first.year, 12, 31)


@lru_cache(maxsize=4096)
def _next_month(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1)
