"""The store backends the contract test runs against, each behind one small interface.

``tests/integration/test_store_contract.py`` runs every test once per name in
:data:`BACKENDS` (through the ``log_backend`` fixture in ``tests/conftest.py``). A backend adds
itself with a function of the test's ``pytest.FixtureRequest`` returning a
:class:`StoreBackend`: it may ask for its own fixtures there (a server, a database) with
``request.getfixturevalue``, and skip when it has none.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Protocol

import pytest

from tracker.store import EventStore, LogStore

Clock = Callable[[], datetime]


class StoreBackend(Protocol):
    """One database the contract opens stores on, and the raw access its tests need."""

    # The driver's base error class: what a statement the database refuses raises.
    error: type[Exception]

    def open(self, clock: Clock | None = None) -> LogStore:
        """A new store (its own connection) on this backend's one database."""
        ...

    def execute(self, sql: str) -> None:
        """Run one statement on a connection of its own, outside the store, and commit."""
        ...

    def tamper(self, position: int, payload: str) -> None:
        """Rewrite a row's payload past the append-only guard, as someone with the database's
        owner rights could: what ``verify`` must catch."""
        ...


class SqliteBackend:
    """A SQLite file in the test's temporary folder."""

    error = sqlite3.DatabaseError

    def __init__(self, path: Path) -> None:
        self.path = path

    def open(self, clock: Clock | None = None) -> LogStore:
        if clock is None:
            return EventStore.open(self.path)
        return EventStore.open(self.path, clock=clock)

    def execute(self, sql: str) -> None:
        with sqlite3.connect(self.path) as conn:
            conn.execute(sql)

    def tamper(self, position: int, payload: str) -> None:
        conn = sqlite3.connect(self.path, isolation_level=None)
        try:
            conn.execute("BEGIN")
            conn.execute("DROP TRIGGER events_no_update")
            conn.execute("UPDATE events SET payload = ? WHERE position = ?", (payload, position))
            conn.execute("COMMIT")
        finally:
            conn.close()


def _sqlite(request: pytest.FixtureRequest) -> StoreBackend:
    tmp_path: Path = request.getfixturevalue("tmp_path")
    return SqliteBackend(tmp_path / "contract.db")


class PostgresBackend:
    """A new database on the test server (tests/pg_server.py)."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.url = url
        self.error = psycopg.Error

    def open(self, clock: Clock | None = None) -> LogStore:
        from tracker.store.postgres_store import PostgresStore

        if clock is None:
            return PostgresStore.open(self.url, pool_size=2)
        return PostgresStore.open(self.url, clock=clock, pool_size=2)

    def execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url) as conn:
            conn.execute(sql)

    def tamper(self, position: int, payload: str) -> None:
        import psycopg

        with psycopg.connect(self.url) as conn:
            conn.execute("ALTER TABLE events DISABLE TRIGGER events_no_update")
            conn.execute("UPDATE events SET payload = %s WHERE position = %s", (payload, position))


def _postgresql(request: pytest.FixtureRequest) -> StoreBackend:
    return PostgresBackend(request.getfixturevalue("pg_database"))


# name -> how to make it. A new backend appends its entry here (see the module docstring).
BACKENDS: dict[str, Callable[[pytest.FixtureRequest], StoreBackend]] = {
    "sqlite": _sqlite,
    "postgresql": _postgresql,
}
