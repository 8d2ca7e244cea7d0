"""The events the changes rest on (:mod:`tracker.changes`): when the log learned them, and
their rows (for their sources). Functions of a SQLite connection, like
:mod:`tracker.store.fold_rows`, reading many events in a few queries.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection

from tracker.store.protocol import FoldRow

__all__ = ["pair_rows_between", "recorded_times", "rows_at", "rows_of"]

_CHUNK = 500  # bound parameters per query, under SQLite's limit


def recorded_times(conn: sqlite3.Connection, event_ids: Collection[str]) -> dict[str, str]:
    """When each of ``event_ids`` (those in the log) was recorded, as the log stores it."""
    ids = sorted(event_ids)
    found: dict[str, str] = {}
    for at in range(0, len(ids), _CHUNK):
        chunk = ids[at : at + _CHUNK]
        sql = (
            "SELECT event_id, recorded_at FROM events "
            f"WHERE event_id IN ({', '.join('?' * len(chunk))})"
        )
        found.update(conn.execute(sql, chunk).fetchall())
    return found


def rows_of(conn: sqlite3.Connection, event_ids: Collection[str]) -> list[FoldRow]:
    """The rows of ``event_ids`` (those in the log), in position order."""
    return _rows_where(conn, "event_id", sorted(event_ids))


def rows_at(conn: sqlite3.Connection, positions: Collection[int]) -> list[FoldRow]:
    """The rows at ``positions``, in position order."""
    return _rows_where(conn, "position", sorted(positions))


def _rows_where(
    conn: sqlite3.Connection, column: str, values: list[str] | list[int]
) -> list[FoldRow]:
    found: list[FoldRow] = []
    for at in range(0, len(values), _CHUNK):
        chunk = values[at : at + _CHUNK]
        sql = (
            "SELECT position, recorded_at, type, schema_version, payload FROM events "
            f"WHERE {column} IN ({', '.join('?' * len(chunk))})"
        )
        found += conn.execute(sql, chunk).fetchall()
    return sorted(found)


def pair_rows_between(conn: sqlite3.Connection, key: str, after: int, until: int) -> list[FoldRow]:
    """Pair ``key``'s rows in ``(after, until]``, in position order (an index range)."""
    sql = (
        "SELECT e.position, e.recorded_at, e.type, e.schema_version, e.payload "
        "FROM event_relationships r JOIN events e ON e.position = r.position "
        "WHERE r.relationship = ? AND r.position > ? AND r.position <= ? ORDER BY r.position"
    )
    return conn.execute(sql, (key, after, until)).fetchall()
