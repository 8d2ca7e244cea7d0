"""News about the past: a fact dated before a state's last one, folded in by the facts it touches.

A relationship's state is a composition of independent folds, one per fact: each agreement
(by its key), each membership (by its organisation), the diplomatic relations and each
commitment (by the key that resolves it) are folded from their own events only; the rest
are aggregates that do not depend on the order of the events (the tone's sums by day, the
count of facts) or that keep an extreme of it (the first event naming an area, the last
contact and the last high-level one). So a late fact changes only the facts it belongs to
(:func:`parts`), which are folded again from their own events (the caller reads them, with
their notes), and its own share of the aggregates, compared or added (:func:`patch`); the
pair is not folded again. Equal to a fold from the start: tests/integration/test_late_fold.py.

The same refold serves an annotation that a state resumed from a frozen one cannot place: a
frozen fact lists a bounded set of its events (:class:`tracker.projections.records.Sourced`),
so a further source of an event it left out is folded in by folding that fact again
(:func:`unsure_parts`, :func:`refold`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from functools import cache

from events import event_types
from tracker.projections import records
from tracker.projections.builder import StateBuilder, formal_name_order
from tracker.projections.commitments import CommitmentBook, plan_key, pledge_key
from tracker.projections.fold_event import FoldEvent, span_start
from tracker.projections.folding import select
from tracker.projections.ordering import FoldKey, fact_key, fold_key
from tracker.projections.records import RELATIONS_KEY, CommitmentRecord, Sourced
from tracker.projections.state import Step

__all__ = ["KeyOf", "Part", "belongs", "part_types", "parts", "patch", "refold", "unsure_parts"]

# (what, key): ("agreement", its key), ("membership", the organisation), ("relations", ...),
# ("commitment", the key that resolves it: pledge:... or planned:...).
Part = tuple[str, str]
# The fold key of a logged event, by its id (the caller looks it up in the log).
KeyOf = Callable[[str], FoldKey]


@cache
def _family_types(family: str) -> tuple[str, ...]:
    return tuple(
        sorted(name for name, cls in event_types().items() if getattr(cls, "family", "") == family)
    )


def parts(builder: StateBuilder, event: FoldEvent) -> list[Part]:
    """The facts of ``builder``'s state that fact ``event`` belongs to, folded by key."""
    family = event.family
    found: list[Part] = []
    if family == "agreement" or family == "membership":
        found.append((family, event.object_key))
    elif family == "relations":
        found.append(("relations", RELATIONS_KEY))
    if family == "commitment":
        found.append(("commitment", pledge_key(event)))
        return found
    key = plan_key(event)
    # Any act may resolve a plan of its key; one that is no plan itself changes nothing
    # when no plan of its key was ever made (listed, or counted as resolved earlier).
    if (
        event.modality == "planned"
        or key in builder.earlier
        or any(c.key == key for c in builder.commitments.all)
    ):
        found.append(("commitment", key))
    return found


def part_types(part: Part) -> tuple[str, ...]:
    """The event types whose events may belong to ``part`` (for an indexed read)."""
    what, key = part
    if what == "commitment":
        return _family_types("commitment") if key.startswith("pledge:") else (key.split(":")[1],)
    return _family_types(what)


def belongs(part: Part, event: FoldEvent) -> bool:
    """Whether fact ``event`` is one of the events ``part`` is folded from."""
    what, key = part
    family = event.family
    if what == "commitment":
        if key.startswith("pledge:"):
            return family == "commitment" and pledge_key(event) == key
        return family != "commitment" and plan_key(event) == key
    return family == what and (what == "relations" or event.object_key == key)


