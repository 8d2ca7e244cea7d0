"""One append transaction: read the chain's tail once, then build and insert rows in order."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import datetime
from typing import Any, NamedTuple

from events import DiplomaticEvent, DomainEvent, EventAnnotation, RecordedEvent
from events.base import relationship_stream
from tracker.errors import (
    ConcurrencyError,
    DuplicateEventError,
    StoreError,
    UnknownEventError,
)
from tracker.gc_pause import cyclic_gc_paused
from tracker.store.hashing import GENESIS, ROW_COLUMNS
from tracker.store.rows import NewEvent, stamp

__all__ = ["Appender", "Tail", "read_tail", "settle_conflict"]

# pydantic writes fields in declaration order, and every event declares event_id first.
_ID_PREFIX = '{"event_id":"'
_ID_END = len(_ID_PREFIX) + 36

_INSERT = (
    f"INSERT INTO events ({', '.join(ROW_COLUMNS)}) VALUES ({', '.join('?' * len(ROW_COLUMNS))})"
)


# A row of the log table, in ROW_COLUMNS order.
_Row = tuple[Any, ...]

# What an append takes: events, each bare (read as NewEvent(event)) or with its stream,
# expected version and metadata.
Batch = list[NewEvent | DomainEvent]

# A bare event's metadata: never mutated (recorded events share it).
_NO_METADATA: dict[str, Any] = NewEvent._field_defaults["metadata"]


class Tail(NamedTuple):
    """The end of the chain, what the next append builds on; ``versions`` holds the streams
    seen so far (others are looked up)."""

    position: int
    hash: str
    recorded_at: str | None
    versions: dict[str, int]


def read_tail(conn: sqlite3.Connection) -> Tail:
    """The chain's tail as the log holds it."""
    row = conn.execute(
        "SELECT position, hash, recorded_at FROM events ORDER BY position DESC LIMIT 1"
    ).fetchone()
    return Tail(row[0], row[1], row[2], {}) if row else Tail(0, GENESIS, None, {})


