"""The database as the web page sees it: opened read-only, one connection per thread.

The server answers requests from a thread pool; a SQLite connection must not be used by two
threads at once, so each thread opens its own (``mode=ro``: the page can never write the log,
whatever a request asks). The materialized projection is read through
:class:`ReadOnlyProjection`, which never catches up (that would write): when the log has moved
on since the projection's checkpoint, the state queries fold from the log instead, which is
slower but exact.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import cast

from tracker.db import BUSY_TIMEOUT_MS, MMAP_BYTES
from tracker.errors import UsageError
from tracker.projection_store import ProjectionStore
from tracker.projections import RelationshipState
from tracker.store import EventStore, side
from tracker.store.positions import has_checkpoints, readable
from tracker.store.postgres import is_url

__all__ = ["ReadOnlyDatabase", "ReadOnlyProjection", "open_readonly"]


def open_readonly(path: str | Path) -> sqlite3.Connection:
    """Open an existing tracker database for reading only; a clear error if it is not one."""
    target = Path(path).resolve()
    if not target.is_file():
        raise UsageError(
            f"there is no database at {path}: run `tracker demo` or give --db an existing file"
        )
    try:
        conn = sqlite3.connect(
            f"{target.as_uri()}?mode=ro",
            uri=True,
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
        )
        conn.execute("PRAGMA query_only = ON")
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        readable(conn)
    except sqlite3.DatabaseError as exc:
        raise UsageError(f"{path} is not a tracker database this page can read ({exc})") from exc
    return conn


class ReadOnlyProjection(ProjectionStore):
    """The projection tables, read but never written (no migration, no catch-up)."""

    def __init__(self, store: EventStore) -> None:
        # Unlike the parent, no migration: creating tables is a write.
        self.store = store
        self.conn = conn = side.table_connection(store)  # a server's too
        if side.dialect(conn) != "sqlite":
            self._has_tables = side.schema_version(conn, "projection") > 0
            return
        # A file the tracker has not migrated since the followers' checkpoints moved into
        # processor_checkpoints: its states may be stale, so they are folded from the log.
        row = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'projection_states'"
        ).fetchone()
        self._has_tables = bool(row[0]) and has_checkpoints(conn)

    def checkpoint(self) -> int:
        return super().checkpoint() if self._has_tables else 0

    def catch_up(self) -> int:
        # Writing is not ours to do; queries fold from the log while the projection lags.
        return 0

    def load(self, key: str) -> RelationshipState | None:
        return super().load(key) if self._has_tables else None

    def stored_answer(self, key: str, day: date) -> RelationshipState | None:
        return super().stored_answer(key, day) if self._has_tables else None

    def _stored(self, actor: str | None) -> Iterator[tuple[str, str]]:
        """Stored states, plus an empty one for each relationship the projection lacks yet.

        An empty state sends the state query to the log (the projection is not current then),
        so a relationship first seen after the checkpoint is still listed.
        """
        stored = list(super()._stored(actor)) if self._has_tables else []
        if self.is_current():
            yield from stored
            return
        known = dict(stored)
        for key in self.store.relationships():
            if actor is None or actor in key.split("-"):
                known.setdefault(key, RelationshipState(relationship=key).model_dump_json())
        yield from sorted(known.items())


class ReadOnlyDatabase:
    """The database file, with a read-only connection per thread that asks for one."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._server: EventStore | None = None
        if is_url(path):  # a PostgreSQL log: one store, its pool shared by every thread
            from tracker.store.postgres_store import PostgresStore

            self._server = cast(EventStore, PostgresStore.open(str(path), pool_size=8))
            return
        open_readonly(self.path).close()  # fail now, at startup, not on the first request

    def conn(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = open_readonly(self.path)
            self._local.conn = conn
        return conn

    def store(self) -> EventStore:
        """The log over this thread's connection (read only: an append fails)."""
        if self._server is not None:
            return self._server
        store: EventStore | None = getattr(self._local, "store", None)
        if store is None:
            store = EventStore(self.conn())
            self._local.store = store
        return store

    def head(self) -> int:
        """The log's last position: what the answers cached for this database depend on."""
        return self.store().head()

    def projection(self) -> ReadOnlyProjection:
        """The projection over this thread's connection."""
        projection: ReadOnlyProjection | None = getattr(self._local, "projection", None)
        if projection is None:
            projection = ReadOnlyProjection(self.store())
            self._local.projection = projection
        return projection
