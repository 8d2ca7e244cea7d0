"""A relationship's events in valid-time order, each with the change it made to the state."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from tracker.describe import describe
from tracker.projections import Change, StateBuilder, from_recorded, select
from tracker.store import EventStore

__all__ = ["TimelineEntry", "timeline"]


class TimelineEntry(BaseModel):
    """One event of the timeline and what it changed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    position: int
    event_id: str
    event_type: str
    occurred: str | None  # None for annotations (corroborations, confirmations)
    recorded_at: datetime
    description: str
    changes: tuple[Change, ...]  # in words: tracker.narrate.change_words


def timeline(
    store: EventStore,
    key: str,
    *,
    since: date | None = None,
    until: date | None = None,
    known_at: datetime | None = None,
) -> list[TimelineEntry]:
    """The events of relationship ``key`` in fold order with their changes.

    The fold always starts at the beginning, so each change is measured against the true
    state of the day; ``since`` only hides the entries before it. Retracted events (as
    known at ``known_at``) are left out, as they are from the state.
    """
    recorded = {
        str(r.event.event_id): r for r in store.read(relationship=key, recorded_before=known_at)
    }
    events = [from_recorded(r) for r in recorded.values()]
    builder = StateBuilder(key)
    entries = []
    for event in select(events, as_of=until, known_at=known_at):
        changes = builder.add(event)
        if event.kind == "fact" and since is not None and event.occurred_start < since:
            continue
        if event.kind != "fact" and not changes:
            continue  # an annotation of an event outside the state
        entries.append(
            TimelineEntry(
                position=event.position,
                event_id=event.event_id,
                event_type=event.event_type,
                occurred=event.occurred or None,
                recorded_at=event.recorded_at,
                description=describe(recorded[event.event_id].event),
                changes=tuple(changes),
            )
        )
    return entries
