"""The watches and their outbox: operational tables beside the log (no fact about the world).

A watch names what it wants (actors, a pair, kinds) and where to send it (a command or a
webhook). It follows the log as ``watch:<name>`` in ``processor_checkpoints``: the changes
it has not told yet are written to ``watch_outbox`` in the transaction that moves its
checkpoint (and the day it last judged by the calendar), then delivered from there. A
delivery acknowledged (the command exited 0, the webhook answered 2xx) is marked
delivered and never sent again; one cut short by a crash is sent again, with the same
change id, which a receiver can use to drop a repeat.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from tracker.changes import ChangeFilter
from tracker.db import write_transaction
from tracker.errors import UsageError, quoted
from tracker.store.protocol import LogStore
from tracker.store.schema import migrate
from tracker.stored_states import today_utc

__all__ = ["Delivery", "Watch", "WatchBook", "follower_name"]

_MIGRATIONS = [
    [
        """CREATE TABLE watches (
            name TEXT PRIMARY KEY,
            wanted TEXT NOT NULL,
            exec TEXT,
            webhook TEXT,
            created_at TEXT NOT NULL,
            checked_day TEXT NOT NULL
        )""",
        """CREATE TABLE watch_outbox (
            id INTEGER PRIMARY KEY,
            watch TEXT NOT NULL,
            change_id TEXT NOT NULL,
            payload TEXT NOT NULL,
            queued_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_try TEXT,
            last_error TEXT,
            delivered_at TEXT,
            UNIQUE (watch, change_id)
        )""",
        "CREATE INDEX watch_outbox_pending ON watch_outbox (watch, delivered_at, id)",
    ]
]


def follower_name(watch: str) -> str:
    """The watch's name in ``processor_checkpoints``."""
    return f"watch:{watch}"