class Appender:
    """One append transaction: starts from the chain's tail, then builds rows in order."""

    def __init__(self, conn: sqlite3.Connection, now: datetime, tail: Tail) -> None:
        self.conn = conn
        self.position, self.prev_hash, last, self.versions = tail
        self.last_recorded_at = last
        # Transaction time never goes backwards, even when the wall clock does.
        now_text = stamp(now)
        self.recorded_at = max(now_text, last) if last else now_text
        self.moment = datetime.fromisoformat(self.recorded_at)
        self.parties: dict[str, tuple[str, ...]] = {}
        # The batch being appended, and the parties of the logged events its annotations
        # name, read once the first is wanted (see _look_up_named).
        self.batch: Batch = []
        self.named: dict[str, tuple[str, ...]] | None = None

    def tail(self) -> Tail:
        """The chain's tail once this append's rows are in."""
        return Tail(self.position, self.prev_hash, self.last_recorded_at, self.versions)

    def run(self, batch: Batch, *, check_logged: bool) -> list[RecordedEvent]:
        """Build and insert the batch's rows; return the events newly recorded.

        With ``check_logged`` false the batch is assumed new (the common case) and the
        UNIQUE index on ``event_id`` is the check: a batch holding an event already in the
        log fails with ``sqlite3.IntegrityError``, and the caller rolls back and runs it
        again with ``check_logged``, which looks each id up first (skipping events stored
        with the same payload, refusing those stored with another).
        """
        logged = self._logged_payloads(batch) if check_logged else {}
        self.batch, self.named = batch, None
        with cyclic_gc_paused():
            rows, party_rows, relationship_rows, recorded = self._rows(batch, logged)
        self.conn.executemany(_INSERT, rows)
        self.conn.executemany("INSERT INTO event_parties VALUES (?, ?)", party_rows)
        self.conn.executemany("INSERT INTO event_relationships VALUES (?, ?)", relationship_rows)
        return recorded

    def _rows(
        self, batch: Batch, logged: dict[str, str]
    ) -> tuple[list[_Row], list[tuple[str, int]], list[tuple[str, int]], list[RecordedEvent]]:
        """The rows of the log and its two indexes, and the events as recorded."""
        # The hot loop of every append: local names on purpose (it runs per event).
        rows: list[_Row] = []
        party_rows: list[tuple[str, int]] = []
        relationship_rows: list[tuple[str, int]] = []
        recorded: list[RecordedEvent] = []
        position, prev_hash, recorded_at = self.position, self.prev_hash, self.recorded_at
        moment, seen, versions, build = self.moment, self.parties, self.versions, tuple.__new__
        shapes, sha256 = _SHAPES, hashlib.sha256
        no_metadata = _NO_METADATA
        for item in batch:
            if isinstance(item, NewEvent):
                event, chosen_stream, expected_version, metadata_in = item
            else:
                event, chosen_stream, expected_version, metadata_in = item, None, None, no_metadata
            payload = event.payload_json()
            event_id = _event_id(event, payload)
            if event_id in seen:
                raise DuplicateEventError(f"event {event_id} appears twice in one batch")
            if logged:
                stored = logged.get(event_id)
                if stored is not None:
                    if stored != payload:
                        raise DuplicateEventError(
                            f"event {event_id} is already in the log with different content; "
                            "corrections are new events (retract it and record the corrected one)"
                        )
                    continue  # appending is idempotent
            position += 1
            cls = event.__class__
            shape = shapes.get(cls) or _shape(cls)
            if shape is _PAIR:
                # A diplomatic event, the bulk of any log: its parties, stream, valid time
                # and index rows written inline, where method calls cost a tenth of the loop.
                a, b = event.source, event.target  # type: ignore[attr-defined]
                if b < a:
                    a, b = b, a
                if a != b:
                    parties: tuple[str, ...] = (a, b)
                    party_rows += ((a, position), (b, position))
                    relationship_rows.append((f"{a}-{b}", position))
                else:
                    parties = (a,)
                    party_rows.append((a, position))
                stream = chosen_stream or relationship_stream(a, b)
                start, end, precision = event.occurred.columns  # type: ignore[attr-defined]
            else:
                parties = self._parties_of(event, shape is _ANNOTATION)
                for party in parties:
                    party_rows.append((party, position))
                if len(parties) == 2:
                    relationship_rows.append((f"{parties[0]}-{parties[1]}", position))
                stream = chosen_stream or event.default_stream()
                span = event.valid_time()
                start, end, precision = span.columns if span else (None, None, None)
            version = versions.get(stream, 0) + 1
            if version == 1 or expected_version is not None:
                # First event of this stream in the batch, or a guarded append: ask the log.
                version = self._next_version(stream, expected_version)
            else:
                versions[stream] = version
            metadata = (
                json.dumps(metadata_in, sort_keys=True, separators=(",", ":"))
                if metadata_in
                else "{}"
            )
            event_type, schema_version = cls.event_type, cls.schema_version
            # hashing.row_hash's text, written out here: a call and the unpacking of its
            # row cost a tenth of the hash (a test holds every appended row to row_hash).
            digest = sha256(
                f"{position}\x1f{event_id}\x1f{stream}\x1f{version}\x1f{event_type}\x1f"
                f"{schema_version}\x1f{start or ''}\x1f{end or ''}\x1f{precision or ''}\x1f"
                f"{recorded_at}\x1f{payload}\x1f{metadata}\x1f{prev_hash}".encode()
            ).hexdigest()
            rows.append(
                (
                    position,
                    event_id,
                    stream,
                    version,
                    event_type,
                    schema_version,
                    start,
                    end,
                    precision,
                    recorded_at,
                    payload,
                    metadata,
                    prev_hash,
                    digest,
                )
            )
            prev_hash = digest
            seen[event_id] = parties
            recorded.append(
                build(RecordedEvent, (position, stream, version, moment, event, metadata_in))
            )
        self.position, self.prev_hash = position, prev_hash
        if rows:
            self.last_recorded_at = recorded_at
        return rows, party_rows, relationship_rows, recorded

    def _logged_payloads(self, batch: Batch) -> dict[str, str]:
        return logged_payloads(self.conn, batch)

    def _look_up_named(self) -> dict[str, tuple[str, ...]]:
        """The parties of the logged events the batch's annotations name, in one query
        (asked one annotation at a time, two queries each were most of a poll's statements).
        Events of the batch itself are left out: the append loop has them already."""
        events = [item.event if isinstance(item, NewEvent) else item for item in self.batch]
        in_batch = {event.event_id for event in events}
        subjects = {
            str(subject): None
            for event in events
            if (_SHAPES.get(event.__class__) or _shape(event.__class__)) is _ANNOTATION
            and (subject := event.subject) not in in_batch  # type: ignore[attr-defined]
        }
        wanted = list(subjects)
        named: dict[str, tuple[str, ...]] = {}
        for at in range(0, len(wanted), 500):
            chunk = wanted[at : at + 500]
            rows = self.conn.execute(
                "SELECT e.event_id, p.party FROM events e "
                "JOIN event_parties p ON p.position = e.position "
                f"WHERE e.event_id IN ({','.join('?' * len(chunk))}) ORDER BY 1, 2",
                chunk,
            )
            for subject, party in rows:
                named[subject] = (*named.get(subject, ()), party)
        return named

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

    def _parties_of(self, event: DomainEvent, annotation: bool) -> tuple[str, ...]:
        if not annotation:
            one = event.parties()
            if len(one) == 2 and one[0] != one[1]:
                return one if one[0] < one[1] else (one[1], one[0])
            return tuple(sorted(set(one)))
        # An annotation is filed under the parties of the event it is about, so reading a
        # relationship also yields the retractions and corroborations of its events.
        assert isinstance(event, EventAnnotation)
        subject = str(event.subject)
        if subject in self.parties:
            return self.parties[subject]
        if self.named is None:
            self.named = self._look_up_named()
        if subject in self.named:
            return self.named[subject]
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


