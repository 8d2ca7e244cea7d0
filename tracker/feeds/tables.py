"""The feed tables on either backend: one connection type, one spelling of their SQL.

On PostgreSQL the connection is the store's :class:`tracker.store.postgres_tables.PgSql`,
the one every table beside the log is read and written through.

The feeds' statements are written once, in the SQL both SQLite and PostgreSQL read:
``?`` placeholders (turned into psycopg's ``%s`` here), ``INSERT ... ON CONFLICT`` for
upserts (never ``INSERT OR REPLACE``), times as ISO text and flags as integers, so a row
reads back the same from either. Only the tables' definitions differ (see
:mod:`tracker.feeds.schema`), and what exists on PostgreSQL alone: the feeds' leases and the
daemons' registry, for several daemons sharing the feeds.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Literal, Protocol

from tracker.db import write_transaction

__all__ = [
    "FeedDb",
    "SqliteFeedDb",
    "copy_feed_tables",
    "feed_db",
    "open_feed_db",
    "portable",
]

Dialect = Literal["sqlite", "postgresql"]


class FeedDb(Protocol):
    """A connection to the feed tables: sqlite3's calls, on either backend."""

    dialect: Dialect

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any: ...

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    def transaction(self) -> AbstractContextManager[Any]: ...


class SqliteFeedDb:
    """The feed tables in the SQLite file, over the store's connection."""

    dialect: Dialect = "sqlite"

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def transaction(self) -> AbstractContextManager[Any]:
        return write_transaction(self.conn)


def portable(conn: sqlite3.Connection | FeedDb) -> FeedDb:
    """``conn`` as a :class:`FeedDb` (a SQLite connection is wrapped)."""
    return SqliteFeedDb(conn) if isinstance(conn, sqlite3.Connection) else conn


def feed_db(store: object) -> FeedDb:
    """The feed tables beside ``store``'s log: the SQLite file's, or the server's."""
    side = getattr(store, "feed_db", None)
    if callable(side):
        db: FeedDb = side()
        return db
    return SqliteFeedDb(store.conn)  # type: ignore[attr-defined]


@contextmanager
def open_feed_db(db: str) -> Iterator[FeedDb]:
    """The feed tables of ``--db`` (a file or a server), for the commands that need no more."""
    from tracker.store.postgres import is_url

    if is_url(db):
        from tracker.store.postgres_store import PostgresStore

        with PostgresStore.open(db) as server:
            yield server.feed_db()
        return
    from tracker.store import EventStore

    with EventStore.open(db) as store:
        yield SqliteFeedDb(store.conn)


# What ``tracker migrate`` carries over: each table, its key, its other columns. The
# heartbeat is not: a daemon on the server registers itself.
_COPIED = (
    ("feeds", ("name",), ("url", "interval_seconds", "enabled", "disabled_reason", "added_at")),
    (
        "feed_health",
        ("feed",),
        (
            "etag",
            "last_modified",
            "last_polled_at",
            "last_success_at",
            "last_status",
            "last_outcome",
            "last_error",
            "last_warning",
            "consecutive_failures",
            "next_run_at",
            "items_seen",
            "articles_ingested",
            "polls",
        ),
    ),
    ("feed_entries", ("feed", "entry_key"), ("article_id", "content_hash", "seen_at")),
    ("feed_moves", ("feed", "url"), ("moved_at",)),
)


def copy_feed_tables(source: sqlite3.Connection, target: FeedDb) -> dict[str, int]:
    """Copy the feed tables of a SQLite file into ``target``, row for row; rows already
    there are brought up to date (so the copy can run again). Rows copied, by table."""
    from tracker.feeds.schema import ensure_feed_tables

    ensure_feed_tables(target)
    present = {
        row[0] for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    copied: dict[str, int] = {}
    with target.transaction():
        for table, key, rest in _COPIED:
            if table not in present:
                continue
            columns = (*key, *rest)
            rows = source.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            target.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))}) "
                f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET "
                + ", ".join(f"{c} = excluded.{c}" for c in rest),
                rows,
            )
            copied[table] = len(rows)
    return copied
