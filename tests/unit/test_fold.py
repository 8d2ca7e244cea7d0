"""The fold, family by family: lifecycles, modality, commitments and the overdue rule."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from events import (
    AgreementEnteredIntoForce,
    AgreementInitialed,
    AgreementRatified,
    AgreementSigned,
    AgreementTerminated,
    AidProvided,
    DiplomaticRelationsDowngraded,
    DiplomaticRelationsEstablished,
    DiplomaticRelationsSevered,
    DomainEvent,
    EventConfirmed,
    EventCorroborated,
    EventRetracted,
    Evidence,
    MeetingHeld,
    MembershipAccessionSuspended,
    MembershipApplied,
    MembershipCandidateStatusGranted,
    MembershipInvitationDeclined,
    MembershipInvited,
    MembershipJoined,
    MembershipParticipationFrozen,
    MembershipSuspended,
    MembershipWithdrawn,
    NegotiationsOpened,
    PhoneCallHeld,
    PledgeFulfilled,
    PledgeMade,
    PledgeNotKept,
    ProtestLodged,
    RecordedEvent,
    SanctionsImposed,
    VisitMade,
)
from tests.factories import diplomatic
from tracker.narrate import reason_words
from tracker.projections import FoldEvent, apply, fold, from_recorded, view

T0 = datetime(2025, 1, 1, tzinfo=UTC)
CHARTER = {"agreement": "Charter on Strategic Partnership"}


def as_fold(*events: DomainEvent, start: int = 1) -> list[FoldEvent]:
    """Log the events in order, one second apart, as the fold sees them."""
    return [
        from_recorded(RecordedEvent(start + i, "s", i + 1, T0 + timedelta(seconds=i), e))
        for i, e in enumerate(events)
    ]


def state_of(*events: DomainEvent, as_of: str = "2030-01-01", **kw: Any) -> Any:
    day = date.fromisoformat(as_of)
    return view(fold("ARM-USA", as_fold(*events), as_of=day, **kw), day)


def test_agreement_lifecycle_follows_valid_time_not_log_order() -> None:
    in_force = diplomatic(AgreementEnteredIntoForce, occurred="2025-03-01", **CHARTER)
    signed = diplomatic(AgreementSigned, occurred="2025-01-14", **CHARTER)
    state = state_of(in_force, signed)  # learned in the opposite order
    [charter] = state.agreements
    assert (charter.status, charter.status_date) == ("in_force", "2025-03-01")
    assert [s.status for s in charter.steps] == ["signed", "in_force"]
    assert state_of(in_force, signed, as_of="2025-02-01").agreements[0].status == "signed"


def test_planned_signing_means_negotiating_not_signed() -> None:
    planned = diplomatic(AgreementSigned, modality="planned", due="2025-06", **CHARTER)
    [charter] = state_of(planned).agreements
    assert (charter.status, charter.status_date) == ("negotiating", "2025-01-14")


@pytest.mark.parametrize("modality", ["planned", "negated", "failed"])
def test_unrealized_steps_do_not_move_a_lifecycle(modality: str) -> None:
    signed = diplomatic(AgreementSigned, **CHARTER)
    ended = diplomatic(AgreementTerminated, occurred="2025-05-01", modality=modality, **CHARTER)
    [charter] = state_of(signed, ended).agreements
    assert charter.status == "signed"
    assert charter.steps[-1].modality == modality


def test_membership_statuses_and_plans() -> None:
    applied = diplomatic(MembershipApplied, target="EU", occurred="2025-01-09")
    joined = diplomatic(MembershipJoined, target="EU", occurred="2027-01", modality="planned")
    state = view(fold("ARM-EU", as_fold(applied, joined)), date(2026, 1, 1))
    [membership] = state.memberships
    assert (membership.status, membership.member, membership.organisation) == (
        "applied",
        "ARM",
        "EU",
    )
    assert [c.status for c in state.commitments] == ["pending"]
    left = diplomatic(MembershipWithdrawn, target="EU", occurred="2028-01-01")
    state = view(fold("ARM-EU", as_fold(applied, left)), date(2028, 2, 1))
    assert state.memberships[0].status == "withdrawn"


def test_an_applicant_s_accession_can_be_suspended() -> None:
    applied = diplomatic(MembershipApplied, source="GEO", target="EU", occurred="2022-03-03")
    halted = diplomatic(
        MembershipAccessionSuspended, source="GEO", target="EU", occurred="2024-11-28"
    )
    state = view(fold("EU-GEO", as_fold(applied, halted)), date(2025, 1, 1))
    [membership] = state.memberships
    assert (membership.status, membership.status_date) == ("accession_suspended", "2024-11-28")
    assert (state.label, reason_words(state.label_reason)) == (
        "accession suspended",
        "Georgia's accession to the European Union was suspended on 2024-11-28",
    )
    before = date(2024, 1, 1)
    assert view(fold("EU-GEO", as_fold(applied, halted), as_of=before), before).label == "applicant"


def test_planned_membership_alone_is_a_commitment_not_a_membership() -> None:
    plan = diplomatic(MembershipJoined, target="GCAD", modality="planned")
    state = view(fold("ARM-GCAD", as_fold(plan)), date(2025, 2, 1))
    assert state.memberships == ()
    assert state.commitments[0].status == "pending"


def test_planned_visit_is_pending_then_overdue_then_failed() -> None:
    plan = diplomatic(VisitMade, source="USA", target="ARM", modality="planned", due="2025-02")
    failed = diplomatic(
        VisitMade, source="USA", target="ARM", occurred="2025-03", modality="failed"
    )
    assert state_of(plan, failed, as_of="2025-02-28").commitments[0].status == "pending"
    overdue = state_of(plan, as_of="2025-03-01").commitments[0]
    assert (overdue.status, overdue.status_date) == ("overdue", "2025-03-01")
    final = state_of(plan, failed, as_of="2025-03-02").commitments[0]
    assert (final.status, final.status_date) == ("failed", "2025-03")


def test_realized_event_of_the_same_key_fulfils_a_plan() -> None:
    plan = diplomatic(MeetingHeld, modality="planned", due="2025-03")
    held = diplomatic(MeetingHeld, source="USA", target="ARM", occurred="2025-02-20")
    [commitment] = state_of(plan, held).commitments
    assert (commitment.status, commitment.status_date) == ("fulfilled", "2025-02-20")
    assert len(commitment.event_ids) == 2


@pytest.mark.parametrize(
    ("outcome", "modality", "status"),
    [
        (PledgeFulfilled, "realized", "fulfilled"),
        (PledgeNotKept, "realized", "failed"),
        (PledgeFulfilled, "negated", "failed"),
    ],
)
def test_pledges(outcome: Any, modality: str, status: str) -> None:
    pledge = diplomatic(PledgeMade, due="2025-12")
    result = diplomatic(outcome, occurred="2025-06-01", modality=modality)
    [commitment] = state_of(pledge, result).commitments
    assert (commitment.kind, commitment.status, commitment.due) == ("pledge", status, "2025-12")


def test_last_high_level_contact_ignores_low_levels_and_plans() -> None:
    call = diplomatic(
        PhoneCallHeld,
        level="head_of_government",
        occurred="2025-03-11",
        people=("Nikol Pashinyan", "Marco Rubio"),
    )
    later_official = diplomatic(MeetingHeld, level="official", occurred="2025-04-01")
    planned_summit = diplomatic(
        MeetingHeld, level="head_of_state", occurred="2025-04-02", modality="planned"
    )
    state = state_of(call, later_official, planned_summit)
    contact = state.last_high_level_contact
    assert (contact.date, contact.form, contact.level) == (
        "2025-03-11",
        "phone call",
        "head_of_government",
    )
    assert contact.people == ("Nikol Pashinyan", "Marco Rubio")
    # The last contact is of any level, and never a plan.
    assert (state.last_contact.date, state.last_contact.level) == ("2025-04-01", "official")


def test_areas_keep_their_first_date_and_tone_counts_realized_events_only() -> None:
    early = diplomatic(AgreementSigned, occurred="2024-05-01", areas=["energy"], **CHARTER)
    late = diplomatic(SanctionsImposed, occurred="2025-06-01", areas=["energy", "trade"])
    planned = diplomatic(SanctionsImposed, occurred="2025-06-02", modality="planned")
    state = state_of(early, late, planned, as_of="2025-07-01")
    assert {a.area: a.first_date for a in state.areas} == {
        "energy": "2024-05-01",
        "trade": "2025-06-01",
        "security": "2025-06-02",
    }
    assert state.tone.overall.events == 2
    assert state.tone.recent.events == 1
    assert state.tone.recent.counts["material_conflict"] == 1
    assert state.tone.recent.mean_goldstein == pytest.approx(-8.0)


def test_month_precision_counts_from_its_first_day() -> None:
    talks = diplomatic(NegotiationsOpened, occurred="2025-03", **CHARTER)
    assert state_of(talks, as_of="2025-02-28").agreements == ()
    assert state_of(talks, as_of="2025-03-01").agreements[0].status_date == "2025-03"


def test_retraction_is_bitemporal() -> None:
    signed = diplomatic(AgreementSigned, **CHARTER)
    retraction = EventRetracted(subject=signed.event_id, reason="misread")
    events = as_fold(signed, retraction)
    before, after = events[1].recorded_at - timedelta(microseconds=1), events[1].recorded_at
    assert fold("ARM-USA", events, known_at=before).agreements[0].status == "signed"
    assert fold("ARM-USA", events, known_at=after).agreements == ()


def test_corroboration_adds_sources_never_a_second_fact() -> None:
    signed = diplomatic(AgreementSigned, **CHARTER)
    second = Evidence(url="https://other.example.org/b", sentence="Signed today.")
    state = state_of(
        signed,
        EventCorroborated(subject=signed.event_id, evidence=second),
        EventConfirmed(subject=signed.event_id),
    )
    [charter] = state.agreements
    assert {s.url for s in charter.sources} == {
        "https://news.example.org/a1",
        "https://other.example.org/b",
    }
    assert charter.confirmed
    assert state.events == 1 and state.tone.overall.events == 1


def test_labels() -> None:
    assert state_of().label == "no recorded relations"
    assert state_of(diplomatic(AgreementSigned, **CHARTER)).label == "strategic partnership"
    hostile = diplomatic(SanctionsImposed, occurred="2025-01-01")
    assert state_of(hostile, as_of="2025-01-02").label == "hostile"


def test_diplomatic_relations_follow_their_latest_realized_step() -> None:
    severed = diplomatic(DiplomaticRelationsSevered, source="USA", target="ARM", occurred="2022-09")
    restored = diplomatic(DiplomaticRelationsEstablished, occurred="2024-03-05")
    downgraded = diplomatic(
        DiplomaticRelationsDowngraded, occurred="2023-01-10", modality="negated"
    )
    # Learned in another order than they happened.
    state = state_of(restored, downgraded, severed, as_of="2023-06-01")
    assert state.relations is not None
    assert (state.relations.status, state.relations.status_date) == ("severed", "2022-09")
    assert [(s.status, s.modality, s.actor) for s in state.relations.steps] == [
        ("severed", "realized", "USA"),
        ("downgraded", "negated", "ARM"),
    ]
    assert state.relations.sources[0].url == "https://news.example.org/a1"
    assert state_of(restored, downgraded, severed).relations.status == "established"
    assert state_of(severed, as_of="2022-08-31").relations is None


def test_relations_severed_or_downgraded_outrank_every_other_label() -> None:
    charter = diplomatic(AgreementSigned, occurred="2025-01-14", **CHARTER)
    severed = diplomatic(DiplomaticRelationsSevered, occurred="2025-06-01")
    state = state_of(charter, severed, as_of="2025-07-01")
    assert (state.label, reason_words(state.label_reason)) == (
        "relations severed",
        "diplomatic relations were severed on 2025-06-01",
    )
    downgraded = diplomatic(DiplomaticRelationsDowngraded, occurred="2025-06-01")
    assert state_of(charter, downgraded, as_of="2025-07-01").label == "relations downgraded"
    restored = diplomatic(DiplomaticRelationsEstablished, occurred="2025-08-01")
    assert state_of(charter, severed, restored).label == "strategic partnership"


def test_planned_restoration_is_a_commitment_until_relations_are_restored() -> None:
    severed = diplomatic(DiplomaticRelationsSevered, occurred="2024-01-01")
    plan = diplomatic(
        DiplomaticRelationsEstablished, occurred="2025-01-01", due="2025-03", modality="planned"
    )
    state = state_of(severed, plan, as_of="2025-02-01")
    assert state.relations.status == "severed"
    assert [(c.kind, c.status) for c in state.commitments] == [("planned", "pending")]
    done = diplomatic(DiplomaticRelationsEstablished, occurred="2025-03-10")
    state = state_of(severed, plan, done, as_of="2025-04-01")
    assert state.relations.status == "established"
    assert [c.status for c in state.commitments] == ["fulfilled"]


def test_apply_requires_fold_order() -> None:
    late, early = as_fold(
        diplomatic(AgreementSigned, occurred="2025-03-01", **CHARTER),
        diplomatic(NegotiationsOpened, occurred="2024-01-01", **CHARTER),
    )
    state = fold("ARM-USA", [late])
    with pytest.raises(ValueError, match="fold"):
        apply(state, early)
    assert apply(fold("ARM-USA", []), early) == fold("ARM-USA", [early])


def test_last_contact_is_of_any_level_and_includes_signings() -> None:
    call = diplomatic(PhoneCallHeld, level="foreign_minister", occurred="2025-03-11")
    signed = diplomatic(AgreementSigned, occurred="2025-08-08", **CHARTER)
    initialed = diplomatic(AgreementInitialed, occurred="2025-08-01", **CHARTER)
    # Not contacts: a protest (a summons is one), aid, a ratification, a planned signing.
    protest = diplomatic(ProtestLodged, occurred="2025-09-01")
    aid = diplomatic(AidProvided, occurred="2025-09-02")
    ratified = diplomatic(AgreementRatified, occurred="2025-09-03", **CHARTER)
    plan = diplomatic(AgreementSigned, occurred="2025-09-04", modality="planned", agreement="Other")
    state = state_of(call, initialed, signed, protest, aid, ratified, plan)
    contact = state.last_contact
    assert (contact.date, contact.form, contact.topic) == (
        "2025-08-08",
        "agreement signed",
        "Charter on Strategic Partnership",
    )
    high = state.last_high_level_contact
    assert (high.date, high.form, high.level) == ("2025-03-11", "phone call", "foreign_minister")
    earlier = state_of(call, initialed, signed, as_of="2025-08-05").last_contact
    assert (earlier.date, earlier.form) == ("2025-08-01", "agreement initialed")
    visit = diplomatic(VisitMade, level="minister", occurred="2025-10-01", place="Yerevan")
    later = state_of(call, signed, visit).last_contact
    assert (later.form, later.place, later.level) == ("visit", "Yerevan", "minister")


def test_relations_established_by_both_are_a_contact_and_a_downgrade_is_not() -> None:
    meeting = diplomatic(MeetingHeld, level="foreign_minister", occurred="2023-03-18")
    restored = diplomatic(DiplomaticRelationsEstablished, occurred="2023-07-04")
    planned = diplomatic(DiplomaticRelationsEstablished, occurred="2023-09-01", modality="planned")
    downgraded = diplomatic(DiplomaticRelationsDowngraded, occurred="2023-10-01")
    severed = diplomatic(DiplomaticRelationsSevered, occurred="2023-11-01")
    state = state_of(meeting, restored, planned, downgraded, severed)
    contact = state.last_contact
    assert (contact.date, contact.form) == ("2023-07-04", "relations established")
    # At no high level: the last high-level contact is still the ministers' meeting.
    assert state.last_high_level_contact.date == "2023-03-18"
    assert state_of(meeting, restored, as_of="2023-06-30").last_contact.date == "2023-03-18"


def test_candidate_status_is_granted_by_the_organisation_and_leads_to_membership() -> None:
    applied = diplomatic(MembershipApplied, source="GEO", target="EU", occurred="2022-03-03")
    granted = diplomatic(
        MembershipCandidateStatusGranted, source="EU", target="GEO", occurred="2023-12-14"
    )
    events = as_fold(granted, applied)
    state = view(fold("EU-GEO", events), date(2024, 1, 1))
    [membership] = state.memberships
    assert (membership.member, membership.organisation, membership.status) == (
        "GEO",
        "EU",
        "candidate",
    )
    assert [(s.status, s.actor) for s in membership.steps] == [
        ("applied", "GEO"),
        ("candidate", "EU"),
    ]
    assert (state.label, reason_words(state.label_reason)) == (
        "candidate",
        "the European Union granted Georgia candidate status on 2023-12-14",
    )
    joined = diplomatic(MembershipJoined, source="GEO", target="EU", occurred="2030-01")
    later = view(fold("EU-GEO", [*events, *as_fold(joined, start=3)]), date(2030, 2, 1))
    assert later.memberships[0].status == "member"
    assert reason_words(later.label_reason) == "Georgia joined the European Union in 2030-01"


def test_an_invitation_declined() -> None:
    invited = diplomatic(MembershipInvited, source="BRICS", target="ARG", occurred="2023-08")
    declined = diplomatic(
        MembershipInvitationDeclined, source="ARG", target="BRICS", occurred="2024-01-31"
    )
    events = as_fold(invited, declined)
    before = view(fold("ARG-BRICS", events, as_of=date(2023, 12, 31)), date(2023, 12, 31))
    assert (before.memberships[0].member, before.memberships[0].status) == ("ARG", "invited")
    assert (before.label, reason_words(before.label_reason)) == (
        "invited to join",
        "BRICS invited Argentina to join in 2023-08",
    )
    after = view(fold("ARG-BRICS", events), date(2024, 3, 1))
    [membership] = after.memberships
    assert (membership.status, membership.status_date) == ("invitation_declined", "2024-01-31")
    assert (after.label, reason_words(after.label_reason)) == (
        "invitation declined",
        "Argentina declined the invitation to join BRICS on 2024-01-31",
    )


def test_a_member_freezing_its_participation_is_not_a_suspension() -> None:
    joined = diplomatic(MembershipJoined, occurred="1992-05-15")
    frozen = diplomatic(MembershipParticipationFrozen, occurred="2024-02")
    state = view(fold("ARM-CSTO", as_fold(joined, frozen)), date(2024, 12, 31))
    [membership] = state.memberships
    assert (membership.status, membership.status_date) == ("participation_frozen", "2024-02")
    assert (state.label, reason_words(state.label_reason)) == (
        "participation frozen",
        "Armenia froze its participation in the Collective Security Treaty Organization in 2024-02",
    )
    suspended = diplomatic(MembershipSuspended, occurred="2024-03-01")
    state = view(fold("ARM-CSTO", as_fold(joined, suspended)), date(2024, 12, 31))
    assert (state.memberships[0].status, state.label) == ("suspended", "suspended member")
    assert reason_words(state.label_reason) == (
        "the Collective Security Treaty Organization suspended Armenia's membership on 2024-03-01"
    )


def test_each_fact_carries_its_best_confidence_and_independent_sources() -> None:
    first = Evidence(url="https://a.example.org/1", sentence="Signed.", confidence=0.6)
    again = Evidence(url="https://a.example.org/1", sentence="It was signed.", confidence=0.5)
    other = Evidence(url="https://b.example.org/2", sentence="They signed.", confidence=0.9)
    signed = diplomatic(AgreementSigned, evidence=[first, again], **CHARTER)
    one = state_of(signed).agreements[0]
    assert (one.confidence, one.independent_sources) == (0.6, 1)  # one article, two sentences
    corroborated = [signed, EventCorroborated(subject=signed.event_id, evidence=other)]
    two = state_of(*corroborated).agreements[0]
    assert (two.confidence, two.independent_sources) == (0.9, 2)
    confirmed = state_of(*corroborated, EventConfirmed(subject=signed.event_id)).agreements[0]
    assert (confirmed.confidence, confirmed.independent_sources) == (1.0, 3)
    by_hand = state_of(diplomatic(AgreementSigned, evidence=[], **CHARTER)).agreements[0]
    assert (by_hand.confidence, by_hand.independent_sources) == (None, 1)
    contact = state_of(diplomatic(MeetingHeld, evidence=[other])).last_contact
    assert (contact.confidence, contact.independent_sources) == (0.9, 1)
