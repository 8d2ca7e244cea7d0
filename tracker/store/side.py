"""The tables beside the log (materialized states, snapshots, the dedup index, watches) on
either backend, through one kind of connection.

Code that keeps such tables writes its SQL once, with sqlite3's ``?`` placeholders and the
SQL both SQLite and PostgreSQL take (``INSERT ... ON CONFLICT``, ``substr``, ``min``), and
runs it on a *table connection*: a ``sqlite3.Connection`` for a file, a
:class:`tracker.store.postgres_tables.PgSql` for a server (the same calls, ``?`` turned into
``%s``). What differs between the two is asked of the connection here, by its ``dialect``:
the DDL (each component gives both lists of migrations), a write transaction, a read that
sees one state of the database, the tables a name starts with, a JSON field of a text
column. The log's own SQL stays in the stores.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tracker.db import read_snapshot, write_transaction
from tracker.store import schema

__all__ = [
    "SqlConnection",
    "dialect",
    "exclusive",
    "json_array",
    "json_text",
    "migrate",
    "open_store",
    "read_snapshot_of",
    "schema_version",
    "table_connection",
    "tables_like",
    "write_transaction_of",
]

# A sqlite3.Connection, or a PgSql answering the same calls.
SqlConnection = Any

Migrations = list[list[str]]


def dialect(conn: SqlConnection) -> str:
    """``sqlite`` or ``postgresql``."""
    return "sqlite" if isinstance(conn, sqlite3.Connection) else str(conn.dialect)


def open_store(db: str) -> Any:
    """The log at ``db``: a SQLite file's :class:`~tracker.store.EventStore`, or a
    PostgreSQL URL's store (psycopg is loaded only then)."""
    from tracker.store.postgres import is_url

    if is_url(db):
        from tracker.store.postgres_store import PostgresStore

        return PostgresStore.open(db)
    from tracker.store.sqlite_store import EventStore

    return EventStore.open(db)


def table_connection(store: Any) -> SqlConnection:
    """The connection on which ``store``'s side tables are read: the SQLite file's own, or
    a PostgreSQL store's connection for them (:attr:`PostgresStore.tables`)."""
    tables = getattr(type(store), "tables", None)
    return store.tables if tables is not None else store.conn


def migrate(conn: SqlConnection, component: str, sqlite: Migrations, postgresql: Migrations) -> int:
    """Bring ``component``'s tables to the newest of the dialect's migrations."""
    if dialect(conn) == "sqlite":
        return schema.migrate(conn, component=component, migrations=sqlite)
    return int(conn.migrate(component, postgresql))


def schema_version(conn: SqlConnection, component: str) -> int:
    """``component``'s schema version (0: none yet, or no version table at all)."""
    if dialect(conn) == "sqlite":
        known = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'schema_versions'"
        ).fetchone()
        return schema.schema_version(conn, component) if known else 0
    return int(conn.schema_version(component))


@contextmanager
def write_transaction_of(conn: SqlConnection) -> Iterator[SqlConnection]:
    """One write transaction (SQLite: ``BEGIN IMMEDIATE``, retried while busy)."""
    if dialect(conn) == "sqlite":
        with write_transaction(conn) as inside:
            yield inside
        return
    with conn.transaction():
        yield conn


@contextmanager
def read_snapshot_of(conn: SqlConnection) -> Iterator[SqlConnection]:
    """Reads that all see one state of the database while others write."""
    if dialect(conn) == "sqlite":
        with read_snapshot(conn) as inside:
            yield inside
        return
    with conn.snapshot():
        yield conn


@contextmanager
def exclusive(conn: SqlConnection, name: str, *, wait: bool = True) -> Iterator[bool]:
    """Whether this process alone holds ``name`` for the block: on a server, a session lock
    that other processes on any machine ask for too (with ``wait``, this one waits its
    turn; without, it yields False when another holds it), let go at the end or when the
    connection drops. In a SQLite file, True: one machine, whose writers its locks order
    (what else one process must know of another it finds in the file itself)."""
    if dialect(conn) == "sqlite":
        yield True
        return
    with conn.advisory(name, wait=wait) as held:
        yield held


def tables_like(conn: SqlConnection, prefix: str) -> list[str]:
    """The tables whose name starts with ``prefix`` (``_`` in it taken literally)."""
    pattern = prefix.replace("_", "\\_") + "%"
    if dialect(conn) == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ? ESCAPE '\\'"
    else:
        sql = (
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
            "AND tablename LIKE ? ESCAPE '\\'"
        )
    return [str(row[0]) for row in conn.execute(sql, (pattern,)).fetchall()]


def json_text(conn: SqlConnection, column: str, *path: str | int) -> str:
    """An SQL expression: the text at ``path`` (field names, array indexes) in ``column``'s
    JSON (NULL if absent)."""
    if dialect(conn) == "sqlite":
        return f"json_extract({column}, '{_sqlite_path(path)}')"
    steps = [f"'{p}'" if isinstance(p, str) else str(p) for p in path]
    return (
        f"({column}::json -> {' -> '.join(steps[:-1])} ->> {steps[-1]})"
        if len(steps) > 1
        else f"({column}::json ->> {steps[0]})"
    )


def json_array(conn: SqlConnection, column: str, *path: str | int) -> str:
    """An SQL condition: ``column``'s JSON holds an array at ``path``."""
    if dialect(conn) == "sqlite":
        return f"json_type({column}, '{_sqlite_path(path)}') = 'array'"
    steps = " -> ".join(f"'{p}'" if isinstance(p, str) else str(p) for p in path)
    return f"json_typeof({column}::json -> {steps}) = 'array'"


def _sqlite_path(path: tuple[str | int, ...]) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
