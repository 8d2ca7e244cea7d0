"""Mutable working copies of the state's facts, used only inside one fold.

A fold touches the same agreement or commitment many times; mutating a working copy and
freezing it once at the end is what keeps a rebuild of a million events fast. Nothing here
leaves :class:`tracker.projections.builder.StateBuilder`.

Freezing uses ``model_construct``, not validation: every value comes from the fold itself,
already of its declared type, and validating a state again cost a rebuild ~15% of its time.
A test compares these states with their validated JSON round trip, field for field.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar

import seeds
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
    "BOUNDS",
    "Sourced",
]


class Bounds(NamedTuple):
    """What a fact keeps (``seeds/state_bounds.toml``)."""

    sources: int
    steps: int
    articles: int


def _bounds() -> Bounds:
    data = tomllib.loads(seeds.path("state_bounds.toml").read_text(encoding="utf-8"))
    return Bounds(int(data["sources"]), int(data["steps"]), int(data["articles"]))


BOUNDS = _bounds()


def _ref_key(ref: Ref) -> tuple[str, str, str, str, float]:
    confidence = -1.0 if ref.confidence is None else ref.confidence
    return (ref.event_id, ref.url or "", ref.article_id or "", ref.sentence or "", confidence)


@lru_cache(maxsize=16_384)
def _source(ref: Ref) -> SourceRef:
    """A source as the state's model, kept by its ref (both immutable): every state built
    of a busy pair's facts lists the same few sources of each again (a page, an as-of
    query and a snapshot's reader build one each)."""
    return construct(SourceRef, ref._asdict())


def _plain_source(ref: Ref) -> dict[str, str | float | None]:
    return {
        "event_id": ref[0],
        "url": ref[1],
        "article_id": ref[2],
        "sentence": ref[3],
        "confidence": ref[4],
    }


def _strength(ref: Ref) -> tuple[float, tuple[str, str, str, str, float]]:
    """Strongest first: the highest confidence, then the canonical order."""
    key = _ref_key(ref)
    return -key[4], key


def _article(ref: Ref) -> str:
    # Sources are independent when they come from different articles (by url, else article
    # id); a source with neither was recorded by hand and counts on its own.
    return ref.url or ref.article_id or f"event {ref.event_id}"


class _Kept(NamedTuple):
    sources: list[Ref]  # in the canonical order
    confidence: float | None
    independent: int
    total: int
    articles: list[str]


