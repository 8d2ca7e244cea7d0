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
"""

from __future__ import annotations

from collections.abc import Sequence

from tracker.projections import RelationshipState, StateBuilder
from tracker.projections.fold_event import FoldEvent, from_row
from tracker.projections.late import Part, belongs, part_types, parts, patch
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
    if late:
        found: dict[str, FoldKey] = {}

        def key_of(event_id: str) -> FoldKey:
            if event_id not in found:
                row = snapshot_rows.id_row(conn, event_id)
                if row is None:
                    raise LookupError(f"event {event_id} is not in the log")
                found[event_id] = fold_key(from_row(*row))
            return found[event_id]

        for fact in late:
            key = stored.relationship
            groups = {part: _group(conn, key, part, head) for part in parts(builder, fact)}
            patch(builder, fact, notes, groups, key_of)
    return builder.build(), late


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
