"""A batch of a pair's new events folded into its stored state, late news included.

Facts that sort after the state's last one are added in fold order; a fact dated before it
(news learned late about the past) is folded in by the facts it belongs to
(:mod:`tracker.projections.late`), whose events are read through the dedup index
(:mod:`tracker.store.fingerprints`: the pair's events of the fact's types, kept if of its
key, and the notes of each by its id), instead of folding the pair again from its nearest
snapshot. Most late facts (a statement, a contact) belong to no such fact and read none;
a step of an agreement reads the pair's agreement steps, so its cost follows their number.

A batch with a retraction is folded again by the caller (:func:`fold_batch` returns None):
a retraction takes events out of folds keyed by nothing the index holds.

A stored state lists a bounded set of each fact's events (:mod:`tracker.projections.records`);
a further source or a confirmation of an event a fact left out is folded in the same way, by
folding that fact again from its own events (:func:`_resolve`; most annotations are of events
that belong to no such fact, which costs them one lookup of their subject by id).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from tracker.projections import RelationshipState, StateBuilder
from tracker.projections.fold_event import FoldEvent, from_row
from tracker.projections.late import (
    Part,
    belongs,
    part_types,
    parts,
    patch,
    refold,
    unsure_parts,
)
from tracker.projections.ordering import FoldKey, fold_key
from tracker.store import snapshot_rows
from tracker.store.side import SqlConnection

__all__ = ["fold_batch"]


def fold_batch(
    conn: SqlConnection, stored: RelationshipState, events: Sequence[FoldEvent], head: int
) -> tuple[RelationshipState, list[FoldEvent]] | None:
    """``stored`` with ``events`` (the pair's events logged after it, to ``head``) folded
    in, and the late facts among them; None when the batch must be folded again from the
    log (a retraction). The dedup index must hold the log to ``head``."""
    if any(e.kind == "retracted" for e in events):
        return None
    facts = sorted((e for e in events if e.kind == "fact"), key=fold_key)
    last = stored.last_key
    late = [e for e in facts if last is not None and fold_key(e) <= last]
    timely = facts[len(late) :]  # sorted: the late ones come first
    # The log refuses a note of an event it does not hold, so the notes of the batch's
    # facts are in the batch (or come later, and find them in the state).
    notes = [e for e in events if e.kind != "fact"]
    builder = StateBuilder.from_state(stored)
    builder.narrate = False
    for fact in timely:
        builder.add(fact)
    for note in notes:
        builder.add(note)
    logged = _Logged(conn)
    for fact in late:
        key = stored.relationship
        groups = {part: _group(conn, key, part, head) for part in parts(builder, fact)}
        patch(builder, fact, notes, groups, logged.key_of)
    # A fact of the batch is listed by the facts it belongs to (taken, or folded again
    # above), so only annotations of older events may need their facts folded again.
    _resolve(conn, builder, head, {e.event_id for e in facts}, logged)
    return builder.build(), late


def _resolve(
    conn: SqlConnection, builder: StateBuilder, head: int, folded: Collection[str], logged: _Logged
) -> None:
    """Fold again, from the log to ``head``, the facts of ``builder`` that its
    :attr:`~StateBuilder.unresolved` annotations may be about, but for annotations of
    ``folded`` (facts folded in after it was thawed, which the facts they belong to
    list). The dedup index must hold the log to ``head``."""
    notes = [n for n in builder.unresolved if n.subject not in folded]
    builder.unresolved = []
    if not notes:
        return
    wanted: set[Part] = set()
    for note in notes:
        subject = logged.event(str(note.subject))
        if subject.kind == "fact":
            wanted.update(unsure_parts(builder, subject))
    key = builder.relationship
    groups = {part: _group(conn, key, part, head) for part in sorted(wanted)}
    refold(builder, groups, logged.key_of)


class _Logged:
    """Events of the log by id, each read once."""

    def __init__(self, conn: SqlConnection) -> None:
        self.conn = conn
        self.found: dict[str, FoldEvent] = {}

    def event(self, event_id: str) -> FoldEvent:
        if event_id not in self.found:
            row = snapshot_rows.id_row(self.conn, event_id)
            if row is None:
                raise LookupError(f"event {event_id} is not in the log")
            self.found[event_id] = from_row(*row)
        return self.found[event_id]

    def key_of(self, event_id: str) -> FoldKey:
        return fold_key(self.event(event_id))


def _group(conn: SqlConnection, key: str, part: Part, head: int) -> list[FoldEvent]:
    """The facts of pair ``key`` that ``part`` is folded from, and their notes."""
    rows = snapshot_rows.typed_rows(conn, key, part_types(part), head)
    facts = [e for e in (from_row(*row) for row in rows) if belongs(part, e)]
    return facts + _closure(conn, [e.event_id for e in facts], head)


def _closure(conn: SqlConnection, subjects: list[str], head: int) -> list[FoldEvent]:
    """The notes of ``subjects`` to ``head``, and the notes of those (a retracted
    corroboration), by the dedup index's ``event_notes``."""
    found: list[FoldEvent] = []
    seen: set[str] = set(subjects)
    while subjects:
        fresh = [
            e
            for e in (from_row(*row) for row in snapshot_rows.note_rows(conn, subjects, head))
            if e.event_id not in seen
        ]
        seen.update(e.event_id for e in fresh)
        found += fresh
        subjects = [e.event_id for e in fresh]
    return found
