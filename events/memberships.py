"""Memberships of a state (source) in an organisation or coalition (target)."""

from __future__ import annotations

from typing import ClassVar

from events.base import DiplomaticEvent

__all__ = [
    "MembershipAccessionSuspended",
    "MembershipApplied",
    "MembershipEvent",
    "MembershipJoined",
    "MembershipSuspended",
    "MembershipWithdrawalAnnounced",
    "MembershipWithdrawn",
]


class MembershipEvent(DiplomaticEvent):
    """A step in a state's membership of an organisation (the target)."""

    family: ClassVar[str] = "membership"

    def object_key(self) -> str:
        return self.target


class MembershipApplied(MembershipEvent):
    """The state applied, or began the formal process, to join the organisation."""

    event_type: ClassVar[str] = "MembershipApplied"
    default_cameo: ClassVar[str] = "022"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset({"032"})


class MembershipAccessionSuspended(MembershipEvent):
    """The state's accession to the organisation (its application, the accession talks) was
    suspended or frozen, by either side; the state is an applicant, not a member."""

    event_type: ClassVar[str] = "MembershipAccessionSuspended"
    # CAMEO's "halt negotiations": the accession talks stop.
    default_cameo: ClassVar[str] = "164"


class MembershipJoined(MembershipEvent):
    """The state joined the organisation or coalition."""

    event_type: ClassVar[str] = "MembershipJoined"
    default_cameo: ClassVar[str] = "050"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset({"057"})


class MembershipSuspended(MembershipEvent):
    """The state's membership was suspended or frozen (by either side)."""

    event_type: ClassVar[str] = "MembershipSuspended"
    default_cameo: ClassVar[str] = "160"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset({"161"})


class MembershipWithdrawalAnnounced(MembershipEvent):
    """The state announced that it would leave the organisation."""

    event_type: ClassVar[str] = "MembershipWithdrawalAnnounced"
    default_cameo: ClassVar[str] = "160"


class MembershipWithdrawn(MembershipEvent):
    """The state left the organisation."""

    event_type: ClassVar[str] = "MembershipWithdrawn"
    default_cameo: ClassVar[str] = "161"
