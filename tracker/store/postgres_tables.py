"""A PostgreSQL connection that answers the calls a ``sqlite3.Connection`` answers, for the
tables beside the log (see :mod:`tracker.store.side`).

The materialized states, their snapshots, the dedup index, the readings and the watches
write their SQL once, with ``?`` placeholders and the SQL both databases take; on a server
it runs through :class:`PgSql`, which turns ``?`` into ``%s``, says the server's errors in
the user's words, and answers what differs by its methods (its migrations, a write
transaction, a read of one snapshot). Imported only for a PostgreSQL URL.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Literal

import psycopg

from tracker.store.postgres.connection import Connection, connect, pg, store_error
from tracker.store.postgres.schema import migrate

__all__ = ["PgSql"]


class PgSql:
    """``conn`` with sqlite3's calls (``execute``, ``executemany`` with ``?``), and the
    dialect's own: migrations, transactions, snapshots.

    Over a connection of its own (``own``: autocommit, each statement commits alone
    unless inside :meth:`transaction`) it opens the connection again when the server
    closed it (a restart, a terminated backend: the statement that found it so failed), so
    a daemon or the web page outlives its server's restarts. Over a follower's transaction
    everything commits with that transaction.
    """

    dialect: Literal["sqlite", "postgresql"] = "postgresql"

    def __init__(self, conn: Connection, url: str, *, own: bool = False) -> None:
        self._conn = conn
        self.url = url
        self._own = own
        self.migrated = False  # the feed tables', once per connection (feeds.schema)

    @property
    def raw(self) -> Connection:
        """The psycopg connection (opened again first if it is ours and was closed)."""
        if self._own and self._conn.closed:
            self._conn = connect(self.url, autocommit=True)
        return self._conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self._errors():
            return self.raw.execute(pg(sql), params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self._errors(), self.raw.cursor() as cursor:
                cursor.executemany(pg(sql), rows)

    def migrate(self, component: str, migrations: list[list[str]]) -> int:
        """Bring ``component``'s tables to the newest of ``migrations``."""
        with self._errors():
            return migrate(self.raw, component=component, migrations=migrations)

    def schema_version(self, component: str) -> int:
        row = self.execute(
            "SELECT version FROM schema_versions WHERE component = ?", (component,)
        ).fetchone()
        return int(str(row[0])) if row else 0

    @contextmanager
    def transaction(self) -> Iterator[PgSql]:
        """A transaction (a savepoint inside one already open), committed at the end."""
        with self._errors(), self.raw.transaction():
            yield self

    @contextmanager
    def snapshot(self) -> Iterator[PgSql]:
        """Reads that see one committed state of the database (REPEATABLE READ)."""
        conn = self.raw
        if conn.info.transaction_status != 0:  # inside a transaction already: its own
            yield self
            return
        with self._errors(), conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            yield self

    @contextmanager
    def advisory(self, name: str, *, wait: bool) -> Iterator[bool]:
        """A session advisory lock named ``name`` held for the block (see
        :func:`tracker.store.side.exclusive`); False when not waiting and another holds it."""
        key = zlib.crc32(name.encode())
        conn = self.raw
        with self._errors():
            if wait:
                conn.execute("SELECT pg_advisory_lock(%s)", (key,))
                held = True
            else:
                row = conn.execute("SELECT pg_try_advisory_lock(%s)", (key,)).fetchone()
                held = bool(row and row[0])
        try:
            yield held
        finally:
            if held and not conn.closed:  # a dropped connection let it go already
                with self._errors():
                    conn.execute("SELECT pg_advisory_unlock(%s)", (key,))

    def close(self) -> None:
        self._conn.close()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except psycopg.Error as exc:
            raise store_error(self.url, exc) from exc
