"""Connections to the PostgreSQL log: a pool with timeouts, and its errors in the user's words.

Every connection is opened with a connect timeout, a ``lock_timeout`` (an append that waits
longer than that for the log's head is refused, not left hanging) and an
``idle_in_transaction_session_timeout`` (a client that stalls inside a transaction gives
the head back instead of stopping every writer).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool, PoolTimeout

from tracker.errors import StoreError
from tracker.store.postgres import is_url as is_postgres_url

__all__ = [
    "Connection",
    "Qmark",
    "CONNECT_TIMEOUT_S",
    "IDLE_IN_TRANSACTION_MS",
    "LOCK_TIMEOUT_MS",
    "connect",
    "describe",
    "is_postgres_url",
    "open_pool",
    "pg",
    "store_error",
]

CONNECT_TIMEOUT_S = 10
LOCK_TIMEOUT_MS = 30_000
IDLE_IN_TRANSACTION_MS = 60_000

Connection = psycopg.Connection[tuple[object, ...]]


def describe(url: str) -> str:
    """The server and database of ``url``, without its password (for messages)."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    port = f":{parts.port}" if parts.port else ""
    return f"postgresql://{host}{port}{parts.path}"


def _options(url: str) -> dict[str, object]:
    """The connection's settings: ours first, so that the URL's own ``options`` (say
    ``?options=-c%20lock_timeout%3D5000``) and ``connect_timeout`` override them."""
    given = conninfo_to_dict(url)
    ours = (
        f"-c lock_timeout={LOCK_TIMEOUT_MS} "
        f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_MS}"
    )
    return {
        "connect_timeout": given.get("connect_timeout", CONNECT_TIMEOUT_S),
        "options": f"{ours} {given['options']}" if given.get("options") else ours,
        "application_name": given.get("application_name", "policy-tracker"),
    }


def connect(url: str, *, autocommit: bool = False) -> Connection:
    """One connection outside the pool (a listener, a migration)."""
    try:
        return psycopg.connect(url, autocommit=autocommit, **_options(url))  # type: ignore[arg-type]
    except psycopg.OperationalError as exc:
        raise store_error(url, exc) from exc


def open_pool(url: str, *, max_size: int = 4) -> ConnectionPool[Connection]:
    """A pool of up to ``max_size`` connections, the first opened (and checked) at once."""
    pool: ConnectionPool[Connection] = ConnectionPool(
        url,
        min_size=1,
        max_size=max_size,
        kwargs=_options(url),
        timeout=CONNECT_TIMEOUT_S,
        open=False,
        name="policy-tracker",
    )
    try:
        pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
    except PoolTimeout as exc:
        pool.close()
        # The pool retries in the background and keeps only the last error; one direct
        # attempt says what is wrong (no server, a wrong password, no such database).
        connect(url).close()
        raise StoreError(
            f"could not connect to {describe(url)} within {CONNECT_TIMEOUT_S} s"
        ) from exc
    return pool


def store_error(url: str, exc: psycopg.Error) -> StoreError:
    """``exc`` as the user reads it, naming the server (never the password)."""
    if isinstance(exc, psycopg.errors.LockNotAvailable):
        return StoreError(
            f"{describe(url)}: another writer held the log longer than lock_timeout allows "
            f"({LOCK_TIMEOUT_MS // 1000} s unless the URL's options say otherwise); try again "
            "shortly"
        )
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(
        exc, psycopg.errors.AdminShutdown | psycopg.errors.IdleInTransactionSessionTimeout
    ):
        return StoreError(
            f"{describe(url)} closed the connection during the operation (PostgreSQL: {first}); "
            "nothing of it was committed: try again"
        )
    if isinstance(exc, psycopg.OperationalError):
        return StoreError(
            f"could not connect to {describe(url)} (PostgreSQL: {first}): check the URL, "
            "that the server runs and that the database exists"
        )
    return StoreError(f"{describe(url)}: {first}")


@cache
def pg(sql: str) -> str:
    """A statement written with sqlite3's ``?`` placeholders in psycopg's ``%s`` style.

    The log's statements (the appender's, the filtered read) are shared by both backends and
    hold no other question mark or percent sign.
    """
    return sql.replace("?", "%s")


class Qmark:
    """A psycopg connection answering sqlite3-style calls (``?`` placeholders), for the
    statements both backends share: the appender's and the fold's reads."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(pg(sql), params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self._conn.cursor() as cursor:
                cursor.executemany(pg(sql), rows)
