"""The one-line label of a relationship, by documented rules tried in order.

1. **relations severed** / **relations downgraded**: the latest realized step of the
   parties' diplomatic relations broke them off or lowered them. It comes first because it
   overrides what came before: a strategic partnership whose parties broke off relations is
   no partnership. Relations established or restored give no label of their own.
2. **strategic partnership**: an agreement whose name contains "strategic partnership" is
   signed, ratified or in force.
3. **alliance**: an agreement whose name contains "alliance", "mutual defense" or "mutual
   defence" is signed, ratified or in force.
4. **membership** (state and organisation): ``member``, ``applicant``, ``accession
   suspended``, ``leaving`` (withdrawal announced), ``former member``, ``suspended member``,
   from the membership's status.
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
    def organisation(self) -> str: ...


_RELATIONS_LABELS = {"severed": "relations severed", "downgraded": "relations downgraded"}
_IN_EFFECT = frozenset({"signed", "ratified", "in_force"})
_FRAMEWORKS = (
    ("strategic partnership", ("strategic partnership",)),
    ("alliance", ("alliance", "mutual defense", "mutual defence")),
)
_MEMBERSHIP_LABELS = {
    "member": "member",
    "applied": "applicant",
    "accession_suspended": "accession suspended",
    "withdrawal_announced": "leaving",
    "withdrawn": "former member",
    "suspended": "suspended member",
}


def label(
    agreements: Sequence[_Agreement],
    memberships: Sequence[_Membership],
    recent_mean: float | None,
    overall_mean: float | None,
    relations: _Status | None = None,
) -> tuple[str, str]:
    """The label and the reason for it, by the rules of this module's docstring."""
    if relations is not None and relations.status in _RELATIONS_LABELS:
        reason = f"diplomatic relations {relations.status} {relations.status_date}"
        return _RELATIONS_LABELS[relations.status], reason
    for name, words in _FRAMEWORKS:
        for agreement in agreements:
            lowered = agreement.name.lower()
            if agreement.status in _IN_EFFECT and any(w in lowered for w in words):
                return name, f'"{agreement.name}" {agreement.status} {agreement.status_date}'
    for membership in memberships:
        reason = f"membership of {membership.organisation} {membership.status} "
        return _MEMBERSHIP_LABELS[membership.status], reason + membership.status_date
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
