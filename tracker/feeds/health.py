"""Each feed's health in ``feed_health``: validators, last outcome, failures and backoff."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from tracker.feeds.tables import FeedDb, portable

if TYPE_CHECKING:
    from tracker.feeds.leases import Lease

__all__ = [
    "BACKOFF_CAP",
    "RETRY_AFTER_CAP",
    "FeedHealth",
    "PollRecord",
    "all_health",
    "backoff_delay",
    "delay_until",
    "load_health",
    "record_poll",
]

BACKOFF_CAP = 6 * 3600.0
# A server asking for more than a day is more likely misconfigured than serious.
RETRY_AFTER_CAP = 24 * 3600.0

_COLUMNS = (
    "etag, last_modified, last_polled_at, last_success_at, last_status, last_outcome, "
    "last_error, last_warning, consecutive_failures, next_run_at, items_seen, "
    "articles_ingested, polls"
)

_NAMES = tuple(name.strip() for name in _COLUMNS.split(","))


@dataclass(frozen=True, slots=True)
class FeedHealth:
    """What the polls of one feed have taught so far."""

    feed: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled_at: str | None = None
    last_success_at: str | None = None
    last_status: int | None = None
    last_outcome: str | None = None
    last_error: str | None = None
    last_warning: str | None = None
    consecutive_failures: int = 0
    next_run_at: str | None = None
    items_seen: int = 0
    articles_ingested: int = 0
    polls: int = 0

    def backing_off(self, now: datetime) -> bool:
        """True while a failure's backoff or a Retry-After still holds."""
        return self.next_run_at is not None and datetime.fromisoformat(self.next_run_at) > now


@dataclass(frozen=True, slots=True)
class PollRecord:
    """The outcome of one poll, as health stores it."""

    outcome: str
    status: int | None = None
    failed: bool = False
    error: str | None = None
    warning: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    next_run_at: datetime | None = None
    items: int = 0
    articles: int = 0


def backoff_delay(interval: float, failures: int) -> float:
    """Seconds to wait after ``failures`` failures in a row: doubling, capped."""
    return float(min(interval * 2.0 ** min(failures, 30), max(BACKOFF_CAP, interval)))


def load_health(conn: sqlite3.Connection | FeedDb, feed: str) -> FeedHealth:
    """The feed's health row (an empty one before its first poll)."""
    row = (
        portable(conn)
        .execute(f"SELECT {_COLUMNS} FROM feed_health WHERE feed = ?", (feed,))
        .fetchone()
    )
    return FeedHealth(feed, *row) if row else FeedHealth(feed)


def all_health(conn: sqlite3.Connection | FeedDb) -> dict[str, FeedHealth]:
    """Every feed's health, by feed name."""
    rows = portable(conn).execute(f"SELECT feed, {_COLUMNS} FROM feed_health")
    return {row[0]: FeedHealth(*row) for row in rows}


def record_poll(
    conn: sqlite3.Connection | FeedDb,
    feed: str,
    record: PollRecord,
    now: datetime | None = None,
    *,
    lease: Lease | None = None,
) -> FeedHealth:
    """Fold one poll's outcome into the feed's health and store it.

    With a daemon's ``lease`` on the feed (PostgreSQL), only while it still holds it: the
    same transaction gives the lease back and sets the feed's next poll, or, the lease
    lost, refuses (:class:`~tracker.errors.LeaseLostError`) and writes nothing.
    """
    db = portable(conn)
    moment = now or datetime.now(UTC)
    stamp = moment.isoformat(timespec="seconds")
    with db.transaction():
        if lease is not None:
            lease.finish(db, record.next_run_at)
        old = load_health(db, feed)
        new = FeedHealth(
            feed=feed,
            etag=old.etag if record.failed else record.etag or old.etag,
            last_modified=old.last_modified
            if record.failed
            else (record.last_modified or old.last_modified),
            last_polled_at=stamp,
            last_success_at=old.last_success_at if record.failed else stamp,
            last_status=record.status,
            last_outcome=record.outcome,
            last_error=record.error if record.failed else None,
            last_warning=record.warning,
            consecutive_failures=old.consecutive_failures + 1 if record.failed else 0,
            next_run_at=_stamp(record.next_run_at),
            items_seen=old.items_seen + record.items,
            articles_ingested=old.articles_ingested + record.articles,
            polls=old.polls + 1,
        )
        values: list[Any] = [getattr(new, name) for name in _NAMES]
        db.execute(
            f"INSERT INTO feed_health (feed, {_COLUMNS}) "
            f"VALUES (?, {', '.join('?' * len(values))}) ON CONFLICT (feed) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in _NAMES),
            [feed, *values],
        )
    return new


def _stamp(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def delay_until(now: datetime, seconds: float) -> datetime:
    """``now`` plus ``seconds``."""
    return now + timedelta(seconds=seconds)
