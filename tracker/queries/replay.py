"""Replaying the log in the order it was learned, narrating what each event changed.

Each relationship's state is the state known at that point of the log, over all valid time
(up to ``until_date`` if given). An event that sorts after everything already folded is
applied; a retraction, or news learned late about the past, refolds the relationship from
the events read so far, and the change is the difference between the two states.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from tracker.describe import describe
from tracker.projections import (
    Change,
    FoldEvent,
    StateBuilder,
    diff,
    fold_key,
    from_recorded,
    select,
)
from tracker.store import EventStore

__all__ = ["ReplayStep", "replay"]


class ReplayStep(BaseModel):
    """One event of the log, replayed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    position: int
    recorded_at: datetime
    relationship: str | None  # None for events outside any relationship (articles)
    event_id: str
    event_type: str
    occurred: str | None
    description: str
    changes: tuple[Change, ...]  # in words: tracker.narrate.change_words
    refolded: bool  # the event reordered or removed earlier ones: the state was refolded


def replay(
    store: EventStore,
    *,
    relationship: str | None = None,
    until_position: int | None = None,
    known_at: datetime | None = None,
    until_date: date | None = None,
) -> Iterator[ReplayStep]:
    """Re-run the log from the start, up to a position, a recorded-at time or a valid date."""
    builders: dict[str, StateBuilder] = {}
    seen: dict[str, list[FoldEvent]] = defaultdict(list)
    owner: dict[str, str] = {}  # event id -> relationship key, for annotations
    for recorded in store.read(
        relationship=relationship, until=until_position, recorded_before=known_at
    ):
        event = from_recorded(recorded)
        key = _key_of(event, owner)
        if key is not None:
            owner[event.event_id] = key
        if event.kind == "fact" and until_date is not None and event.occurred_start > until_date:
            continue
        changes: list[Change] = []
        refolded = False
        if key is not None:
            seen[key].append(event)
            # Its states are built only to be compared: every commitment listed (a state
            # counts those resolved before its kept days, which news of the past may move).
            builder = builders.get(key)
            if builder is None:
                builder = builders[key] = StateBuilder(key, every_commitment=True)
            if event.kind != "retracted" and _in_order(builder, event):
                changes = builder.add(event)
            else:
                before = builder.build()
                # Folded into a builder kept for the next events: one thawed from the
                # frozen state would list a bounded set of each fact's events, and could
                # not place a later annotation of one it left out.
                builder = builders[key] = StateBuilder(key, narrate=False, every_commitment=True)
                for known in select(seen[key]):
                    builder.add(known)
                builder.narrate = True
                after = builder.build()
                changes, refolded = diff(before, after), True
        yield ReplayStep(
            position=recorded.position,
            recorded_at=recorded.recorded_at,
            relationship=key,
            event_id=event.event_id,
            event_type=event.event_type,
            occurred=event.occurred or None,
            description=describe(recorded.event),
            changes=tuple(changes),
            refolded=refolded,
        )


def _in_order(builder: StateBuilder, event: FoldEvent) -> bool:
    return event.kind != "fact" or builder.last_key is None or fold_key(event) > builder.last_key


def _key_of(event: FoldEvent, owner: dict[str, str]) -> str | None:
    if event.kind == "fact":
        return "-".join(sorted((event.source, event.target)))
    if event.subject is not None:
        return owner.get(event.subject)
    return None
