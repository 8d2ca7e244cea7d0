"""Mutable working copies of the state's facts, used only inside one fold.

A fold touches the same agreement or commitment many times; mutating a working copy and
freezing it once at the end is what keeps a rebuild of a million events fast. Nothing here
leaves :class:`tracker.projections.builder.StateBuilder`.

Freezing uses ``model_construct``, not validation: every value comes from the fold itself,
already of its declared type, and validating a state again cost a rebuild ~15% of its time.
A test compares these states with their validated JSON round trip, field for field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from tracker.projections.fold_event import FoldEvent, Ref
from tracker.projections.state import (
    RELATIONS_KEY,
    Agreement,
    AreaFirstSeen,
    Commitment,
    Contact,
    DiplomaticRelations,
    Membership,
    SourceRef,
    Step,
)
from tracker.projections.trusted import construct

__all__ = [
    "RELATIONS_KEY",
    "AreaRecord",
    "CommitmentRecord",
    "ContactRecord",
    "LifecycleRecord",
    "Sourced",
    "measure",
]


def _ref_key(ref: Ref) -> tuple[str, str, str, str, float]:
    confidence = -1.0 if ref.confidence is None else ref.confidence
    return (ref.event_id, ref.url or "", ref.article_id or "", ref.sentence or "", confidence)


def _source(ref: Ref) -> SourceRef:
    return construct(SourceRef, ref._asdict())


def _plain_source(ref: Ref) -> dict[str, str | float | None]:
    return {
        "event_id": ref[0],
        "url": ref[1],
        "article_id": ref[2],
        "sentence": ref[3],
        "confidence": ref[4],
    }


def measure(refs: set[Ref], confirmed: bool) -> tuple[float | None, int]:
    """The confidence of the best source and the number of independent sources.

    Sources are independent when they come from different articles (by url, else article
    id); a source with neither was recorded by hand and counts on its own. An analyst's
    confirmation is one more source, and a sure one.
    """
    best: float | None = 1.0 if confirmed else None
    articles: set[str] = set()
    for ref in refs:
        confidence = ref.confidence
        if confidence is not None and (best is None or confidence > best):
            best = confidence
        articles.add(ref.url or ref.article_id or f"event {ref.event_id}")
    return best, len(articles) + (1 if confirmed else 0)


@dataclass(kw_only=True, slots=True)
class Sourced:
    """The events and sources behind a fact."""

    # The event ids in the order first taken: a dict is an ordered set, so taking one more
    # event costs the same however many a long-lived agreement has gathered.
    event_ids: dict[str, None] = field(default_factory=dict)
    refs: set[Ref] = field(default_factory=set)
    confirmed: bool = False

    def take(self, event: FoldEvent) -> None:
        self.event_ids[event.event_id] = None
        self.refs.update(event.sources)

    def frozen_fields(self) -> dict[str, Any]:
        sources = tuple([_source(r) for r in sorted(self.refs, key=_ref_key)])
        confidence, count = measure(self.refs, self.confirmed)
        return {
            "event_ids": tuple(self.event_ids),
            "sources": sources,
            "confirmed": self.confirmed,
            "confidence": confidence,
            "independent_sources": count,
        }

    def plain_fields(self) -> dict[str, Any]:
        """:meth:`frozen_fields` as plain values, ready for a JSON encoder."""
        sources = [_plain_source(r) for r in sorted(self.refs, key=_ref_key)]
        confidence, count = measure(self.refs, self.confirmed)
        return {
            "event_ids": list(self.event_ids),
            "sources": sources,
            "confirmed": self.confirmed,
            "confidence": confidence,
            "independent_sources": count,
        }

    def _fields(self) -> dict[str, Any]:
        """The fact's own fields (all but the sources), in the order of its model."""
        raise NotImplementedError

    def plain(self) -> dict[str, Any]:
        """The frozen fact as plain values, in its model's field order (for a JSON encoder)."""
        return self._fields() | self.plain_fields()

    def thaw_fields(
        self,
        fact: Agreement | Membership | DiplomaticRelations | Commitment | Contact | AreaFirstSeen,
    ) -> None:
        self.event_ids = dict.fromkeys(fact.event_ids)
        self.refs = {Ref(**s.model_dump()) for s in fact.sources}
        self.confirmed = fact.confirmed


