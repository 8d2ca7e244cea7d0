"""Windows as people type them: a date or timestamp, or a duration back from now (``7d``,
``2w``, ``1m``: days, weeks, calendar months)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from tracker.errors import UsageError, quoted
from tracker.timeparse import parse_date, parse_timestamp

__all__ = ["day_back", "moment_back"]

_DURATION = re.compile(r"^(\d{1,4})([dwm])$")


def _months_back(day: date, months: int) -> date:
    month = day.year * 12 + day.month - 1 - months
    year, index = divmod(month, 12)
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=index + 1, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("every month has 28 days")


def _back(moment: datetime, text: str) -> datetime | None:
    found = _DURATION.match(text.strip().lower())
    if found is None:
        return None
    count, unit = int(found[1]), found[2]
    if unit == "m":
        day = _months_back(moment.date(), count)
        return datetime.combine(day, moment.timetz())
    return moment - timedelta(days=count * (7 if unit == "w" else 1))


def day_back(text: str | None, option: str, today: date) -> date | None:
    """A valid date: YYYY-MM-DD, or a duration back from ``today``."""
    if text is None:
        return None
    moved = _back(datetime.combine(today, datetime.min.time(), UTC), text)
    if moved is not None:
        return moved.date()
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", text.strip()):
        raise UsageError(
            f"{option} {quoted(text)} is neither a date nor a duration: write YYYY-MM-DD or "
            "e.g. 7d, 2w, 1m"
        )
    return parse_date(text.strip(), option)


def moment_back(text: str | None, option: str, now: datetime) -> datetime | None:
    """A moment: an ISO timestamp (a bare date is its midnight, UTC), or a duration back
    from ``now``."""
    if text is None:
        return None
    moved = _back(now, text)
    if moved is not None:
        return moved
    try:
        return parse_timestamp(text, option)
    except UsageError:
        raise UsageError(
            f"{option} {quoted(text)} is neither a timestamp nor a duration: write e.g. "
            "2025-02-01T00:00Z, 2025-02-01, or 7d, 2w, 1m"
        ) from None
