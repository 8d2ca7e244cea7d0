"""The log in PostgreSQL: the same rows, chain and guarantees as SQLite, for many writers.

Every append takes the one row of ``log_head`` (``UPDATE ... RETURNING position, hash``) and
holds it to its commit, and gives each event the tail + 1: positions are gapless and commit
order is position order, so a follower reads ``position > checkpoint`` and never skips an
event committed late (a sequence would hand out positions out of commit order and leave
holes on rollback). No ``LOCK TABLE``, which would also stall VACUUM. The rows are built by
the same :class:`~tracker.store.appender.Appender` as SQLite's and hashed over the same
text, so a log hashes the same on both. The append notifies ``tracker_log`` at commit;
:meth:`PostgresStore.listen` wakes a follower on it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

import psycopg

from events import DomainEvent, RecordedEvent
from tracker.errors import CheckpointMovedError, ConcurrencyError, UsageError
from tracker.store.appender import settle_conflict
from tracker.store.beside_checks import check_beside
from tracker.store.postgres import NOT_ON_POSTGRESQL, reads
from tracker.store.postgres.appending import append_batch
from tracker.store.postgres.connection import (
    Connection,
    Qmark,
    connect,
    open_pool,
    pg,
    store_error,
)
from tracker.store.postgres.copy import CopyResult, copy_log
from tracker.store.postgres.schema import NOTIFY_CHANNEL, migrate
from tracker.store.postgres_tables import PgSql
from tracker.store.protocol import Checkpoint, FoldRow, RelationshipRow, VerifyResult
from tracker.store.reading import SELECT, decode_row, decode_rows, query
from tracker.store.rows import NewEvent, utc_now
from tracker.store.sqlite_store import EventStore

__all__ = ["Fence", "LogListener", "PgFollowing", "PostgresStore"]

Clock = Callable[[], datetime]
# Checks (and moves) what an append depends on beside the log, in its transaction.
Fence = Callable[[Connection], None]


@dataclass(slots=True)
class PgFollowing:
    """A follower's transaction on PostgreSQL: its checkpoint row is held ``FOR UPDATE``
    until commit, so another process asking for it waits, then reads the new position.
    ``conn`` answers sqlite3's calls (:class:`~tracker.store.postgres_tables.PgSql`), so a
    follower's tables are written with the same SQL on both backends."""

    name: str
    position: int
    head: int
    conn: PgSql

    def advance(self, position: int) -> None:
        self.conn.raw.execute(
            "UPDATE processor_checkpoints SET position = %s WHERE name = %s",
            (position, self.name),
        )


