"""Which articles extraction has read: a checkpoint beside the log, advanced atomically.

Extraction is a processor of the log: it reads ``ArticleIngested`` events after its
checkpoint and appends what it finds *and* the new checkpoint in one transaction. So a crash
between an article's append and its extraction leaves the article pending, and the next
append (the next poll) reads it; nothing is read twice or skipped. This module is light
(no spaCy) so that the pending check costs one indexed query on every append.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from tracker.store.schema import migrate

if TYPE_CHECKING:
    from tracker.store import EventStore

__all__ = ["advance_statement", "ensure_table", "pending", "position"]

_MIGRATIONS = [
    [
        """CREATE TABLE extraction_checkpoint (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            position INTEGER NOT NULL
        )""",
        # Logs that were extracted before the checkpoint existed start from 0: re-reading an
        # article is harmless, because extracted event ids are deterministic.
        "INSERT INTO extraction_checkpoint (id, position) VALUES (1, 0)",
    ]
]


def ensure_table(conn: sqlite3.Connection) -> None:
    migrate(conn, component="extraction", migrations=_MIGRATIONS)


def position(conn: sqlite3.Connection) -> int:
    """The last log position extraction has read."""
    return int(conn.execute("SELECT position FROM extraction_checkpoint").fetchone()[0])


def pending(store: EventStore) -> bool:
    """True when an article after the checkpoint waits to be read."""
    return store.has_events_after(position(store.conn), ["ArticleIngested"])


def advance_statement(to: int) -> tuple[str, tuple[int]]:
    """The statement that moves the checkpoint forward (never back) to ``to``."""
    return ("UPDATE extraction_checkpoint SET position = MAX(position, ?)", (to,))
