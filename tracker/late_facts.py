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
from datetime import date

from tracker.projections import StateBuilder, select
from tracker.projections.fold_event import FoldEvent, from_row
from tracker.projections.late import (
    Part,
    belongs,
    part_types,
    patch,
    refold,
    unsure_parts,
)
from tracker.projections.ordering import FoldKey, fold_key
from tracker.store import snapshot_rows
from tracker.store.side import SqlConnection

__all__ = ["fold_batch"]


def fold_batch(
    conn: SqlConnection,
    builder: StateBuilder,
    events: Sequence[FoldEvent],
    head: int,
    through: date | None = None,
) -> StateBuilder | None:
    """``builder`` (thawed from the stored state) with ``events`` (the pair's events logged
    after it, to ``head``) folded in; None, the builder untouched, when the batch must be
    folded again from the log (a retraction). The dedup index must hold the log to
    ``head``. ``through``: the builder is a state as of that day (a snapshot folded on to
    it), and ``events`` are those a fold as of that day takes (:func:`select`): the facts a
    late one belongs to are read through it."""
    if any(e.kind == "retracted" for e in events):
        return None
    facts = sorted((e for e in events if e.kind == "fact"), key=fold_key)
    last = builder.last_key
    late = [e for e in facts if last is not None and fold_key(e) <= last]
    timely = facts[len(late) :]  # sorted: the late ones come first
    # The log refuses a note of an event it does not hold, so the notes of the batch's
    # facts are in the batch (or come later, and find them in the state).
    notes = [e for e in events if e.kind != "fact"]
    builder.narrate = False
    for fact in timely:
        builder.add(fact)
    for note in notes:
        builder.add(note)
    logged = _Logged(conn)
    groups = _Groups(conn, builder.relationship, head, through)
    for fact in late:
        patch(builder, fact, notes, groups.of, logged.key_of)
    # A fact of the batch is listed by the facts it belongs to (taken, or folded again
    # above), so only annotations of older events may need their facts folded again.
    _resolve(builder, {e.event_id for e in facts}, logged, groups)
    return builder


def _resolve(
    builder: StateBuilder, folded: Collection[str], logged: _Logged, groups: _Groups
) -> None:
    """Fold again, from the log, the facts of ``builder`` that its
    :attr:`~StateBuilder.unresolved` annotations may be about, but for annotations of
    ``folded`` (facts folded in after it was thawed, which the facts they belong to
    list). The dedup index must hold the log to the groups' head."""
    notes = [n for n in builder.unresolved if n.subject not in folded]
    builder.unresolved = []
    if not notes:
        return
    wanted: set[Part] = set()
    for note in notes:
        subject = logged.event(str(note.subject))
        if subject.kind == "fact":
            wanted.update(unsure_parts(builder, subject))
    refold(builder, groups.of(sorted(wanted)), logged.key_of)


class _Groups:
    """The facts each part is folded from (:func:`_group`), each read once per batch: late
    facts of one agreement or commitment share its events."""

    def __init__(self, conn: SqlConnection, key: str, head: int, through: date | None) -> None:
        self.conn, self.key, self.head, self.through = conn, key, head, through
        self.read: dict[Part, list[FoldEvent]] = {}

    def of(self, wanted: list[Part]) -> dict[Part, list[FoldEvent]]:
        for part in wanted:
            if part not in self.read:
                self.read[part] = _group(self.conn, self.key, part, self.head, self.through)
        return {part: self.read[part] for part in wanted}


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


def _group(
    conn: SqlConnection, key: str, part: Part, head: int, through: date | None = None
) -> list[FoldEvent]:
    """The facts of pair ``key`` that ``part`` is folded from, and their notes (``through``:
    of a fold as of that day)."""
    day = through.isoformat() if through else None
    rows = snapshot_rows.typed_rows(conn, key, part_types(part), head, day)
    facts = [e for e in (from_row(*row) for row in rows) if belongs(part, e)]
    group = facts + _closure(conn, [e.event_id for e in facts], head)
    return group if through is None else select(group, as_of=through)


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
