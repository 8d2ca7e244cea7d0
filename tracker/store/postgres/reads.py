"""Reads of the PostgreSQL log: the fold's rows, lookups, the head, and the chain's walk.

The fold's statements are SQLite's own (:mod:`tracker.store.fold_rows`), run through
:class:`~tracker.store.postgres.connection.Qmark`; a read of the whole log goes through a
server-side cursor, so its rows are fetched in chunks, never held all at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from typing import Any, cast

from tracker.store import fold_rows
from tracker.store.hashing import GENESIS, ROW_COLUMNS, row_hash
from tracker.store.postgres.connection import Connection, Qmark, pg
from tracker.store.protocol import FoldRow, RelationshipRow, VerifyResult
from tracker.store.rows import stamp

__all__ = [
    "article_payloads",
    "event_ids_starting",
    "has_events_after",
    "head",
    "relationship_counts",
    "relationship_rows",
    "relationships",
    "row_of",
    "rows_between",
    "rows_by_relationship",
    "streamed",
    "verify",
]

_CHUNK_ROWS = 2000


def streamed(conn: Connection, sql: str, params: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
    """The rows of ``sql`` fetched in chunks (inside the caller's transaction)."""
    with conn.cursor(name="tracker_read") as cursor:
        cursor.itersize = _CHUNK_ROWS
        cursor.execute(sql, params)
        yield from cursor


def _sqlite(conn: Connection) -> sqlite3.Connection:
    # fold_rows is written against sqlite3's interface; Qmark answers the part it uses.
    return cast(sqlite3.Connection, Qmark(conn))


def relationship_rows(
    conn: Connection,
    key: str,
    as_of: date | None,
    known_at: datetime | None,
    until_position: int | None,
    after_position: int = 0,
) -> list[FoldRow]:
    return fold_rows.relationship_rows(
        _sqlite(conn),
        key,
        as_of=as_of,
        known_at=known_at,
        until_position=until_position,
        after_position=after_position,
    )


def rows_by_relationship(
    conn: Connection, after: int, until: int, low: str | None, high: str | None
) -> Iterator[RelationshipRow]:
    where = "r.position > %s AND r.position <= %s"
    params: list[object] = [after, until]
    if low is not None:
        where += " AND r.relationship >= %s"
        params.append(low)
    if high is not None:
        where += " AND r.relationship < %s"
        params.append(high)
    sql = (
        "SELECT r.relationship, e.position, e.recorded_at, e.type, e.schema_version, e.payload "
        "FROM event_relationships r JOIN events e ON e.position = r.position "
        f"WHERE {where} ORDER BY r.relationship, r.position"
    )
    return cast(Iterator[RelationshipRow], streamed(conn, sql, params))


def rows_between(conn: Connection, after: int, until: int) -> list[FoldRow]:
    return fold_rows.rows_between(_sqlite(conn), after, until)


def row_of(conn: Connection, event_id: str) -> FoldRow | None:
    return fold_rows.row_of(_sqlite(conn), event_id)


def relationship_counts(conn: Connection, until: int) -> list[tuple[str, int]]:
    rows = conn.execute(
        "SELECT relationship, COUNT(*) FROM event_relationships WHERE position <= %s "
        "GROUP BY relationship ORDER BY relationship",
        (until,),
    )
    return [(str(key), int(str(count))) for key, count in rows]


def event_ids_starting(conn: Connection, prefix: str, limit: int) -> list[str]:
    # A range over the UNIQUE index ('~' sorts after every character of a UUID).
    rows = conn.execute(
        "SELECT event_id FROM events WHERE event_id >= %s AND event_id < %s "
        "ORDER BY position LIMIT %s",
        (prefix, prefix + "~", limit),
    )
    return [str(row[0]) for row in rows]


def has_events_after(conn: Connection, position: int, types: Sequence[str]) -> bool:
    row = conn.execute(
        "SELECT 1 FROM events WHERE type = ANY(%s) AND position > %s LIMIT 1",
        (list(types), position),
    ).fetchone()
    return row is not None


def article_payloads(
    conn: Connection, streams: Sequence[str], known_at: datetime | None
) -> list[tuple[int, str]]:
    sql = "SELECT version, payload FROM events WHERE type = 'ArticleIngested' AND stream = ANY(%s)"
    params: list[object] = [list(streams)]
    if known_at is not None:
        sql += " AND recorded_at <= %s"
        params.append(stamp(known_at))
    return [(int(str(v)), str(p)) for v, p in conn.execute(sql, params)]


def head(conn: Connection) -> int:
    row = conn.execute("SELECT position FROM log_head").fetchone()
    return int(str(row[0])) if row else 0


def relationships(conn: Connection) -> list[str]:
    rows = conn.execute("SELECT DISTINCT relationship FROM event_relationships")
    return sorted(str(r[0]) for r in rows)


def verify(conn: Connection, progress: Callable[[int], None] | None) -> VerifyResult:
    """Walk the chain (inside the caller's snapshot); then hold the head row to its end."""
    prev = GENESIS
    count = 0
    sql = pg(f"SELECT {', '.join(ROW_COLUMNS)} FROM events ORDER BY position")
    for row in streamed(conn, sql, ()):
        position = int(row[0])
        if position != count + 1:
            return VerifyResult(False, count, count + 1, "a position is missing")
        if row[12] != prev:
            return VerifyResult(False, count, position, "prev_hash does not match")
        if row_hash(row[:13]) != row[13]:
            return VerifyResult(False, count, position, "the row's content does not match its hash")
        prev = str(row[13])
        count += 1
        if progress is not None and count % 10_000 == 0:
            progress(count)
    found = conn.execute("SELECT position, hash FROM log_head").fetchone()
    if found is None or (int(str(found[0])), str(found[1])) != (count, prev):
        return VerifyResult(
            False, count, count + 1, "the log's head row does not match its last event"
        )
    return VerifyResult(True, count)
