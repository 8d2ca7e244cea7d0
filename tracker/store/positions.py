"""The log's head and the followers' checkpoints, over a SQLite connection.

Light on purpose (no event vocabulary): ``tracker state`` answering from the stored projection
and the web page's read-only connections read these and nothing else of the log.
"""

from __future__ import annotations

import sqlite3

__all__ = [
    "CHECKPOINTS",
    "adopt_statement",
    "advance",
    "checkpoint",
    "forget_statement",
    "has_checkpoints",
    "head",
    "readable",
    "relationships",
]

CHECKPOINTS = "processor_checkpoints"


def head(conn: sqlite3.Connection) -> int:
    """The log's last position (0 for an empty log)."""
    return int(conn.execute("SELECT COALESCE(MAX(position), 0) FROM events").fetchone()[0])


def last(conn: sqlite3.Connection) -> tuple[int, str]:
    """The log's last position and its hash, which names the whole log up to it ((0, "") for
    an empty log)."""
    row = conn.execute("SELECT position, hash FROM events ORDER BY position DESC LIMIT 1")
    found = row.fetchone()
    return (int(found[0]), str(found[1])) if found else (0, "")


def checkpoint(conn: sqlite3.Connection, name: str) -> int:
    """Follower ``name``'s last applied position (0: none yet)."""
    row = conn.execute(f"SELECT position FROM {CHECKPOINTS} WHERE name = ?", (name,)).fetchone()
    return int(row[0]) if row else 0


def advance(conn: sqlite3.Connection, name: str, position: int) -> None:
    """Set follower ``name``'s checkpoint (inside the caller's write transaction)."""
    conn.execute(
        f"INSERT INTO {CHECKPOINTS} (name, position) VALUES (?, ?) "
        "ON CONFLICT (name) DO UPDATE SET position = excluded.position",
        (name, position),
    )


def forget_statement(name: str) -> str:
    """A migration's statement that zeroes follower ``name`` (it then starts again from 0)."""
    return f"DELETE FROM {CHECKPOINTS} WHERE name = '{name}'"


def adopt_statement(table: str, name: str | None = None) -> str:
    """A migration's statement that copies an older ``table``'s checkpoints into the
    followers' table: its (name, position) rows, or with ``name`` its position column under
    that name."""
    chosen = "name" if name is None else f"'{name}'"
    return (
        f"INSERT INTO {CHECKPOINTS} (name, position) SELECT {chosen}, position FROM {table} "
        "WHERE true ON CONFLICT (name) DO UPDATE SET position = excluded.position"
    )


def has_checkpoints(conn: sqlite3.Connection) -> bool:
    """Whether the checkpoint table exists (a read-only reader of an old file may lack it)."""
    sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return conn.execute(sql, (CHECKPOINTS,)).fetchone() is not None


def relationships(conn: sqlite3.Connection) -> list[str]:
    """Every relationship key that has at least one event, sorted."""
    rows = conn.execute("SELECT DISTINCT relationship FROM event_relationships")
    return sorted(r[0] for r in rows)


def readable(conn: sqlite3.Connection) -> None:
    """Read one row of the log: raises ``sqlite3.DatabaseError`` if this is no tracker log."""
    conn.execute("SELECT 1 FROM events LIMIT 1").fetchall()