def patch(
    builder: StateBuilder,
    event: FoldEvent,
    notes: Sequence[FoldEvent],
    groups: Callable[[list[Part]], Mapping[Part, Sequence[FoldEvent]]],
    key_of: KeyOf,
) -> None:
    """Fold late fact ``event`` into ``builder``, which holds every other fact to fold.

    ``notes``: the annotations and retractions that name ``event`` (and those naming them);
    ``groups(parts)``: for each of the parts asked (of :func:`parts`), every fact of the
    pair that belongs to it (``event`` too) with their annotations and retractions; asked
    only for the parts that must be folded again (a step of an agreement whose record says
    enough is put into it, :func:`_step_put`).
    """
    alone = StateBuilder(builder.relationship, narrate=False)
    for e in select([event, *notes]):
        alone.add(e)
    if not alone.facts:
        return  # retracted: folded by nobody
    builder.facts += 1
    for day, counts in alone.tone.items():  # sums: in any order
        kept = builder.tone.setdefault(day, [0, 0, 0, 0, 0])
        for i, count in enumerate(counts):
            kept[i] += count
    at = fold_key(event)
    for area, record in alone.areas.items():  # the first event naming it
        known = builder.areas.get(area)
        if known is None or at < key_of(_only(known)):
            builder.areas[area] = record
    contact, high = builder.last_contact, builder.last_high_level_contact
    if alone.last_contact is not None and (contact is None or at > key_of(_only(contact))):
        builder.last_contact = alone.last_contact
    if alone.last_high_level_contact is not None and (high is None or at > key_of(_only(high))):
        builder.last_high_level_contact = alone.last_high_level_contact
    wanted = [p for p in parts(builder, event) if not _put_alone(builder, p, event, alone, key_of)]
    if wanted:
        refold(builder, groups(wanted), key_of)


def _put_alone(
    builder: StateBuilder, part: Part, event: FoldEvent, alone: StateBuilder, key_of: KeyOf
) -> bool:
    """Whether late fact ``event`` was put into ``part`` without folding the part again."""
    return _step_put(builder, part, event, alone, key_of) or _pledge_put(
        builder, part, event, alone, key_of
    )


def _step_put(
    builder: StateBuilder, part: Part, event: FoldEvent, alone: StateBuilder, key_of: KeyOf
) -> bool:
    """Put late step ``event`` of an agreement (folded ``alone`` with its notes) into the
    agreement's record without folding it again, where the record says enough; False: fold
    it again from its events.

    An agreement's record is a function of its steps in fold order: its status that of the
    last realized one (else "negotiating" since the first), its name the most formal, its
    steps, ids and sources kept by :class:`.records.LifecycleRecord`. A late step goes in
    its place among the steps kept (and its id among the ids, which a snapshot keeps every
    one of); it moves the status when it is the last realized one. Not put, the record
    folded again: a new status date on which the record may have left out a step (it keeps
    the first step and the latest few, and the status date's realized ones: a step left out
    lies between) or holds another realized step, whose sources it may have cut.
    """
    what, key = part
    if what != "agreement":
        return False
    theirs = alone.agreements.get(key)
    mine = builder.agreements.get(key)
    if theirs is None or len(theirs.steps) != 1:
        return False
    if mine is None:
        builder.agreements[key] = theirs
        return True
    steps = mine.steps
    if event.event_id in mine.event_ids:
        return False
    ids_of_steps = [s.event_id for s in steps] == list(mine.event_ids)
    left_out = len(steps) < len(mine.event_ids) + mine.dropped_ids  # steps not kept
    step = theirs.steps[0]
    at = step_key(step)
    keys = [step_key(s) for s in steps]
    realized = [k for k, s in zip(keys, steps, strict=True) if s.modality == "realized"]
    status, status_date = mine.status, mine.status_date
    if step.modality == "realized" and (not realized or at > max(realized)):
        window = keys[max(0, len(keys) - records.BOUNDS.steps)]
        same_day = [s for s in steps if s.date == step.date and s.modality == "realized"]
        if same_day or (left_out and at[0] <= window[0]):
            return False
        status, status_date = step.status, step.date
    elif not realized and at < keys[0]:
        status_date = step.date  # no realized step: dated by its first
    placed = sorted([*steps, step], key=step_key)
    mine.steps = placed
    if ids_of_steps:
        mine.event_ids = dict.fromkeys(s.event_id for s in placed)
    else:
        mine.event_ids = _id_placed(mine.event_ids, event.event_id, at, key_of, 0)
    mine.status, mine.status_date = status, status_date
    mine.name = max(mine.name, theirs.name, key=formal_name_order)
    mine.refs |= theirs.refs
    mine.articles |= theirs.articles
    mine.confirmed = mine.confirmed or theirs.confirmed
    mine.dropped += theirs.dropped
    return True