class Watch(BaseModel):
    """A watch: what it wants, where it sends it, and the last day it judged."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    wanted: ChangeFilter
    exec: str | None
    webhook: str | None
    created_at: datetime
    checked_day: date


class Delivery(BaseModel):
    """A change queued for a watch, and how its delivery went so far."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: int
    watch: str
    change_id: str
    payload: str
    attempts: int
    next_try: datetime | None
    last_error: str | None
    delivered_at: datetime | None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class WatchBook:
    """The watches of one SQLite database."""

    def __init__(self, store: LogStore) -> None:
        self.store = store
        self.conn: sqlite3.Connection = getattr(store, "conn", None)  # type: ignore[assignment]
        if not isinstance(self.conn, sqlite3.Connection):
            raise UsageError("watches live in the SQLite database file; this log has none")
        migrate(self.conn, component="watches", migrations=_MIGRATIONS)

    def add(
        self, name: str, wanted: ChangeFilter, *, exec_cmd: str | None, webhook: str | None
    ) -> Watch:
        """A new watch, telling the changes from now on (its checkpoint starts at the head)."""
        if not name.strip() or len(name) > 100:
            raise UsageError("a watch needs a name of 1 to 100 characters")
        if (exec_cmd is None) == (webhook is None):
            raise UsageError('a watch sends to one place: give --exec "CMD" or --webhook URL')
        if webhook is not None and not webhook.startswith(("http://", "https://")):
            raise UsageError(f"--webhook {quoted(webhook)} is not an http(s) URL")
        with self.store.following(follower_name(name)) as follow:
            conn = follow.conn
            if conn.execute("SELECT 1 FROM watches WHERE name = ?", (name,)).fetchone():
                raise UsageError(f"a watch named {quoted(name)} exists; `tracker watch list`")
            conn.execute(
                "INSERT INTO watches (name, wanted, exec, webhook, created_at, checked_day) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    name,
                    wanted.model_dump_json(),
                    exec_cmd,
                    webhook,
                    _now(),
                    today_utc().isoformat(),
                ),
            )
            follow.advance(follow.head)
        found = self.get(name)
        assert found is not None
        return found

    def remove(self, name: str) -> None:
        """Forget a watch and its undelivered changes."""
        with write_transaction(self.conn) as conn:
            gone = conn.execute("DELETE FROM watches WHERE name = ?", (name,)).rowcount
            conn.execute("DELETE FROM watch_outbox WHERE watch = ?", (name,))
        if not gone:
            raise UsageError(f"no watch named {quoted(name)}; `tracker watch list` lists them")

    def get(self, name: str) -> Watch | None:
        """The watch named ``name``."""
        row = self.conn.execute(
            "SELECT name, wanted, exec, webhook, created_at, checked_day FROM watches "
            "WHERE name = ?",
            (name,),
        ).fetchone()
        return _watch(row) if row else None

    def all(self) -> list[Watch]:
        """Every watch, by name."""
        rows = self.conn.execute(
            "SELECT name, wanted, exec, webhook, created_at, checked_day FROM watches ORDER BY name"
        ).fetchall()
        return [_watch(r) for r in rows]

    def pending(self, name: str, now: datetime) -> list[Delivery]:
        """The watch's changes not delivered yet, oldest first, up to one whose next try is
        not due yet."""
        rows = self.conn.execute(
            f"SELECT {_DELIVERY} FROM watch_outbox WHERE watch = ? AND delivered_at IS NULL "
            "ORDER BY id",
            (name,),
        ).fetchall()
        due = []
        for delivery in map(_delivery, rows):
            if delivery.next_try is not None and delivery.next_try > now:
                break  # in order: the ones after a change that waits wait with it
            due.append(delivery)
        return due

    def report(self) -> list[dict[str, Any]]:
        """Each watch with its delivered and waiting changes and its last failure."""
        found = []
        for watch in self.all():
            counts = self.conn.execute(
                "SELECT count(delivered_at), count(*) - count(delivered_at) "
                "FROM watch_outbox WHERE watch = ?",
                (watch.name,),
            ).fetchone()
            failing = self.conn.execute(
                "SELECT attempts, last_error, next_try FROM watch_outbox WHERE watch = ? "
                "AND delivered_at IS NULL AND last_error IS NOT NULL ORDER BY id LIMIT 1",
                (watch.name,),
            ).fetchone()
            found.append(
                {
                    "name": watch.name,
                    "sends_to": watch.webhook or f"exec: {watch.exec}",
                    "delivered": counts[0],
                    "waiting": counts[1],
                    "failing": bool(failing),
                    "attempts": failing[0] if failing else 0,
                    "last_error": failing[1] if failing else None,
                    "next_try": failing[2] if failing else None,
                }
            )
        return found

    def delivered(self, delivery: Delivery) -> None:
        """Acknowledged: never sent again."""
        with write_transaction(self.conn) as conn:
            conn.execute(
                "UPDATE watch_outbox SET delivered_at = ?, attempts = attempts + 1, "
                "last_error = NULL WHERE id = ?",
                (_now(), delivery.id),
            )

    def failed(self, delivery: Delivery, attempts: int, error: str, next_try: datetime) -> None:
        """Not acknowledged after ``attempts`` in all: tried again from ``next_try``."""
        with write_transaction(self.conn) as conn:
            conn.execute(
                "UPDATE watch_outbox SET attempts = ?, last_error = ?, next_try = ? WHERE id = ?",
                (attempts, error[:500], next_try.isoformat(timespec="microseconds"), delivery.id),
            )


_DELIVERY = "id, watch, change_id, payload, attempts, next_try, last_error, delivered_at"


def _watch(row: tuple[Any, ...]) -> Watch:
    return Watch(
        name=row[0],
        wanted=ChangeFilter.model_validate_json(row[1]),
        exec=row[2],
        webhook=row[3],
        created_at=datetime.fromisoformat(row[4]),
        checked_day=date.fromisoformat(row[5]),
    )


def _delivery(row: tuple[Any, ...]) -> Delivery:
    return Delivery(
        id=row[0],
        watch=row[1],
        change_id=row[2],
        payload=row[3],
        attempts=row[4],
        next_try=datetime.fromisoformat(row[5]) if row[5] else None,
        last_error=row[6],
        delivered_at=datetime.fromisoformat(row[7]) if row[7] else None,
    )


def queue(conn: sqlite3.Connection, watch: str, changes: list[tuple[str, dict[str, Any]]]) -> int:
    """Queue ``(change id, payload)`` pairs for ``watch`` (inside the follower's transaction);
    a change queued before is not queued again. Returns how many were queued."""
    now, queued = _now(), 0
    for change_id, payload in changes:
        queued += conn.execute(
            "INSERT OR IGNORE INTO watch_outbox (watch, change_id, payload, queued_at) "
            "VALUES (?, ?, ?, ?)",
            (watch, change_id, json.dumps(payload, ensure_ascii=False), now),
        ).rowcount
    return queued
