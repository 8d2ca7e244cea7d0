"""State queries: one relationship as of a date and known at a time, and all relations.

A query with no ``known_at`` whose date is on or after the relationship's last event is
answered from the materialized projection (one read); any other is folded from the
relationship's own events, read through the index, so it costs the same however long the
log is.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from tracker.actors import resolve_actor
from tracker.projections import (
    Contact,
    Reason,
    RelationshipState,
    RelationshipView,
    StateHeads,
    Tone,
    fold,
    judged,
    view,
)
from tracker.queries.rows import position_after, relationship_events
from tracker.stored_states import answers, relationship_key, state_view, today_utc

if TYPE_CHECKING:  # the projection store reads through tracker.queries.rows
    from tracker.projection_store import ProjectionStore
    from tracker.store.protocol import LogStore

__all__ = ["RelationSummary", "folded_state", "relations", "relationship_key", "state", "today_utc"]


def state(
    store: LogStore,
    projection: ProjectionStore,
    a: str,
    b: str,
    *,
    as_of: date | None = None,
    known_at: datetime | None = None,
) -> RelationshipView:
    """The state between ``a`` and ``b`` as of ``as_of`` (default today), known at ``known_at``
    (default: everything the log knows now)."""
    key = relationship_key(a, b)
    day = as_of or today_utc()
    folded = folded_state(store, projection, key, day, known_at)
    # Known now, the view of a stored state is kept with it (tracker.stored_states).
    return state_view(folded, day) if known_at is None else view(folded, day, known_at)


def folded_state(
    store: LogStore,
    projection: ProjectionStore,
    key: str,
    day: date,
    known_at: datetime | None,
) -> RelationshipState:
    """Relationship ``key`` as of ``day``, known at ``known_at`` (None: now), bounded as the
    stored state is: the stored state when it answers, else a busy pair's snapshot, else
    folded from the pair's own events."""
    known: int | None = None
    if known_at is None:
        stored = projection.stored_answer(key, day)
        if stored is not None:
            return stored
    else:
        # What the log knew at a time is its events to the last position recorded by then
        # (transaction time never decreases along the log): a busy pair's snapshot written
        # from no more than those answers, as it does known now. Snapshots are written
        # again as the log grows: for a time before the one a snapshot was written from,
        # the pair is folded from the start.
        known = position_after(store, known_at) - 1
    snapped = projection.from_snapshot(key, day, known)  # a busy pair's snapshot
    if snapped is not None:
        return snapped
    return _from_log(store, key, day, known_at)


def _from_log(
    store: LogStore, key: str, day: date, known_at: datetime | None = None
) -> RelationshipState:
    """Relationship ``key`` folded from its own events, as of ``day``, known at ``known_at``."""
    events = relationship_events(store, key, as_of=day, known_at=known_at)
    return fold(key, events, as_of=day, known_at=known_at)


class RelationSummary(BaseModel):
    """One relationship in the list of relations: its label, last contacts and tone."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    relationship: str
    actors: tuple[str, str]
    as_of: date
    label: str
    label_reason: Reason
    last_contact: Contact | None  # of any level
    last_high_level_contact: Contact | None
    tone: Tone
    events: int


def relations(
    store: LogStore,
    projection: ProjectionStore,
    *,
    actor: str | None = None,
    as_of: date | None = None,
) -> list[RelationSummary]:
    """Every relationship (of ``actor``, a code or name) as of ``as_of``, by key."""
    code = resolve_actor(actor) if actor else None
    day = as_of or today_utc()
    projection.catch_up()
    current = projection.is_current()
    summaries = []
    for heads in projection.load_heads(code):
        state: StateHeads | RelationshipState = heads
        if not (current and answers(heads.last_occurred, day)):
            state = _from_log(store, heads.relationship, day)
        if state.facts == 0:
            continue  # nothing had happened yet by that date
        label, reason, tone = judged(state, day)
        first, second = state.relationship.split("-")
        summaries.append(
            RelationSummary(
                relationship=state.relationship,
                actors=(first, second),
                as_of=day,
                label=label,
                label_reason=reason,
                last_contact=state.last_contact,
                last_high_level_contact=state.last_high_level_contact,
                tone=tone,
                events=state.facts,
            )
        )
    return summaries
