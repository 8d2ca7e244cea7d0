"""Memberships of a state in an organisation or coalition, step by step.

Most steps are the state's own acts, so the state is the source and the organisation the
target (it applied, joined, froze its participation, left). Two are the organisation's acts
towards the state, and are coded the other way round, as CAMEO codes who acted: it granted
the state candidate status, or invited it to join. ``member`` and ``organisation`` name the
two whichever way a step is coded; a membership is keyed by its organisation.
"""

from __future__ import annotations

from typing import ClassVar

from events.base import DiplomaticEvent

__all__ = [
    "MembershipAccessionSuspended",
    "MembershipApplied",
    "MembershipCandidateStatusGranted",
    "MembershipEvent",
    "MembershipInvitationDeclined",
    "MembershipInvited",
    "MembershipJoined",
    "MembershipParticipationFrozen",
    "MembershipSuspended",
    "MembershipWithdrawalAnnounced",
    "MembershipWithdrawn",
]


class MembershipEvent(DiplomaticEvent):
    """A step in a state's membership of an organisation."""

    family: ClassVar[str] = "membership"
    # True for the organisation's acts towards the state: then the organisation is the source.
    by_organisation: ClassVar[bool] = False

    @property
    def member(self) -> str:
        """The state (or organisation) whose membership this is."""
        return self.target if self.by_organisation else self.source

    @property
    def organisation(self) -> str:
        """The organisation or coalition joined, applied to, or left."""
        return self.source if self.by_organisation else self.target

    def object_key(self) -> str:
        return self.organisation


class MembershipApplied(MembershipEvent):
    """The state applied, or began the formal process, to join the organisation."""

    event_type: ClassVar[str] = "MembershipApplied"
    default_cameo: ClassVar[str] = "022"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset({"032"})


class MembershipCandidateStatusGranted(MembershipEvent):
    """The organisation (source) granted the state (target) candidate status for membership."""

    event_type: ClassVar[str] = "MembershipCandidateStatusGranted"
    # CAMEO has no code for it; the coders use diplomatic cooperation, as for observer status.
    default_cameo: ClassVar[str] = "050"
    by_organisation: ClassVar[bool] = True


class MembershipAccessionSuspended(MembershipEvent):
    """The state's accession to the organisation (its application, the accession talks) was
    suspended or frozen, by either side; the state is an applicant, not a member."""

    event_type: ClassVar[str] = "MembershipAccessionSuspended"
    # CAMEO's "halt negotiations": the accession talks stop.
    default_cameo: ClassVar[str] = "164"


class MembershipInvited(MembershipEvent):
    """The organisation (source), or its members speaking for it, invited the state
    (target) to join."""

    event_type: ClassVar[str] = "MembershipInvited"
    # An invitation to join is an intent to cooperate (the coders' alternative, 020 appeal,
    # is not in the project's CAMEO table).
    default_cameo: ClassVar[str] = "030"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset({"032"})
    by_organisation: ClassVar[bool] = True


class MembershipInvitationDeclined(MembershipEvent):
    """The invited state declined the invitation to join the organisation."""

    event_type: ClassVar[str] = "MembershipInvitationDeclined"
    # A rejection; coders also write it as a joining negated (057).
    default_cameo: ClassVar[str] = "120"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset({"057"})


class MembershipJoined(MembershipEvent):
    """The state joined the organisation or coalition."""

    event_type: ClassVar[str] = "MembershipJoined"
    default_cameo: ClassVar[str] = "050"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset({"057"})


class MembershipParticipationFrozen(MembershipEvent):
    """The member froze its own participation in the organisation; it remains a member."""

    event_type: ClassVar[str] = "MembershipParticipationFrozen"
    default_cameo: ClassVar[str] = "160"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset({"161"})


class MembershipSuspended(MembershipEvent):
    """The state's (source) membership was suspended by the organisation (target); a member
    that freezes its own participation is :class:`MembershipParticipationFrozen`."""

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
