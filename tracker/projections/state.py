"""The folded state of one relationship: what its events add up to, with the sources of each fact.

:class:`RelationshipState` is what the fold produces and what the projection table stores.
It holds no date-dependent judgement: whether a pending commitment is overdue, the tone of
the last 90 days and the label depend on the date asked about, so :mod:`.view` derives them
when a state is read. That is what lets the stored state equal a rebuild whatever the clock.

Dates of facts are FuzzyDate texts (``2025-01-14``, ``2025-02``, ``2025``): a fact is as
precise as the news that reported it.
"""

from __future__ import annotations

from datetime import date
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict

from tracker.projections.tone import ToneDay, ToneMonth, ToneYear

__all__ = [
    "Agreement",
    "AgreementStatus",
    "AreaFirstSeen",
    "Commitment",
    "CommitmentStatus",
    "Contact",
    "DiplomaticRelations",
    "EarlierCommitments",
    "Membership",
    "MembershipStatus",
    "RelationsStatus",
    "RelationshipState",
    "SourceRef",
    "Step",
    "ToneDay",
    "ToneMonth",
    "ToneYear",
]

AgreementStatus = Literal[
    "negotiating", "initialed", "signed", "ratified", "in_force", "suspended", "terminated"
]
MembershipStatus = Literal[
    "applied",
    "candidate",
    "accession_suspended",
    "invited",
    "invitation_declined",
    "member",
    "participation_frozen",
    "suspended",
    "withdrawal_announced",
    "withdrawn",
]
RelationsStatus = Literal["established", "downgraded", "severed"]
# The key and name of a pair's diplomatic relations (they have one, so need no other).
RELATIONS_KEY = "diplomatic relations"
# As folded; the view adds "overdue" for a pending commitment whose due date has passed.
CommitmentStatus = Literal["pending", "fulfilled", "failed"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SourceRef(_Frozen):
    """A source behind a fact: the event, and the article (url, id, sentence) it came from,
    with the extractor's (or analyst's) confidence in the reading (None: none recorded)."""

    event_id: str
    url: str | None = None
    article_id: str | None = None
    sentence: str | None = None
    confidence: float | None = None


class Step(_Frozen):
    """One event in the life of an agreement or membership, including planned and denied ones."""

    event_id: str
    event_type: str
    status: str  # the status this step stands for (whether or not it took effect)
    date: str
    modality: str
    actor: str  # the acting party (who ratified, who suspended, who applied)


class Agreement(_Frozen):
    """A named agreement between the two parties, at its latest realized lifecycle step."""

    key: str
    name: str
    status: AgreementStatus
    status_date: str
    steps: tuple[Step, ...]
    # The events behind the fact, their sources, and whether an analyst confirmed one.
    event_ids: tuple[str, ...]
    sources: tuple[SourceRef, ...]  # the strongest few (see source_count)
    confirmed: bool = False
    # The confidence of the best source, and how many independent sources (distinct
    # articles; an analyst's confirmation is one more) stand behind the fact.
    confidence: float | None = None
    independent_sources: int = 0
    # How many sources were taken in all (``sources`` keeps the few that say the most, see
    # .records; the rest stay in the log and the timeline), and the articles counted for
    # independent_sources, which counts to a bound.
    source_count: int = 0
    articles: tuple[str, ...] = ()
    # How many events stand behind the fact in all (``event_ids`` keeps those of its kept
    # steps: the first, those that gave its status and the latest few; see .records. The
    # rest stay in the log, found by the fact's key through the dedup index).
    event_count: int = 0


class Membership(_Frozen):
    """A state's membership of an organisation, at its latest realized step."""

    key: str
    name: str
    member: str
    organisation: str
    status: MembershipStatus
    status_date: str
    steps: tuple[Step, ...]
    # The events behind the fact, their sources, and whether an analyst confirmed one.
    event_ids: tuple[str, ...]
    sources: tuple[SourceRef, ...]  # the strongest few (see source_count)
    confirmed: bool = False
    # The confidence of the best source, and how many independent sources (distinct
    # articles; an analyst's confirmation is one more) stand behind the fact.
    confidence: float | None = None
    independent_sources: int = 0
    # How many sources were taken in all (``sources`` keeps the few that say the most, see
    # .records; the rest stay in the log and the timeline), and the articles counted for
    # independent_sources, which counts to a bound.
    source_count: int = 0
    articles: tuple[str, ...] = ()
    # How many events stand behind the fact in all (``event_ids`` keeps those of its kept
    # steps: the first, those that gave its status and the latest few; see .records. The
    # rest stay in the log, found by the fact's key through the dedup index).
    event_count: int = 0


class DiplomaticRelations(_Frozen):
    """The level of the parties' diplomatic relations, at its latest realized step."""

    status: RelationsStatus
    status_date: str
    steps: tuple[Step, ...]
    # The events behind the fact, their sources, and whether an analyst confirmed one.
    event_ids: tuple[str, ...]
    sources: tuple[SourceRef, ...]  # the strongest few (see source_count)
    confirmed: bool = False
    # The confidence of the best source, and how many independent sources (distinct
    # articles; an analyst's confirmation is one more) stand behind the fact.
    confidence: float | None = None
    independent_sources: int = 0
    # How many sources were taken in all (``sources`` keeps the few that say the most, see
    # .records; the rest stay in the log and the timeline), and the articles counted for
    # independent_sources, which counts to a bound.
    source_count: int = 0
    articles: tuple[str, ...] = ()
    # How many events stand behind the fact in all (``event_ids`` keeps those of its kept
    # steps: the first, those that gave its status and the latest few; see .records. The
    # rest stay in the log, found by the fact's key through the dedup index).
    event_count: int = 0


class Commitment(_Frozen):
    """A pledge, or a planned act (a planned event is a commitment to do it)."""

    id: str  # the event id of the pledge or plan that opened it
    key: str  # what a fulfilling or failing event must match
    name: str
    kind: Literal["pledge", "planned"]
    by: str
    to: str
    made: str
    due: str | None
    due_end: date | None
    status: CommitmentStatus
    status_date: str
    note: str | None = None
    # The events behind the fact, their sources, and whether an analyst confirmed one.
    event_ids: tuple[str, ...]
    sources: tuple[SourceRef, ...]  # the strongest few (see source_count)
    confirmed: bool = False
    # The confidence of the best source, and how many independent sources (distinct
    # articles; an analyst's confirmation is one more) stand behind the fact.
    confidence: float | None = None
    independent_sources: int = 0
    # How many sources were taken in all (``sources`` keeps the few that say the most, see
    # .records; the rest stay in the log and the timeline), and the articles counted for
    # independent_sources, which counts to a bound.
    source_count: int = 0
    articles: tuple[str, ...] = ()
    # How many events stand behind the fact in all (``event_ids`` keeps those of its kept
    # steps: the first, those that gave its status and the latest few; see .records. The
    # rest stay in the log, found by the fact's key through the dedup index).
    event_count: int = 0


class Contact(_Frozen):
    """A realized contact between the two parties: a meeting, visit, call or talks, or an
    agreement negotiated, initialed or signed (joint statements are signed documents)."""

    date: str
    event_type: str
    form: str
    level: str
    people: tuple[str, ...]
    topic: str | None = None  # what was discussed, or the agreement signed or initialed
    place: str | None = None
    # The events behind the fact, their sources, and whether an analyst confirmed one.
    event_ids: tuple[str, ...]
    sources: tuple[SourceRef, ...]  # the strongest few (see source_count)
    confirmed: bool = False
    # The confidence of the best source, and how many independent sources (distinct
    # articles; an analyst's confirmation is one more) stand behind the fact.
    confidence: float | None = None
    independent_sources: int = 0
    # How many sources were taken in all (``sources`` keeps the few that say the most, see
    # .records; the rest stay in the log and the timeline), and the articles counted for
    # independent_sources, which counts to a bound.
    source_count: int = 0
    articles: tuple[str, ...] = ()
    # How many events stand behind the fact in all (``event_ids`` keeps those of its kept
    # steps: the first, those that gave its status and the latest few; see .records. The
    # rest stay in the log, found by the fact's key through the dedup index).
    event_count: int = 0


class AreaFirstSeen(_Frozen):
    """A field of cooperation and the event that first brought it into the relationship."""

    area: str
    first_date: str
    # The events behind the fact, their sources, and whether an analyst confirmed one.
    event_ids: tuple[str, ...]
    sources: tuple[SourceRef, ...]  # the strongest few (see source_count)
    confirmed: bool = False
    # The confidence of the best source, and how many independent sources (distinct
    # articles; an analyst's confirmation is one more) stand behind the fact.
    confidence: float | None = None
    independent_sources: int = 0
    # How many sources were taken in all (``sources`` keeps the few that say the most, see
    # .records; the rest stay in the log and the timeline), and the articles counted for
    # independent_sources, which counts to a bound.
    source_count: int = 0
    articles: tuple[str, ...] = ()
    # How many events stand behind the fact in all (``event_ids`` keeps those of its kept
    # steps: the first, those that gave its status and the latest few; see .records. The
    # rest stay in the log, found by the fact's key through the dedup index).
    event_count: int = 0


class EarlierCommitments(NamedTuple):
    """The commitments of one key (what resolves them) resolved before the days a state
    lists them for, counted by outcome: a busy pair's plans and pledges, each a commitment
    once told, would otherwise grow its state with every year of news (see .builder)."""

    key: str
    fulfilled: int
    failed: int


class RelationshipState(_Frozen):
    """Everything the events of one relationship add up to (see the module docstring)."""

    relationship: str
    agreements: tuple[Agreement, ...] = ()
    memberships: tuple[Membership, ...] = ()
    # None until a realized step is known (most pairs' relations are never in the news).
    relations: DiplomaticRelations | None = None
    commitments: tuple[Commitment, ...] = ()
    # Those resolved before the first day kept by day (.tone.keep_from), counted by key:
    # the log and the timeline keep each of them.
    earlier_commitments: tuple[EarlierCommitments, ...] = ()
    # The latest contact of any level, and the latest at a high level (heads of state or
    # government, foreign ministers).
    last_contact: Contact | None = None
    last_high_level_contact: Contact | None = None
    areas: tuple[AreaFirstSeen, ...] = ()
    # Realized events by day, the older ones by month, those of earlier years by year
    # (see .tone).
    tone_days: tuple[ToneDay, ...] = ()
    tone_months: tuple[ToneMonth, ...] = ()
    tone_years: tuple[ToneYear, ...] = ()
    facts: int = 0  # diplomatic events folded in
    # The fold key of the last fact folded in (see .ordering): an event that sorts after it
    # can be applied to this state; one that sorts before it needs a refold.
    last_key: tuple[date, int, str] | None = None

    @property
    def last_occurred(self) -> date | None:
        """The valid date of the latest fact folded in."""
        return self.last_key[0] if self.last_key else None
