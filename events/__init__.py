"""The domain vocabulary of policy-tracker: events, actors, dates, evidence.

This package imports no infrastructure (no database, feed, scheduler or CLI library); a
test enforces that. Importing it registers every event type with :mod:`events.registry`.
"""

from events.actors import ORGANISATIONS, ActorCode, Relationship, is_organisation
from events.agreements import (
    AgreementEnteredIntoForce,
    AgreementEvent,
    AgreementInitialed,
    AgreementRatified,
    AgreementSigned,
    AgreementSuspended,
    AgreementTerminated,
    NegotiationsOpened,
)
from events.analyst import EventAnnotation, EventConfirmed, EventCorroborated, EventRetracted
from events.base import DiplomaticEvent, DomainEvent, normalize_name
from events.cameo import CameoCode, QuadClass, cameo, cameo_table
from events.commitments import CommitmentEvent, PledgeFulfilled, PledgeMade, PledgeNotKept
from events.contacts import (
    ContactEvent,
    ContactLevel,
    MeetingHeld,
    PhoneCallHeld,
    TalksHeld,
    VisitMade,
)
from events.dates import FuzzyDate, Precision
from events.envelope import RecordedEvent
from events.evidence import ANALYST, Area, Evidence, Modality
from events.memberships import (
    MembershipAccessionSuspended,
    MembershipApplied,
    MembershipCandidateStatusGranted,
    MembershipEvent,
    MembershipInvitationDeclined,
    MembershipInvited,
    MembershipJoined,
    MembershipParticipationFrozen,
    MembershipSuspended,
    MembershipWithdrawalAnnounced,
    MembershipWithdrawn,
)
from events.registry import decode, event_class, event_types, upcaster
from events.relations import (
    DiplomaticRelationsDowngraded,
    DiplomaticRelationsEstablished,
    DiplomaticRelationsSevered,
    RelationsEvent,
)
from events.sources import ArticleIngested
from events.stances import (
    AccusationMade,
    AidProvided,
    AmbassadorRecalled,
    CooperationIntentExpressed,
    CriticismVoiced,
    DemandMade,
    DiplomatsExpelled,
    MaterialCooperationUndertaken,
    PraiseExpressed,
    ProposalRejected,
    ProtestLodged,
    SanctionsEased,
    SanctionsImposed,
    StanceEvent,
    ThreatIssued,
)

__all__ = [
    "ANALYST",
    "ORGANISATIONS",
    "AccusationMade",
    "ActorCode",
    "AgreementEnteredIntoForce",
    "AgreementEvent",
    "AgreementInitialed",
    "AgreementRatified",
    "AgreementSigned",
    "AgreementSuspended",
    "AgreementTerminated",
    "AidProvided",
    "AmbassadorRecalled",
    "Area",
    "ArticleIngested",
    "CameoCode",
    "CommitmentEvent",
    "ContactEvent",
    "ContactLevel",
    "CooperationIntentExpressed",
    "CriticismVoiced",
    "DemandMade",
    "DiplomaticEvent",
    "DiplomaticRelationsDowngraded",
    "DiplomaticRelationsEstablished",
    "DiplomaticRelationsSevered",
    "DiplomatsExpelled",
    "DomainEvent",
    "EventAnnotation",
    "EventConfirmed",
    "EventCorroborated",
    "EventRetracted",
    "Evidence",
    "FuzzyDate",
    "MaterialCooperationUndertaken",
    "MeetingHeld",
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
    "Modality",
    "NegotiationsOpened",
    "PhoneCallHeld",
    "PledgeFulfilled",
    "PledgeMade",
    "PledgeNotKept",
    "PraiseExpressed",
    "Precision",
    "ProposalRejected",
    "ProtestLodged",
    "QuadClass",
    "RecordedEvent",
    "Relationship",
    "RelationsEvent",
    "SanctionsEased",
    "SanctionsImposed",
    "StanceEvent",
    "TalksHeld",
    "ThreatIssued",
    "VisitMade",
    "cameo",
    "cameo_table",
    "decode",
    "event_class",
    "event_types",
    "is_organisation",
    "normalize_name",
    "upcaster",
]
