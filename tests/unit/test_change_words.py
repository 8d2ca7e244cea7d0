"""The state's changes and a label's reason: identifiers in the records, words for a reader."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from events import (
    AgreementSigned,
    DiplomaticEvent,
    DomainEvent,
    EventConfirmed,
    EventCorroborated,
    EventRetracted,
    MembershipApplied,
    MembershipWithdrawalAnnounced,
    Modality,
    NegotiationsOpened,
    PhoneCallHeld,
    RecordedEvent,
    VisitMade,
)
from tests.factories import EVIDENCE, diplomatic, every_type, sample
from tracker.narrate import change_words, reason_words
from tracker.projections import Change, Reason, StateBuilder, diff, fold, from_recorded
from tracker.projections.labels import _MEMBERSHIP, _RELATIONS_LABELS
from tracker.words import words

T0 = datetime(2025, 6, 1, tzinfo=UTC)
# What a reader must never see: an event type (CamelCase), a status or area identifier
# (snake_case), the fold's arrow between codes, or a bare actor code.
IDENTIFIER = re.compile(r"\b[A-Z][a-z]+[A-Z]\w*|\b[a-z]+_[a-z_]+\b|->|\b(ARM|USA|CSTO)\b")


def logged(*events: DomainEvent) -> list[RecordedEvent]:
    return [
        RecordedEvent(i + 1, "s", i + 1, T0 + timedelta(seconds=i), e) for i, e in enumerate(events)
    ]


def changes_of(*events: DomainEvent) -> list[list[Change]]:
    builder = StateBuilder("ARM-USA")
    return [builder.add(from_recorded(r)) for r in logged(*events)]


@pytest.mark.parametrize(
    "cls", [c for c in every_type() if issubclass(c, DiplomaticEvent)], ids=lambda c: c.event_type
)
@pytest.mark.parametrize("modality", list(Modality))
def test_every_change_a_fold_makes_is_valid_and_said_in_words(
    cls: type[DiplomaticEvent], modality: Modality
) -> None:
    event = diplomatic(cls, modality=modality)
    # Twice (a restatement, a second step), then corroborated and confirmed.
    again = diplomatic(cls, modality=modality, occurred="2025-02-01")
    steps = changes_of(
        event,
        again,
        EventCorroborated(subject=event.event_id, evidence=EVIDENCE),
        EventConfirmed(subject=event.event_id),
    )
    for change in (c for step in steps for c in step):
        # Built without validation in the fold: the same record validates.
        assert Change.model_validate(change.model_dump()) == change
        said = change_words(change)
        assert said and not IDENTIFIER.search(said), (change, said)


def test_changes_keep_identifiers_and_say_them_in_words() -> None:
    visit = diplomatic(
        VisitMade, source="USA", target="ARM", modality="planned", due="2025-02", areas=[]
    )
    failed = diplomatic(
        VisitMade, source="USA", target="ARM", occurred="2025-02", modality="failed"
    )
    talks = diplomatic(NegotiationsOpened, agreement="123 Agreement", modality="planned")
    call = diplomatic(
        PhoneCallHeld, occurred="2025-03-11", level="head_of_government", areas=["border_security"]
    )
    opened, not_kept, planned_talks, called = changes_of(visit, failed, talks, call)
    [commitment] = opened
    assert (commitment.kind, commitment.before, commitment.after) == ("commitment", None, "pending")
    assert (commitment.commitment, commitment.parties) == ("planned", ("USA", "ARM"))
    assert change_words(commitment) == (
        "commitment opened: visit (United States → Armenia), due 2025-02"
    )
    assert change_words(not_kept[0]) == (
        "commitment not kept: visit (United States → Armenia) in 2025-02"
    )
    agreement = planned_talks[0]
    assert (agreement.after, agreement.event_type, agreement.modality) == (
        "negotiating",
        "NegotiationsOpened",
        "planned",
    )
    assert change_words(agreement) == (
        "the 123 Agreement: negotiations opened (planned); under negotiation"
    )
    said = [change_words(c) for c in called]
    assert said[:3] == [
        "last contact: phone call on 2025-03-11",
        "last high-level contact: phone call on 2025-03-11 (head of government)",
        "new area: border security",
    ]
    assert said[3] == "tone: verbal cooperation, Goldstein +1"


def test_a_membership_and_an_agreement_in_words() -> None:
    applied = diplomatic(MembershipApplied, target="CSTO", occurred="2024-01-02")
    leaving = diplomatic(MembershipWithdrawalAnnounced, target="CSTO", occurred="2024-06")
    signed = diplomatic(AgreementSigned)
    steps = changes_of(applied, leaving, signed)
    membership = [change_words(step[0]) for step in steps[:2]]
    assert membership == [
        "Armenia's membership of the Collective Security Treaty Organization: applicant on "
        "2024-01-02",
        "Armenia's membership of the Collective Security Treaty Organization: applicant → "
        "withdrawal announced in 2024-06",
    ]
    assert steps[1][0].parties == ("ARM", "CSTO")
    assert change_words(steps[2][0]) == "the Charter on Strategic Partnership: signed on 2025-01-14"


def test_a_refold_s_difference_in_the_same_records() -> None:
    talks = diplomatic(
        NegotiationsOpened, agreement="123 Agreement", areas=["nuclear"], occurred="2025-01-20"
    )
    signed = diplomatic(AgreementSigned)
    recorded = logged(signed, talks, EventRetracted(subject=talks.event_id, reason="misread"))
    events = [from_recorded(r) for r in recorded]
    before, after = fold("ARM-USA", events[:2]), fold("ARM-USA", events)
    said = [change_words(c) for c in diff(before, after)]
    assert "the 123 Agreement: no longer known (was under negotiation)" in said
    assert "no longer named: nuclear" in said
    assert "the state rests on 1 event (was 2)" in said
    assert "last contact: agreement signed on 2025-01-14" in said
    assert all(not IDENTIFIER.search(s) for s in said), said


def test_an_annotation_says_how_many_facts_it_touched() -> None:
    signed = diplomatic(AgreementSigned)
    steps = changes_of(signed, sample(EventCorroborated, subject=signed.event_id))
    [corroborated] = steps[1]
    assert (corroborated.kind, corroborated.key) == ("corroborated", str(signed.event_id))
    short = str(signed.event_id)[:8]
    # The agreement, the last contact and the area.
    assert change_words(corroborated) == f"another source for 3 facts of event {short}"


def test_every_label_reason_has_words() -> None:
    table = words().reasons
    assert set(table["membership"]) == set(_MEMBERSHIP)
    assert set(table["relations"]) == set(_RELATIONS_LABELS)
    for status in table["membership"]:
        reason = Reason(
            kind="membership", status=status, date="2024-06", member="ARM", organisation="CSTO"
        )
        said = reason_words(reason)
        assert said.endswith(" in 2024-06") and not IDENTIFIER.search(said), said
    agreement = Reason(kind="agreement", status="in_force", date="2025-01-14", name="Charter")
    assert reason_words(agreement) == "the Charter entered into force on 2025-01-14"
    tone = Reason(kind="tone", mean_goldstein=-1.25, recent=True)
    assert reason_words(tone) == "mean Goldstein -1.2 over the last 90 days"
    assert reason_words(Reason(kind="none")) == "no realized event is known"


def test_a_label_reason_keeps_identifiers() -> None:
    events = [from_recorded(r) for r in logged(diplomatic(MembershipApplied, target="EU"))]
    from tracker.projections import view

    state = view(fold("ARM-EU", events), date(2025, 6, 1))
    assert state.label_reason.model_dump(exclude_none=True) == {
        "kind": "membership",
        "status": "applied",
        "date": "2025-01-14",
        "member": "ARM",
        "organisation": "EU",
    }
    assert reason_words(state.label_reason) == (
        "Armenia applied to join the European Union on 2025-01-14"
    )
