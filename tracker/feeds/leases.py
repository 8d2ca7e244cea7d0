"""Several daemons sharing the feeds on PostgreSQL: leases on due feeds, fenced writes.

APScheduler keeps no shared job store (its FAQ says so), so it is only each daemon's local
timer. What is shared is the ``feeds`` table: a daemon claims the feeds that are due and
unleased (``FOR UPDATE SKIP LOCKED``: two daemons claiming at once take disjoint feeds,
neither waits) by writing its name and an expiry into them, and commits the claim; it polls
with no transaction open. The append of what it found moves the feed's ``next_poll_at``
on in the append's own transaction, and the health write gives the lease back, each only
while the lease still holds: a daemon stalled past its lease (a hung server, a cut
connection) finds it gone and writes nothing, while another has claimed the feed since.
A daemon renews the leases of its running polls at every reconcile (:func:`renew`), so a
long poll keeps its feed. On SQLite there are no leases: one daemon per file holds its flock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from tracker.errors import LeaseLostError
from tracker.feeds.feedlist import Feed, _feed
from tracker.feeds.tables import FeedDb

if TYPE_CHECKING:
    from tracker.store.postgres.connection import Connection

__all__ = ["Lease", "claim_due", "leases", "renew"]

_HELD = "name = ? AND leased_by = ? AND leased_until > now()"


@dataclass(frozen=True, slots=True)
class Lease:
    """``holder``'s claim on the feed ``feed`` (until the time the row says)."""

    feed: str
    holder: str

    def fence(self, conn: Connection) -> None:
        """Inside an append's transaction: move the next poll on, if the lease still holds."""
        from tracker.store.postgres.connection import pg

        moved = conn.execute(
            pg(
                "UPDATE feeds SET next_poll_at = now() + make_interval(secs => interval_seconds) "
                f"WHERE {_HELD}"
            ),
            (self.feed, self.holder),
        ).rowcount
        if moved != 1:
            raise self._lost()

    def finish(self, db: FeedDb, not_before: datetime | None) -> None:
        """Give the lease back and set the next poll (one interval on, or ``not_before``
        when a failure's backoff or a Retry-After says later), if the lease still holds."""
        moved = db.execute(
            "UPDATE feeds SET next_poll_at = GREATEST(now() + make_interval(secs => "
            "interval_seconds), COALESCE(?::timestamptz, '-infinity')), leased_by = NULL, "
            f"leased_until = NULL WHERE {_HELD}",
            (not_before, self.feed, self.holder),
        ).rowcount
        if moved != 1:
            raise self._lost()

    def _lost(self) -> LeaseLostError:
        return LeaseLostError(
            f"the lease of {self.holder} on the feed {self.feed!r} ran out before its poll "
            "was written (another daemon may have polled it since): nothing of it was kept"
        )


def claim_due(db: FeedDb, holder: str, *, limit: int, seconds: float) -> list[tuple[Feed, Lease]]:
    """Claim up to ``limit`` due, unleased, enabled feeds for ``seconds``; committed at once."""
    if limit <= 0:
        return []
    rows = db.execute(
        """WITH due AS (
            SELECT name FROM feeds
            WHERE enabled = 1 AND next_poll_at <= now()
              AND (leased_until IS NULL OR leased_until <= now())
            ORDER BY next_poll_at, name LIMIT ? FOR UPDATE SKIP LOCKED)
        UPDATE feeds SET leased_by = ?, leased_until = now() + make_interval(secs => ?)
        FROM due WHERE feeds.name = due.name
        RETURNING feeds.name, feeds.url, feeds.interval_seconds, feeds.enabled,
            feeds.disabled_reason""",
        (limit, holder, seconds),
    ).fetchall()
    return [(_feed(row), Lease(row[0], holder)) for row in rows]


def renew(db: FeedDb, holder: str, feeds: list[str], *, seconds: float) -> list[str]:
    """Extend ``holder``'s leases on ``feeds`` (its polls still running, or waiting for a
    worker) to ``seconds`` from now; return the feeds renewed. A lease that ran out is not
    renewed: another daemon may hold the feed now, and the late poll's writes stay refused.
    The daemon renews at every reconcile, so a poll slower than one lease (a big batch to
    extract) keeps its feed, while a daemon that stalls or is cut off loses it."""
    if not feeds:
        return []
    marks = ", ".join("?" * len(feeds))
    rows = db.execute(
        "UPDATE feeds SET leased_until = now() + make_interval(secs => ?) "
        f"WHERE leased_by = ? AND leased_until > now() AND name IN ({marks}) RETURNING name",
        (seconds, holder, *feeds),
    ).fetchall()
    return sorted(str(row[0]) for row in rows)


def leases(db: FeedDb) -> dict[str, tuple[str, datetime]]:
    """The leases held now: feed -> (holder, until)."""
    rows = db.execute(
        "SELECT name, leased_by, leased_until FROM feeds "
        "WHERE leased_by IS NOT NULL AND leased_until > now()"
    )
    return {row[0]: (row[1], row[2]) for row in rows}
