"""What the tracker asks of the log, whatever holds it: the one interface over every backend.

:class:`LogStore` owns all SQL on the log (the ``events`` table), its two indexes
(``event_parties``, ``event_relationships``) and the followers' checkpoints
(``processor_checkpoints``). No module outside :mod:`tracker.store` names those tables.
:class:`tracker.store.EventStore` is the SQLite implementation; a PostgreSQL one implements
the same methods with the same guarantees. ``tests/integration/test_store_contract.py`` runs
one test class against every backend listed in ``tests/store_backends.py``. Shared by every
backend: the row's hash (:func:`tracker.store.hashing.row_hash`), the chain's walk
(:func:`tracker.store.chain.walk_chain`) and the events' decoding
(:func:`tracker.store.reading.decode_rows`).

Guarantees every implementation keeps:

- **Positions** are global, start at 1 and are gapless, and commit order is position order:
  a reader that has seen position ``p`` will never later see a new event at or below ``p``.
  So a follower reads ``position > checkpoint`` and never skips or repeats an event.
- **Rows hash the same on every backend**: payload and metadata are stored as the exact text
  written (never a JSON type that reorders keys); ``recorded_at`` is UTC text of fixed width
  (see :func:`tracker.store.rows.stamp`); the chain is :func:`tracker.store.hashing.row_hash`.
  Text compares and sorts by bytes (event ids, stream and relationship keys, valid dates).
- **Append-only**: UPDATE and DELETE on the log and its indexes are refused by the database
  itself, for every client (a trigger or a rule), not only by this code, with a message that
  says "append-only".
- **Transaction time never decreases**: ``recorded_at`` of an append is the later of the
  clock and the last recorded_at; one append's events share one stamp.
- **Idempotent appends**: an event whose id is in the log with the same payload is skipped,
  also in a batch with an ``expected_version`` that a first, committed attempt of the same
  batch already moved on (a retry after a lost reply succeeds with nothing appended).

Two kinds of followers (the projection, the extractor, any later one) keep their place in
``processor_checkpoints(name, position)``:

- one that *appends* what it derives (the extractor) reads after its checkpoint outside any
  transaction, then calls :meth:`LogStore.append` with a :class:`Checkpoint`: its events and
  the new checkpoint commit together, and only if the checkpoint is still where it read from;
- one that *writes beside the log* (the projection) opens :meth:`LogStore.following`: a
  transaction that holds its checkpoint row, in which it reads, writes its results and
  advances the checkpoint. Two processes never apply the same events twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple, Protocol

from events import DomainEvent, RecordedEvent
from tracker.store.rows import NewEvent

__all__ = [
    "Checkpoint",
    "FoldRow",
    "Following",
    "LogStore",
    "RelationshipRow",
    "VerifyResult",
]

# A log row as the projection's fold reads it, without pydantic:
# (position, recorded_at, type, schema_version, payload); see tracker.projections.from_row.
FoldRow = tuple[int, str, str, int, str]
# The same, after the relationship key it is read under: (relationship, *FoldRow).
RelationshipRow = tuple[str, int, str, str, int, str]


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """The outcome of walking the hash chain."""

    ok: bool
    events: int
    broken_at: int | None = None
    reason: str | None = None


class Checkpoint(NamedTuple):
    """A follower's checkpoint moved by an append: from ``expected`` (where it read after)
    to ``position`` (the last event it has now applied)."""

    name: str
    expected: int
    position: int


class Following(Protocol):
    """A follower's transaction (see :meth:`LogStore.following`), holding its checkpoint."""

    @property
    def name(self) -> str:
        """The follower's name in ``processor_checkpoints``."""
        ...

    @property
    def position(self) -> int:
        """The checkpoint when the transaction began: events after it are to apply."""
        ...

    @property
    def head(self) -> int:
        """The log's last position, read inside the transaction."""
        ...

    @property
    def conn(self) -> Any:
        """The backend's connection inside this transaction (``sqlite3.Connection`` for
        SQLite), for the follower's own tables: what it writes commits with the checkpoint."""
        ...

    def advance(self, position: int) -> None:
        """Set the checkpoint to ``position`` when the transaction commits.

        Usually forward; a rebuild may set it to the head its fresh table was folded to.
        """
        ...


