"""A quiet window: the state before it from the stored state after it, folding little.

The states of a relationship as of D1 and as of D2 (both as known now) differ only by the
facts dated in (D1, D2]. When each of them is a realized stance, measure, contact or
agreement step (no membership, relations or commitment step, nothing planned, denied or
failed: those open, restate or resolve commitments) and no commitment was resolved in the
window (a realized act resolves the plan that waited for it), the state as of D1 is the
stored state as of D2 with

- the areas those acts named first taken out;
- its agreements and last contacts, if the window has such steps, folded as of D1 from the
  pair's agreement and contact events alone (with every annotation): nothing else moves them.

:func:`~tracker.changes.compare.compare` reads nothing else of it that differs: its tone is
read up to D1 (the stored state keeps those days one by one, or this path is not taken), its
commitments are untouched, and the count of events it rests on is no change.
``happened(fast=False)`` folds every pair instead; tests hold the two equal.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from events import DiplomaticEvent, event_types
from tracker.changes.compare import Evidenced
from tracker.projections import RelationshipState, fold, from_row
from tracker.projections.tone import totals
from tracker.projections.view import TONE_WINDOW_DAYS
from tracker.store import EventStore, change_rows, snapshot_rows
from tracker.store.protocol import LogStore

__all__ = ["quiet_window", "recorded_at"]

# The families of the facts a quiet window may hold, and what the state before it refolds.
_QUIET = frozenset({"stance", "contact", "agreement"})
_REFOLDED = ("contact", "agreement")


def quiet_window(
    store: LogStore, key: str, since: date, after: RelationshipState
) -> RelationshipState | None:
    """Relationship ``key`` as of ``since``, from ``after`` (its stored state, as of the
    window's end) when the window is quiet (see the module docstring); None: fold it."""
    if not isinstance(store, EventStore):
        return None  # the window's rows are read by SQL on the file; a server's pairs fold
    try:  # the 90 days before ``since`` are kept one by one
        totals(after.tone_days, after.tone_months, since - timedelta(TONE_WINDOW_DAYS), since)
    except ValueError:
        return None
    last = after.last_occurred
    families: set[str] = set()
    if last is not None and last > since:
        head = store.head()
        rows = snapshot_rows.rows_after(
            store.conn, key, head, head, since.isoformat(), last.isoformat()
        )
        if any(c.status != "pending" and _start(c.status_date) > since for c in after.commitments):
            return None  # resolved in the window (by an act a plan waited for, say)
        for row in rows:
            event = from_row(*row)
            if event.kind != "fact":
                continue
            if event.family not in _QUIET or event.modality != "realized":
                return None
            families.add(event.family)
    update: dict[str, Any] = {
        "areas": tuple(a for a in after.areas if _start(a.first_date) <= since)
    }
    if families & set(_REFOLDED):
        rows = change_rows.typed_rows(store.conn, key, since, _refolded_types())
        part = fold(key, [from_row(*r) for r in rows], as_of=since)
        update["agreements"] = part.agreements
        update["last_contact"] = part.last_contact
        update["last_high_level_contact"] = part.last_high_level_contact
    return after.model_copy(update=update)


@cache
def _refolded_types() -> frozenset[str]:
    """The event types a state's agreements and contacts are folded from: the agreement
    and contact steps, and every annotation (corroborations, confirmations, retractions)."""
    return frozenset(
        name
        for name, cls in event_types().items()
        if not issubclass(cls, DiplomaticEvent) or cls.family in _REFOLDED
    )


def recorded_at(store: LogStore, items: list[Evidenced]) -> dict[str, datetime]:
    """When the log learned each event the changes rest on."""
    wanted = {i for item in items for i in item.event_ids}
    if isinstance(store, EventStore):  # a few queries for them all
        times = change_rows.recorded_times(store.conn, wanted)
        return {i: datetime.fromisoformat(text) for i, text in times.items()}
    found: dict[str, datetime] = {}
    for event_id in wanted:
        row = store.row_of(event_id)
        if row is not None:
            found[event_id] = datetime.fromisoformat(row[1])
    return found


def _start(text: str) -> date:
    """The first day of a FuzzyDate's text (``2025-02`` starts on 2025-02-01)."""
    return date.fromisoformat((text + "-01-01")[:10])
