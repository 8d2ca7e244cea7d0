"""Folding a relationship's events into its state, as of a valid date and known at a time.

The state as of date D, known at time T, is the fold of the events the log had recorded by T
(``recorded_at <= T``) whose valid time starts on or before D, in valid-time order (start
date, then the stage of the day; see :mod:`tracker.projections.ordering`): the log's order
is the order of learning, not of happening.

Why the *start* of an imprecise date: "in February" may mean February 1, so as of any day
in February the event may have happened, and it is shown (with its month-precision date).
The same rule orders the fold, so the state as of D is exactly the timeline up to D.

Retractions are bitemporal: an event retracted by a retraction recorded at or before T is
left out, with its corroborations and confirmations; known before the retraction, it counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from tracker.projections.builder import StateBuilder
from tracker.projections.fold_event import FoldEvent
from tracker.projections.ordering import FoldKey, fold_key
from tracker.projections.state import RelationshipState

__all__ = ["apply", "facts_and_notes", "fold", "fold_at", "fold_json", "follows", "select"]


def select(
    events: Iterable[FoldEvent], *, as_of: date | None = None, known_at: datetime | None = None
) -> list[FoldEvent]:
    """The events a state as of ``as_of``, known at ``known_at``, is folded from, in fold order."""
    known = [e for e in events if e.recorded_at <= known_at] if known_at else list(events)
    retracted = {e.subject for e in known if e.kind == "retracted"}
    if not retracted and as_of is None:
        # The common case of a rebuild: nothing to leave out but what the fold ignores.
        chosen = [e for e in known if e.kind in _FOLDED]
    else:
        chosen = [
            e
            for e in known
            if e.kind in _FOLDED
            and e.event_id not in retracted
            and e.subject not in retracted
            and (as_of is None or e.kind != "fact" or e.occurred_start <= as_of)
        ]
    chosen.sort(key=fold_key)
    return chosen


_FOLDED = frozenset({"fact", "corroborated", "confirmed"})


def fold(
    relationship: str,
    events: Iterable[FoldEvent],
    *,
    as_of: date | None = None,
    known_at: datetime | None = None,
    judged_from: date | None = None,
    every_commitment: bool = False,
) -> RelationshipState:
    """The state of ``relationship`` from its events (any order; retractions included).

    ``judged_from``: the state will be judged on that day, before its last (its tone keeps
    the days from 90 days before it one by one; see :mod:`.tone`). ``every_commitment``:
    it lists every commitment, none counted as resolved earlier (two states compared,
    :mod:`tracker.changes.compare`).
    """
    return _folded(relationship, events, as_of, known_at, judged_from, every_commitment).build()


def fold_at(
    relationship: str,
    events: Iterable[FoldEvent],
    days: Sequence[date],
    *,
    known_at: datetime | None = None,
    every_commitment: bool = False,
) -> list[RelationshipState]:
    """``fold(relationship, events, as_of=day, known_at=...)`` for each of ``days``, in
    their order, in one pass: the facts in fold order, each with its annotations (they
    commute with later facts), a state built as each day is passed. Two states compared
    (``tracker diff``) folded a busy pair's whole history twice."""
    facts, notes = facts_and_notes(select(events, known_at=known_at))
    builder = StateBuilder(relationship, narrate=False, every_commitment=every_commitment)
    built: dict[date, RelationshipState] = {}
    at = 0
    for day in sorted(set(days)):
        while at < len(facts) and facts[at].occurred_start <= day:
            builder.add(facts[at])
            for note in notes.get(facts[at].event_id, ()):
                builder.add(note)
            at += 1
        built[day] = builder.build()
    return [built[day] for day in days]


def facts_and_notes(
    chosen: Iterable[FoldEvent],
) -> tuple[list[FoldEvent], dict[str, list[FoldEvent]]]:
    """The facts of ``chosen`` (in its order), and its annotations by the fact they are
    about (each fact's in their order): a fold that walks the facts takes each with its
    annotations, which commute with later facts."""
    facts: list[FoldEvent] = []
    notes: dict[str, list[FoldEvent]] = {}
    for event in chosen:
        if event.kind == "fact":
            facts.append(event)
        elif event.subject is not None:
            notes.setdefault(event.subject, []).append(event)
    return facts, notes


def fold_json(relationship: str, events: Iterable[FoldEvent]) -> tuple[str, date | None]:
    """``fold(relationship, events)`` as JSON text, and the valid date of its last fact.

    What a rebuild stores, written without building the pydantic state in between.
    """
    builder = _folded(relationship, events, None, None, None)
    last = builder.last_key
    return builder.build_json(), last[0] if last else None


def _folded(
    relationship: str,
    events: Iterable[FoldEvent],
    as_of: date | None,
    known_at: datetime | None,
    judged_from: date | None,
    every_commitment: bool = False,
) -> StateBuilder:
    builder = StateBuilder(
        relationship, narrate=False, judged_from=judged_from, every_commitment=every_commitment
    )
    for event in select(events, as_of=as_of, known_at=known_at):
        builder.add(event)
    return builder


def apply(state: RelationshipState, event: FoldEvent) -> RelationshipState:
    """The state after one more event, which must sort after every event already folded.

    A retraction, or an event that sorts earlier (learned late about the past), changes
    which events are folded or their order: :func:`fold` the relationship again instead;
    so does an annotation of an event that a fact of ``state`` may have left out.
    """
    if event.kind == "retracted":
        raise ValueError("a retraction changes which events are folded: fold() again")
    if event.kind == "fact" and not follows(state, event):
        raise ValueError(f"event {event.event_id} sorts before the state's last event: fold()")
    builder = StateBuilder.from_state(state)
    builder.add(event)
    if builder.unresolved:
        # The state lists a bounded set of each fact's events (see .records.Sourced).
        raise ValueError(f"event {event.subject} may be one a fact left out: fold() again")
    return builder.build()


def follows(state: RelationshipState, event: FoldEvent) -> bool:
    """True when ``event`` sorts after everything folded into ``state``."""
    return follows_key(state.last_key, event)


def follows_key(last: FoldKey | None, event: FoldEvent) -> bool:
    """:func:`follows` for a state (or a builder) whose last fact has fold key ``last``."""
    if event.kind != "fact":
        return event.kind != "retracted"
    return last is None or fold_key(event) > last
