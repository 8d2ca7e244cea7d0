"""Dates and timestamps as people type them, checked: shared by the CLI and the web page.

A malformed value is a :class:`~tracker.errors.UsageError` naming the option or parameter
it came from, so each surface reports it in its own way (an exit status 2, a 400).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from tracker.errors import UsageError, quoted

__all__ = ["EARLIEST", "LATEST", "parse_date", "parse_timestamp"]

# The dates a query may name. The calendar ends at years 1 and 9999, and the queries count
# windows of days back and forth from a date; nothing the tracker records lies near either
# end, so a margin of years keeps that arithmetic inside the calendar.
EARLIEST, LATEST = date(1000, 1, 1), date(9998, 12, 31)


def parse_date(text: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option value, or a :class:`UsageError` that names the option."""
    if text is None:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"{option} {quoted(text)} is not a date: write YYYY-MM-DD, e.g. 2025-01-14"
        ) from None
    return _within_calendar(day, text, option)


def parse_timestamp(text: str | None, option: str) -> datetime | None:
    """An ISO 8601 timestamp (a bare date means its midnight, UTC); naive times are UTC."""
    if text is None:
        return None
    cleaned = text.strip()
    if cleaned.endswith(("Z", "z")):
        cleaned = cleaned[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(cleaned)
    except ValueError:
        raise UsageError(
            f"{option} {quoted(text)} is not a timestamp: write e.g. 2025-02-01T00:00Z or "
            "2025-02-01"
        ) from None
    # Checked before the shift to UTC, which an offset could carry past the calendar's end.
    _within_calendar(moment.date(), text, option)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _within_calendar(day: date, text: str, option: str) -> date:
    if not EARLIEST <= day <= LATEST:
        raise UsageError(
            f"{option} {quoted(text)} is outside the dates the tracker handles: give one "
            f"from {EARLIEST.isoformat()} to {LATEST.isoformat()}"
        )
    return day