class LogListener:
    """A connection of its own that LISTENs for appends (see :meth:`PostgresStore.listen`)."""

    def __init__(self, url: str) -> None:
        self._conn = connect(url, autocommit=True)
        self._conn.execute(f"LISTEN {NOTIFY_CHANNEL}")

    def wait(self, timeout: float) -> int | None:
        """The head an append committed, or None when ``timeout`` seconds pass first.

        Notifications sent while this connection was down are lost: a follower reads after
        its checkpoint whenever it wakes, and also every few seconds without a wake-up.
        """
        for note in self._conn.notifies(timeout=timeout, stop_after=1):
            return int(note.payload)
        return None

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> LogListener:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class PostgresStore:
    """The log on a PostgreSQL server. Open it with :meth:`open`; close it with :meth:`close`."""

    def __init__(self, url: str, *, clock: Clock = utc_now, pool_size: int = 4) -> None:
        self.url = url
        self._clock = clock
        self._pool = open_pool(url, max_size=pool_size)
        self._feed_db: PgSql | None = None
        # The tables' connections, one per thread that reads them (the web page's
        # threads share one store), all closed with the store.
        self._tables = threading.local()
        self._opened: list[PgSql] = []
        self._opening = threading.Lock()

    @classmethod
    def open(cls, url: str, *, clock: Clock = utc_now, pool_size: int = 4) -> PostgresStore:
        store = cls(url, clock=clock, pool_size=pool_size)
        try:
            with store._connection() as conn:
                migrate(conn)
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        if self._feed_db is not None:
            self._feed_db.close()
        for tables in self._opened:
            tables.close()
        self._pool.close()

    def feed_db(self) -> PgSql:
        """The feed tables on this server, over a connection of their own (opened once)."""
        if self._feed_db is None:
            from tracker.feeds.schema import ensure_feed_tables

            self._feed_db = PgSql(connect(self.url, autocommit=True), self.url, own=True)
            ensure_feed_tables(self._feed_db)
        return self._feed_db

    @property
    def tables(self) -> PgSql:
        """The tables beside the log (materialized states, snapshots, the dedup index,
        watches), read and written with sqlite3's calls over an autocommit connection of
        their own, one per thread, opened on first use (see :mod:`tracker.store.side`)."""
        found: PgSql | None = getattr(self._tables, "conn", None)
        if found is None:
            found = PgSql(connect(self.url, autocommit=True), self.url, own=True)
            with self._opening:
                self._opened.append(found)
            self._tables.conn = found
        return found

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def conn(self) -> sqlite3.Connection:
        """No SQLite connection here: code reaching for one (the feeds, extraction and
        materialized-state tables, not yet on PostgreSQL) is told so in words."""
        raise UsageError(NOT_ON_POSTGRESQL)

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        """A pooled connection; the server's errors in the user's words."""
        try:
            with self._pool.connection() as conn:
                yield conn
        except psycopg.errors.UniqueViolation:
            raise  # an event in the log already: append looks the batch's ids up
        except psycopg.Error as exc:
            raise store_error(self.url, exc) from exc

    # -- writing -----------------------------------------------------------------------

    def append(
        self,
        items: Iterable[NewEvent | DomainEvent],
        *,
        checkpoint: Checkpoint | None = None,
        fence: Fence | None = None,
        also: Sequence[tuple[str, Sequence[Any]]] = (),
    ) -> list[RecordedEvent]:
        """Append events in one transaction, all or nothing; return those newly recorded.

        See :meth:`tracker.store.protocol.LogStore.append` for the guarantees. ``fence``
        runs first inside the transaction (a daemon's lease on its feed, which it checks and
        moves on): what it raises rolls the append back. ``also`` holds statements (SQL
        with ``?``, parameters) for tables beside the log, run after the rows in the same
        transaction, as on SQLite: ``tracker reextract`` records its reading.
        """
        batch = items if isinstance(items, list) else list(items)
        if not batch and not also and checkpoint is None:
            return []
        try:
            try:
                return self._append(batch, checkpoint, fence, also, check_logged=False)
            except psycopg.errors.UniqueViolation:
                # Rolled back: some event is in the log already. Again, looking ids up.
                return self._append(batch, checkpoint, fence, also, check_logged=True)
        except (ConcurrencyError, CheckpointMovedError) as conflict:
            # Maybe a retry of this very batch, committed before its reply was lost.
            if checkpoint is not None and self.checkpoint(checkpoint.name) != checkpoint.position:
                raise
            if batch:
                with self._connection() as conn:
                    settle_conflict(cast(sqlite3.Connection, Qmark(conn)), batch, conflict)
            return []
        except psycopg.Error as exc:
            raise store_error(self.url, exc) from exc

    def _append(
        self,
        batch: list[NewEvent | DomainEvent],
        checkpoint: Checkpoint | None,
        fence: Fence | None,
        also: Sequence[tuple[str, Sequence[Any]]],
        *,
        check_logged: bool,
    ) -> list[RecordedEvent]:
        now = self._clock()
        with self._connection() as conn, conn.transaction():
            if fence is not None:
                fence(conn)
            if checkpoint is not None:
                _hold_checkpoint(conn, checkpoint)
            recorded = append_batch(conn, now, batch, check_logged)
            for sql, params in also:
                conn.execute(pg(sql), params)
            return recorded

    def append_one(
        self,
        event: DomainEvent,
        *,
        stream: str | None = None,
        expected_version: int | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> RecordedEvent | None:
        """Append one event; ``None`` when it was already in the log."""
        recorded = self.append([NewEvent(event, stream, expected_version, metadata or {})])
        return recorded[0] if recorded else None

    # -- reading events ----------------------------------------------------------------

    def read(
        self,
        *,
        after: int = 0,
        until: int | None = None,
        stream: str | None = None,
        types: Sequence[str] | None = None,
        party: str | None = None,
        relationship: str | None = None,
        occurred_from: date | None = None,
        occurred_to: date | None = None,
        recorded_before: datetime | None = None,
        limit: int | None = None,
    ) -> Iterator[RecordedEvent]:
        """Events in log order (position), filtered; streamed through a server-side cursor."""
        sql, params = query(
            after,
            until,
            stream,
            types,
            party,
            relationship,
            occurred_from,
            occurred_to,
            recorded_before,
            limit,
        )
        with self._connection() as conn, conn.transaction():
            yield from decode_rows(reads.streamed(conn, pg(sql), params))

    def get(self, event_id: str) -> RecordedEvent | None:
        """The event with this id, or None."""
        with self._connection() as conn:
            row = conn.execute(pg(SELECT + " WHERE e.event_id = ?"), (str(event_id),)).fetchone()
        return decode_row(row) if row else None

    def event_ids_starting(self, prefix: str, limit: int) -> list[str]:
        """Up to ``limit`` event ids starting with ``prefix``, in position order."""
        with self._connection() as conn:
            return reads.event_ids_starting(conn, prefix, limit)

    def has_events_after(self, position: int, types: Sequence[str]) -> bool:
        """Whether an event of one of ``types`` lies after ``position``."""
        with self._connection() as conn:
            return reads.has_events_after(conn, position, types)

    def article_payloads(
        self, streams: Sequence[str], known_at: datetime | None = None
    ) -> list[tuple[int, str]]:
        """(version, payload) of the ``ArticleIngested`` events in ``streams``."""
        with self._connection() as conn:
            return reads.article_payloads(conn, streams, known_at)

    # -- reading for the projection's fold ---------------------------------------------

    def relationship_rows(
        self,
        key: str,
        *,
        as_of: date | None = None,
        known_at: datetime | None = None,
        until_position: int | None = None,
        after_position: int = 0,
    ) -> list[FoldRow]:
        """Relationship ``key``'s rows, through its index."""
        with self._connection() as conn:
            return reads.relationship_rows(
                conn, key, as_of, known_at, until_position, after_position
            )

    def rows_by_relationship(
        self,
        *,
        after: int = 0,
        until: int,
        low: str | None = None,
        high: str | None = None,
    ) -> Iterator[RelationshipRow]:
        """Every relationship's rows in ``(after, until]``, by (key, position); streamed."""
        with self._connection() as conn, conn.transaction():
            yield from reads.rows_by_relationship(conn, after, until, low, high)

    def rows_between(self, after: int, until: int) -> list[FoldRow]:
        """Every row in ``(after, until]``, by position."""
        with self._connection() as conn:
            return reads.rows_between(conn, after, until)

    def row_of(self, event_id: str) -> FoldRow | None:
        """One event's row by id."""
        with self._connection() as conn:
            return reads.row_of(conn, event_id)

    def relationship_counts(self, until: int) -> list[tuple[str, int]]:
        """Events per relationship up to ``until``, by key."""
        with self._connection() as conn:
            return reads.relationship_counts(conn, until)

    # -- the log's shape ---------------------------------------------------------------

    def head(self) -> int:
        """The position of the last event (0 for an empty log)."""
        with self._connection() as conn:
            return reads.head(conn)

    def stream_version(self, stream: str) -> int:
        """The stream's last version (0: no event yet)."""
        with self._connection() as conn:
            sql = "SELECT COALESCE(MAX(version), 0) FROM events WHERE stream = %s"
            row = conn.execute(sql, (stream,)).fetchone()
        return int(str(row[0])) if row else 0

    def last_recorded_at(self) -> datetime | None:
        """The recorded_at of the last event (None for an empty log)."""
        with self._connection() as conn:
            row = conn.execute("SELECT recorded_at FROM log_head").fetchone()
        return datetime.fromisoformat(str(row[0])) if row and row[0] else None

    def relationships(self) -> list[str]:
        """Every relationship key that has at least one event, sorted."""
        with self._connection() as conn:
            return reads.relationships(conn)

    def verify(self, progress: Callable[[int], None] | None = None) -> VerifyResult:
        """Walk the hash chain from the start; report the first position where it breaks,
        then check that the head row agrees with the last event, then the readings and the
        dedup index (:func:`~tracker.store.beside_checks.check_beside`)."""
        with self._connection() as conn, conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            walked = reads.verify(conn, progress)
        if not walked.ok:
            return walked
        # The chain is whole; now the tables beside it, as on SQLite.
        return check_beside(self.tables, walked.events)

    # -- followers ---------------------------------------------------------------------

    def checkpoint(self, name: str) -> int:
        """Follower ``name``'s last applied position (0: none yet)."""
        with self._connection() as conn:
            row = conn.execute(
                "SELECT position FROM processor_checkpoints WHERE name = %s", (name,)
            ).fetchone()
        return int(str(row[0])) if row else 0

    @contextmanager
    def following(self, name: str) -> Iterator[PgFollowing]:
        """A transaction for follower ``name`` holding its checkpoint row until commit."""
        with self._connection() as conn, conn.transaction():
            position = _lock_checkpoint(conn, name)
            yield PgFollowing(name, position, reads.head(conn), PgSql(conn, self.url))

    def copy_from(
        self,
        source: EventStore,
        *,
        followers: Sequence[str] = (),
        progress: Callable[[int, int], None] | None = None,
    ) -> CopyResult:
        """Copy ``source``'s log after this log's head, row for row, and the checkpoints of
        ``followers`` (see :mod:`tracker.store.postgres.copy`); run again, it continues."""
        with self._connection() as conn:
            return copy_log(source.conn, conn, followers=followers, progress=progress)

    def listen(self) -> LogListener:
        """A listener woken by every append's commit (close it when done)."""
        return LogListener(self.url)


def _lock_checkpoint(conn: Connection, name: str) -> int:
    """Follower ``name``'s checkpoint, its row created if new and held to commit."""
    conn.execute(
        "INSERT INTO processor_checkpoints (name, position) VALUES (%s, 0) "
        "ON CONFLICT (name) DO NOTHING",
        (name,),
    )
    row = conn.execute(
        "SELECT position FROM processor_checkpoints WHERE name = %s FOR UPDATE", (name,)
    ).fetchone()
    assert row is not None
    return int(str(row[0]))


def _hold_checkpoint(conn: Connection, checkpoint: Checkpoint) -> None:
    """Refuse the append unless ``checkpoint`` is still where its follower read from; then
    move it (the row is held to commit, so a second process waits and is refused)."""
    current = _lock_checkpoint(conn, checkpoint.name)
    if current != checkpoint.expected:
        raise CheckpointMovedError(checkpoint.name, checkpoint.expected, current)
    conn.execute(
        "UPDATE processor_checkpoints SET position = %s WHERE name = %s",
        (checkpoint.position, checkpoint.name),
    )
