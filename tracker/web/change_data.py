"""What the changes page and its feed show (no web framework here; a relationship page's
changes section comes with its state, see :func:`tracker.web.data.state_between`).

Answers are kept by (question, the log's head, today), as the other pages keep theirs: a
new event, or a new day (which can make a commitment overdue), retires them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache

from tracker.changes import ChangeFilter, StateChange, happened, learned
from tracker.changes.durations import day_back, moment_back
from tracker.web.data import CACHE_SIZE
from tracker.web.readonly import ReadOnlyDatabase

__all__ = ["changes_between"]


@lru_cache(maxsize=CACHE_SIZE)
def changes_between(
    db: ReadOnlyDatabase,
    head: int,
    today: date,
    window: str,
    since: str,
    wanted: ChangeFilter,
    until: date | None = None,
) -> tuple[StateChange, ...]:
    """The changes of a window (``learned`` or ``happened``) since ``since`` (a duration or
    a date; what happened: up to ``until``, default today), as the log stands at ``head``
    on ``today``."""
    if window == "learned":
        moment = moment_back(since, "since", datetime.now(UTC))
        assert moment is not None
        return tuple(learned(db.store(), db.projection(), moment, wanted, today))
    start = day_back(since, "since", today)
    assert start is not None
    return tuple(happened(db.store(), start, until or today, wanted))