@dataclass(kw_only=True, slots=True)
class Sourced:
    """The events and sources behind a fact.

    A frozen fact lists a bounded set of its sources (``BOUNDS``): those of its pinned
    events (:meth:`_pins`), then the strongest others. Every choice is a function of the
    set of sources taken, never of the order they came in, so folding from a stored state
    or a snapshot gives what a fold from the start gives (a source left out of a state is
    never needed again: pins only move forward in valid time).

    Its event ids are bounded as its steps are: the first, the pinned ones and the latest
    ``BOUNDS.steps`` in fold order, with their count (``event_count``). A fold from the
    start holds them all; one resumed from a frozen fact (:attr:`dropped_ids`) cannot tell
    whether an annotation of an event it does not list is about it, and says so
    (:attr:`tracker.projections.builder.StateBuilder.unresolved`): the caller folds such a
    fact again from its own events, found by its key (:mod:`tracker.late_facts`).
    """

    # The event ids in the order first taken (fold order): a dict is an ordered set, so
    # taking one more event costs the same however many a long-lived agreement has
    # gathered. An annotation finds the facts it is about by them.
    event_ids: dict[str, None] = field(default_factory=dict)
    refs: set[Ref] = field(default_factory=set)
    confirmed: bool = False
    dropped: int = 0  # sources taken that the frozen fact it was thawed from left out
    dropped_ids: int = 0  # event ids the frozen fact it was thawed from left out
    articles: set[str] = field(default_factory=set)  # counted, as the frozen fact had them

    def take(self, event: FoldEvent) -> None:
        self.event_ids[event.event_id] = None
        self.refs.update(event.sources)

    def _pins(self) -> Collection[str]:
        """Events whose sources the frozen fact always lists."""
        return ()

    def _kept_ids(self) -> list[str]:
        """The first event, the pinned ones and the latest few, in the order taken. Those
        left out sort before the latest few, so a fold resumed from the frozen fact never
        needs them again (pins only move forward in valid time)."""
        ids = self.event_ids
        latest = len(ids) - BOUNDS.steps
        if latest <= 1:
            return list(ids)
        pins = self._pins()
        return [i for n, i in enumerate(ids) if n == 0 or n >= latest or i in pins]

    def _kept(self) -> _Kept:
        refs = self.refs
        if len(refs) <= BOUNDS.sources:
            kept = sorted(refs, key=_ref_key)
        else:
            pins = self._pins()
            pinned = [r for r in refs if r.event_id in pins]
            rest = sorted([r for r in refs if r.event_id not in pins], key=_strength)
            kept = sorted(pinned + rest[: BOUNDS.sources], key=_ref_key)
        best: float | None = 1.0 if self.confirmed else None
        for ref in kept:  # the strongest source is always kept
            confidence = ref.confidence
            if confidence is not None and (best is None or confidence > best):
                best = confidence
        articles = self.articles | {_article(r) for r in refs}
        counted = sorted(articles)[: BOUNDS.articles]
        independent = len(counted) + (1 if self.confirmed else 0)
        return _Kept(kept, best, independent, self.dropped + len(refs), counted)

    def compact(self, *, ids: bool = False) -> None:
        """Cut the sources and articles taken to those the frozen fact keeps, counting the
        rest, as freezing the fact and thawing it again does; ``ids``: its event ids too,
        else every id stays (a snapshot keeps them all). Each choice is made from the whole
        fact, as freezing it makes them (the pins are its ids and steps)."""
        kept_ids = self._kept_ids() if ids else None
        if ids or len(self.refs) > BOUNDS.sources or len(self.articles) > BOUNDS.articles:
            kept = self._kept()
            self.dropped = kept.total - len(kept.sources)
            self.refs = set(kept.sources)
            self.articles = set(kept.articles)
        if kept_ids is not None and len(kept_ids) < len(self.event_ids):
            self.dropped_ids += len(self.event_ids) - len(kept_ids)
            self.event_ids = dict.fromkeys(kept_ids)

    def frozen_fields(self) -> dict[str, Any]:
        kept = self._kept()
        return {
            "event_ids": tuple(self._kept_ids()),
            "sources": tuple([_source(r) for r in kept.sources]),
            "confirmed": self.confirmed,
            "confidence": kept.confidence,
            "independent_sources": kept.independent,
            "source_count": kept.total,
            "articles": tuple(kept.articles),
            "event_count": self.dropped_ids + len(self.event_ids),
        }

    def plain_fields(self, every_id: bool = False) -> dict[str, Any]:
        """:meth:`frozen_fields` as plain values, ready for a JSON encoder (``every_id``:
        with every event id, as a snapshot keeps them)."""
        kept = self._kept()
        return {
            "event_ids": list(self.event_ids) if every_id else self._kept_ids(),
            "sources": [_plain_source(r) for r in kept.sources],
            "confirmed": self.confirmed,
            "confidence": kept.confidence,
            "independent_sources": kept.independent,
            "source_count": kept.total,
            "articles": kept.articles,
            "event_count": self.dropped_ids + len(self.event_ids),
        }

    def _fields(self) -> dict[str, Any]:
        """The fact's own fields (all but the sources), in the order of its model."""
        raise NotImplementedError

    def plain(self, every_id: bool = False) -> dict[str, Any]:
        """The frozen fact as plain values, in its model's field order (for a JSON encoder)."""
        return self._fields() | self.plain_fields(every_id)

    def thaw_fields(
        self,
        fact: Agreement | Membership | DiplomaticRelations | Commitment | Contact | AreaFirstSeen,
    ) -> None:
        self.event_ids = dict.fromkeys(fact.event_ids)
        self.refs = {Ref(**s.model_dump()) for s in fact.sources}
        self.confirmed = fact.confirmed
        self.dropped = fact.source_count - len(fact.sources)
        self.articles = set(fact.articles)
        self.dropped_ids = max(0, fact.event_count - len(fact.event_ids))

    def thaw_plain_fields(self, fact: dict[str, Any]) -> None:
        """:meth:`thaw_fields` from the fact as its JSON decodes (see :func:`thaw_plain`)."""
        ids, sources = fact["event_ids"], fact["sources"]
        self.event_ids = dict.fromkeys(ids)
        self.refs = {_plain_ref(s) for s in sources}
        self.confirmed = fact.get("confirmed", False)
        self.dropped = fact.get("source_count", 0) - len(sources)
        self.articles = set(fact.get("articles", ()))
        self.dropped_ids = max(0, fact.get("event_count", 0) - len(ids))


