"""One append on PostgreSQL: hold the head row, build the rows as SQLite does, move the head.

The rows are built by the shared :class:`~tracker.store.appender.Appender` (the same
positions, versions, stamps and hashes as on SQLite), its few lookups run on psycopg. The
head row is taken first and held to commit; one statement then writes every row, moves the
head and notifies the listeners, which PostgreSQL delivers at commit.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from events import DomainEvent, RecordedEvent
from tracker.store.appender import Appender, Tail
from tracker.store.hashing import ROW_COLUMNS
from tracker.store.postgres.connection import Connection, Qmark
from tracker.store.postgres.schema import NOTIFY_CHANNEL
from tracker.store.rows import NewEvent

__all__ = ["append_batch"]

_TAKE_HEAD = "SELECT * FROM tracker_take_head(%s)"

# Every row of the append in one statement, column arrays unnested (one round trip for any
# batch; the arrays go in binary, which needs no escaping of the JSON), then the head moved
# and the listeners notified (PostgreSQL delivers the notification at commit).
_TYPES = ("bigint", "text", "text", "int", "text", "int", *["text"] * 8)
_WRITE = f"""WITH logged AS (
    INSERT INTO events ({", ".join(ROW_COLUMNS)})
    SELECT * FROM unnest({", ".join(f"%b::{t}[]" for t in _TYPES)})
), parties AS (
    INSERT INTO event_parties (party, position) SELECT * FROM unnest(%b::text[], %b::bigint[])
), pairs AS (
    INSERT INTO event_relationships (relationship, position)
    SELECT * FROM unnest(%b::text[], %b::bigint[])
), moved AS (
    UPDATE log_head SET position = %s, hash = %s, recorded_at = %s WHERE id = 1
    RETURNING position
) SELECT pg_notify(%s, position::text) FROM moved"""


class _Collected(Qmark):
    """The appender's connection: lookups run at once, the rows it inserts are kept (by
    table) for the one statement that writes them all."""

    def __init__(self, conn: Connection) -> None:
        super().__init__(conn)
        self.rows: dict[str, list[Sequence[Any]]] = {}

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        table = sql.split()[2]  # INSERT INTO <table> ...
        self.rows.setdefault(table, []).extend(rows)

    def columns(self, table: str, width: int) -> list[list[Any]]:
        rows = self.rows.get(table, [])
        return [list(column) for column in zip(*rows, strict=True)] if rows else [[]] * width


def append_batch(
    conn: Connection,
    now: datetime,
    batch: list[NewEvent | DomainEvent],
    check_logged: bool,
) -> list[RecordedEvent]:
    """Append ``batch`` inside the caller's transaction; return the events recorded.

    Two round trips hold the head: taking it (with the versions of the batch's streams),
    and writing the rows; then the caller's commit releases it.
    """
    streams = sorted({_stream_of(item) for item in batch})
    row = conn.execute(_TAKE_HEAD, (streams,)).fetchone()
    assert row is not None, "log_head has its one row from the first migration"
    position, head_hash = int(str(row[0])), str(row[1])
    last = None if row[2] is None else str(row[2])
    names, numbers = cast(list[str], row[3] or []), cast(list[int], row[4] or [])
    tail = Tail(position, head_hash, last, dict(zip(names, numbers, strict=True)))
    collected = _Collected(conn)
    # The appender is written against sqlite3's interface; _Collected answers what it uses.
    appender = Appender(cast(sqlite3.Connection, collected), now, tail)
    recorded = appender.run(batch, check_logged=check_logged) if batch else []
    moved = appender.tail()
    if moved.position != position:
        conn.execute(
            _WRITE,
            (
                *collected.columns("events", len(ROW_COLUMNS)),
                *collected.columns("event_parties", 2),
                *collected.columns("event_relationships", 2),
                moved.position,
                moved.hash,
                moved.recorded_at,
                NOTIFY_CHANNEL,
            ),
        )
    return recorded


def _stream_of(item: NewEvent | DomainEvent) -> str:
    if isinstance(item, NewEvent):
        return item.stream or item.event.default_stream()
    return item.default_stream()
