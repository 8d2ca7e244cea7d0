"""The append-only, hash-chained, bitemporal event log in SQLite: the only writer of the log.

Valid time (``occurred_start``/``occurred_end``/``precision``) says when a thing happened in
the world; transaction time (``recorded_at``, UTC) says when the log learned it, and never
decreases even if the system clock steps back. ``position`` is the global, gapless order of
learning; ``(stream, version)`` gives optimistic concurrency per stream.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from events import DomainEvent, RecordedEvent
from tracker.db import connect, write_transaction
from tracker.errors import CheckpointMovedError, ConcurrencyError
from tracker.store import fold_rows, positions
from tracker.store.appender import Appender, Tail, read_tail, settle_conflict
from tracker.store.beside_checks import check_beside
from tracker.store.chain import walk_chain
from tracker.store.failures import database_error
from tracker.store.hashing import ROW_COLUMNS
from tracker.store.protocol import Checkpoint, FoldRow, RelationshipRow, VerifyResult
from tracker.store.reading import SELECT, decode_row, decode_rows, query
from tracker.store.rows import NewEvent, stamp, utc_now
from tracker.store.schema import migrate

__all__ = ["EventStore", "NewEvent", "SqliteFollowing", "VerifyResult", "utc_now"]

Clock = Callable[[], datetime]

_CHUNK = 500  # bound parameters per query, under SQLite's limit


@dataclass(slots=True)
class SqliteFollowing:
    """A follower's write transaction on SQLite (see :meth:`EventStore.following`).

    ``BEGIN IMMEDIATE`` holds the database's one write lock until commit, which holds the
    checkpoint row with everything else: no other process can apply the same events.
    """

    name: str
    position: int
    head: int
    conn: sqlite3.Connection

    def advance(self, position: int) -> None:
        positions.advance(self.conn, self.name, position)


class EventStore:
    """The log. Open it with :meth:`open`; close it with :meth:`close` (or ``with``)."""

    def __init__(self, conn: sqlite3.Connection, clock: Clock = utc_now) -> None:
        self.conn = conn
        self._clock = clock
        # The chain's tail after this store's last append, with SQLite's data_version then:
        # while no other connection has committed since, the next append starts from it
        # instead of reading the tail and each stream's version again.
        self._tail: tuple[int, Tail] | None = None

    @classmethod
    def open(
        cls, path: str | Path, *, clock: Clock = utc_now, synchronous: str = "NORMAL"
    ) -> EventStore:
        conn = connect(path, synchronous=synchronous)
        try:
            migrate(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            known = database_error(path, exc)
            if known is None:
                raise
            raise known from exc
        return cls(conn, clock)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------

    def append(
        self,
        items: Iterable[NewEvent | DomainEvent],
        *,
        checkpoint: Checkpoint | None = None,
        also: Sequence[tuple[str, Sequence[Any]]] = (),
    ) -> list[RecordedEvent]:
        """Append events in one transaction, all or nothing; return those newly recorded.

        See :meth:`tracker.store.protocol.LogStore.append` for the guarantees. ``also``
        (SQLite only) holds statements (SQL, parameters) for tables beside the log, run in
        the same transaction: ``tracker reextract`` records its reading with its codings.
        """
        # Events stay as given: the append loop reads a bare event as NewEvent(event)
        # (wrapping each cost ~5% of an append's Python time).
        batch = items if isinstance(items, list) else list(items)
        if not batch and not also and checkpoint is None:
            return []
        try:
            return self._append(batch, checkpoint, also, check_logged=False)
        except sqlite3.IntegrityError:
            # Rolled back: some event is in the log already (or another constraint failed,
            # which the checking run reports in words). Run again, looking each id up.
            return self._append(batch, checkpoint, also, check_logged=True)
        except (ConcurrencyError, CheckpointMovedError) as conflict:
            # Maybe a retry of this very batch, committed before its reply was lost.
            if checkpoint is not None and self.checkpoint(checkpoint.name) != checkpoint.position:
                raise
            if batch:
                settle_conflict(self.conn, batch, conflict)
            return []

    def _append(
        self,
        batch: list[NewEvent | DomainEvent],
        checkpoint: Checkpoint | None,
        also: Sequence[tuple[str, Sequence[Any]]],
        *,
        check_logged: bool,
    ) -> list[RecordedEvent]:
        cached, self._tail = self._tail, None  # a failed append leaves nothing cached
        with write_transaction(self.conn) as conn:
            if checkpoint is not None:
                current = positions.checkpoint(conn, checkpoint.name)
                if current != checkpoint.expected:
                    raise CheckpointMovedError(checkpoint.name, checkpoint.expected, current)
            # Changes only when another connection commits; read under the write lock.
            data_version = conn.execute("PRAGMA data_version").fetchone()[0]
            fresh = cached is not None and cached[0] == data_version
            tail = cached[1] if cached is not None and fresh else read_tail(conn)
            appender = Appender(conn, self._clock(), tail)
            recorded = appender.run(batch, check_logged=check_logged) if batch else []
            if checkpoint is not None:
                positions.advance(conn, checkpoint.name, checkpoint.position)
            for sql, params in also:
                conn.execute(sql, params)
        self._tail = (data_version, appender.tail())
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

    # -- reading -----------------------------------------------------------------------

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
        """Events in log order (position), filtered; every filter is optional.

        ``occurred_from``/``occurred_to`` keep events whose valid-time span overlaps the
        range; ``recorded_before`` keeps those the log knew at that moment (inclusive).
        """
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
        # Streamed row by row: each event can be freed before the next is decoded, which
        # keeps the working set in the CPU's caches (decoding a chunk ahead into a list
        # made a whole-log read ~20% slower). A caller that keeps every event of a large
        # read may pause the cyclic GC around its loop (tracker.gc_pause): the events form
        # no cycles, and the collector's passes over a growing heap are then wasted.
        yield from decode_rows(self.conn.execute(sql, params))

    def get(self, event_id: str) -> RecordedEvent | None:
        """The event with this id, or None."""
        row = self.conn.execute(SELECT + " WHERE e.event_id = ?", (str(event_id),)).fetchone()
        return decode_row(row) if row else None

    def event_ids_starting(self, prefix: str, limit: int) -> list[str]:
        """Up to ``limit`` event ids starting with ``prefix``, in position order."""
        # A range over the UNIQUE index ('~' sorts after every character of a UUID).
        rows = self.conn.execute(
            "SELECT event_id FROM events WHERE event_id >= ? AND event_id < ? "
            "ORDER BY position LIMIT ?",
            (prefix, prefix + "~", limit),
        )
        return [str(row[0]) for row in rows]

    def has_events_after(self, position: int, types: Sequence[str]) -> bool:
        """Whether an event of one of ``types`` lies after ``position``."""
        marks = ", ".join("?" * len(types))
        row = self.conn.execute(
            f"SELECT 1 FROM events WHERE type IN ({marks}) AND position > ? LIMIT 1",
            (*types, position),
        ).fetchone()
        return row is not None

    def article_payloads(
        self, streams: Sequence[str], known_at: datetime | None = None
    ) -> list[tuple[int, str]]:
        """(version, payload) of the ``ArticleIngested`` events in ``streams``."""
        found: list[tuple[int, str]] = []
        for start in range(0, len(streams), _CHUNK):
            chunk = list(streams[start : start + _CHUNK])
            sql = (
                "SELECT version, payload FROM events WHERE type = 'ArticleIngested' "
                f"AND stream IN ({','.join('?' * len(chunk))})"
            )
            params: list[str] = chunk
            if known_at is not None:
                sql += " AND recorded_at <= ?"
                params.append(stamp(known_at))
            found += self.conn.execute(sql, params).fetchall()
        return found

    # -- reading for the projection's fold -----------------------------------------------

    def relationship_rows(
        self,
        key: str,
        *,
        as_of: date | None = None,
        known_at: datetime | None = None,
        until_position: int | None = None,
        after_position: int = 0,
    ) -> list[FoldRow]:
        """Relationship ``key``'s rows (see :mod:`tracker.store.fold_rows`)."""
        return fold_rows.relationship_rows(
            self.conn,
            key,
            as_of=as_of,
            known_at=known_at,
            until_position=until_position,
            after_position=after_position,
        )

    def rows_by_relationship(
        self,
        *,
        after: int = 0,
        until: int,
        low: str | None = None,
        high: str | None = None,
    ) -> Iterator[RelationshipRow]:
        """Every relationship's rows in ``(after, until]``, by (key, position)."""
        return fold_rows.rows_by_relationship(
            self.conn, after=after, until=until, low=low, high=high
        )

    def rows_between(self, after: int, until: int) -> list[FoldRow]:
        """Every row in ``(after, until]``, by position."""
        return fold_rows.rows_between(self.conn, after, until)

    def row_of(self, event_id: str) -> FoldRow | None:
        """One event's row by id."""
        return fold_rows.row_of(self.conn, event_id)

    def relationship_counts(self, until: int) -> list[tuple[str, int]]:
        """Events per relationship up to ``until``, by key."""
        return fold_rows.relationship_counts(self.conn, until)

    # -- the log's shape -----------------------------------------------------------------

    def head(self) -> int:
        """The position of the last event (0 for an empty log)."""
        return positions.head(self.conn)

    def stream_version(self, stream: str) -> int:
        """The stream's last version (0: no event yet)."""
        row = self.conn.execute(
            "SELECT MAX(version) FROM events WHERE stream = ?", (stream,)
        ).fetchone()
        return int(row[0] or 0)

    def last_recorded_at(self) -> datetime | None:
        """The recorded_at of the last event (None for an empty log)."""
        row = self.conn.execute(
            "SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1"
        ).fetchone()
        return datetime.fromisoformat(row[0]) if row else None

    def relationships(self) -> list[str]:
        """Every relationship key that has at least one event, sorted."""
        return positions.relationships(self.conn)

    # -- followers -----------------------------------------------------------------------

    def checkpoint(self, name: str) -> int:
        """Follower ``name``'s last applied position (0: none yet)."""
        return positions.checkpoint(self.conn, name)

    @contextmanager
    def following(self, name: str) -> Iterator[SqliteFollowing]:
        """A write transaction for follower ``name`` (see :class:`SqliteFollowing`)."""
        with write_transaction(self.conn) as conn:
            yield SqliteFollowing(
                name, positions.checkpoint(conn, name), positions.head(conn), conn
            )

    # -- integrity ---------------------------------------------------------------------

    def verify(self, progress: Callable[[int], None] | None = None) -> VerifyResult:
        """Walk the hash chain from the start; report the first position where it breaks.

        Then check that each article re-read by ``tracker reextract`` had exactly the live
        codings its reading recorded (see :mod:`tracker.store.readings`), and that the dedup
        index holds what the log gives (see :mod:`tracker.store.fingerprints`).
        """
        cursor = self.conn.execute(f"SELECT {', '.join(ROW_COLUMNS)} FROM events ORDER BY position")
        walked = walk_chain(cursor, progress)
        if not walked.ok:
            return walked
        # The chain is whole; now the tables beside it.
        return check_beside(self.conn, walked.events)
