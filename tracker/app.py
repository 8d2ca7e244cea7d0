"""The Python API: one object that the CLI, the daemon and the web page all call.

from tracker.app import Tracker
with Tracker.open("tracker.db") as t:
    t.record(AgreementSigned(...))
    t.run_followers()  # extraction and the materialized states catch up
    t.verify()
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

from events import (
    DomainEvent,
    EventConfirmed,
    EventRetracted,
    RecordedEvent,
)
from tracker.errors import UnknownEventError, UsageError, quoted
from tracker.extract import checkpoint as extraction_checkpoint
from tracker.projection_store import ProjectionCheck, ProjectionStore
from tracker.store import EventStore, NewEvent, VerifyResult, fingerprints

if TYPE_CHECKING:
    from tracker.projections import RelationshipView
    from tracker.queries import RelationSummary, ReplayStep, TimelineEntry

__all__ = ["Tracker"]


class Tracker:
    """The tracker over one database file."""

    def __init__(self, store: EventStore) -> None:
        self.store = store
        extraction_checkpoint.ensure_table(store.conn)
        self.projection = ProjectionStore(store)
        # A crash between an append and its catch-up is repaired by the next open.
        self.projection.catch_up()

    @classmethod
    def open(cls, path: str | Path) -> Tracker:
        """The tracker over a SQLite file, or over a ``postgresql://`` URL's log."""
        if str(path).startswith(("postgresql://", "postgres://")):
            from tracker.postgres_app import PostgresTracker  # psycopg only on this path

            return PostgresTracker.open(path)
        return cls(EventStore.open(path))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Tracker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------

    def append(
        self,
        items: Iterable[NewEvent | DomainEvent],
        progress: Callable[[int], None] | None = None,
    ) -> list[RecordedEvent]:
        """Append events in one transaction (all or nothing); return those newly recorded.

        Only appends: what follows from the events (extraction, the materialized states)
        is the followers' work, done by :meth:`run_followers`.
        """
        batch = list(items)
        recorded = self.store.append(batch)
        if progress is not None:
            progress(len(batch))
        return recorded

    def run_followers(self) -> list[RecordedEvent]:
        """Bring every follower of the log up to its head; return the events they appended.

        Extraction reads the articles past its checkpoint and appends what it finds; then the
        projection folds everything new (those events too). Each commits its results with its
        checkpoint, so a crash between an append and this call loses nothing: the next call
        (the next command, the daemon's next poll) picks up where the followers stopped.
        """
        appended = self.extract_pending()
        self.projection.catch_up()
        from tracker.changes import stored  # the marks of the changes (tracker.changes.marks)

        stored.catch_up(self.store)
        return appended

    def extract_pending(self) -> list[RecordedEvent]:
        """Extract events from articles the extractor has not read yet (after a crash too)."""
        if not extraction_checkpoint.pending(self.store):
            return []
        # Imported here so that commands which never see an article never load spaCy.
        from tracker.extract.ingest import extract_pending

        return extract_pending(self.store)

    def record(
        self, event: DomainEvent, *, by: str = "analyst", metadata: dict[str, Any] | None = None
    ) -> RecordedEvent | None:
        """An analyst records an event by hand; ``None`` if it was already in the log."""
        meta = {"recorded_by": by, **(metadata or {})}
        recorded = self.append([NewEvent(event, metadata=meta)])
        return recorded[0] if recorded else None

    def retract(self, event_id: str | UUID, reason: str, *, by: str = "analyst") -> RecordedEvent:
        """Withdraw an event: states known from now on leave it out; earlier ones keep it.

        Refused without a reason, for a retraction, and for an event already retracted: each
        would put a second, meaningless word about the event in a log that keeps it forever.
        """
        if not reason.strip():
            raise UsageError(
                'a retraction gives its reason, e.g. --reason "misread the source": it stays '
                "in the log beside the event"
            )
        subject = self._require(event_id)
        self._require_retractable(subject)
        recorded = self.append([NewEvent(EventRetracted(subject=subject, reason=reason, by=by))])
        return recorded[0]

    def confirm(
        self, event_id: str | UUID, *, by: str = "analyst", note: str | None = None
    ) -> RecordedEvent:
        """An analyst confirms an event against its sources."""
        subject = self._require(event_id)
        recorded = self.append([NewEvent(EventConfirmed(subject=subject, by=by, note=note))])
        return recorded[0]

    def _require_retractable(self, subject: UUID) -> None:
        found = self.store.get(str(subject))
        if found is not None and isinstance(found.event, EventRetracted):
            raise UsageError(
                f"event {subject} is a retraction, which cannot be retracted (the log keeps "
                "both): if what it withdrew holds after all, record that as a new event"
            )
        # Annotations of an event are filed in its own stream: no scan of the log.
        stream = EventRetracted.model_construct(subject=subject, reason="").default_stream()
        earlier = next(
            self.store.read(
                stream=stream,
                types=[EventRetracted.event_type],
                limit=1,
            ),
            None,
        )
        if earlier is not None:
            raise UsageError(
                f"event {subject} was retracted already, at position {earlier.position} "
                f"({earlier.recorded_at:%Y-%m-%d}); nothing was appended"
            )

    def _require(self, event_id: str | UUID) -> UUID:
        try:
            subject = UUID(str(event_id))
        except ValueError:
            raise UnknownEventError(f"{quoted(event_id)} is not an event id (a UUID)") from None
        if self.store.get(str(subject)) is None:
            raise UnknownEventError(
                f"event {subject} is not in the log; `tracker log` lists the event ids"
            )
        return subject

    # -- reading -----------------------------------------------------------------------

    def log(
        self,
        *,
        types: list[str] | None = None,
        relationship: str | None = None,
        party: str | None = None,
        occurred_from: date | None = None,
        occurred_to: date | None = None,
        recorded_before: datetime | None = None,
        after: int = 0,
        limit: int | None = None,
    ) -> Iterator[RecordedEvent]:
        """The log in the order it was learned, filtered."""
        return self.store.read(
            types=types,
            relationship=relationship,
            party=party,
            occurred_from=occurred_from,
            occurred_to=occurred_to,
            recorded_before=recorded_before,
            after=after,
            limit=limit,
        )

    def verify(self, progress: Callable[[int], None] | None = None) -> VerifyResult:
        """Walk the hash chain; report the first broken position."""
        return self.store.verify(progress)

    # -- relationship state ------------------------------------------------------------

    def state(
        self, a: str, b: str, *, as_of: date | None = None, known_at: datetime | None = None
    ) -> RelationshipView:
        """The state between ``a`` and ``b`` (codes or names) as of a valid date (default
        today, UTC), as known at ``known_at`` (default: all the log knows now)."""
        from tracker.queries import state

        return state(self.store, self.projection, a, b, as_of=as_of, known_at=known_at)

    def relations(
        self, *, actor: str | None = None, as_of: date | None = None
    ) -> list[RelationSummary]:
        """Every relationship (of ``actor``) as of a date: label, last contact, tone."""
        from tracker.queries import relations

        return relations(self.store, self.projection, actor=actor, as_of=as_of)

    def timeline(
        self,
        a: str,
        b: str,
        *,
        since: date | None = None,
        until: date | None = None,
        known_at: datetime | None = None,
    ) -> list[TimelineEntry]:
        """The relationship's events in valid-time order, each with the change it made."""
        from tracker.queries import relationship_key, timeline

        key = relationship_key(a, b)
        return timeline(self.store, key, since=since, until=until, known_at=known_at)

    def replay(
        self,
        *,
        relationship: tuple[str, str] | None = None,
        until_position: int | None = None,
        known_at: datetime | None = None,
        until_date: date | None = None,
    ) -> Iterator[ReplayStep]:
        """Re-run the log in the order it was learned, narrating each event's change."""
        from tracker.queries import relationship_key, replay

        key = relationship_key(*relationship) if relationship else None
        return replay(
            self.store,
            relationship=key,
            until_position=until_position,
            known_at=known_at,
            until_date=until_date,
        )

    def rebuild_projection(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Rebuild the materialized states from the whole log; return the events folded.

        ``progress(done, total)`` reports the events folded so far. The dedup index
        (:mod:`tracker.store.fingerprints`) is written afresh too, by this process while
        worker processes fold (it would only wait for them), and then the marks of the
        changes (:mod:`tracker.changes.stored`), walked from the log."""
        from tracker.changes import stored

        folded = self.projection.rebuild(
            progress, meanwhile=lambda: fingerprints.rebuild(self.store)
        )
        stored.rebuild(self.store, progress)
        return folded

    def verify_projection(self) -> ProjectionCheck:
        """Check that a rebuild from the log equals the materialized states, and a fresh
        walk the stored marks of the changes."""
        from tracker.changes import stored

        check = self.projection.check()
        marks = [f"changes of {key}" for key in stored.check(self.store)]
        if not marks:
            return check
        return replace(check, ok=False, mismatched=(*check.mismatched, *marks))
