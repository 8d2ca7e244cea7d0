"""What changed between two states, as :class:`~tracker.projections.change.Change` records:
for replay, when an event forces a refold. The fold's step reports its changes in the same
records, so every surface words both alike (:mod:`tracker.narrate`)."""

from __future__ import annotations

from tracker.projections.change import Change, ChangeKind, change
from tracker.projections.state import (
    RELATIONS_KEY,
    Agreement,
    Commitment,
    Contact,
    DiplomaticRelations,
    Membership,
    RelationshipState,
)

__all__ = ["diff"]


def diff(before: RelationshipState, after: RelationshipState) -> list[Change]:
    """The differences an analyst cares about: statuses, relations, commitments, contact,
    areas, and the number of events the state rests on."""
    changes: list[Change] = []
    lifecycles: tuple[tuple[ChangeKind, dict[str, _Fact], dict[str, _Fact]], ...] = (
        ("agreement", _by_key(before.agreements), _by_key(after.agreements)),
        ("membership", _by_key(before.memberships), _by_key(after.memberships)),
        ("commitment", _by_id(before.commitments), _by_id(after.commitments)),
    )
    for kind, old, new in lifecycles:
        for key in sorted(old.keys() | new.keys()):
            was, now = old.get(key), new.get(key)
            if _status(was) != _status(now):
                changes.append(_lifecycle(kind, key, was, now))
    was_relations, now_relations = before.relations, after.relations
    if _status(was_relations) != _status(now_relations):
        changes.append(_lifecycle("relations", RELATIONS_KEY, was_relations, now_relations))
    contacts: tuple[tuple[ChangeKind, Contact | None, Contact | None], ...] = (
        ("last_contact", before.last_contact, after.last_contact),
        ("last_high_level_contact", before.last_high_level_contact, after.last_high_level_contact),
    )
    for contact_kind, was_contact, now_contact in contacts:
        if was_contact != now_contact:
            changes.append(_contact(contact_kind, now_contact))
    old_areas = {a.area for a in before.areas}
    new_areas = {a.area for a in after.areas}
    if old_areas != new_areas:
        added, removed = sorted(new_areas - old_areas), sorted(old_areas - new_areas)
        changes.append(change("areas", added=tuple(added), removed=tuple(removed)))
    if before.facts != after.facts:
        changes.append(change("events", before=before.facts, after=after.facts))
    return changes


_Fact = Agreement | Membership | DiplomaticRelations | Commitment


def _by_key(facts: tuple[Agreement, ...] | tuple[Membership, ...]) -> dict[str, _Fact]:
    return {f.key: f for f in facts}


def _by_id(commitments: tuple[Commitment, ...]) -> dict[str, _Fact]:
    return {c.id: c for c in commitments}


def _status(fact: _Fact | None) -> tuple[str, str] | None:
    return (fact.status, fact.status_date) if fact is not None else None


def _lifecycle(kind: ChangeKind, key: str, was: _Fact | None, now: _Fact | None) -> Change:
    """A fact whose status moved, appeared (``was`` None) or left the state (``now`` None)."""
    shown = now or was
    assert shown is not None  # a key comes from one of the two states
    parties: tuple[str, ...] = ()
    due, name, commitment = None, "", None
    if isinstance(shown, Commitment):
        parties, due, name = (shown.by, shown.to), shown.due, shown.name
        commitment = shown.kind
    elif isinstance(shown, Membership):
        parties, name = (shown.member, shown.organisation), shown.name
    elif isinstance(shown, Agreement):
        name = shown.name
    else:
        name = RELATIONS_KEY
    return change(
        kind,
        key=key,
        name=name,
        before=was.status if was is not None else None,
        after=now.status if now is not None else None,
        date=shown.status_date,
        parties=parties,
        commitment=commitment,
        due=due,
    )


def _contact(kind: ChangeKind, now: Contact | None) -> Change:
    if now is None:
        return change(kind)
    return change(
        kind, after=now.event_type, event_type=now.event_type, date=now.date, level=now.level
    )
