"""Every daemon on a PostgreSQL server, in ``daemons``: host, pid, start and heartbeat.

Several daemons share a server's feeds (see :mod:`tracker.feeds.leases`), each under its
own row, named ``host:pid``, which is also the holder written into its leases. On SQLite
one daemon holds the file's lock and its one row is ``daemon_heartbeat``
(:mod:`tracker.daemon.heartbeat`).
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime

from tracker.feeds.tables import FeedDb

__all__ = ["DaemonRow", "SILENT_AFTER", "daemons", "register", "this_daemon"]

# A daemon that has not beaten for this long (seconds) is reported silent: dead, or cut off.
SILENT_AFTER = 120.0


@dataclass(frozen=True, slots=True)
class DaemonRow:
    """One daemon as it last said of itself."""

    id: str
    host: str
    pid: int
    started_at: datetime
    heartbeat_at: datetime
    stopped_at: datetime | None
    polls: int

    def age(self, now: datetime | None = None) -> float:
        """Seconds since the last beat."""
        return ((now or datetime.now(UTC)) - self.heartbeat_at).total_seconds()

    @property
    def running(self) -> bool:
        return self.stopped_at is None and self.age() < SILENT_AFTER


def this_daemon() -> str:
    """This process's name among the daemons, and in its leases."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def register(db: FeedDb) -> str:
    """A daemon starting: its row (a pid reused on the host starts it afresh); its name."""
    name, now = this_daemon(), _now()
    db.execute(
        "INSERT INTO daemons (id, host, pid, started_at, heartbeat_at, stopped_at, polls) "
        "VALUES (?, ?, ?, ?, ?, NULL, 0) ON CONFLICT (id) DO UPDATE SET "
        "started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at, "
        "stopped_at = NULL, polls = 0",
        (name, socket.gethostname(), os.getpid(), now, now),
    )
    return name


def beat(db: FeedDb, polls: int, *, stopped: bool = False) -> None:
    """Still alive (or, ``stopped``, cleanly stopped), with the polls done since start."""
    now = _now()
    db.execute(
        "UPDATE daemons SET heartbeat_at = ?, polls = ?, stopped_at = ? WHERE id = ?",
        (now, polls, now if stopped else None, this_daemon()),
    )


def daemons(db: FeedDb) -> list[DaemonRow]:
    """Every daemon that ever ran on this server, the latest beat first."""
    rows = db.execute(
        "SELECT id, host, pid, started_at, heartbeat_at, stopped_at, polls FROM daemons "
        "ORDER BY heartbeat_at DESC, id"
    )
    return [
        DaemonRow(
            r[0],
            r[1],
            int(r[2]),
            datetime.fromisoformat(r[3]),
            datetime.fromisoformat(r[4]),
            datetime.fromisoformat(r[5]) if r[5] else None,
            int(r[6]),
        )
        for r in rows
    ]