def logged_payloads(conn: sqlite3.Connection, batch: Batch) -> dict[str, str]:
    """The stored payloads of the batch's events already in the log (500 ids a query)."""
    event_ids = [str(_event_of(item).event_id) for item in batch]
    found: dict[str, str] = {}
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT event_id, payload FROM events WHERE event_id IN ({marks})"
        found.update(conn.execute(sql, chunk).fetchall())
    return found


def settle_conflict(conn: sqlite3.Connection, batch: Batch, conflict: StoreError) -> None:
    """Return if a batch refused by ``conflict`` (an expected version or a follower's
    checkpoint that moved on) is all in the log already with the same payloads; else raise.

    A client that lost the reply to a committed append sends the same batch again: its
    expected version is now stale *because of that batch*, and the answer is success with
    nothing appended. The version check alone cannot tell that from another writer's append,
    so the ids decide: all in the log, the same: a retry; none: the conflict stands; some:
    not a retry of one committed batch, refused in words. Run after the refused transaction:
    what the log holds only grows, so ids found now were committed.
    """
    logged = logged_payloads(conn, batch)
    if not logged:
        raise conflict
    changed = []
    for item in batch:
        event = _event_of(item)
        stored = logged.get(str(event.event_id))
        if stored is not None and stored != event.payload_json():
            changed.append(str(event.event_id))
    if changed:
        raise DuplicateEventError(
            f"event {changed[0]} is already in the log with different content; corrections "
            "are new events (retract it and record the corrected one)"
        )
    if len(logged) < len(batch):
        if not isinstance(conflict, ConcurrencyError):
            raise conflict
        raise ConcurrencyError(
            conflict.stream,
            conflict.expected,
            conflict.actual,
            already=sorted(logged),
            of=len(batch),
        ) from conflict


def _event_of(item: NewEvent | DomainEvent) -> DomainEvent:
    return item.event if isinstance(item, NewEvent) else item


def _event_id(event: DomainEvent, payload: str) -> str:
    """The event id as text, read off the payload just written (str() of a UUID costs ~1 us)."""
    if payload.startswith(_ID_PREFIX):
        return payload[len(_ID_PREFIX) : _ID_END]
    return str(event.event_id)


_PAIR, _ANNOTATION, _OTHER = "pair", "annotation", "other"


_SHAPES: dict[type[DomainEvent], str] = {}


def _shape(cls: type[DomainEvent]) -> str:
    """How the append loop reads an event of ``cls``, worked out once per type (issubclass
    against a pydantic class goes through ABCMeta's check) and kept in ``_SHAPES``."""
    if issubclass(cls, EventAnnotation):
        shape = _ANNOTATION
    else:
        inherited = all(
            getattr(cls, name) is getattr(DiplomaticEvent, name)
            for name in ("parties", "default_stream", "valid_time")
        )
        shape = _PAIR if issubclass(cls, DiplomaticEvent) and inherited else _OTHER
    _SHAPES[cls] = shape
    return shape
