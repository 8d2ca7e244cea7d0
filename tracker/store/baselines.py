"""The raw sqlite3 baselines that ``tracker bench`` times beside the store.

The same rows and the same table, with none of the tracker's code: what the database alone
costs. Kept here because they are SQL on the log, which only :mod:`tracker.store` writes.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from tracker.db import connect, write_transaction
from tracker.store.schema import LOG_DDL, PARTIES_BY_POSITION

__all__ = [
    "LogRows",
    "count_relationship_rows",
    "dump_rows",
    "fresh_log",
    "insert_like_last",
    "insert_rows",
    "pair_rows",
    "pair_rows_as_of",
    "payload_rows",
    "payloads_between",
    "rows_by_relationship",
]

# (events rows, event_parties rows, event_relationships rows), each in table column order.
LogRows = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]

_SELECT = (
    "SELECT e.position, e.recorded_at, e.type, e.schema_version, e.payload "
    "FROM event_relationships r JOIN events e ON e.position = r.position"
)


def dump_rows(path: Path) -> LogRows:
    """Every row of the log at ``path`` and of its two indexes."""
    conn = sqlite3.connect(path)
    events = conn.execute("SELECT * FROM events ORDER BY position").fetchall()
    parties = conn.execute("SELECT * FROM event_parties").fetchall()
    relationships = conn.execute("SELECT * FROM event_relationships").fetchall()
    conn.close()
    return events, parties, relationships


def fresh_log(path: Path) -> sqlite3.Connection:
    """A new file with the log's tables and indexes (no triggers), the tracker's pragmas."""
    conn = connect(path)
    for statement in [*LOG_DDL, PARTIES_BY_POSITION]:
        conn.execute(statement)
    return conn


def insert_rows(conn: sqlite3.Connection, rows: LogRows) -> None:
    """Insert dumped rows as they are (the caller holds the transaction)."""
    events, parties, relationships = rows
    conn.executemany(f"INSERT INTO events VALUES ({', '.join('?' * 14)})", events)
    conn.executemany("INSERT INTO event_parties VALUES (?, ?)", parties)
    conn.executemany("INSERT INTO event_relationships VALUES (?, ?)", relationships)


def payload_rows(conn: sqlite3.Connection) -> sqlite3.Cursor:
    """(position, payload, metadata) of every event, by position."""
    return conn.execute("SELECT position, payload, metadata FROM events ORDER BY 1")


def payloads_between(conn: sqlite3.Connection, after: int, until: int) -> sqlite3.Cursor:
    """The payloads of the log's rows in ``(after, until]`` (a poll's news)."""
    sql = "SELECT payload FROM events WHERE position > ? AND position <= ?"
    return conn.execute(sql, (after, until))


def count_relationship_rows(conn: sqlite3.Connection) -> int:
    """Rows of the relationship index (an event of a pair is one)."""
    return int(conn.execute("SELECT COUNT(*) FROM event_relationships").fetchone()[0])


def rows_by_relationship(conn: sqlite3.Connection) -> sqlite3.Cursor:
    """Every relationship's fold rows, by (relationship, position): a rebuild's read."""
    return conn.execute(_SELECT + " ORDER BY r.relationship, r.position")


def pair_rows_as_of(conn: sqlite3.Connection, key: str, as_of: str) -> sqlite3.Cursor:
    """One relationship's fold rows with valid time starting by ``as_of``: a state's read."""
    sql = _SELECT + " WHERE r.relationship = ? AND e.occurred_start <= ?"
    return conn.execute(sql, (key, as_of))


def pair_rows(conn: sqlite3.Connection, key: str) -> sqlite3.Cursor:
    """Every fold row of one relationship, annotations included: a read of the pair."""
    return conn.execute(_SELECT + " WHERE r.relationship = ? ORDER BY r.position", (key,))


def insert_like_last(conn: sqlite3.Connection, count: int) -> None:
    """INSERT ``count`` copies of the log's last row into a same-schema scratch table (a
    temporary one, gone with the connection), in one transaction: a raw append."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS raw_events AS SELECT * FROM events WHERE 0")
    row = conn.execute("SELECT * FROM events ORDER BY position DESC LIMIT 1").fetchone()
    with write_transaction(conn):
        conn.executemany(
            f"INSERT INTO raw_events VALUES ({', '.join('?' * len(row))})", [row] * count
        )
