"""What a verb of intending commits to: hostile complements, planned material acts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from events import Modality
from tracker.extract.coder import Coder
from tracker.extract.coding import Coding


@pytest.fixture(scope="module")
def coder() -> Iterator[Coder]:
    yield Coder()


def code(coder: Coder, text: str) -> list[tuple[str, str, str, str]]:
    codings: list[Coding] = coder.code(text, date(2025, 3, 4))
    return [(c.event_type, c.source, c.target, c.modality.value) for c in codings]


def test_a_pledge_to_deport_is_no_cooperation(coder: Coder) -> None:
    assert code(coder, "Turkey has vowed to deport Syrian refugees back to Syria.") == []


def test_a_promise_to_sever_ties_is_no_cooperation_but_a_planned_break(coder: Coder) -> None:
    # Relations are a status of the pair: the promise is that status's commitment.
    assert code(coder, "Argentina promised to sever diplomatic ties with Venezuela.") == [
        ("DiplomaticRelationsSevered", "ARG", "VEN", "planned")
    ]


def test_an_agreement_to_restore_relations_plans_their_restoration(coder: Coder) -> None:
    assert code(coder, "Saudi Arabia and Iran agreed to restore diplomatic relations.") == [
        ("DiplomaticRelationsEstablished", "SAU", "IRN", "planned")
    ]


def test_a_pledge_not_to_attack_stays_a_pledge(coder: Coder) -> None:
    (pledge,) = code(coder, "India pledged to not attack Pakistan's nuclear sites.")
    assert pledge[:3] == ("PledgeMade", "IND", "PAK")


def test_a_pledge_to_cut_tariffs_stays_a_pledge(coder: Coder) -> None:
    (pledge,) = code(coder, "Japan pledged to cut tariffs on goods from Vietnam.")
    assert pledge[:3] == ("PledgeMade", "JPN", "VNM")


def test_lifting_sanctions(coder: Coder) -> None:
    assert code(coder, "Canada lifted its sanctions on Belarus on Monday.") == [
        ("SanctionsEased", "CAN", "BLR", Modality.REALIZED.value)
    ]


def test_agreeing_to_ease_an_embargo_is_a_planned_easing(coder: Coder) -> None:
    assert code(coder, "Germany agreed to ease the arms embargo on Chile.") == [
        ("SanctionsEased", "DEU", "CHL", Modality.PLANNED.value)
    ]


def test_promising_aid_is_planned_aid(coder: Coder) -> None:
    assert code(coder, "Norway promised to send humanitarian aid to Sudan.") == [
        ("AidProvided", "NOR", "SDN", Modality.PLANNED.value)
    ]


def test_agreeing_to_meet_stays_an_intent(coder: Coder) -> None:
    (intent,) = code(coder, "Brazil agreed to hold talks with Argentina.")
    assert intent[0] == "CooperationIntentExpressed"


def test_a_gerund_subject_names_no_act(coder: Coder) -> None:
    text = "Officials in Britain said that removing the sanctions on Iran is out of the question."
    assert code(coder, text) == []


def test_a_compound_modifier_is_no_verb(coder: Coder) -> None:
    assert code(coder, "Russia began its long-threatened offensive against Ukraine.") == []


def test_a_later_date_does_not_plan_an_appeal(coder: Coder) -> None:
    (demand,) = code(coder, "Spain urged Morocco to reopen the border next month.")
    assert demand == ("AppealMade", "ESP", "MAR", Modality.REALIZED.value)
