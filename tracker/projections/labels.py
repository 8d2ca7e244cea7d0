"""The one-line label of a relationship, by documented rules tried in order.

Each label comes with its reason: the fact that moved it (a :class:`Reason`, in
identifiers; :mod:`tracker.narrate` says it in words: "Armenia applied to join the European
Union on 2025-03-26"), so a reader sees which single fact to check.

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
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict

__all__ = ["Reason", "label", "tone_band"]


class Reason(BaseModel):
    """Why a relationship has its label: the rule that gave it and the fact behind it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["relations", "agreement", "membership", "tone", "none"]
    status: str | None = None  # of the relations, the agreement or the membership
    date: str | None = None  # of that status
    name: str | None = None  # the agreement's
    member: str | None = None
    organisation: str | None = None
    mean_goldstein: float | None = None  # the tone's, rounded to one decimal
    recent: bool | None = None  # the tone of the last 90 days (False: of all events)


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
# Each membership status's label.
_MEMBERSHIP = {
    "applied": "applicant",
    "candidate": "candidate",
    "accession_suspended": "accession suspended",
    "invited": "invited to join",
    "invitation_declined": "invitation declined",
    "member": "member",
    "participation_frozen": "participation frozen",
    "suspended": "suspended member",
    "withdrawal_announced": "leaving",
    "withdrawn": "former member",
}


def label(
    agreements: Sequence[_Agreement],
    memberships: Sequence[_Membership],
    recent_mean: float | None,
    overall_mean: float | None,
    relations: _Status | None = None,
) -> tuple[str, Reason]:
    """The label and the reason for it, by the rules of this module's docstring."""
    if relations is not None and relations.status in _RELATIONS_LABELS:
        reason = Reason(kind="relations", status=relations.status, date=relations.status_date)
        return _RELATIONS_LABELS[relations.status], reason
    for name, words in _FRAMEWORKS:
        for agreement in agreements:
            lowered = agreement.name.lower()
            if agreement.status in _IN_EFFECT and any(w in lowered for w in words):
                return name, Reason(
                    kind="agreement",
                    status=agreement.status,
                    date=agreement.status_date,
                    name=agreement.name,
                )
    for membership in memberships:
        return _MEMBERSHIP[membership.status], Reason(
            kind="membership",
            status=membership.status,
            date=membership.status_date,
            member=membership.member,
            organisation=membership.organisation,
        )
    recent = recent_mean is not None
    mean = recent_mean if recent else overall_mean
    if mean is None:
        return "no recorded relations", Reason(kind="none")
    reason = Reason(kind="tone", mean_goldstein=round(mean, 1), recent=recent)
    return tone_band(mean), reason


def tone_band(mean: float) -> str:
    """The band of a mean Goldstein value, by rule 5 of this module's docstring."""
    if mean <= -5:
        return "hostile"
    if mean <= -1:
        return "strained"
    if mean < 1:
        return "neutral"
    return "cooperative"
