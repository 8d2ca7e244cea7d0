"""A PostgreSQL connection that answers the calls a ``sqlite3.Connection`` answers, for the
tables beside the log (see :mod:`tracker.store.side`).

The materialized states, their snapshots, the dedup index and the watches write their SQL
once, with ``?`` placeholders and the SQL both databases take; on a server it runs through
:class:`PgSql`, which turns ``?`` into ``%s`` and says what differs by its methods (its
migrations, a write transaction, a read of one snapshot). Imported only for a PostgreSQL
URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from tracker.store.postgres.connection import Connection, Qmark
from tracker.store.postgres.schema import migrate

__all__ = ["PgSql"]


class PgSql(Qmark):
    """``conn`` with sqlite3's calls (``execute``, ``executemany`` with ``?``), and the
    dialect's own: migrations, transactions, snapshots. Over an autocommit connection
    each statement commits alone unless inside :meth:`transaction`; over a connection in a
    follower's transaction, everything commits with that transaction."""

    dialect = "postgresql"

    def __init__(self, conn: Connection) -> None:
        super().__init__(conn)
        self.raw = conn

    def migrate(self, component: str, migrations: list[list[str]]) -> int:
        """Bring ``component``'s tables to the newest of ``migrations``."""
        return migrate(self.raw, component=component, migrations=migrations)

    def schema_version(self, component: str) -> int:
        row = self.raw.execute(
            "SELECT version FROM schema_versions WHERE component = %s", (component,)
        ).fetchone()
        return int(str(row[0])) if row else 0

    @contextmanager
    def transaction(self) -> Iterator[PgSql]:
        """A transaction (a savepoint inside one already open), committed at the end."""
        with self.raw.transaction():
            yield self

    @contextmanager
    def snapshot(self) -> Iterator[PgSql]:
        """Reads that see one committed state of the database (REPEATABLE READ)."""
        if self.raw.info.transaction_status != 0:  # inside a transaction already: its own
            yield self
            return
        with self.raw.transaction():
            self.raw.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            yield self