@dataclass(kw_only=True, slots=True)
class LifecycleRecord(Sourced):
    """An agreement, a membership or the diplomatic relations: a status that realized
    steps move."""

    key: str
    name: str
    status: str
    status_date: str
    steps: list[Step] = field(default_factory=list)
    member: str = ""
    organisation: str = ""

    def agreement(self) -> Agreement:
        fields = self._lifecycle_fields(tuple(self.steps), membership=False)
        return construct(Agreement, fields | self.frozen_fields())

    def membership(self) -> Membership:
        fields = self._lifecycle_fields(tuple(self.steps), membership=True)
        return construct(Membership, fields | self.frozen_fields())

    def relations(self) -> DiplomaticRelations:
        fields = {"status": self.status, "status_date": self.status_date}
        return construct(
            DiplomaticRelations, fields | {"steps": tuple(self.steps)} | self.frozen_fields()
        )

    def plain_agreement(self) -> dict[str, Any]:
        """:meth:`agreement` as plain values, in the model's field order."""
        fields = self._lifecycle_fields(_plain_steps(self.steps), membership=False)
        return fields | self.plain_fields()

    def plain_membership(self) -> dict[str, Any]:
        """:meth:`membership` as plain values, in the model's field order."""
        fields = self._lifecycle_fields(_plain_steps(self.steps), membership=True)
        return fields | self.plain_fields()

    def plain_relations(self) -> dict[str, Any]:
        """:meth:`relations` as plain values, in the model's field order."""
        fields = {"status": self.status, "status_date": self.status_date}
        return fields | {"steps": _plain_steps(self.steps)} | self.plain_fields()

    def _lifecycle_fields(self, steps: object, *, membership: bool) -> dict[str, Any]:
        """The fact's own fields, in the order of its model (Agreement or Membership)."""
        fields: dict[str, Any] = {"key": self.key, "name": self.name}
        if membership:
            fields["member"] = self.member
            fields["organisation"] = self.organisation
        fields["status"] = self.status
        fields["status_date"] = self.status_date
        fields["steps"] = steps
        return fields

    @classmethod
    def thaw(cls, fact: Agreement | Membership) -> LifecycleRecord:
        record = cls(
            key=fact.key,
            name=fact.name,
            status=fact.status,
            status_date=fact.status_date,
            steps=list(fact.steps),
        )
        if isinstance(fact, Membership):
            record.member, record.organisation = fact.member, fact.organisation
        record.thaw_fields(fact)
        return record

    @classmethod
    def thaw_relations(cls, fact: DiplomaticRelations) -> LifecycleRecord:
        record = cls(
            key=RELATIONS_KEY,
            name=RELATIONS_KEY,
            status=fact.status,
            status_date=fact.status_date,
            steps=list(fact.steps),
        )
        record.thaw_fields(fact)
        return record


@dataclass(kw_only=True, slots=True)
class CommitmentRecord(Sourced):
    """A pledge or a plan, open until an event fulfils or fails it."""

    id: str
    key: str
    name: str
    kind: str
    by: str
    to: str
    made: str
    due: str | None
    due_end: date | None
    status: str = "pending"
    status_date: str = ""
    note: str | None = None

    def freeze(self) -> Commitment:
        return construct(Commitment, self._fields() | self.frozen_fields())

    def _fields(self) -> dict[str, Any]:
        """The fact's own fields, in the order of its model."""
        return {
            "id": self.id,
            "key": self.key,
            "name": self.name,
            "kind": self.kind,
            "by": self.by,
            "to": self.to,
            "made": self.made,
            "due": self.due,
            "due_end": self.due_end,
            "status": self.status,
            "status_date": self.status_date or self.made,
            "note": self.note,
        }

    @classmethod
    def thaw(cls, fact: Commitment) -> CommitmentRecord:
        return _thawed(cls, fact)


@dataclass(kw_only=True, slots=True)
class ContactRecord(Sourced):
    """The last contact (of any level, or at a high level)."""

    date: str
    event_type: str
    form: str
    level: str
    people: tuple[str, ...]
    topic: str | None
    place: str | None

    def freeze(self) -> Contact:
        return construct(Contact, self._fields() | self.frozen_fields())

    def _fields(self) -> dict[str, Any]:
        """The fact's own fields, in the order of its model."""
        return {
            "date": self.date,
            "event_type": self.event_type,
            "form": self.form,
            "level": self.level,
            "people": self.people,
            "topic": self.topic,
            "place": self.place,
        }

    @classmethod
    def thaw(cls, fact: Contact) -> ContactRecord:
        return _thawed(cls, fact)


@dataclass(kw_only=True, slots=True)
class AreaRecord(Sourced):
    """An area of cooperation and when it first appeared."""

    area: str
    first_date: str

    def freeze(self) -> AreaFirstSeen:
        return construct(AreaFirstSeen, self._fields() | self.frozen_fields())

    def _fields(self) -> dict[str, Any]:
        """The fact's own fields, in the order of its model."""
        return {"area": self.area, "first_date": self.first_date}

    @classmethod
    def thaw(cls, fact: AreaFirstSeen) -> AreaRecord:
        return _thawed(cls, fact)


def _plain_steps(steps: list[Step]) -> list[dict[str, Any]]:
    # A model's __dict__ holds exactly its fields, in order (Steps have no nested models).
    return [step.__dict__ for step in steps]


_Record = TypeVar("_Record", CommitmentRecord, ContactRecord, AreaRecord)
_SOURCED_FIELDS = frozenset(
    {"event_ids", "sources", "confirmed", "confidence", "independent_sources"}
)


def _thawed(cls: type[_Record], fact: Commitment | Contact | AreaFirstSeen) -> _Record:
    """A working copy of a frozen fact whose other fields are the record's own, by name."""
    record = cls(**fact.model_dump(exclude=set(_SOURCED_FIELDS)))
    record.thaw_fields(fact)
    return record
