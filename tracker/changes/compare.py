"""What changed between two states of one relationship, each judged on its own date.

Built on :func:`tracker.projections.diff` (statuses, relations, contacts, areas), with what
only a state judged on a date shows: a commitment becoming overdue (by the calendar alone),
the label, and the band of the last 90 days' tone (:func:`~tracker.projections.labels.
tone_band`). Each change comes with the events and sources of the fact it is about.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from tracker.projections import (
    Agreement,
    Change,
    CommitmentView,
    DiplomaticRelations,
    Membership,
    RelationshipState,
    RelationshipView,
    SourceRef,
    diff,
    view,
)
from tracker.projections.change import change
from tracker.projections.labels import tone_band
from tracker.projections.tone import active_days
from tracker.projections.view import TONE_WINDOW_DAYS

__all__ = ["Evidenced", "compare"]

# diff's kinds that are changes a reader follows; commitments are judged here instead.
_FROM_DIFF = frozenset(
    {"agreement", "membership", "relations", "last_contact", "last_high_level_contact", "areas"}
)


class Evidenced(NamedTuple):
    """A change, its valid date, and the events and sources of the fact it is about."""

    change: Change
    date: str
    event_ids: tuple[str, ...]
    sources: tuple[SourceRef, ...]


def compare(
    before: RelationshipState, before_day: date, after: RelationshipState, after_day: date
) -> list[Evidenced]:
    """The changes from ``before`` judged on ``before_day`` to ``after`` on ``after_day``."""
    was, now = view(before, before_day), view(after, after_day)
    found: list[Evidenced] = []
    contact: Change | None = None
    for item in diff(before, after):
        if item.kind not in _FROM_DIFF:
            continue
        if item.kind == "last_contact":
            contact = item
        elif item.kind == "last_high_level_contact" and contact is not None:
            if (contact.date, contact.event_type) == (item.date, item.event_type):
                continue  # the same contact, already told as the last one
        found.append(_evidenced(item, before, after, after_day))
    found += _commitments(was, now)
    # What moved the tone (and a label the tone gives) is every fact that changed: they
    # date it and say when it was learned; with none, the calendar moved it.
    moved = tuple(i for item in found for i in item.event_ids)
    tone_day = _tone_moved(after, before_day, after_day).isoformat()
    if moved:
        tone_day = max(item.date for item in found)
    if was.label != now.label:
        reason = now.label_reason
        ids, refs = _label_sources(now)
        day = reason.date or tone_day
        item = change("label", before=was.label, after=now.label, date=day)
        found.append(Evidenced(item, day, ids or moved, refs))
    old_mean, new_mean = was.tone.recent.mean_goldstein, now.tone.recent.mean_goldstein
    old_band = tone_band(old_mean) if old_mean is not None else None
    new_band = tone_band(new_mean) if new_mean is not None else None
    if old_band != new_band:
        shift = change(
            "tone_shift", before=old_band, after=new_band, goldstein=new_mean, date=tone_day
        )
        found.append(Evidenced(shift, tone_day, moved, ()))
    return found


def _tone_moved(state: RelationshipState, start: date, end: date) -> date:
    """The last day in (start, end] the 90-day window moved: a day of events entered it,
    or the day after one left it."""
    window = timedelta(days=TONE_WINDOW_DAYS)
    days, months = state.tone_days, state.tone_months
    moved = active_days(days, months, start, end)
    moved += [d + window for d in active_days(days, months, start - window, end - window)]
    return max(moved, default=end)


def _commitments(was: RelationshipView, now: RelationshipView) -> list[Evidenced]:
    old = {c.id: c for c in was.commitments}
    new = {c.id: c for c in now.commitments}
    found = []
    for key in sorted(old.keys() | new.keys()):
        before, after = old.get(key), new.get(key)
        if _judged(before) == _judged(after):
            continue
        shown = after or before
        assert shown is not None  # the key is one of theirs
        item = change(
            "commitment",
            key=key,
            name=shown.name,
            before=before.status if before else None,
            after=after.status if after else None,
            date=shown.status_date,
            parties=(shown.by, shown.to),
            commitment=shown.kind,
            due=shown.due,
        )
        found.append(Evidenced(item, shown.status_date, shown.event_ids, shown.sources))
    return found


def _judged(commitment: CommitmentView | None) -> tuple[str, str] | None:
    return (commitment.status, commitment.status_date) if commitment else None


def _evidenced(
    item: Change, before: RelationshipState, after: RelationshipState, day: date
) -> Evidenced:
    """``item`` with the events behind it: the steps that gave the fact its new status (its
    old one, for a fact that left the state), a contact's or a new area's own events."""
    state = after if item.after is not None or item.kind == "areas" else before
    if item.kind in ("agreement", "membership", "relations"):
        fact = _lifecycle_fact(item, state)
        if fact is not None:
            status = item.after if item.after is not None else item.before
            steps = _step_ids(fact, status)
            return _with(item, item.date or day.isoformat(), steps or fact.event_ids, fact)
    if item.kind in ("last_contact", "last_high_level_contact"):
        contact = getattr(state, item.kind)
        if contact is not None:
            return _with(item, contact.date, contact.event_ids, contact)
    if item.kind == "areas":
        areas = [a for a in after.areas if a.area in item.added] or [
            a for a in before.areas if a.area in item.removed
        ]
        ids = tuple(i for a in areas for i in a.event_ids)
        refs = tuple(s for a in areas for s in a.sources)
        first = max((a.first_date for a in areas), default=day.isoformat())
        return Evidenced(item, first, ids, refs)
    return Evidenced(item, item.date or day.isoformat(), (), ())


def _lifecycle_fact(
    item: Change, state: RelationshipState
) -> Agreement | Membership | DiplomaticRelations | None:
    if item.kind == "relations":
        return state.relations
    facts: tuple[Agreement, ...] | tuple[Membership, ...] = (
        state.agreements if item.kind == "agreement" else state.memberships
    )
    return next((f for f in facts if f.key == item.key), None)


def _with(item: Change, day: str, ids: tuple[str, ...], fact: object) -> Evidenced:
    sources: tuple[SourceRef, ...] = getattr(fact, "sources", ())
    chosen = tuple(s for s in sources if s.event_id in ids) or sources
    return Evidenced(item, day, ids, chosen)


def _label_sources(now: RelationshipView) -> tuple[tuple[str, ...], tuple[SourceRef, ...]]:
    """The events and sources of the step that gave the label (its reason's fact)."""
    reason = now.label_reason
    fact: Agreement | Membership | DiplomaticRelations | None = None
    if reason.kind == "agreement":
        fact = next((a for a in now.agreements if a.name == reason.name), None)
    elif reason.kind == "membership":
        fact = next((m for m in now.memberships if m.organisation == reason.organisation), None)
    elif reason.kind == "relations":
        fact = now.relations
    if fact is None:
        return (), ()
    ids = _step_ids(fact, fact.status) or fact.event_ids
    return ids, tuple(s for s in fact.sources if s.event_id in ids) or fact.sources


def _step_ids(
    fact: Agreement | Membership | DiplomaticRelations, status: str | int | None
) -> tuple[str, ...]:
    """The realized steps that gave ``fact`` its ``status`` on its status date."""
    return tuple(
        s.event_id
        for s in fact.steps
        if s.status == status and s.modality == "realized" and s.date == fact.status_date
    )
