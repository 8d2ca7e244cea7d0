"""The one-line label of a relationship, by documented rules tried in order.

Each label comes with its reason: the fact that moved it, in words ("ARM applied to join
EU on 2025-03-26"), so a reader sees which single fact to check.

1. **relations severed** / **relations downgraded**: the latest realized step of the
   parties' diplomatic relations broke them off or lowered them. It comes first because it
   overrides what came before: a strategic partnership whose parties broke off relations is
   no partnership. Relations established or restored give no label of their own.
2. **strategic partnership**: an agreement whose name contains "strategic partnership" is
   signed, ratified or in force.
3. **alliance**: an agreement whose name contains "alliance", "mutual defense" or "mutual
   defence" is signed, ratified or in force.
4. **membership** (state and organisation), from the membership's status: ``applicant``,
   ``candidate``, ``accession suspended``, ``invited to join``, ``invitation declined``,
   ``member``, ``participation frozen`` (the member froze its own participation),
   ``suspended member`` (the organisation suspended it), ``leaving`` (withdrawal
   announced), ``former member``.
5. **tone**: the mean Goldstein value of the realized events of the last 90 days (of all
   events when there were none lately): ``hostile`` <= -5 < ``strained`` <= -1 <
   ``neutral`` < 1 <= ``cooperative``.
6. **no recorded relations** when no realized event is known.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

__all__ = ["label"]


class _Status(Protocol):
    # What a label reads of an agreement or membership, whole or as a head (.heads).
    @property
    def status(self) -> str: ...
    @property
    def status_date(self) -> str: ...


class _Agreement(_Status, Protocol):
    @property
    def name(self) -> str: ...


class _Membership(_Status, Protocol):
    @property
    def member(self) -> str: ...
    @property
    def organisation(self) -> str: ...


_RELATIONS_LABELS = {"severed": "relations severed", "downgraded": "relations downgraded"}
_IN_EFFECT = frozenset({"signed", "ratified", "in_force"})
_FRAMEWORKS = (
    ("strategic partnership", ("strategic partnership",)),
    ("alliance", ("alliance", "mutual defense", "mutual defence")),
)
# What the relations' status says of the pair.
_RELATIONS_FACTS = {
    "severed": "diplomatic relations were severed",
    "downgraded": "diplomatic relations were downgraded",
}
# What an agreement's status says of it.
_AGREEMENT_FACTS = {
    "signed": "was signed",
    "ratified": "was ratified",
    "in_force": "entered into force",
}
# Each membership status: its label, and the fact that set it ({m} member, {o} organisation).
_MEMBERSHIP = {
    "applied": ("applicant", "{m} applied to join {o}"),
    "candidate": ("candidate", "{o} granted {m} candidate status"),
    "accession_suspended": ("accession suspended", "{m}'s accession to {o} was suspended"),
    "invited": ("invited to join", "{o} invited {m} to join"),
    "invitation_declined": ("invitation declined", "{m} declined the invitation to join {o}"),
    "member": ("member", "{m} joined {o}"),
    "participation_frozen": ("participation frozen", "{m} froze its participation in {o}"),
    "suspended": ("suspended member", "{o} suspended {m}'s membership"),
    "withdrawal_announced": ("leaving", "{m} announced it would leave {o}"),
    "withdrawn": ("former member", "{m} left {o}"),
}


def _on(day: str) -> str:
    """A fact's date after its verb: "on 2025-03-26", "in 2024-02", "in 2024"."""
    return f"on {day}" if len(day) == 10 else f"in {day}"


def label(
    agreements: Sequence[_Agreement],
    memberships: Sequence[_Membership],
    recent_mean: float | None,
    overall_mean: float | None,
    relations: _Status | None = None,
) -> tuple[str, str]:
    """The label and the reason for it, by the rules of this module's docstring."""
    if relations is not None and relations.status in _RELATIONS_LABELS:
        reason = f"{_RELATIONS_FACTS[relations.status]} {_on(relations.status_date)}"
        return _RELATIONS_LABELS[relations.status], reason
    for name, words in _FRAMEWORKS:
        for agreement in agreements:
            lowered = agreement.name.lower()
            if agreement.status in _IN_EFFECT and any(w in lowered for w in words):
                fact = _AGREEMENT_FACTS[agreement.status]
                return name, f'"{agreement.name}" {fact} {_on(agreement.status_date)}'
    for membership in memberships:
        title, fact = _MEMBERSHIP[membership.status]
        said = fact.format(m=membership.member, o=membership.organisation)
        return title, f"{said} {_on(membership.status_date)}"
    mean, window = (
        (recent_mean, "last 90 days") if recent_mean is not None else (overall_mean, "all events")
    )
    if mean is None:
        return "no recorded relations", "no realized event is known"
    reason = f"mean Goldstein {mean:+.1f} ({window})"
    if mean <= -5:
        return "hostile", reason
    if mean <= -1:
        return "strained", reason
    if mean < 1:
        return "neutral", reason
    return "cooperative", reason
