"""The log's rows as the projection's fold reads them, over a SQLite connection.

A row here is :data:`tracker.store.protocol.FoldRow`: (position, recorded_at, type,
schema_version, payload), decoded by :func:`tracker.projections.from_row` without pydantic.
Reads of a relationship go through the ``event_relationships`` index, so their cost follows
the pair's size, not the log's. Functions of a connection (not only methods of the store): a
parallel rebuild's workers and the web page read through read-only connections of their own.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any, cast

from tracker.store.protocol import FoldRow, RelationshipRow
from tracker.store.rows import stamp

__all__ = [
    "relationship_counts",
    "relationship_keys",
    "relationship_rows",
    "row_of",
    "rows_between",
    "rows_by_relationship",
]

_COLUMNS = "e.position, e.recorded_at, e.type, e.schema_version, e.payload"
_FROM = "FROM event_relationships r JOIN events e ON e.position = r.position"


def relationship_rows(
    conn: sqlite3.Connection,
    key: str,
    *,
    as_of: date | None = None,
    known_at: datetime | None = None,
    until_position: int | None = None,
    after_position: int = 0,
) -> list[FoldRow]:
    """See :meth:`tracker.store.protocol.LogStore.relationship_rows`."""
    where = ["r.relationship = ?"]
    params: list[Any] = [key]
    if after_position:
        where.append("r.position > ?")
        params.append(after_position)
    if as_of is not None:
        where.append("(e.occurred_start IS NULL OR e.occurred_start <= ?)")
        params.append(as_of.isoformat())
    if known_at is not None:
        where.append("e.recorded_at <= ?")
        params.append(stamp(known_at))
    if until_position is not None:
        where.append("r.position <= ?")
        params.append(until_position)
    sql = f"SELECT {_COLUMNS} {_FROM} WHERE {' AND '.join(where)} ORDER BY r.position"
    return conn.execute(sql, params).fetchall()


def rows_by_relationship(
    conn: sqlite3.Connection,
    *,
    after: int = 0,
    until: int,
    low: str | None = None,
    high: str | None = None,
) -> Iterator[RelationshipRow]:
    """See :meth:`tracker.store.protocol.LogStore.rows_by_relationship`."""
    where = "r.position > ? AND r.position <= ?"
    params: list[object] = [after, until]
    if low is not None:
        where += " AND r.relationship >= ?"
        params.append(low)
    if high is not None:
        where += " AND r.relationship < ?"
        params.append(high)
    order = "ORDER BY r.relationship, r.position"
    sql = f"SELECT r.relationship, {_COLUMNS} {_FROM} WHERE {where} {order}"
    return cast(Iterator[RelationshipRow], conn.execute(sql, params))


def rows_between(conn: sqlite3.Connection, after: int, until: int) -> list[FoldRow]:
    """See :meth:`tracker.store.protocol.LogStore.rows_between`."""
    sql = f"SELECT {_COLUMNS} FROM events e WHERE e.position > ? AND e.position <= ?"
    return conn.execute(sql + " ORDER BY e.position", (after, until)).fetchall()


def row_of(conn: sqlite3.Connection, event_id: str) -> FoldRow | None:
    """See :meth:`tracker.store.protocol.LogStore.row_of`."""
    sql = f"SELECT {_COLUMNS} FROM events e WHERE e.event_id = ?"
    row: FoldRow | None = conn.execute(sql, (event_id,)).fetchone()
    return row


def relationship_counts(conn: sqlite3.Connection, until: int) -> list[tuple[str, int]]:
    """See :meth:`tracker.store.protocol.LogStore.relationship_counts`."""
    sql = (
        "SELECT relationship, COUNT(*) FROM event_relationships WHERE position <= ? "
        "GROUP BY relationship"
    )
    return [(key, int(count)) for key, count in conn.execute(sql, (until,)).fetchall()]


def relationship_keys(
    conn: sqlite3.Connection, until: int, low: str | None = None, high: str | None = None
) -> list[str]:
    """The relationships with events up to position ``until`` whose keys lie in
    ``low <= key < high`` (None: unbounded), in key order (read from the index alone)."""
    where = "position <= ?"
    params: list[object] = [until]
    if low is not None:
        where += " AND relationship >= ?"
        params.append(low)
    if high is not None:
        where += " AND relationship < ?"
        params.append(high)
    sql = f"SELECT DISTINCT relationship FROM event_relationships WHERE {where} ORDER BY 1"
    return [key for (key,) in conn.execute(sql, params)]
