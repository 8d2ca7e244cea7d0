"""Opening the SQLite file: pragmas, busy handling, and write transactions that retry.

Transactions are explicit (``isolation_level=None`` plus ``BEGIN IMMEDIATE``) so that a
writer takes the write lock before it reads what it will build on. Note for sqlite-utils
users: its write helpers wrap themselves in ``with conn:``, which commits; call them only
outside :func:`write_transaction`, and use plain SQL inside.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tracker.errors import SchemaError, StoreError, UsageError

__all__ = ["BUSY_TIMEOUT_MS", "MMAP_BYTES", "connect", "read_snapshot", "write_transaction"]

BUSY_TIMEOUT_MS = 30_000
# Reads go through a memory map of the file, not a read() and a copy per page: a state
# query reads a relationship's rows from all over the log, and a rebuild reads them all
# (twice the rate in the bench). An upper bound: SQLite maps at most the file's size, and
# the mapped pages are the OS's file cache, not memory of the process's own.
MMAP_BYTES = 1 << 34
# BEGIN IMMEDIATE can still fail at once with SQLITE_BUSY (e.g. a writer mid-checkpoint);
# retrying with jittered backoff covers what busy_timeout alone does not.
_RETRIES = 60


def connect(path: str | Path, *, synchronous: str = "NORMAL") -> sqlite3.Connection:
    """Open (creating if needed) the database with the tracker's pragmas."""
    from tracker.store.postgres import NOT_ON_POSTGRESQL, is_url

    if is_url(path):
        raise UsageError(NOT_ON_POSTGRESQL)
    target = Path(path)
    if target.exists() and target.is_dir():
        raise StoreError(f"{target} is a directory; give --db a file path such as tracker.db")
    if str(path) != ":memory:" and not target.parent.exists():
        raise StoreError(f"the folder {target.parent} does not exist; create it or choose --db")
    try:
        conn = sqlite3.connect(
            str(path),
            isolation_level=None,
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(f"PRAGMA synchronous = {synchronous}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        # Debian and others build SQLite with secure_delete on, which zeroes every freed
        # page: replacing a projection table then writes its whole size again (a second
        # of a rebuild per 100 MB). The log is never deleted from, and the projection is
        # derived from it, so there is nothing to scrub; FAST still zeroes what costs no I/O.
        conn.execute("PRAGMA secure_delete = FAST")
    except sqlite3.DatabaseError as exc:
        from tracker.store.failures import database_error

        # Read-only, damaged or busy: say which; anything else is no tracker database.
        known = database_error(path, exc)
        if known is not None:
            raise known from exc
        raise SchemaError(f"{path} is not a SQLite database the tracker can open ({exc})") from exc
    return conn


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, retrying the begin while another writer holds it."""
    for attempt in range(_RETRIES):
        try:
            conn.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or attempt == _RETRIES - 1:
                raise StoreError(f"could not take the database's write lock: {exc}") from exc
            time.sleep(min(0.5, 0.005 * 2 ** min(attempt, 7)) * (0.5 + random.random()))
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    _commit(conn)


@contextmanager
def read_snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Reads that all see one state of the database, while other processes write.

    Each statement outside a transaction reads the database as it is at that moment: a
    stored state checked by one query and loaded by the next could come from two different
    catch-ups. One read transaction (WAL: a snapshot; it blocks no writer) holds them
    together. Inside a transaction already, that one holds them.
    """
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        conn.execute("COMMIT")  # ends the read: nothing was written


def _commit(conn: sqlite3.Connection) -> None:
    for attempt in range(_RETRIES):
        try:
            conn.execute("COMMIT")
            return
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or attempt == _RETRIES - 1:
                conn.execute("ROLLBACK")
                raise StoreError(f"could not commit: {exc}") from exc
            time.sleep(0.01 * (0.5 + random.random()))
