"""The fold's step: how one event changes a relationship's state (rules in the docstring).

Rules, applied to events in fold order (see :mod:`tracker.projections.ordering`):

- **Agreements.** A realized step sets the agreement's status to the step's (the latest
  realized step by valid time wins; a ratification by either party makes it ``ratified``).
  A planned, negated or failed step is kept in the agreement's history but moves nothing;
  if the agreement had no status yet it appears as ``negotiating`` (a planned signing means
  the text is being negotiated, not that it is signed; a planned opening of negotiations
  means the same: talks on it are announced).
- **Memberships.** Realized steps set the status, whichever it was before: an applicant
  granted candidate status is a ``candidate``, a candidate who joins a ``member``; an invited
  state that declines is ``invitation_declined``; a member that freezes its own participation
  is ``participation_frozen`` (still a member), one the organisation suspends ``suspended``.
  A membership is keyed by its organisation, whichever party took the step (the organisation
  grants candidate status and invites). A membership with no realized step is not listed (no
  status fits "intends to apply"); its plan is a commitment like any other.
- **Diplomatic relations.** As memberships: realized steps (established or restored,
  downgraded, severed) set the status; relations with no realized step are not listed.
- **Commitments.** ``PledgeMade`` opens a pledge keyed by what was pledged; ``PledgeFulfilled``
  fulfils it, ``PledgeNotKept`` (or a negated fulfilment) fails it. Any other planned event
  is a commitment to do that act, keyed by (event type, parties, object); the next realized
  event with that key fulfils it, a failed or negated one fails it. A commitment resolved
  before the first day the tone keeps by day (:func:`.tone.keep_from`) leaves the built
  state, counted by key and outcome (``earlier_commitments``): news tells many acts as plans
  first, and a busy pair's state would otherwise grow with every year of them. Resolved is
  final (only annotations reach it after), so counting it changes no later fold; a late
  event of a key with counted commitments folds that key again from its events
  (:mod:`.late`).
- **Last contact.** The latest realized contact of any level: a meeting, visit, phone call
  or talks, an agreement negotiated, initialed or signed (joint statements are signed
  documents), or diplomatic relations established or restored (by both parties). A
  summons, a protest or aid is no contact. **Last high-level contact**: the
  latest realized meeting, visit, call or talks at a high level (heads of state or
  government, foreign ministers).
- **Areas.** Each area named by a realized or planned event, with the first such event.
- **Tone.** Realized events only (planned, denied and failed acts did not happen), bucketed
  by day: counts by quad class and the sum of Goldstein values (in tenths); days more than
  90 days before the latest are rolled into months when the state is built (:mod:`.tone`).
- **Annotations.** A corroboration adds its source to every fact the subject event supports,
  never a new fact; a confirmation marks those facts confirmed. Retractions never reach the
  builder: they decide which events are folded (:func:`tracker.projections.folding.select`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import msgspec

from events import ORGANISATIONS
from tracker.projections.change import Change, ChangeKind, change
from tracker.projections.commitments import CommitmentBook
from tracker.projections.fold_event import FoldEvent, span_start
from tracker.projections.ordering import (
    AGREEMENT_STATUS,
    MEMBERSHIP_STATUS,
    RELATIONS_STATUS,
    FoldKey,
    fold_key,
)
from tracker.projections.records import (
    RELATIONS_KEY,
    AreaRecord,
    CommitmentRecord,
    ContactRecord,
    LifecycleRecord,
    Sourced,
)
from tracker.projections.state import EarlierCommitments, RelationshipState, Step
from tracker.projections.tone import ToneDay, ToneMonth, ToneYear, keep_from, roll
from tracker.projections.trusted import construct

__all__ = ["StateBuilder"]

# Writes dates as ISO text and floats in their shortest form, as pydantic does.
_encode = msgspec.json.Encoder().encode
_decode = msgspec.json.Decoder().decode
_HIGH_LEVELS = frozenset({"head_of_state", "head_of_government", "foreign_minister"})
# Steps the parties take together, as contacts: their form in words. Relations are
# established or restored by both (an exchange of notes, a joint announcement, ambassadors
# exchanged); downgrading or severing them is one party's act.
_AGREEMENT_CONTACTS = {
    "NegotiationsOpened": "negotiations",
    "AgreementInitialed": "agreement initialed",
    "AgreementSigned": "agreement signed",
    "DiplomaticRelationsEstablished": "relations established",
}
_tone_row = tuple.__new__


class StateBuilder:
    """A working copy of one relationship's state; :meth:`add` events, then :meth:`build`."""

    def __init__(
        self,
        relationship: str,
        *,
        narrate: bool = True,
        judged_from: date | None = None,
        every_commitment: bool = False,
    ) -> None:
        self.relationship = relationship
        # A fold that only wants the state (a query, a rebuild) skips recording changes:
        # formatting them was a tenth of a rebuild's folding time.
        self.narrate = narrate
        self.agreements: dict[str, LifecycleRecord] = {}
        self.memberships: dict[str, LifecycleRecord] = {}
        self.relations: LifecycleRecord | None = None
        self.commitments = CommitmentBook()
        # Commitments resolved before the kept days, by key: [fulfilled, failed] (thawed
        # from a state; a build adds those of ``commitments`` it leaves out, unless it is
        # to list every one: two states compared).
        self.earlier: dict[str, list[int]] = {}
        self.every_commitment = every_commitment
        self.last_contact: ContactRecord | None = None
        self.last_high_level_contact: ContactRecord | None = None
        self.areas: dict[str, AreaRecord] = {}
        # Counts by quad class and Goldstein tenths by day, and by month and by year once
        # rolled up (see .tone).
        self.tone: dict[date, list[int]] = {}
        self.tone_months: dict[date, list[int]] = {}
        self.tone_years: dict[date, list[int]] = {}
        # The earliest day the built state will be judged on, if before its latest day
        # (the days from 90 days before it are kept one by one: see .tone).
        self.judged_from = judged_from
        self.facts = 0
        self.folded_key: FoldKey | None = None  # of the state this builder started from
        # The last fact added: its fold key is taken when asked for (a fold sorted its
        # events by that key already, and computing it again per event cost ~5%).
        self.last_fact: FoldEvent | None = None
        # Annotations that may be about an event a fact thawed from a frozen state no
        # longer lists (see .records.Sourced): the caller folds those facts again.
        self.unresolved: list[FoldEvent] = []
        self.thawed = False  # from a frozen state (from_state)

    @classmethod
    def from_state(cls, state: RelationshipState) -> StateBuilder:
        """A working copy of a frozen state, to fold further events into."""
        builder = cls(state.relationship)
        builder.agreements = {a.key: LifecycleRecord.thaw(a) for a in state.agreements}
        builder.memberships = {m.key: LifecycleRecord.thaw(m) for m in state.memberships}
        if state.relations is not None:
            builder.relations = LifecycleRecord.thaw_relations(state.relations)
        builder.commitments = CommitmentBook([CommitmentRecord.thaw(c) for c in state.commitments])
        builder.earlier = {e.key: [e.fulfilled, e.failed] for e in state.earlier_commitments}
        if state.last_contact is not None:
            builder.last_contact = ContactRecord.thaw(state.last_contact)
        if state.last_high_level_contact is not None:
            builder.last_high_level_contact = ContactRecord.thaw(state.last_high_level_contact)
        builder.areas = {a.area: AreaRecord.thaw(a) for a in state.areas}
        builder.tone = {d.day: list(d[1:]) for d in state.tone_days}
        builder.tone_months = {m.month: list(m[1:]) for m in state.tone_months}
        builder.tone_years = {y.year: list(y[1:]) for y in state.tone_years}
        builder.facts, builder.folded_key = state.facts, state.last_key
        builder.thawed = True
        return builder

    @classmethod
    def from_json(cls, text: str | bytes) -> StateBuilder:
        """``from_state(RelationshipState.model_validate_json(text))`` for a state's JSON as
        the fold writes it (:meth:`build_json`, a stored state, a snapshot), thawed straight
        from the decoded JSON: validating a busy pair's snapshot into models only to take
        them apart again was most of a fold's start (tests/unit/test_state_json.py holds
        the two builders equal)."""
        data = _decode(text)
        builder = cls(data["relationship"])
        thaw = LifecycleRecord.thaw_plain
        builder.agreements = {a["key"]: thaw(a) for a in data.get("agreements", ())}
        builder.memberships = {m["key"]: thaw(m) for m in data.get("memberships", ())}
        if (relations := data.get("relations")) is not None:
            builder.relations = thaw(relations, relations=True)
        builder.commitments = CommitmentBook(
            [CommitmentRecord.thaw_plain(c) for c in data.get("commitments", ())]
        )
        builder.earlier = {e[0]: [e[1], e[2]] for e in data.get("earlier_commitments", ())}
        if (contact := data.get("last_contact")) is not None:
            builder.last_contact = ContactRecord.thaw_plain(contact)
        if (high := data.get("last_high_level_contact")) is not None:
            builder.last_high_level_contact = ContactRecord.thaw_plain(high)
        builder.areas = {a["area"]: AreaRecord.thaw_plain(a) for a in data.get("areas", ())}
        day = date.fromisoformat
        builder.tone = {day(d[0]): list(d[1:]) for d in data.get("tone_days", ())}
        builder.tone_months = {day(m[0]): list(m[1:]) for m in data.get("tone_months", ())}
        builder.tone_years = {day(y[0]): list(y[1:]) for y in data.get("tone_years", ())}
        builder.facts = data.get("facts", 0)
        last = data.get("last_key")
        builder.folded_key = None if last is None else (day(last[0]), last[1], last[2])
        builder.thawed = True
        return builder

    def compact(self) -> None:
        """Cut each fact's sources and articles to those its frozen fact keeps, as freezing
        the state and thawing it again does (:meth:`.records.Sourced.compact`; every event
        id stays). A fact folded from the start keeps every source it took, and freezing it
        sorts them all: a busy pair's refold, writing a snapshot every few dozen facts on
        the way, spent 60% of its time there."""
        for record in self._records():
            record.compact()

    def as_thawed(self) -> None:
        """Make this working copy what thawing its frozen state gives
        (``from_json(build_json())``): each fact cut to its kept sources, articles, event ids
        and steps, counting the rest. A follower keeps a busy pair's builder so to fold the
        next batch into, instead of decoding the state it has just written (tests hold the
        two equal)."""
        kept, self.earlier = self._commitments_kept()
        if len(kept) < len(self.commitments.all):
            self.commitments = CommitmentBook(kept)
        for record in self._records():
            record.compact(ids=True)
        self.thawed, self.unresolved, self.narrate = True, [], False

    def _commitments_kept(self) -> tuple[list[CommitmentRecord], dict[str, list[int]]]:
        """The commitments a built state lists, and the counts of those it leaves out (see
        the module's rules): resolved before the first day kept by day."""
        last = self.last_key
        earlier = {key: list(counts) for key, counts in self.earlier.items()}
        if last is None or self.every_commitment:
            return self.commitments.all, earlier
        cutoff = keep_from(last[0], self.judged_from)
        kept = []
        for record in self.commitments.all:
            if record.status != "pending" and span_start(record.status_date) < cutoff:
                counts = earlier.setdefault(record.key, [0, 0])
                counts[0 if record.status == "fulfilled" else 1] += 1
            else:
                kept.append(record)
        return kept, earlier

    def _records(self) -> Iterator[Sourced]:
        yield from self.agreements.values()
        yield from self.memberships.values()
        if self.relations is not None:
            yield self.relations
        yield from self.commitments.all
        if self.last_contact is not None:
            yield self.last_contact
        if self.last_high_level_contact is not None:
            yield self.last_high_level_contact
        yield from self.areas.values()

    def build(self) -> RelationshipState:
        """Freeze the working copy into a state (facts in a canonical order)."""
        tone, months, years = self._rolled()
        kept, earlier = self._commitments_kept()
        return construct(
            RelationshipState,
            {
                "relationship": self.relationship,
                "agreements": tuple(
                    [self.agreements[k].agreement() for k in sorted(self.agreements)]
                ),
                "memberships": tuple(
                    [self.memberships[k].membership() for k in sorted(self.memberships)]
                ),
                "relations": self.relations.relations() if self.relations else None,
                "commitments": tuple([c.freeze() for c in kept]),
                "earlier_commitments": tuple(
                    [EarlierCommitments(k, *earlier[k]) for k in sorted(earlier)]
                ),
                "last_contact": self.last_contact.freeze() if self.last_contact else None,
                "last_high_level_contact": (
                    self.last_high_level_contact.freeze() if self.last_high_level_contact else None
                ),
                "areas": tuple([self.areas[k].freeze() for k in sorted(self.areas)]),
                "tone_days": tuple([_tone_row(ToneDay, (d, *tone[d])) for d in sorted(tone)]),
                "tone_months": tuple(
                    [_tone_row(ToneMonth, (m, *months[m])) for m in sorted(months)]
                ),
                "tone_years": tuple([_tone_row(ToneYear, (y, *years[y])) for y in sorted(years)]),
                "facts": self.facts,
                "last_key": self.last_key,
            },
        )

    def build_json(self, *, every_id: bool = False) -> str:
        """``build().model_dump_json()``, written straight from the working copy.

        A rebuild only stores the state's text: building the pydantic state first and
        serializing it cost twice as much. tests/unit/test_state_json.py holds the two
        texts equal, byte for byte. ``every_id``: each fact lists every event id, not the
        bounded set (a snapshot: a fold resumed from it places any annotation).
        """
        tone, months, years = self._rolled()
        kept, earlier = self._commitments_kept()
        agreements, memberships, areas = self.agreements, self.memberships, self.areas
        contact, relations = self.last_contact, self.relations
        high, every = self.last_high_level_contact, every_id
        state = {
            "relationship": self.relationship,
            "agreements": [agreements[k].plain_agreement(every) for k in sorted(agreements)],
            "memberships": [memberships[k].plain_membership(every) for k in sorted(memberships)],
            "relations": relations.plain_relations(every) if relations else None,
            "commitments": [c.plain(every) for c in kept],
            "earlier_commitments": [(k, *earlier[k]) for k in sorted(earlier)],
            "last_contact": contact.plain(every) if contact else None,
            "last_high_level_contact": high.plain(every) if high else None,
            "areas": [areas[k].plain(every) for k in sorted(areas)],
            "tone_days": [(d, *tone[d]) for d in sorted(tone)],
            "tone_months": [(m, *months[m]) for m in sorted(months)],
            "tone_years": [(y, *years[y]) for y in sorted(years)],
            "facts": self.facts,
            "last_key": self.last_key,
        }
        return _encode(state).decode()

    def ids_json(self) -> str:
        """Every event id of each fact, in the order :meth:`build_json` lists the facts: what
        ``build_json(every_id=True)`` adds to ``build_json()``, kept apart. A snapshot thawed
        to answer a question needs only the ids its frozen facts list (a busy pair's
        agreement gathers an id each time it is told: hundreds, growing with the history);
        one that must place an annotation of an older event takes them all back
        (:meth:`restore_ids`)."""
        agreements, memberships, areas = self.agreements, self.memberships, self.areas
        contact, high, relations = self.last_contact, self.last_high_level_contact, self.relations
        kept, _ = self._commitments_kept()
        return _encode(
            [
                [list(agreements[k].event_ids) for k in sorted(agreements)],
                [list(memberships[k].event_ids) for k in sorted(memberships)],
                list(relations.event_ids) if relations else None,
                [list(c.event_ids) for c in kept],
                list(contact.event_ids) if contact else None,
                list(high.event_ids) if high else None,
                [list(areas[k].event_ids) for k in sorted(areas)],
            ]
        ).decode()

    def restore_ids(self, text: str) -> None:
        """Give each fact of this builder, thawed from ``build_json()``, every event id the
        builder that wrote it held (its :meth:`ids_json` at the same moment): a fold resumed
        from it then places an annotation of any event it took, as one from
        ``build_json(every_id=True)`` does."""
        agreements, memberships, relations, commitments, contact, high, areas = _decode(text)
        records: list[Sourced | None] = [
            *(self.agreements[k] for k in sorted(self.agreements)),
            *(self.memberships[k] for k in sorted(self.memberships)),
            self.relations,
            *self.commitments.all,
            self.last_contact,
            self.last_high_level_contact,
            *(self.areas[k] for k in sorted(self.areas)),
        ]
        lists = [*agreements, *memberships, relations, *commitments, contact, high, *areas]
        if len(records) != len(lists) or any(
            (record is None) != (ids is None) for record, ids in zip(records, lists, strict=True)
        ):
            raise ValueError("these ids were not written with the state this builder thawed")
        for record, ids in zip(records, lists, strict=True):
            if record is None or ids is None:
                continue
            count = record.dropped_ids + len(record.event_ids)
            record.event_ids = dict.fromkeys(ids)
            record.dropped_ids = count - len(record.event_ids)

    def _rolled(
        self,
    ) -> tuple[dict[date, list[int]], dict[date, list[int]], dict[date, list[int]]]:
        """The tone with the days before the kept ones rolled into months, and the months
        of earlier years into years (in place: the sums are integers, so rolling early or
        late gives the same rows)."""
        roll(self.tone, self.tone_months, self.judged_from, self.tone_years)
        return self.tone, self.tone_months, self.tone_years

    @property
    def last_key(self) -> FoldKey | None:
        """The fold key of the last fact folded in (None before any)."""
        return fold_key(self.last_fact) if self.last_fact is not None else self.folded_key

    # -- the step ----------------------------------------------------------------------

    def add(self, event: FoldEvent) -> list[Change]:
        """Fold one event in; return what it changed (:mod:`tracker.narrate` words it).

        Empty if it changed nothing, and always empty from a builder made with
        ``narrate=False``.
        """
        # Once per event of every rebuild: local names, and no list built for changes that
        # nobody asked for.
        kind = event.kind
        if kind != "fact":
            return self._annotate(event) if kind in ("corroborated", "confirmed") else []
        self.facts += 1
        self.last_fact = event
        family = event.family
        modality = event.modality
        narrate = self.narrate
        changes: list[Change] = []
        if family == "agreement":
            changes += self._agreement(event)
        elif family == "membership":
            changes += self._membership(event)
        elif family == "relations":
            changes += self._relations(event)
        commitments = self.commitments
        if family == "commitment":
            changes += commitments.pledge(event)
        elif modality == "planned" or commitments.planned_types.get(event.event_type):
            changes += commitments.plan(event)  # most events neither plan nor resolve a plan
        if modality == "realized" and (
            family == "contact" or event.event_type in _AGREEMENT_CONTACTS
        ):
            changes += self._contact(event)
        if event.areas and (modality == "realized" or modality == "planned"):
            changes += self._areas(event)
        if modality == "realized":
            # The tone step, inline: every realized event takes it.
            tone = self.tone
            start = event.occurred_start
            day = tone.get(start)
            if day is None:
                day = tone[start] = [0, 0, 0, 0, 0]
            quad_class = event.quad_class
            day[quad_class - 1] += 1
            day[4] += round(event.goldstein * 10)
            if narrate:
                changes.append(change("tone", quad_class=quad_class, goldstein=event.goldstein))
        return changes if narrate else _NOTHING

    def _annotate(self, event: FoldEvent) -> list[Change]:
        subject = event.subject or ""
        facts = self._facts()
        touched = [fact for fact in facts if subject in fact.event_ids]
        if self.thawed and _unsure(event, subject, facts):
            self.unresolved.append(event)
        for fact in touched:
            if event.kind == "corroborated":
                fact.refs.update(event.sources)
            else:
                fact.confirmed = True
        if not touched or not self.narrate:
            return _NOTHING
        said: ChangeKind = "corroborated" if event.kind == "corroborated" else "confirmed"
        return [change(said, key=subject, count=len(touched))]

    def _facts(self) -> list[Sourced]:
        facts: list[Sourced] = [*self.agreements.values(), *self.memberships.values()]
        if self.relations is not None:
            facts.append(self.relations)
        facts += [*self.commitments.all, *self.areas.values()]
        if self.last_contact is not None:
            facts.append(self.last_contact)
        if self.last_high_level_contact is not None:
            facts.append(self.last_high_level_contact)
        return facts

    def _step(self, event: FoldEvent, status: str) -> Step:
        return construct(
            Step,
            {
                "event_id": event.event_id,
                "event_type": event.event_type,
                "status": status,
                "date": event.occurred,
                "modality": event.modality,
                "actor": event.source,
            },
        )

    def _agreement(self, event: FoldEvent) -> list[Change]:
        status = AGREEMENT_STATUS[event.event_type]
        record = self.agreements.get(event.object_key)
        realized = event.modality == "realized"
        before = record.status if record is not None else None
        if record is None:
            start = status if realized else "negotiating"
            record = LifecycleRecord(
                key=event.object_key, name=event.name, status=start, status_date=event.occurred
            )
            self.agreements[event.object_key] = record
        else:
            if realized:
                record.status, record.status_date = status, event.occurred
            # Most steps repeat the name: rank only a different one (once per agreement
            # step of a rebuild).
            name = event.name
            if name != record.name and formal_name_order(name) > formal_name_order(record.name):
                record.name = name
        record.steps.append(self._step(event, status))
        record.take(event)
        return [self._moved("agreement", record, event, before)] if self.narrate else _NOTHING

    def _moved(
        self, kind: ChangeKind, record: LifecycleRecord, event: FoldEvent, before: str | None
    ) -> Change:
        """A lifecycle step: the record's status before and after it, and the step."""
        return change(
            kind,
            key=record.key,
            name=record.name,
            before=before,
            after=record.status,
            date=event.occurred,
            event_type=event.event_type,
            modality=event.modality,
            parties=(record.member, record.organisation) if kind == "membership" else (),
        )

    def _membership(self, event: FoldEvent) -> list[Change]:
        status = MEMBERSHIP_STATUS[event.event_type]
        record = self.memberships.get(event.object_key)
        before = record.status if record is not None else None
        if record is None:
            if event.modality != "realized":
                return []
            organisation = event.object_key  # the organisation, whichever party acted
            record = LifecycleRecord(
                key=organisation,
                name=ORGANISATIONS.get(organisation, organisation),
                status=status,
                status_date=event.occurred,
                member=event.target if organisation == event.source else event.source,
                organisation=organisation,
            )
            self.memberships[event.object_key] = record
        return self._status_step(record, event, status, "membership", before)

    def _relations(self, event: FoldEvent) -> list[Change]:
        status = RELATIONS_STATUS[event.event_type]
        record = self.relations
        before = record.status if record is not None else None
        if record is None:
            if event.modality != "realized":
                return []
            record = self.relations = LifecycleRecord(
                key=RELATIONS_KEY, name=RELATIONS_KEY, status=status, status_date=event.occurred
            )
        return self._status_step(record, event, status, "relations", before)

    def _status_step(
        self,
        record: LifecycleRecord,
        event: FoldEvent,
        status: str,
        kind: ChangeKind,
        before: str | None,
    ) -> list[Change]:
        """A step of a membership or of the relations: a realized one moves the status,
        any other is only kept in the history."""
        realized = event.modality == "realized"
        if realized:
            record.status, record.status_date = status, event.occurred
        record.steps.append(self._step(event, status))
        record.take(event)
        return [self._moved(kind, record, event, before)] if self.narrate else _NOTHING

    def _contact(self, event: FoldEvent) -> list[Change]:
        """A realized contact: the last contact, and the last high-level one if it is."""
        self.last_contact = self._contact_record(event)
        high = event.level in _HIGH_LEVELS
        if high:
            self.last_high_level_contact = self._contact_record(event)
        if not self.narrate:
            return _NOTHING
        said = {
            "after": event.event_type,
            "event_type": event.event_type,
            "date": event.occurred,
            "level": event.level,
        }
        if high:
            return [change("last_contact", **said), change("last_high_level_contact", **said)]
        return [change("last_contact", **said)]

    def _contact_record(self, event: FoldEvent) -> ContactRecord:
        record = ContactRecord(
            date=event.occurred,
            event_type=event.event_type,
            form=event.form or _AGREEMENT_CONTACTS.get(event.event_type, ""),
            level=event.level,
            people=event.people,
            topic=event.name or None,
            place=event.place,
        )
        record.take(event)
        return record

    def _areas(self, event: FoldEvent) -> list[Change]:
        """Areas named for the first time (by a realized or planned event)."""
        known = self.areas
        new: list[str] = []
        for area in event.areas:
            if area not in known:
                record = AreaRecord(area=area, first_date=event.occurred)
                record.take(event)
                known[area] = record
                new.append(area)
        return [change("areas", added=tuple(new))] if new and self.narrate else _NOTHING


def _unsure(event: FoldEvent, subject: str, facts: list[Sourced]) -> bool:
    """Whether annotation ``event`` may be about an event that a fact thawed from a frozen
    state no longer lists, and would change that fact (confirming a confirmed fact does not)."""
    confirms = event.kind == "confirmed"
    return any(
        f.dropped_ids and subject not in f.event_ids and not (confirms and f.confirmed)
        for f in facts
    )


def formal_name_order(name: str) -> tuple[int, int, str]:
    """How an agreement's name ranks for showing: one agreement reported under several
    names shows its most formal one ("Charter on Strategic Partnership" over a headline's
    "strategic partnership charter"): the most capitalized words, then the longest, then
    the alphabetically last. A maximum over the names, so the state does not depend on the
    order in which they arrive."""
    capitalized = sum(1 for word in name.split() if word[:1].isupper())
    return capitalized, len(name), name


# What a step returns when it has nothing to say; never mutated (callers only extend
# their own lists with it).
_NOTHING: list[Change] = []
