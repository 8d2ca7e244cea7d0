"""The reader's words: every event type and every status has them, and they read well."""

from __future__ import annotations

from typing import get_args

import pytest

from events import (
    AgreementSigned,
    Area,
    ContactLevel,
    MembershipWithdrawalAnnounced,
    Modality,
    NegotiationsOpened,
    VisitMade,
)
from tests.factories import diplomatic, every_type, sample
from tracker.projections.state import AgreementStatus, MembershipStatus, RelationsStatus
from tracker.projections.view import CommitmentView
from tracker.words import (
    area_words,
    event_words,
    level_words,
    status_words,
    type_words,
    words,
)


def test_every_registered_event_type_has_words() -> None:
    missing = [cls.event_type for cls in every_type() if cls.event_type not in words().events]
    assert missing == []


@pytest.mark.parametrize("cls", every_type(), ids=lambda c: c.event_type)
def test_every_event_reads_without_identifiers(cls: type) -> None:
    said = event_words(sample(cls))
    assert cls.event_type not in said
    assert "_" not in said.split(":")[0]
    assert "{" not in said


@pytest.mark.parametrize(
    ("kind", "statuses"),
    [
        ("agreement", get_args(AgreementStatus)),
        ("membership", get_args(MembershipStatus)),
        ("relations", get_args(RelationsStatus)),
        ("commitment", get_args(CommitmentView.model_fields["status"].annotation)),
    ],
)
def test_every_status_has_words(kind: str, statuses: tuple[str, ...]) -> None:
    table = words().statuses[kind]  # type: ignore[index]
    assert statuses and set(statuses) <= set(table)


def test_every_level_area_and_modality_has_words() -> None:
    assert {level.value for level in ContactLevel} <= set(words().levels)
    assert {area.value for area in Area} <= set(words().areas)
    assert {m.value for m in Modality} <= set(words().modalities)


def test_the_words_the_issue_asks_for() -> None:
    visit = diplomatic(VisitMade, source="USA", target="ARM")
    assert event_words(visit) == "visit (United States → Armenia)"
    signed = diplomatic(AgreementSigned, source="USA", target="ARM")
    assert event_words(signed).startswith("Armenia and the United States signed the Charter")
    talks = diplomatic(NegotiationsOpened, agreement="123 Agreement")
    assert "negotiations opened on the 123 Agreement" in event_words(talks)
    leaving = diplomatic(MembershipWithdrawalAnnounced, modality=Modality.PLANNED)
    assert event_words(leaving).startswith("planned: withdrawal announced")
    assert status_words("membership", "withdrawal_announced") == "withdrawal announced"
    assert level_words("head_of_government") == "head of government"
    assert area_words("border_security") == "border security"
    assert type_words("AgreementSigned") == "agreement signed"


def test_a_planned_act_reads_as_still_to_come() -> None:
    from events import MembershipWithdrawn

    leaving = diplomatic(
        MembershipWithdrawn, source="ARM", target="CSTO", modality=Modality.PLANNED
    )
    assert event_words(leaving) == (
        "planned: Armenia to leave the Collective Security Treaty Organization"
    )
    left = diplomatic(MembershipWithdrawn, source="ARM", target="CSTO")
    assert event_words(left) == "Armenia left the Collective Security Treaty Organization"
