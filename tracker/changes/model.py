"""A change of one relationship, as the changes commands, the feed and the watches see it.

A :class:`StateChange` is a :class:`~tracker.projections.Change` (the record the fold and
:func:`~tracker.projections.diff` report, in identifiers) placed in a relationship, with the
valid date it took effect, when the log learned it, the events behind it and the articles
that reported them. Its ``id`` is derived from what changed, never from the window it was
found in, so the same change has the same id in every answer, across rebuilds too.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from tracker.projections import Change
from tracker.web.sources import CitedSource

__all__ = ["KINDS", "ChangeFilter", "StateChange", "WatchKind", "change_id", "kind_of"]

WatchKind = Literal[
    "label", "agreement", "membership", "relations", "commitment", "contact", "area", "tone"
]
# The kinds a reader filters by (``--kind``), from the change records' kinds.
KINDS: dict[str, WatchKind] = {
    "label": "label",
    "agreement": "agreement",
    "membership": "membership",
    "relations": "relations",
    "commitment": "commitment",
    "last_contact": "contact",
    "last_high_level_contact": "contact",
    "areas": "area",
    "tone_shift": "tone",
}


def kind_of(change: Change) -> WatchKind:
    """The reader's kind of a change record (``contact`` for either last contact)."""
    return KINDS[change.kind]


class StateChange(BaseModel):
    """One change of one relationship's state, with when it happened and when it was learned."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str  # stable: see change_id
    relationship: str
    kind: WatchKind
    change: Change
    date: str  # the valid date it took effect (as precise as the news)
    learned_at: datetime  # when the log learned it (a change by the calendar: that day)
    removed: bool  # a fact the log no longer holds (retracted)
    event_ids: tuple[str, ...]
    sources: tuple[CitedSource, ...]


class ChangeFilter(BaseModel):
    """Which changes a reader or a watch wants: all, or of these actors, pair or kinds."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    actors: tuple[str, ...] = ()
    relationship: str | None = None
    kinds: tuple[WatchKind, ...] = ()

    def keys(self, key: str) -> bool:
        """Whether relationship ``key`` may hold wanted changes."""
        if self.relationship is not None and key != self.relationship:
            return False
        return not self.actors or any(a in key.split("-") for a in self.actors)

    def wants(self, change: StateChange) -> bool:
        """Whether ``change`` is wanted."""
        return self.keys(change.relationship) and (not self.kinds or change.kind in self.kinds)


def change_id(relationship: str, change: Change, date: str) -> str:
    """An id from what changed (``urn:uuid:``, as Atom wants): the relationship, the fact,
    its new status and date. The status it moved from is left out: a window that starts
    later sees the same step from another status, and it is still the same change."""
    parts = [
        relationship,
        change.kind,
        change.key or change.name,
        str(change.after),
        date,
        ",".join(change.added),
        ",".join(change.removed),
    ]
    if change.after is None:
        parts.append(f"removed {change.before}")
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"urn:uuid:{digest[:8]}-{digest[8:12]}-5{digest[13:16]}-a{digest[17:20]}-{digest[20:32]}"
