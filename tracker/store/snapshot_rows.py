"""The log's rows that per-relationship snapshots read (:mod:`tracker.snapshots`).

Functions of a SQLite connection, like :mod:`tracker.store.fold_rows`, whose row shape
(:data:`tracker.store.protocol.FoldRow`) they return. Reads of a pair go through the
``event_relationships`` index; notes through the dedup index's ``event_notes``, and a pair's
events of some types (a late fact's facts, :mod:`tracker.late_facts`) through its
``event_fingerprints``.
"""

from __future__ import annotations

import sqlite3
from functools import cache

from events import DiplomaticEvent, event_types
from tracker.store.protocol import FoldRow

__all__ = [
    "count_after",
    "count_facts_after",
    "last_month",
    "id_row",
    "note_rows",
    "retracts",
    "rows_after",
    "spoils",
    "typed_rows",
]

_COLUMNS = "e.position, e.recorded_at, e.type, e.schema_version, e.payload"
_FROM = "FROM event_relationships r JOIN events e ON e.position = r.position"
_CHUNK = 500  # bound parameters per query, under SQLite's limit


def spoils(conn: sqlite3.Connection, key: str, built_at: int, head: int, end: str) -> bool:
    """Whether pair ``key`` has, in ``(built_at, head]``, a retraction or a fact dated on or
    before ``end``: what spoils a snapshot built at ``built_at`` of the month ending ``end``."""
    sql = (
        f"SELECT 1 {_FROM} WHERE r.relationship = ? AND r.position > ? AND r.position <= ? "
        "AND (e.type = 'EventRetracted' OR e.occurred_start <= ?) LIMIT 1"
    )
    return conn.execute(sql, (key, built_at, head, end)).fetchone() is not None


def rows_after(
    conn: sqlite3.Connection, key: str, head: int, built_at: int, end: str, through: str | None
) -> list[FoldRow]:
    """Pair ``key``'s rows to ``head`` appended after ``built_at``, or dated after ``end``
    (through ``through``); in position order. Of the facts appended after ``built_at`` only
    those dated through ``through`` are read (a fold as of that day leaves the later ones
    out, as :func:`~tracker.store.fold_rows.relationship_rows` does). Two index ranges, not
    a scan of the pair: the pair's positions after ``built_at``, and its facts dated after
    ``end`` through the dedup index (its buckets order as the days they start on; the index
    must hold the log to ``head``). The notes of the facts dated after ``end`` (their
    corroborations and confirmations) are the caller's to read, through ``event_notes``."""
    late = (
        f"SELECT {_COLUMNS} {_FROM} WHERE r.relationship = ? AND r.position > ? "
        "AND r.position <= ?"
        + (" AND (e.occurred_start IS NULL OR e.occurred_start <= ?)" if through else "")
    )
    params: list[object] = [key, built_at, head] + ([through] if through else [])
    rows = {row[0]: row for row in conn.execute(late, params).fetchall()}
    types = _dated_types()
    dated = (
        f"SELECT position FROM event_fingerprints WHERE relationship = ? "
        f"AND type IN ({', '.join('?' * len(types))}) AND bucket > ?"
        + (" AND bucket <= ?" if through else "")
        + " AND position <= ?"
    )
    params = [key, *types, end] + ([through] if through else []) + [head]
    wanted = [p for (p,) in conn.execute(dated, params).fetchall() if p not in rows]
    for at in range(0, len(wanted), _CHUNK):
        chunk = wanted[at : at + _CHUNK]
        sql = f"SELECT {_COLUMNS} FROM events e WHERE e.position IN ({', '.join('?' * len(chunk))})"
        rows.update((row[0], row) for row in conn.execute(sql, chunk).fetchall())
    return [rows[p] for p in sorted(rows)]


@cache
def _dated_types() -> tuple[str, ...]:
    """The types of the events with a valid time (those the dedup index holds)."""
    return tuple(
        sorted(name for name, cls in event_types().items() if issubclass(cls, DiplomaticEvent))
    )


