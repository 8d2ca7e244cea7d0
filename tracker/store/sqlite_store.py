"""The append-only, hash-chained, bitemporal event log in SQLite: the only writer of the log.

Valid time (``occurred_start``/``occurred_end``/``precision``) says when a thing happened in
the world; transaction time (``recorded_at``, UTC) says when the log learned it, and never
decreases even if the system clock steps back. ``position`` is the global, gapless order of
learning; ``(stream, version)`` gives optimistic concurrency per stream.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from events import DomainEvent, RecordedEvent
from tracker.db import connect, write_transaction
from tracker.store.appender import Appender, Tail, read_tail
from tracker.store.failures import database_error
from tracker.store.hashing import GENESIS, ROW_COLUMNS, row_hash
from tracker.store.reading import SELECT, decode_row, decode_rows, query
from tracker.store.readings import check_readings
from tracker.store.rows import NewEvent, utc_now
from tracker.store.schema import migrate

__all__ = ["EventStore", "NewEvent", "VerifyResult", "utc_now"]

Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """The outcome of walking the hash chain."""

    ok: bool
    events: int
    broken_at: int | None = None
    reason: str | None = None


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
        also: Sequence[tuple[str, Sequence[Any]]] = (),
    ) -> list[RecordedEvent]:
        """Append events in one transaction, all or nothing; return those newly recorded.

        An event whose ``event_id`` is already in the log with the same content is skipped
        (appending is idempotent); with different content it is a :class:`DuplicateEventError`.
        ``also`` holds statements (SQL, parameters) for tables beside the log, run in the
        same transaction: a processor advances its checkpoint atomically with its output.
        """
        # Events stay as given: the append loop reads a bare event as NewEvent(event)
        # (wrapping each cost ~5% of an append's Python time).
        batch = items if isinstance(items, list) else list(items)
        if not batch and not also:
            return []
        try:
            return self._append(batch, also, check_logged=False)
        except sqlite3.IntegrityError:
            # Rolled back: some event is in the log already (or another constraint failed,
            # which the checking run reports in words). Run again, looking each id up.
            return self._append(batch, also, check_logged=True)

    def _append(
        self,
        batch: list[NewEvent | DomainEvent],
        also: Sequence[tuple[str, Sequence[Any]]],
        *,
        check_logged: bool,
    ) -> list[RecordedEvent]:
        cached, self._tail = self._tail, None  # a failed append leaves nothing cached
        with write_transaction(self.conn) as conn:
            # Changes only when another connection commits; read under the write lock.
            data_version = conn.execute("PRAGMA data_version").fetchone()[0]
            fresh = cached is not None and cached[0] == data_version
            tail = cached[1] if cached is not None and fresh else read_tail(conn)
            appender = Appender(conn, self._clock(), tail)
            recorded = appender.run(batch, check_logged=check_logged) if batch else []
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
        row = self.conn.execute(SELECT + " WHERE e.event_id = ?", (str(event_id),)).fetchone()
        return decode_row(row) if row else None

    def head(self) -> int:
        """The position of the last event (0 for an empty log)."""
        row = self.conn.execute("SELECT MAX(position) FROM events").fetchone()
        return int(row[0] or 0)

    def stream_version(self, stream: str) -> int:
        row = self.conn.execute(
            "SELECT MAX(version) FROM events WHERE stream = ?", (stream,)
        ).fetchone()
        return int(row[0] or 0)

    def last_recorded_at(self) -> datetime | None:
        row = self.conn.execute(
            "SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1"
        ).fetchone()
        return datetime.fromisoformat(row[0]) if row else None

    def relationships(self) -> list[str]:
        """Every relationship key that has at least one event, sorted."""
        rows = self.conn.execute("SELECT DISTINCT relationship FROM event_relationships")
        return sorted(r[0] for r in rows)

    # -- integrity ---------------------------------------------------------------------

    def verify(self, progress: Callable[[int], None] | None = None) -> VerifyResult:
        """Walk the hash chain from the start; report the first position where it breaks.

        Then check that each article re-read by ``tracker reextract`` had exactly the live
        codings its reading recorded (see :mod:`tracker.store.readings`).
        """
        prev = GENESIS
        expected_position = 1
        count = 0
        cursor = self.conn.execute(f"SELECT {', '.join(ROW_COLUMNS)} FROM events ORDER BY position")
        for row in cursor:
            position = row[0]
            if position != expected_position:
                return VerifyResult(False, count, expected_position, "a position is missing")
            if row[12] != prev:
                return VerifyResult(False, count, position, "prev_hash does not match")
            if row_hash(row[:13]) != row[13]:
                return VerifyResult(
                    False, count, position, "the row's content does not match its hash"
                )
            prev = row[13]
            expected_position += 1
            count += 1
            if progress is not None and count % 10_000 == 0:
                progress(count)
        # The chain is whole; now the articles reextract re-read (see tracker.store.readings).
        mismatched = check_readings(self.conn)
        if mismatched:
            first = mismatched[0]
            return VerifyResult(
                False,
                count,
                first.position,
                f"{len(mismatched)} articles' live codings differ from their last reading "
                f"(first: {first.describe()}); run `tracker reextract --force`",
            )
        return VerifyResult(True, count)
