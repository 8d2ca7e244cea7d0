"""Readings of real news added in extractor 2.8.0.

Each sentence is written for the test in the shape of a miss or a false alarm seen on real
articles; none is copied from the development set.
"""

from __future__ import annotations

from datetime import date

import pytest

from events import FuzzyDate, Modality
from tests.unit.readings import DAY, acts, needs_parser
from tracker.extract.coder import Coder

pytestmark = needs_parser


@pytest.mark.parametrize(
    "text", ["the International Court of Justice", "the ICJ", "the World Court"]
)
def test_the_world_court_is_an_actor(coder: Coder, text: str) -> None:
    found = coder.mentions.find(coder.nlp(f"Peru turned to {text}."), DAY)
    assert {m.actor for m in found} == {"PER", "ICJ"}


def test_a_state_rejecting_the_world_courts_role_rejects_the_court(coder: Coder) -> None:
    text = (
        "The communique recorded Bolivia's rejection of the jurisdiction of the "
        "International Court of Justice over the river dispute."
    )
    assert ("ProposalRejected", "BOL", "ICJ", "realized") in acts(coder, text)


@pytest.mark.parametrize(
    "text",
    [
        "Chile's foreign ministry deems the Peruvian officials' remarks on the matter groundless.",
        "Chile's foreign ministry called the Peruvian diplomats' statements false.",
    ],
)
def test_a_plurals_possessive_is_part_of_the_words_judged(coder: Coder, text: str) -> None:
    # The apostrophe of "officials'" is no punctuation that ends the act's words.
    assert ("CriticismVoiced", "CHL", "PER", "realized") in acts(coder, text)


def test_words_dismissed_answer_an_accusation_and_do_not_restate_it(coder: Coder) -> None:
    text = (
        "Chile accused Peru of violating its airspace on Monday. "
        "The Chilean ministry also deemed Peru's statements on the incident baseless."
    )
    found = acts(coder, text)
    assert ("AccusationMade", "CHL", "PER", "realized") in found
    assert ("CriticismVoiced", "CHL", "PER", "realized") in found


def test_a_criticism_beside_an_accusation_still_restates_it(coder: Coder) -> None:
    text = "Chile accused Peru of violating its airspace on Monday and condemned the flights."
    found = acts(coder, text)
    assert ("AccusationMade", "CHL", "PER", "realized") in found
    assert not [a for a in found if a[0] == "CriticismVoiced"]


_FILLER = (
    "The decision ended weeks of speculation. Ghana's opposition criticised it. "
    "Markets were calm. The president was at home on Monday. Officials gave no reason. "
)


def _denied_gathering_days(coder: Coder, text: str) -> set[FuzzyDate]:
    return {
        c.occurred
        for c in coder.code(text, DAY)
        if c.target == "ECOWAS" and c.modality is Modality.NEGATED
    }


def test_a_gathering_is_of_the_day_a_later_sentence_schedules_it_for(coder: Coder) -> None:
    # The day is given far below, where the article tells when the summit is due.
    text = (
        "Ghana's president will not attend the ECOWAS summit in June, his office said. "
        f"{_FILLER}The summit is due to take place in Abuja between June 12 and 14."
    )
    assert _denied_gathering_days(coder, text) == {FuzzyDate.day(date(2026, 6, 12))}


def test_two_days_scheduled_date_the_gathering_to_neither(coder: Coder) -> None:
    text = (
        "Ghana's president will not attend the ECOWAS summit in June, his office said. "
        f"{_FILLER}A first meeting is scheduled for June 3. The summit is due to take place "
        "in Abuja between June 12 and 14."
    )
    assert _denied_gathering_days(coder, text) == {FuzzyDate.month(2026, 6)}


@pytest.mark.parametrize(
    "text",
    [
        "Peru's foreign minister said that Bolivia's decision was unacceptable.",
        "Peruvian Foreign Minister Elmer Schialer spoke on Monday. According to him, "
        "Bolivia's demands are absurd.",
    ],
)
def test_what_a_sayer_judges_harshly_it_criticises(coder: Coder, text: str) -> None:
    assert ("CriticismVoiced", "PER", "BOL", "realized") in acts(coder, text)


@pytest.mark.parametrize(
    "text",
    [
        "Peru's foreign minister said that the situation was dangerous.",
        "Peru's foreign minister said that relations with Bolivia were good.",
    ],
)
def test_a_judgement_of_no_one_or_a_good_one_criticises_no_one(coder: Coder, text: str) -> None:
    assert not [a for a in acts(coder, text) if a[0] == "CriticismVoiced"]


def test_the_place_a_visitor_came_from_is_no_host(coder: Coder) -> None:
    text = "The Chilean president arrived in Lima on Monday on an official visit from La Paz."
    visits = {a for a in acts(coder, text) if a[0] == "VisitMade"}
    assert visits == {("VisitMade", "CHL", "PER", "realized")}
    text = "The Chilean president arrived on Monday on an official visit to La Paz."
    assert ("VisitMade", "CHL", "BOL", "realized") in acts(coder, text)


def test_an_exchange_still_to_come_is_one_undertaking_of_both(coder: Coder) -> None:
    planned = "Peru's envoy confirmed the agreement on a prisoner exchange between Chile and Peru."
    released = [a for a in acts(coder, planned) if a[0] == "PersonsReleased"]
    assert [(frozenset(a[1:3]), a[3]) for a in released] == [(frozenset({"CHL", "PER"}), "planned")]
    done = "Chile and Peru traded prisoners at their border on Monday."
    assert {a for a in acts(coder, done) if a[0] == "PersonsReleased"} == {
        ("PersonsReleased", "CHL", "PER", "realized"),
        ("PersonsReleased", "PER", "CHL", "realized"),
    }


def _month_of_the_recall(coder: Coder, text: str) -> set[FuzzyDate]:
    return {c.occurred for c in coder.code(text, DAY) if c.event_type == "AmbassadorRecalled"}


def test_a_month_without_its_year_goes_on_from_the_year_the_story_named(coder: Coder) -> None:
    # Published in March 2026: a bare "In June" after "In May 2024" is June 2024.
    text = (
        "In May 2024, Peru halted its funding of the joint programmes. "
        "The ministry confirmed the decision. "
        "In June, Peru recalled its ambassador from Bolivia."
    )
    assert _month_of_the_recall(coder, text) == {FuzzyDate.month(2024, 6)}


def test_a_month_before_the_date_told_keeps_the_latest_year(coder: Coder) -> None:
    # "In February" after "In May 2024" cannot go on from it: the latest February.
    text = (
        "In May 2024, Peru halted its funding of the joint programmes. "
        "In February, Peru recalled its ambassador from Bolivia."
    )
    assert _month_of_the_recall(coder, text) == {FuzzyDate.month(2026, 2)}