def note_rows(conn: sqlite3.Connection, subjects: list[str], head: int) -> list[FoldRow]:
    """The rows of the corroborations and retractions of ``subjects`` up to ``head``."""
    found: list[FoldRow] = []
    for at in range(0, len(subjects), _CHUNK):
        chunk = subjects[at : at + _CHUNK]
        sql = (
            f"SELECT {_COLUMNS} FROM event_notes n JOIN events e ON e.position = n.position "
            f"WHERE n.subject IN ({', '.join('?' * len(chunk))}) AND n.position <= ?"
        )
        found += conn.execute(sql, [*chunk, head]).fetchall()
    return found


def typed_rows(
    conn: sqlite3.Connection,
    key: str,
    types: tuple[str, ...],
    head: int,
    through: str | None = None,
) -> list[FoldRow]:
    """Pair ``key``'s rows of ``types`` to ``head`` (facts with a valid time), through the
    dedup index; in position order. ``through`` (ISO day): only those dated through it (a
    bucket is the start's date at its precision, so it orders as the start does)."""
    marks = ", ".join("?" * len(types))
    sql = (
        f"SELECT {_COLUMNS} FROM event_fingerprints f JOIN events e ON e.position = f.position "
        f"WHERE f.relationship = ? AND f.type IN ({marks}) AND f.position <= ? "
        + ("AND f.bucket <= ? " if through else "")
        + "ORDER BY f.position"
    )
    return conn.execute(sql, [key, *types, head, *([through] if through else [])]).fetchall()


def retracts(conn: sqlite3.Connection, key: str, built_at: int, head: int) -> bool:
    """Whether pair ``key`` has a retraction in ``(built_at, head]``: what spoils a snapshot
    built at ``built_at`` for a reader that folds in the late facts learned since."""
    sql = (
        f"SELECT 1 {_FROM} WHERE r.relationship = ? AND r.position > ? AND r.position <= ? "
        "AND e.type = 'EventRetracted' LIMIT 1"
    )
    return conn.execute(sql, (key, built_at, head)).fetchone() is not None


def id_row(conn: sqlite3.Connection, event_id: str) -> FoldRow | None:
    """The row of the event ``event_id``."""
    row = conn.execute(f"SELECT {_COLUMNS} FROM events e WHERE e.event_id = ?", (event_id,))
    return row.fetchone()  # type: ignore[no-any-return]


def count_after(
    conn: sqlite3.Connection, key: str, position: int, head: int, most: int | None = None
) -> int:
    """How many events pair ``key`` has in ``(position, head]`` (counted up to ``most``)."""
    where = "WHERE relationship = ? AND position > ? AND position <= ?"
    if most is None:
        sql = f"SELECT COUNT(*) FROM event_relationships {where}"
        return int(conn.execute(sql, (key, position, head)).fetchone()[0])
    sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM event_relationships {where} LIMIT ?) AS counted"
    return int(conn.execute(sql, (key, position, head, most)).fetchone()[0])


def count_facts_after(
    conn: sqlite3.Connection, key: str, day: str, most: int, before: str | None = None
) -> int:
    """How many of pair ``key``'s facts are dated after ``day`` (a month's last day, or ""
    for all), and before month ``before`` (``YYYY-MM``) if given, counted up to ``most``,
    through the dedup index (which must hold the log: a bucket orders against a month's
    last day, or a month, as the day its span starts on does)."""
    types = _dated_types()
    sql = (
        "SELECT COUNT(*) FROM (SELECT 1 FROM event_fingerprints WHERE relationship = ? "
        f"AND type IN ({', '.join('?' * len(types))}) AND bucket > ?"
        + (" AND bucket < ?" if before else "")
        + " LIMIT ?) AS counted"
    )
    params = (key, *types, day, *([before] if before else []), most)
    return int(conn.execute(sql, params).fetchone()[0])


def last_month(conn: sqlite3.Connection, key: str) -> str | None:
    """The month (``YYYY-MM``) of pair ``key``'s latest fact, through the dedup index."""
    types = _dated_types()
    sql = (
        "SELECT MAX(bucket) FROM event_fingerprints WHERE relationship = ? "
        f"AND type IN ({', '.join('?' * len(types))})"
    )
    found = conn.execute(sql, (key, *types)).fetchone()[0]
    return str(found)[:7] if found else None
