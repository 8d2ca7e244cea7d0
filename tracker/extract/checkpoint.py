"""Which articles extraction has read: its checkpoint among the log's followers.

Extraction is a follower of the log: it reads ``ArticleIngested`` events after its
checkpoint (``processor_checkpoints``, name ``extraction``) and appends what it finds *and*
the new checkpoint in one transaction (:class:`tracker.store.Checkpoint`), only if the
checkpoint has not moved meanwhile. So a crash between an article's append and its
extraction leaves the article pending, and the next run of the followers reads it; nothing
is read twice or skipped. This module is light (no spaCy) so that the pending check costs
one indexed query.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from tracker.store import positions
from tracker.store.schema import migrate

if TYPE_CHECKING:
    from tracker.store import LogStore

__all__ = ["EXTRACTION", "ensure_table", "pending", "position"]

EXTRACTION = "extraction"

_MIGRATIONS = [
    [
        """CREATE TABLE extraction_checkpoint (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            position INTEGER NOT NULL
        )""",
        # Logs that were extracted before the checkpoint existed start from 0: re-reading an
        # article is harmless, because extracted event ids are deterministic.
        "INSERT INTO extraction_checkpoint (id, position) VALUES (1, 0)",
    ],
    # 2: the checkpoint joins the other followers' in processor_checkpoints (log schema 3).
    [
        positions.adopt_statement("extraction_checkpoint", EXTRACTION),
        "DROP TABLE extraction_checkpoint",
    ],
]


def ensure_table(conn: sqlite3.Connection) -> None:
    """Bring an older database's extraction checkpoint into ``processor_checkpoints``."""
    migrate(conn, component="extraction", migrations=_MIGRATIONS)


def position(store: LogStore) -> int:
    """The last log position extraction has read."""
    return store.checkpoint(EXTRACTION)


def pending(store: LogStore) -> bool:
    """True when an article after the checkpoint waits to be read."""
    return store.has_events_after(position(store), ["ArticleIngested"])
