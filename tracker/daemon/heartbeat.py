"""The daemon's heartbeat row, so ``tracker status`` can tell it is alive and busy.

On PostgreSQL, where several daemons share the feeds, each beats in its own row of
``daemons`` (:mod:`tracker.daemon.registry`); these functions write there.
"""

from __future__ import annotations

import os
import socket
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from tracker.daemon import registry
from tracker.feeds.schema import ensure_feed_tables
from tracker.feeds.tables import FeedDb, portable

__all__ = ["Heartbeat", "beat", "mark_started", "mark_stopped", "read_heartbeat"]


@dataclass(frozen=True, slots=True)
class Heartbeat:
    """The last the daemon said about itself."""

    pid: int
    host: str
    started_at: datetime
    heartbeat_at: datetime
    stopped_at: datetime | None
    polls: int

    def age(self, now: datetime | None = None) -> float:
        """Seconds since the last beat."""
        return ((now or datetime.now(UTC)) - self.heartbeat_at).total_seconds()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def mark_started(conn: sqlite3.Connection | FeedDb) -> None:
    """A new daemon: replace the row with this process (add its row, on PostgreSQL)."""
    db = portable(conn)
    ensure_feed_tables(db)
    if db.dialect == "postgresql":
        registry.register(db)
        return
    now = _now()
    with db.transaction():
        db.execute(
            "INSERT OR REPLACE INTO daemon_heartbeat "
            "(id, pid, host, started_at, heartbeat_at, stopped_at, polls) "
            "VALUES (1, ?, ?, ?, ?, NULL, 0)",
            (os.getpid(), socket.gethostname(), now, now),
        )


def beat(conn: sqlite3.Connection | FeedDb, polls: int) -> None:
    """Still alive, with the number of polls done since start."""
    db = portable(conn)
    if db.dialect == "postgresql":
        registry.beat(db, polls)
        return
    with db.transaction():
        db.execute(
            "UPDATE daemon_heartbeat SET heartbeat_at = ?, polls = ? WHERE id = 1",
            (_now(), polls),
        )


def mark_stopped(conn: sqlite3.Connection | FeedDb, polls: int) -> None:
    """A clean stop (a kill -9 leaves ``stopped_at`` empty and the beat going stale)."""
    db = portable(conn)
    if db.dialect == "postgresql":
        registry.beat(db, polls, stopped=True)
        return
    now = _now()
    with db.transaction():
        db.execute(
            "UPDATE daemon_heartbeat SET heartbeat_at = ?, stopped_at = ?, polls = ? WHERE id = 1",
            (now, now, polls),
        )


def read_heartbeat(conn: sqlite3.Connection) -> Heartbeat | None:
    """The heartbeat row, if a daemon ever ran on this database."""
    ensure_feed_tables(conn)
    row = conn.execute(
        "SELECT pid, host, started_at, heartbeat_at, stopped_at, polls "
        "FROM daemon_heartbeat WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    stopped = datetime.fromisoformat(row[4]) if row[4] else None
    return Heartbeat(
        row[0],
        row[1],
        datetime.fromisoformat(row[2]),
        datetime.fromisoformat(row[3]),
        stopped,
        row[5],
    )