def _pledge_put(
    builder: StateBuilder, part: Part, event: FoldEvent, alone: StateBuilder, key_of: KeyOf
) -> bool:
    """Put late pledge ``event`` (folded ``alone`` with its notes) into the commitments of its
    key without folding them again, where their records say enough; False: fold them again.

    A pledge's events in fold order make its records: a pledge opens one, or restates the
    one pending (its due date the latest given); a report that it was kept or not resolves
    it. Put: a pledge that moves nothing (neither realized nor planned); one restating a
    record it falls within, without a due date of its own (which a later restatement may or
    may not override); one opening a record after every record of its key, all resolved;
    and one before a pending record's opening (with no resolution between), which then
    opens that record (its id, date, parties, name and note; its due date the record's
    unless the record has none)."""
    what, key = part
    if what != "commitment" or not key.startswith("pledge:"):
        return False
    if event.event_type != "PledgeMade":
        # A report that it was kept or not moves it when realized (or a denied fulfilment);
        # else nothing (CommitmentBook.pledge). Moving it may split a record: fold again.
        kept = event.event_type == "PledgeFulfilled"
        return event.modality != "realized" and not (event.modality == "negated" and kept)
    if event.modality not in ("realized", "planned"):
        return True  # moves no commitment
    if key in builder.earlier:
        return False  # records of its key counted, not listed: they cannot say enough
    (theirs,) = alone.commitments.all
    book = builder.commitments
    mine = [c for c in book.all if c.key == key]
    at = fold_key(event)
    if any(event.event_id in c.event_ids for c in mine):
        return False
    ends = [(key_of(c.id), _closed(c, key_of)) for c in mine]
    for record, (opened, closed) in zip(mine, ends, strict=True):
        if opened < at and (closed is None or at < closed):  # within it: a restatement
            if event.due or event.due_end:
                return False
            _take_in_place(record, event.event_id, at, theirs, key_of)
            return True
    later = [r for r, (opened, _) in zip(mine, ends, strict=True) if opened > at]
    if not later:  # after every record of its key, each resolved: a new one
        _insert(book, theirs, at, key_of)
        builder.commitments = CommitmentBook(book.all)
        return True
    first = later[0]
    before = [closed for (opened, closed) in ends if opened < at]
    if first.status != "pending" or any(c is not None and c > at for c in before):
        return False
    # It opens the pending record that followed it (no resolution between).
    merged = theirs
    merged.due = first.due or theirs.due
    merged.due_end = first.due_end or theirs.due_end
    merged.event_ids = {event.event_id: None, **first.event_ids}
    merged.refs |= first.refs
    merged.articles |= first.articles
    merged.confirmed = merged.confirmed or first.confirmed
    merged.dropped += first.dropped
    merged.dropped_ids = first.dropped_ids
    book.all.remove(first)
    _insert(book, merged, at, key_of)
    builder.commitments = CommitmentBook(book.all)
    return True


def _closed(record: CommitmentRecord, key_of: KeyOf) -> FoldKey | None:
    """The fold key of the event that resolved ``record`` (its last), None while pending."""
    return None if record.status == "pending" else key_of(next(reversed(record.event_ids)))


def _take_in_place(
    record: CommitmentRecord, event_id: str, at: FoldKey, alone: CommitmentRecord, key_of: KeyOf
) -> None:
    """Take the sources of ``alone`` (one event's record) into ``record``, its id in its
    place by fold key among the ids the record keeps."""
    record.event_ids = _id_placed(record.event_ids, event_id, at, key_of, 1)
    record.refs |= alone.refs
    record.articles |= alone.articles
    record.confirmed = record.confirmed or alone.confirmed
    record.dropped += alone.dropped


