"""Commitments within one fold: pledges and plans, and the events that fulfil or fail them.

The rules are those of :mod:`tracker.projections.builder` ("Commitments").
"""

from __future__ import annotations

from tracker.projections.change import Change, change
from tracker.projections.fold_event import FoldEvent
from tracker.projections.records import CommitmentRecord

__all__ = ["CommitmentBook", "plan_key", "pledge_key"]


def pledge_key(event: FoldEvent) -> str:
    """The key of the pledge a commitment event is about."""
    return f"pledge:{event.object_key}"


def plan_key(event: FoldEvent) -> str:
    """The key of the plan an event of any other family opens, restates or resolves."""
    return f"planned:{event.event_type}:{_parties(event)}:{event.object_key}"


def _parties(event: FoldEvent) -> str:
    a, b = (event.source, event.target)
    return f"{'-'.join(sorted((a, b)))}" if event.symmetric else f"{a}->{b}"


class CommitmentBook:
    """Every commitment of a relationship, and the open ones by the key that resolves them."""

    def __init__(self, records: list[CommitmentRecord] | None = None) -> None:
        self.all: list[CommitmentRecord] = records or []
        self.open = {c.key: c for c in self.all if c.status == "pending"}
        # How many plans are open per event type: most events resolve none, and this lets
        # them skip building the key (a rebuild asks once per event).
        self.planned_types: dict[str, int] = {}
        for record in self.open.values():
            if record.kind == "planned":
                self._count(record.key, 1)

    def _count(self, key: str, step: int) -> None:
        event_type = key.split(":", 2)[1]
        self.planned_types[event_type] = self.planned_types.get(event_type, 0) + step

    def pledge(self, event: FoldEvent) -> list[Change]:
        """A pledge, or a report that one was fulfilled or not kept."""
        key = pledge_key(event)
        pending = self.open.get(key)
        if event.event_type == "PledgeMade":
            if event.modality not in ("realized", "planned"):
                return []
            if pending is not None:
                pending.take(event)
                pending.due, pending.due_end = (
                    event.due or pending.due,
                    event.due_end or pending.due_end,
                )
                return [_changed(pending, event, "pending")]
            return [self._open(event, key, "pledge", event.name)]
        kept = event.event_type == "PledgeFulfilled"
        if event.modality == "realized":
            outcome = "fulfilled" if kept else "failed"
        elif event.modality == "negated" and kept:
            outcome = "failed"
        else:
            return []
        if pending is None:
            # The outcome is reported, the pledge itself never was: record both at once.
            self._open(event, key, "pledge", event.name)
            pending = self.open[key]
        return [self._resolve(pending, event, outcome)]

    def plan(self, event: FoldEvent) -> list[Change]:
        """A planned act opens a commitment; a later act of the same key resolves it."""
        if event.modality != "planned" and not self.planned_types.get(event.event_type):
            return []
        parties = _parties(event)
        key = f"planned:{event.event_type}:{parties}:{event.object_key}"
        pending = self.open.get(key)
        if event.modality == "planned":
            if pending is not None:
                pending.take(event)
                pending.due, pending.due_end = (
                    event.due or pending.due,
                    event.due_end or pending.due_end,
                )
                return []
            name = f"{event.event_type} {parties}" + (f' "{event.name}"' if event.name else "")
            return [self._open(event, key, "planned", name)]
        if pending is None:
            return []
        return [
            self._resolve(pending, event, "fulfilled" if event.modality == "realized" else "failed")
        ]

    def _open(self, event: FoldEvent, key: str, kind: str, name: str) -> Change:
        record = CommitmentRecord(
            id=event.event_id,
            key=key,
            name=name,
            kind=kind,
            by=event.source,
            to=event.target,
            made=event.occurred,
            due=event.due,
            due_end=event.due_end,
            note=event.note,
        )
        record.take(event)
        self.all.append(record)
        self.open[key] = record
        if kind == "planned":
            self._count(key, 1)
        return _changed(record, event, None)

    def _resolve(self, record: CommitmentRecord, event: FoldEvent, outcome: str) -> Change:
        record.status, record.status_date = outcome, event.occurred
        record.take(event)
        del self.open[record.key]
        if record.kind == "planned":
            self._count(record.key, -1)
        return _changed(record, event, "pending")


def _changed(record: CommitmentRecord, event: FoldEvent, before: str | None) -> Change:
    """A commitment opened (``before`` None), restated or resolved by ``event``."""
    return change(
        "commitment",
        key=record.id,
        name=record.name,
        before=before,
        after=record.status,
        date=event.occurred,
        event_type=event.event_type,
        modality=event.modality,
        parties=(record.by, record.to),
        commitment=record.kind,
        due=record.due,
    )