def _plain_ref(source: dict[str, Any]) -> Ref:
    confidence = source.get("confidence")
    return Ref(
        source["event_id"],
        source.get("url"),
        source.get("article_id"),
        source.get("sentence"),
        None if confidence is None else float(confidence),
    )


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
        fields = self._lifecycle_fields(tuple(self._kept_steps()), membership=False)
        return construct(Agreement, fields | self.frozen_fields())

    def membership(self) -> Membership:
        fields = self._lifecycle_fields(tuple(self._kept_steps()), membership=True)
        return construct(Membership, fields | self.frozen_fields())

    def relations(self) -> DiplomaticRelations:
        fields = {"status": self.status, "status_date": self.status_date}
        return construct(
            DiplomaticRelations,
            fields | {"steps": tuple(self._kept_steps())} | self.frozen_fields(),
        )

    def plain_agreement(self, every_id: bool = False) -> dict[str, Any]:
        """:meth:`agreement` as plain values, in the model's field order."""
        fields = self._lifecycle_fields(_plain_steps(self._kept_steps()), membership=False)
        return fields | self.plain_fields(every_id)

    def plain_membership(self, every_id: bool = False) -> dict[str, Any]:
        """:meth:`membership` as plain values, in the model's field order."""
        fields = self._lifecycle_fields(_plain_steps(self._kept_steps()), membership=True)
        return fields | self.plain_fields(every_id)

    def plain_relations(self, every_id: bool = False) -> dict[str, Any]:
        """:meth:`relations` as plain values, in the model's field order."""
        fields = {"status": self.status, "status_date": self.status_date}
        steps = {"steps": _plain_steps(self._kept_steps())}
        return fields | steps | self.plain_fields(every_id)

    def compact(self, *, ids: bool = False) -> None:
        """:meth:`Sourced.compact`; ``ids``: the steps too, to those the frozen fact keeps
        (after the sources and ids, whose pins are the steps that gave the status)."""
        steps = self._kept_steps() if ids else None
        Sourced.compact(self, ids=ids)
        if steps is not None:
            self.steps = steps

    def _pins(self) -> Collection[str]:
        # The events that gave the status: a change of status cites them (tracker.changes).
        day = self.status_date
        return {s.event_id for s in self.steps if s.date == day and s.modality == "realized"}

    def _kept_steps(self) -> list[Step]:
        """The first step, the realized ones on the status date, and the latest few. The
        status date only moves forward in a fold, so a step left out is never kept again."""
        steps = self.steps
        latest = len(steps) - BOUNDS.steps
        if latest <= 1:
            return steps
        day = self.status_date
        return [
            s
            for i, s in enumerate(steps)
            if i == 0 or i >= latest or (s.date == day and s.modality == "realized")
        ]

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

    @classmethod
    def thaw_plain(cls, fact: dict[str, Any], *, relations: bool = False) -> LifecycleRecord:
        """:meth:`thaw` (``relations``: :meth:`thaw_relations`) from the fact's JSON."""
        steps = [construct(Step, step) for step in fact["steps"]]
        if relations:
            record = cls(
                key=RELATIONS_KEY,
                name=RELATIONS_KEY,
                status=fact["status"],
                status_date=fact["status_date"],
                steps=steps,
            )
        else:
            record = cls(
                key=fact["key"],
                name=fact["name"],
                status=fact["status"],
                status_date=fact["status_date"],
                steps=steps,
            )
            if "member" in fact:
                record.member, record.organisation = fact["member"], fact["organisation"]
        record.thaw_plain_fields(fact)
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

    def compact(self, *, ids: bool = False) -> None:
        """:meth:`Sourced.compact`; ``ids``: its status date too as frozen (the date it was
        made, until something resolves it)."""
        Sourced.compact(self, ids=ids)
        if ids:
            self.status_date = self.status_date or self.made

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

    @classmethod
    def thaw_plain(cls, fact: dict[str, Any]) -> CommitmentRecord:
        """:meth:`thaw` from the fact's JSON."""
        due_end = fact["due_end"]
        record = cls(
            id=fact["id"],
            key=fact["key"],
            name=fact["name"],
            kind=fact["kind"],
            by=fact["by"],
            to=fact["to"],
            made=fact["made"],
            due=fact["due"],
            due_end=None if due_end is None else date.fromisoformat(due_end),
            status=fact["status"],
            status_date=fact["status_date"],
            note=fact.get("note"),
        )
        record.thaw_plain_fields(fact)
        return record


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

    def _pins(self) -> Collection[str]:
        return self.event_ids

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

    @classmethod
    def thaw_plain(cls, fact: dict[str, Any]) -> ContactRecord:
        """:meth:`thaw` from the fact's JSON."""
        record = cls(
            date=fact["date"],
            event_type=fact["event_type"],
            form=fact["form"],
            level=fact["level"],
            people=tuple(fact["people"]),
            topic=fact.get("topic"),
            place=fact.get("place"),
        )
        record.thaw_plain_fields(fact)
        return record


