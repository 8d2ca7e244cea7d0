"""The append-only, hash-chained, bitemporal event log in SQLite: the only writer of the log.

Valid time (``occurred_start``/``occurred_end``/``precision``) says when a thing happened in
the world; transaction time (``recorded_at``, UTC) says when the log learned it, and never
decreases even if the system clock steps back. ``position`` is the global, gapless order of
learning; ``(stream, version)`` gives optimistic concurrency per stream.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from events import DomainEvent, EventAnnotation, RecordedEvent
from events.registry import json_decoder
from tracker.db import connect, write_transaction
from tracker.errors import ConcurrencyError, DuplicateEventError, UnknownEventError
from tracker.store.hashing import GENESIS, HASHED_COLUMNS, row_hash
from tracker.store.schema import migrate

__all__ = ["EventStore", "NewEvent", "VerifyResult", "utc_now"]

Clock = Callable[[], datetime]

_COLUMNS = (*HASHED_COLUMNS, "hash")
_INSERT = f"INSERT INTO events ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"
_SELECT = "SELECT e.position, e.stream, e.version, e.type, e.schema_version, e.recorded_at, "
_SELECT += "e.payload, e.metadata FROM events e"


def utc_now() -> datetime:
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    # Fixed width, so text order is time order.
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


class NewEvent(NamedTuple):
    """An event to append, with its stream (default: the event's own) and provenance."""

    event: DomainEvent
    stream: str | None = None
    expected_version: int | None = None
    metadata: dict[str, Any] = {}  # noqa: RUF012 - read, never mutated


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

    @classmethod
    def open(
        cls, path: str | Path, *, clock: Clock = utc_now, synchronous: str = "NORMAL"
    ) -> EventStore:
        conn = connect(path, synchronous=synchronous)
        migrate(conn)
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
        batch = [item if isinstance(item, NewEvent) else NewEvent(item) for item in items]
        if not batch and not also:
            return []
        with write_transaction(self.conn) as conn:
            recorded = _Appender(conn, self._clock()).run(batch) if batch else []
            for sql, params in also:
                conn.execute(sql, params)
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
        sql, params = _query(
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
        yield from _decode_rows(self.conn.execute(sql, params))

    def get(self, event_id: str) -> RecordedEvent | None:
        row = self.conn.execute(_SELECT + " WHERE e.event_id = ?", (str(event_id),)).fetchone()
        return _decode_row(row) if row else None

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
        """Walk the hash chain from the start; report the first position where it breaks."""
        prev = GENESIS
        expected_position = 1
        count = 0
        cursor = self.conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM events ORDER BY position")
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
        return VerifyResult(True, count)


class _Appender:
    """One append transaction: reads the chain's tail once, then builds rows in order."""

    def __init__(self, conn: sqlite3.Connection, now: datetime) -> None:
        self.conn = conn
        tail = conn.execute(
            "SELECT position, hash, recorded_at FROM events ORDER BY position DESC LIMIT 1"
        ).fetchone()
        self.position: int = tail[0] if tail else 0
        self.prev_hash: str = tail[1] if tail else GENESIS
        last: str | None = tail[2] if tail else None
        # Transaction time never goes backwards, even when the wall clock does.
        stamp = _stamp(now)
        self.recorded_at = max(stamp, last) if last else stamp
        self.moment = datetime.fromisoformat(self.recorded_at)
        self.versions: dict[str, int] = {}
        self.parties: dict[str, tuple[str, ...]] = {}
        self.logged: dict[str, str] = {}

    def run(self, batch: list[NewEvent]) -> list[RecordedEvent]:
        # The hot loop of every append: local names on purpose (it runs per event).
        ids = [str(item.event.event_id) for item in batch]
        logged = self._logged_payloads(ids)
        rows: list[tuple[Any, ...]] = []
        party_rows: list[tuple[str, int]] = []
        relationship_rows: list[tuple[str, int]] = []
        recorded: list[RecordedEvent] = []
        position, prev_hash, recorded_at = self.position, self.prev_hash, self.recorded_at
        moment, seen, build = self.moment, self.parties, tuple.__new__
        for item, event_id in zip(batch, ids, strict=True):
            event = item.event
            payload = event.model_dump_json()
            if event_id in seen:
                raise DuplicateEventError(f"event {event_id} appears twice in one batch")
            stored = logged.get(event_id)
            if stored is not None:
                if stored != payload:
                    raise DuplicateEventError(
                        f"event {event_id} is already in the log with different content; "
                        "corrections are new events (retract it and record the corrected one)"
                    )
                continue  # appending is idempotent
            parties = self._parties_of(event)
            stream = item.stream or event.default_stream()
            version = self._next_version(stream, item.expected_version)
            position += 1
            span = event.valid_time()
            start, end, precision = span.columns if span else (None, None, None)
            metadata = (
                json.dumps(item.metadata, sort_keys=True, separators=(",", ":"))
                if item.metadata
                else "{}"
            )
            values = (
                position,
                event_id,
                stream,
                version,
                event.event_type,
                event.schema_version,
                start,
                end,
                precision,
                recorded_at,
                payload,
                metadata,
                prev_hash,
            )
            prev_hash = row_hash(values)
            rows.append((*values, prev_hash))
            seen[event_id] = parties
            for party in parties:
                party_rows.append((party, position))
            if len(parties) == 2:
                relationship_rows.append((f"{parties[0]}-{parties[1]}", position))
            recorded.append(
                build(RecordedEvent, (position, stream, version, moment, event, item.metadata))
            )
        self.position, self.prev_hash = position, prev_hash
        self.conn.executemany(_INSERT, rows)
        self.conn.executemany("INSERT INTO event_parties VALUES (?, ?)", party_rows)
        self.conn.executemany("INSERT INTO event_relationships VALUES (?, ?)", relationship_rows)
        return recorded

    def _logged_payloads(self, event_ids: list[str]) -> dict[str, str]:
        """The stored payloads of those ids already in the log (one query per 500 ids)."""
        found: dict[str, str] = {}
        for start in range(0, len(event_ids), 500):
            chunk = event_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT event_id, payload FROM events WHERE event_id IN ({marks})"
            found.update(self.conn.execute(sql, chunk).fetchall())
        return found

    def _next_version(self, stream: str, expected: int | None) -> int:
        current = self.versions.get(stream)
        if current is None:
            row = self.conn.execute(
                "SELECT MAX(version) FROM events WHERE stream = ?", (stream,)
            ).fetchone()
            current = int(row[0] or 0)
        if expected is not None and expected != current:
            raise ConcurrencyError(stream, expected, current)
        self.versions[stream] = current + 1
        return current + 1

    def _parties_of(self, event: DomainEvent) -> tuple[str, ...]:
        if not isinstance(event, EventAnnotation):
            one = event.parties()
            if len(one) == 2 and one[0] != one[1]:
                return one if one[0] < one[1] else (one[1], one[0])
            return tuple(sorted(set(one)))
        # An annotation is filed under the parties of the event it is about, so reading a
        # relationship also yields the retractions and corroborations of its events.
        subject = str(event.subject)
        if subject in self.parties:
            return self.parties[subject]
        row = self.conn.execute(
            "SELECT position FROM events WHERE event_id = ?", (subject,)
        ).fetchone()
        if row is None:
            raise UnknownEventError(
                f"event {subject} is not in the log; `tracker log` lists the event ids"
            )
        found = self.conn.execute(
            "SELECT party FROM event_parties WHERE position = ? ORDER BY party", (row[0],)
        )
        return tuple(r[0] for r in found)


def _query(
    after: int,
    until: int | None,
    stream: str | None,
    types: Sequence[str] | None,
    party: str | None,
    relationship: str | None,
    occurred_from: date | None,
    occurred_to: date | None,
    recorded_before: datetime | None,
    limit: int | None,
) -> tuple[str, list[Any]]:
    sql = _SELECT
    where: list[str] = ["e.position > ?"]
    params: list[Any] = [after]
    if relationship is not None:
        sql += " JOIN event_relationships r ON r.position = e.position"
        where.append("r.relationship = ?")
        params.append(relationship)
    if party is not None:
        sql += " JOIN event_parties p ON p.position = e.position"
        where.append("p.party = ?")
        params.append(party)
    if until is not None:
        where.append("e.position <= ?")
        params.append(until)
    if stream is not None:
        where.append("e.stream = ?")
        params.append(stream)
    if types:
        where.append(f"e.type IN ({', '.join('?' * len(types))})")
        params.extend(types)
    if occurred_from is not None:
        where.append("e.occurred_end >= ?")
        params.append(occurred_from.isoformat())
    if occurred_to is not None:
        where.append("e.occurred_start <= ?")
        params.append(occurred_to.isoformat())
    if recorded_before is not None:
        where.append("e.recorded_at <= ?")
        params.append(_stamp(recorded_before))
    sql += " WHERE " + " AND ".join(where) + " ORDER BY e.position"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return sql, params


def _decode_rows(rows: Iterable[Sequence[Any]]) -> Iterator[RecordedEvent]:
    """Rows of the log as RecordedEvents: the hot loop of every read and every rebuild.

    Written flat on purpose (local names, no per-row method call, the tuple built directly):
    at a million rows each avoided lookup is visible in the benchmark.
    """
    decoders: dict[str, tuple[int, Callable[[str], DomainEvent]]] = {}
    stamp, moment = "", datetime.min
    build = tuple.__new__
    for position, stream, version, event_type, schema_version, recorded_at, payload, meta in rows:
        known = decoders.get(event_type)
        if known is None or known[0] != schema_version:
            known = decoders[event_type] = (
                schema_version,
                json_decoder(event_type, schema_version),
            )
        # Rows appended in one batch share a stamp: parse it once.
        if recorded_at != stamp:
            stamp, moment = recorded_at, datetime.fromisoformat(recorded_at)
        metadata = json.loads(meta) if meta != "{}" else _NO_METADATA
        yield build(RecordedEvent, (position, stream, version, moment, known[1](payload), metadata))


_NO_METADATA: dict[str, Any] = {}


def _decode_row(row: Sequence[Any]) -> RecordedEvent:
    return next(_decode_rows([row]))