class LogStore(Protocol):
    """The append-only, hash-chained, bitemporal log. Every method is safe to call from the
    one thread that owns the store; open one store per thread or process."""

    def close(self) -> None:
        """Release the connection(s); the store is unusable afterwards."""
        ...

    # -- writing -------------------------------------------------------------------------

    def append(
        self,
        items: Iterable[NewEvent | DomainEvent],
        *,
        checkpoint: Checkpoint | None = None,
    ) -> list[RecordedEvent]:
        """Append a batch in one transaction, all or nothing; return the events newly recorded,
        in position order, each with its position, stream, version and recorded_at.

        - A bare event goes to its own stream (``event.default_stream()``); a :class:`NewEvent`
          may name the stream, an ``expected_version`` and metadata.
        - ``expected_version`` is the stream's version the writer read; another version is a
          :class:`~tracker.errors.ConcurrencyError` (nothing is appended).
        - An event whose id is in the log with the same payload is skipped (idempotent), also
          when its batch's ``expected_version`` no longer holds because that very batch was
          committed before: when every event of such a batch is in the log with the same
          payload the append is a no-op returning ``[]``; when only some are, it is a
          :class:`~tracker.errors.ConcurrencyError` naming them.
        - An id in the log with another payload, or twice in one batch, is a
          :class:`~tracker.errors.DuplicateEventError`; an annotation whose subject is not in
          the log is an :class:`~tracker.errors.UnknownEventError`.
        - ``checkpoint`` moves a follower's checkpoint in the same transaction, only if it
          is still at ``checkpoint.expected`` (else
          :class:`~tracker.errors.CheckpointMovedError`, nothing appended). An empty batch
          with a checkpoint only moves the checkpoint.
        """
        ...

    def append_one(
        self,
        event: DomainEvent,
        *,
        stream: str | None = None,
        expected_version: int | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> RecordedEvent | None:
        """Append one event (see :meth:`append`); ``None`` when it was already in the log."""
        ...

    # -- reading events ------------------------------------------------------------------

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
        """Events in position order with ``after < position <= until``, every filter optional.

        ``relationship`` is a pair key (``ARM-USA``, sorted codes): the events filed under both
        parties, annotations included. ``occurred_from``/``occurred_to`` keep events whose
        valid-time span overlaps the range (events without valid time are left out by either);
        ``recorded_before`` keeps those the log knew at that moment (inclusive): "known at".
        Streamed: a caller may stop early.
        """
        ...

    def get(self, event_id: str) -> RecordedEvent | None:
        """The event with this id (a UUID's text), or None."""
        ...

    def event_ids_starting(self, prefix: str, limit: int) -> list[str]:
        """Up to ``limit`` event ids starting with ``prefix`` (lower-case), in position order."""
        ...

    def has_events_after(self, position: int, types: Sequence[str]) -> bool:
        """Whether an event of one of ``types`` lies after ``position`` (an indexed probe)."""
        ...

    def article_payloads(
        self, streams: Sequence[str], known_at: datetime | None = None
    ) -> list[tuple[int, str]]:
        """(version, payload text) of every ``ArticleIngested`` event in ``streams`` recorded
        by ``known_at`` (default: all); any number of streams, in no particular order."""
        ...

    # -- reading for the projection's fold (rows, no pydantic) ---------------------------

    def relationship_rows(
        self,
        key: str,
        *,
        as_of: date | None = None,
        known_at: datetime | None = None,
        until_position: int | None = None,
        after_position: int = 0,
    ) -> list[FoldRow]:
        """Relationship ``key``'s rows in position order, through its index (cost follows
        the pair's size, not the log's). ``as_of`` leaves out facts starting after it
        (annotations, without valid time, are kept); ``known_at`` those recorded later;
        ``after_position`` those at or before it (a seek in the index: the pair's news)."""
        ...

    def rows_by_relationship(
        self,
        *,
        after: int = 0,
        until: int,
        low: str | None = None,
        high: str | None = None,
    ) -> Iterator[RelationshipRow]:
        """Every relationship's rows in ``(after, until]``, ordered by (key, position), keys
        ``low <= key < high`` when given (a share of a parallel rebuild). Streamed."""
        ...

    def rows_between(self, after: int, until: int) -> list[FoldRow]:
        """Every row in ``(after, until]`` in position order (a catch-up's tail)."""
        ...

    def row_of(self, event_id: str) -> FoldRow | None:
        """The row of one event by id (an annotation's subject)."""
        ...

    def relationship_counts(self, until: int) -> list[tuple[str, int]]:
        """How many events each relationship has up to ``until``, by key."""
        ...

    # -- the log's shape -----------------------------------------------------------------

    def head(self) -> int:
        """The last position (0 for an empty log)."""
        ...

    def stream_version(self, stream: str) -> int:
        """The stream's last version (0: no event yet)."""
        ...

    def last_recorded_at(self) -> datetime | None:
        """The recorded_at of the last event (None for an empty log)."""
        ...

    def relationships(self) -> list[str]:
        """Every relationship key with at least one event, sorted."""
        ...

    def verify(self, progress: Callable[[int], None] | None = None) -> VerifyResult:
        """Walk the chain from position 1; report the first position where it breaks (a
        missing position, a prev_hash that is not the previous row's hash, or a row whose
        content does not match its hash). ``progress(n)`` every 10,000 rows."""
        ...

    # -- followers -----------------------------------------------------------------------

    def checkpoint(self, name: str) -> int:
        """Follower ``name``'s checkpoint: the last position it applied (0: none yet)."""
        ...

    def following(self, name: str) -> AbstractContextManager[Following]:
        """A write transaction for follower ``name`` holding its checkpoint row until commit,
        so no other process applies the same events meanwhile; committed when the block
        ends, rolled back (checkpoint and results alike) if it raises."""
        ...