@dataclass(kw_only=True, slots=True)
class AreaRecord(Sourced):
    """An area of cooperation and when it first appeared."""

    area: str
    first_date: str

    def _pins(self) -> Collection[str]:
        return self.event_ids

    def freeze(self) -> AreaFirstSeen:
        return construct(AreaFirstSeen, self._fields() | self.frozen_fields())

    def _fields(self) -> dict[str, Any]:
        """The fact's own fields, in the order of its model."""
        return {"area": self.area, "first_date": self.first_date}

    @classmethod
    def thaw(cls, fact: AreaFirstSeen) -> AreaRecord:
        return _thawed(cls, fact)

    @classmethod
    def thaw_plain(cls, fact: dict[str, Any]) -> AreaRecord:
        """:meth:`thaw` from the fact's JSON."""
        record = cls(area=fact["area"], first_date=fact["first_date"])
        record.thaw_plain_fields(fact)
        return record


def _plain_steps(steps: list[Step]) -> list[dict[str, Any]]:
    # A model's __dict__ holds exactly its fields, in order (Steps have no nested models).
    return [step.__dict__ for step in steps]


_Record = TypeVar("_Record", CommitmentRecord, ContactRecord, AreaRecord)
_SOURCED_FIELDS = frozenset(
    {
        "event_ids",
        "sources",
        "confirmed",
        "confidence",
        "independent_sources",
        "source_count",
        "articles",
        "event_count",
    }
)


def _thawed(cls: type[_Record], fact: Commitment | Contact | AreaFirstSeen) -> _Record:
    """A working copy of a frozen fact whose other fields are the record's own, by name."""
    record = cls(**fact.model_dump(exclude=set(_SOURCED_FIELDS)))
    record.thaw_fields(fact)
    return record
