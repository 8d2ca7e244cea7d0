"""The log's rows that the changes' quiet windows read (:mod:`tracker.changes.quiet`).

A function of a SQLite connection, like :mod:`tracker.store.fold_rows`, whose row shape
(:data:`tracker.store.protocol.FoldRow`) it returns: a pair's rows of some event types only,
so that the rows a fold would skip are neither fetched nor decoded; and when many events
were recorded, in a few queries.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from datetime import date

from tracker.store.protocol import FoldRow

__all__ = ["recorded_times", "typed_rows"]

_COLUMNS = "e.position, e.recorded_at, e.type, e.schema_version, e.payload"
_FROM = "FROM event_relationships r JOIN events e ON e.position = r.position"
_CHUNK = 500  # bound parameters per query, under SQLite's limit


def typed_rows(
    conn: sqlite3.Connection, key: str, as_of: date, types: Collection[str]
) -> list[FoldRow]:
    """Pair ``key``'s rows of the event ``types`` a state as of ``as_of`` can rest on (facts
    starting by then, annotations always), in position order."""
    marks = ", ".join("?" * len(types))
    sql = (
        f"SELECT {_COLUMNS} {_FROM} WHERE r.relationship = ? "
        "AND (e.occurred_start IS NULL OR e.occurred_start <= ?) "
        f"AND e.type IN ({marks}) ORDER BY r.position"
    )
    return conn.execute(sql, [key, as_of.isoformat(), *sorted(types)]).fetchall()


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