def _id_placed(
    ids: dict[str, None], event_id: str, at: FoldKey, key_of: KeyOf, low: int
) -> dict[str, None]:
    """``ids`` (in fold order) with ``event_id`` (at ``at``) in its place, from ``low`` on."""
    listed = list(ids)
    listed.insert(bisect_left(listed, at, low, key=key_of), event_id)
    return dict.fromkeys(listed)


def _insert(book: CommitmentBook, record: CommitmentRecord, at: FoldKey, key_of: KeyOf) -> None:
    """Put ``record`` (opened at ``at``) in its place among the commitments, which are
    listed in the fold order of the events that opened them."""
    _placed(book.all, record, at, lambda c: key_of(c.id))


def _placed(
    listed: list[CommitmentRecord],
    record: CommitmentRecord,
    at: FoldKey,
    opened: Callable[[CommitmentRecord], FoldKey],
) -> None:
    """Insert ``record`` (opened at ``at``) into ``listed`` (by when each was opened)."""
    listed.insert(bisect_left(listed, at, key=opened), record)


def step_key(step: Step) -> FoldKey:
    """The fold key of the event behind a lifecycle step."""
    return fact_key(span_start(step.date), step.modality, step.event_type, step.event_id)


def refold(
    builder: StateBuilder, groups: Mapping[Part, Sequence[FoldEvent]], key_of: KeyOf
) -> None:
    """Fold each part of ``groups`` again from its events (every fact that belongs to it,
    with their annotations and retractions) and put it into ``builder``."""
    for part, group in groups.items():
        folded = StateBuilder(builder.relationship, narrate=False)
        for e in select(group):
            folded.add(e)
        _put(builder, folded, part, group, key_of)


def unsure_parts(builder: StateBuilder, subject: FoldEvent) -> list[Part]:
    """The facts of ``builder`` that fact ``subject`` may belong to though they do not list
    it (thawed from a frozen state that left it out): an annotation of ``subject`` must fold
    them again."""
    event_id = subject.event_id
    return [
        part
        for part in parts(builder, subject)
        if any(r.dropped_ids and event_id not in r.event_ids for r in _records(builder, part))
    ]


def _records(builder: StateBuilder, part: Part) -> list[Sourced]:
    what, key = part
    if what == "commitment":
        return [c for c in builder.commitments.all if c.key == key]
    if what == "relations":
        return [builder.relations] if builder.relations is not None else []
    found = (builder.agreements if what == "agreement" else builder.memberships).get(key)
    return [found] if found is not None else []


def _only(fact: Sourced) -> str:
    # An area or a contact is the record of one event (annotations add sources, not ids).
    return next(iter(fact.event_ids))


def _put(
    builder: StateBuilder,
    folded: StateBuilder,
    part: Part,
    group: Sequence[FoldEvent],
    key_of: KeyOf,
) -> None:
    """Put ``part`` as ``folded`` has it into ``builder``."""
    what, key = part
    if what == "relations":
        builder.relations = folded.relations
        return
    if what == "agreement" or what == "membership":
        mine, theirs = (
            (builder.agreements, folded.agreements)
            if what == "agreement"
            else (builder.memberships, folded.memberships)
        )
        if key in theirs:
            mine[key] = theirs[key]
        else:
            mine.pop(key, None)
        return
    # Commitments are listed in the fold order of the events that opened them.
    opened = {e.event_id: fold_key(e) for e in group if e.kind == "fact"}

    def opening(record_id: str) -> FoldKey:
        found = opened.get(record_id)
        return found if found is not None else key_of(record_id)

    listed = [c for c in builder.commitments.all if c.key != key]
    # Every commitment of the key is folded again: those counted earlier are counted
    # again when the state is built.
    builder.earlier.pop(key, None)
    for record in folded.commitments.all:
        _placed(listed, record, opened[record.id], lambda c: opening(c.id))
    builder.commitments = CommitmentBook(listed)
