"""What the changes page, the feed and a relationship page's changes section show (no web
framework here).

Answers are kept by (question, the log's head, today), as the other pages keep theirs: a
new event, or a new day (which can make a commitment overdue), retires them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from tracker.changes import ChangeFilter, StateChange, happened, learned
from tracker.changes.durations import day_back, moment_back
from tracker.changes.windows import between
from tracker.web.data import CACHE_SIZE
from tracker.web.readonly import ReadOnlyDatabase

__all__ = ["AROUND_DAYS", "changes_around", "changes_between"]

AROUND_DAYS = 30  # a relationship page shows the changes of the 30 days up to its as-of date


def changes_around(
    db: ReadOnlyDatabase, key: str, day: date, known_at: datetime | None
) -> tuple[StateChange, ...]:
    """The changes of relationship ``key`` in the 30 days up to ``day``, as known at
    ``known_at``, newest first."""
    return _around(db, db.head(), key, day, known_at)


@lru_cache(maxsize=CACHE_SIZE)
def _around(
    db: ReadOnlyDatabase, head: int, key: str, day: date, known_at: datetime | None
) -> tuple[StateChange, ...]:
    return between(db.store(), key, day - timedelta(days=AROUND_DAYS), day, known_at).changes


@lru_cache(maxsize=CACHE_SIZE)
def changes_between(
    db: ReadOnlyDatabase,
    head: int,
    today: date,
    window: str,
    since: str,
    wanted: ChangeFilter,
) -> tuple[StateChange, ...]:
    """The changes of a window (``learned`` or ``happened``) since ``since`` (a duration or
    a date), as the log stands at ``head`` on ``today``."""
    if window == "learned":
        moment = moment_back(since, "since", datetime.now(UTC))
        assert moment is not None
        return tuple(learned(db.store(), db.projection(), moment, wanted, today))
    start = day_back(since, "since", today)
    assert start is not None
    return tuple(happened(db.store(), db.projection(), start, today, wanted))
