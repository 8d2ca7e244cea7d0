"""What changed between two states of one relationship, each judged on its own date.

Built on :func:`tracker.projections.diff` (statuses, relations, contacts, areas), with what
only a state judged on a date shows: a commitment becoming overdue (by the calendar alone),
the label, and the band of the last 90 days' tone (:func:`~tracker.projections.labels.
tone_band`). Each change comes with the events and sources of the fact it is about.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple, Protocol

from tracker.projections import (
    Agreement,
    Change,
    DiplomaticRelations,
    Membership,
    RelationshipState,
    SourceRef,
    Step,
    diff,
)
from tracker.projections.change import change
from tracker.projections.labels import Reason, tone_band
from tracker.projections.tone import active_days
from tracker.projections.view import TONE_WINDOW_DAYS, judge, judged, judged_status

__all__ = ["Evidenced", "compare", "step_ids"]

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


class CountedCommitments(ValueError):
    """The later of two states compared counts a commitment the earlier had pending."""


def compare(
    before: RelationshipState, before_day: date, after: RelationshipState, after_day: date
) -> list[Evidenced]:
    """The changes from ``before`` judged on ``before_day`` to ``after`` on ``after_day``."""
    # The label, its reason and the tone of each (what a view shows besides the facts).
    was_label, _, was_tone = judged(before, before_day)
    now_label, now_reason, now_tone = judged(after, after_day)
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
    found += _commitments(before, before_day, after, after_day)
    # What moved the tone (and a label the tone gives) is every fact that changed: they
    # date it and say when it was learned; with none, the calendar moved it.
    moved = tuple(i for item in found for i in item.event_ids)
    tone_day = _tone_moved(after, before_day, after_day).isoformat()
    if moved:
        tone_day = max(item.date for item in found)
    if was_label != now_label:
        ids, refs = _label_sources(after, now_reason)
        day = now_reason.date or tone_day
        item = change("label", before=was_label, after=now_label, date=day)
        found.append(Evidenced(item, day, ids or moved, refs))
    old_mean, new_mean = was_tone.recent.mean_goldstein, now_tone.recent.mean_goldstein
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
    days, months, years = state.tone_days, state.tone_months, state.tone_years
    moved = active_days(days, months, start, end, years)
    moved += [d + window for d in active_days(days, months, start - window, end - window, years)]
    return max(moved, default=end)


def _commitments(
    before: RelationshipState, before_day: date, after: RelationshipState, after_day: date
) -> list[Evidenced]:
    """Commitments whose judged status (overdue by the calendar too) differs.

    A state counts, rather than lists, the commitments resolved before its kept days
    (:mod:`tracker.projections.builder`): one resolved in ``before`` and not listed in
    ``after`` was counted there, unchanged (resolved is final); one pending in ``before``
    and counted in ``after`` was resolved in between, which ``after`` no longer tells:
    :class:`CountedCommitments` (fold it with ``every_commitment``)."""
    old = {c.id: c for c in before.commitments}
    new = {c.id: c for c in after.commitments}
    found = []
    for key in sorted(old.keys() | new.keys()):
        was, now = old.get(key), new.get(key)
        if was is not None and now is None:
            if was.status != "pending":
                continue  # counted in ``after``: resolved before its kept days
            if any(e.key == was.key for e in after.earlier_commitments):
                raise CountedCommitments(
                    f"the commitment {was.name!r} was resolved and counted in the later "
                    "state: compare it folded with every commitment"
                )
        was_status = judged_status(was, before_day) if was else None
        now_status = judged_status(now, after_day) if now else None
        if was_status == now_status:
            continue
        shown = judge(now, after_day) if now else judge(was, before_day) if was else None
        assert shown is not None  # the key is one of theirs
        item = change(
            "commitment",
            key=key,
            name=shown.name,
            before=was_status[0] if was_status else None,
            after=now_status[0] if now_status else None,
            date=shown.status_date,
            parties=(shown.by, shown.to),
            commitment=shown.kind,
            due=shown.due,
        )
        found.append(Evidenced(item, shown.status_date, shown.event_ids, shown.sources))
    return found


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
            steps = step_ids(fact, status)
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


def _label_sources(
    state: RelationshipState, reason: Reason
) -> tuple[tuple[str, ...], tuple[SourceRef, ...]]:
    """The events and sources of the step that gave the label (its reason's fact)."""
    fact: Agreement | Membership | DiplomaticRelations | None = None
    if reason.kind == "agreement":
        fact = next((a for a in state.agreements if a.name == reason.name), None)
    elif reason.kind == "membership":
        fact = next((m for m in state.memberships if m.organisation == reason.organisation), None)
    elif reason.kind == "relations":
        fact = state.relations
    if fact is None:
        return (), ()
    ids = step_ids(fact, fact.status) or fact.event_ids
    return ids, tuple(s for s in fact.sources if s.event_id in ids) or fact.sources


class _Stepped(Protocol):
    # A fact with its steps: frozen (its kept steps), or the fold's working record.
    @property
    def steps(self) -> Sequence[Step]: ...
    @property
    def status_date(self) -> str: ...


def step_ids(fact: _Stepped, status: str | int | None) -> tuple[str, ...]:
    """The realized steps that gave ``fact`` its ``status`` on its status date."""
    return tuple(
        s.event_id
        for s in fact.steps
        if s.status == status and s.modality == "realized" and s.date == fact.status_date
    )
