"""The order of the fold: valid date, then stage of the day, then event id.

Events of the same day are ordered by what they are, not by when the log learned of them,
so the state never depends on the order in which simultaneous news arrived (appending the
same events in any order gives the same state; a property test holds us to it):

1. planned acts first (an announcement precedes what it announces);
2. realized acts in lifecycle order (negotiations < initialed < signed < ratified < in force
   < suspended < terminated; applied < candidate < accession suspended < invited <
   invitation declined < member < participation frozen < suspended < withdrawal announced <
   withdrawn; established < downgraded < severed; pledge < its outcome; anything else in between);
3. negated and failed acts last (they resolve plans made that day);
4. the event id, so that even two identical-looking events have one fixed order.

Annotations (corroborations, confirmations) have no valid time and come after every fact;
what they do commutes with the facts (see :mod:`tracker.projections.builder`).
"""

from __future__ import annotations

from datetime import date

from tracker.projections.fold_event import FoldEvent

__all__ = ["AGREEMENT_STATUS", "MEMBERSHIP_STATUS", "RELATIONS_STATUS", "FoldKey", "fold_key"]

# Event type -> the status it stands for, in lifecycle order.
AGREEMENT_STATUS = {
    "NegotiationsOpened": "negotiating",
    "AgreementInitialed": "initialed",
    "AgreementSigned": "signed",
    "AgreementRatified": "ratified",
    "AgreementEnteredIntoForce": "in_force",
    "AgreementSuspended": "suspended",
    "AgreementTerminated": "terminated",
}
MEMBERSHIP_STATUS = {
    "MembershipApplied": "applied",
    "MembershipCandidateStatusGranted": "candidate",
    "MembershipAccessionSuspended": "accession_suspended",
    "MembershipInvited": "invited",
    "MembershipInvitationDeclined": "invitation_declined",
    "MembershipJoined": "member",
    "MembershipParticipationFrozen": "participation_frozen",
    "MembershipSuspended": "suspended",
    "MembershipWithdrawalAnnounced": "withdrawal_announced",
    "MembershipWithdrawn": "withdrawn",
}
RELATIONS_STATUS = {
    "DiplomaticRelationsEstablished": "established",
    "DiplomaticRelationsDowngraded": "downgraded",
    "DiplomaticRelationsSevered": "severed",
}
_LIFECYCLE_RANK = {
    **{t: rank for rank, t in enumerate(AGREEMENT_STATUS, start=1)},
    **{t: rank for rank, t in enumerate(MEMBERSHIP_STATUS, start=1)},
    **{t: rank for rank, t in enumerate(RELATIONS_STATUS, start=1)},
    "PledgeMade": 1,
    "PledgeFulfilled": 8,
    "PledgeNotKept": 8,
}
_DEFAULT_RANK = 4
_LAST_STAGE = 20

FoldKey = tuple[date, int, str]


def fold_key(event: FoldEvent) -> FoldKey:
    """Where ``event`` goes in the fold (see the module docstring)."""
    if event.kind != "fact":
        return (date.max, _LAST_STAGE + 1, event.event_id)
    return fact_key(event.occurred_start, event.modality, event.event_type, event.event_id)


def fact_key(start: date, modality: str, event_type: str, event_id: str) -> FoldKey:
    """:func:`fold_key` of a fact from its parts (a lifecycle step keeps them)."""
    if modality == "planned":
        stage = 0
    elif modality == "realized":
        stage = 10 + _LIFECYCLE_RANK.get(event_type, _DEFAULT_RANK) - 1
    else:
        stage = _LAST_STAGE
    return (start, stage, event_id)
