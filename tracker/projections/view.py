"""A state as read on a date: commitments judged overdue or not, tone windows, label, sources.

:func:`view` turns a folded :class:`RelationshipState` into a :class:`RelationshipView`,
the answer to "what was the state between A and B on D, known at T, and why?". This is
the shape the CLI prints (``--json``), the Python API returns and the web page renders.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from tracker.projections.heads import StateHeads
from tracker.projections.labels import Reason, label
from tracker.projections.state import (
    Agreement,
    AreaFirstSeen,
    Commitment,
    Contact,
    DiplomaticRelations,
    EarlierCommitments,
    Membership,
    RelationshipState,
    SourceRef,
)
from tracker.projections.tone import QUADS, totals

__all__ = [
    "TONE_WINDOW_DAYS",
    "CommitmentView",
    "RelationshipView",
    "Tone",
    "ToneFigures",
    "judge",
    "judged",
    "judged_status",
    "view",
]

TONE_WINDOW_DAYS = 90


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CommitmentView(_Frozen):
    """A commitment as of the query date: ``overdue`` once its due date has passed unmet."""

    id: str
    name: str
    kind: Literal["pledge", "planned"]
    by: str
    to: str
    made: str
    due: str | None
    status: Literal["pending", "fulfilled", "overdue", "failed"]
    status_date: str
    note: str | None
    event_ids: tuple[str, ...]
    sources: tuple[SourceRef, ...]
    confirmed: bool
    confidence: float | None
    independent_sources: int


class ToneFigures(_Frozen):
    """Realized events by quad class and their mean Goldstein value (None when no events)."""

    events: int
    counts: dict[str, int]
    mean_goldstein: float | None


class Tone(_Frozen):
    """Tone over the ``window_days`` up to and including the as-of date, and overall."""

    window_days: int
    recent: ToneFigures
    overall: ToneFigures


class RelationshipView(_Frozen):
    """The state of a relationship as of a valid date, as known at a time, with its sources."""

    relationship: str
    actors: tuple[str, str]
    as_of: date
    known_at: datetime | None  # None: everything the log knows now
    label: str
    label_reason: Reason
    agreements: tuple[Agreement, ...]
    memberships: tuple[Membership, ...]
    relations: DiplomaticRelations | None
    commitments: tuple[CommitmentView, ...]
    # Those resolved before the state's kept days, counted by key (see .builder).
    earlier_commitments: tuple[EarlierCommitments, ...] = ()
    last_contact: Contact | None  # of any level
    last_high_level_contact: Contact | None
    areas: tuple[AreaFirstSeen, ...]
    tone: Tone
    sources: tuple[SourceRef, ...]
    events: int  # diplomatic events folded in


def view(
    state: RelationshipState, as_of: date, known_at: datetime | None = None
) -> RelationshipView:
    """Judge ``state`` on ``as_of``: overdue commitments, tone windows, label, all sources."""
    name, reason, tone = judged(state, as_of)
    first, second = state.relationship.split("-")
    return RelationshipView(
        relationship=state.relationship,
        actors=(first, second),
        as_of=as_of,
        known_at=known_at,
        label=name,
        label_reason=reason,
        agreements=state.agreements,
        memberships=state.memberships,
        relations=state.relations,
        commitments=tuple(judge(c, as_of) for c in state.commitments),
        earlier_commitments=state.earlier_commitments,
        last_contact=state.last_contact,
        last_high_level_contact=state.last_high_level_contact,
        areas=state.areas,
        tone=tone,
        sources=_all_sources(state),
        events=state.facts,
    )


def judged(state: RelationshipState | StateHeads, as_of: date) -> tuple[str, Reason, Tone]:
    """The label, the reason for it, and the tone of ``state`` on ``as_of``.

    All the list of relations shows besides the last contacts, so it takes a state's heads
    (:mod:`.heads`) as well as a whole state.
    """
    window_start = as_of - timedelta(days=TONE_WINDOW_DAYS)
    days, months, years = state.tone_days, state.tone_months, state.tone_years
    recent = _figures(*totals(days, months, window_start, as_of, years))
    overall = _figures(*totals(days, months, None, as_of, years))
    name, reason = label(
        state.agreements,
        state.memberships,
        recent.mean_goldstein,
        overall.mean_goldstein,
        state.relations,
    )
    return name, reason, Tone(window_days=TONE_WINDOW_DAYS, recent=recent, overall=overall)


_Judged = Literal["pending", "fulfilled", "overdue", "failed"]


def judged_status(commitment: Commitment, as_of: date) -> tuple[_Judged, str]:
    """A commitment's status and its date on ``as_of``: overdue the day after its due date
    passed with the commitment still pending."""
    status: _Judged = commitment.status
    status_date = commitment.status_date
    if status == "pending" and commitment.due_end is not None and commitment.due_end < as_of:
        status, status_date = "overdue", (commitment.due_end + timedelta(days=1)).isoformat()
    return status, status_date


def judge(commitment: Commitment, as_of: date) -> CommitmentView:
    """A commitment as of ``as_of`` (:func:`judged_status`), with its sources."""
    status, status_date = judged_status(commitment, as_of)
    return CommitmentView(
        id=commitment.id,
        name=commitment.name,
        kind=commitment.kind,
        by=commitment.by,
        to=commitment.to,
        made=commitment.made,
        due=commitment.due,
        status=status,
        status_date=status_date,
        note=commitment.note,
        event_ids=commitment.event_ids,
        sources=commitment.sources,
        confirmed=commitment.confirmed,
        confidence=commitment.confidence,
        independent_sources=commitment.independent_sources,
    )


def _figures(counts: list[int], tenths: int) -> ToneFigures:
    total = sum(counts)
    mean = round(tenths / (10 * total), 3) if total else None
    return ToneFigures(
        events=total, counts=dict(zip(QUADS, counts, strict=True)), mean_goldstein=mean
    )


def _all_sources(state: RelationshipState) -> tuple[SourceRef, ...]:
    facts: list[
        Agreement | Membership | DiplomaticRelations | Commitment | Contact | AreaFirstSeen
    ] = [*state.agreements, *state.memberships, *state.commitments, *state.areas]
    if state.relations is not None:
        facts.append(state.relations)
    facts += [c for c in (state.last_contact, state.last_high_level_contact) if c is not None]
    unique = {_source_key(s): s for f in facts for s in f.sources}
    return tuple(unique[k] for k in sorted(unique))


def _source_key(s: SourceRef) -> tuple[str, str, str, str, float]:
    confidence = -1.0 if s.confidence is None else s.confidence
    return (s.event_id, s.url or "", s.article_id or "", s.sentence or "", confidence)
