"""Readings of a sentence by what the article told before it (extractor 2.4.0).

Each sentence is written for the test in the shape of a failure class seen on real
articles; none is copied from the development set.
"""

from __future__ import annotations

from datetime import date

import pytest

from events.base import normalize_name
from tests.unit.readings import DAY, acts, needs_parser
from tracker.extract.coder import Coder

pytestmark = needs_parser


def declined(coder: Coder, text: str) -> set[tuple[str, str]]:
    return {
        (source, target)
        for kind, source, target, _ in acts(coder, text)
        if kind == "MembershipInvitationDeclined"
    }


def test_the_invitation_declined_is_the_one_told_before(coder: Coder) -> None:
    # The organisation that invited the state, not the one the article named last.
    text = (
        "BRICS invited Chile and Peru to join the bloc at its summit in August. "
        "Officials of the European Union followed the expansion closely. "
        "Chile has since declined the invitation to join."
    )
    assert declined(coder, text) == {("CHL", "BRICS")}


def test_an_offer_to_become_a_member_declined(coder: Coder) -> None:
    text = (
        "NATO invited Kenya to become a partner last year. "
        "Kenya turned down the offer to become a member, its foreign ministry said."
    )
    assert declined(coder, text) == {("KEN", "NATO")}


@pytest.mark.parametrize(
    "text",
    [
        # No invitation told before: nothing to point back to.
        "Officials of the European Union met in Brussels. Chile has declined the invitation "
        "to join.",
        # An invitation to something else than membership.
        "BRICS invited Chile to join the bloc in August. Chile declined the invitation to "
        "join the talks in Geneva.",
        # "An invitation" is a new one, not the one told before.
        "BRICS invited Chile to join the bloc in August. Chile declined an invitation to join.",
    ],
)
def test_no_invitation_told_before_no_refusal(coder: Coder, text: str) -> None:
    assert not declined(coder, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A plan whose own verb is negated is given up.
        ("Chile will not pursue its application to become a member of BRICS.", "negated"),
        ("Peru no longer pursues its application to become members of the OECD.", "negated"),
        # Only applied for: not yet a member.
        ("Peru's application to become members of the OECD is pending.", "planned"),
        # Only thought of: nothing asserted.
        ("Peru says it is weighing an application to join the OECD.", None),
        # Not yet answered: still undecided, nothing refused.
        ("Chile has not yet responded to the invitation to join BRICS.", None),
    ],
)
def test_a_plan_given_up_denies_its_act(coder: Coder, text: str, expected: str | None) -> None:
    joined = {mod for kind, _, _, mod in acts(coder, text) if kind == "MembershipJoined"}
    if expected is None:
        assert not joined & {"realized", "negated"}, joined
    else:
        assert joined == {expected}


def test_a_joining_denied_and_the_invitation_declined_are_one_refusal(coder: Coder) -> None:
    text = (
        "BRICS invited Chile and Peru to join the bloc in August. "
        "Chile will not pursue its application to become a member of BRICS, its ministry "
        "said on Monday. Chile has since declined the invitation to join."
    )
    found = coder.code(text, DAY)
    mine = [c for c in found if c.source == "CHL" and c.target == "BRICS"]
    assert [c.event_type for c in mine] == ["MembershipInvitationDeclined"]
    # Both sentences are its evidence.
    said = {mine[0].sentence, *mine[0].also}
    assert any("pursue" in s for s in said) and any("since declined" in s for s in said)


def test_a_formal_title_is_read_to_its_end(coder: Coder) -> None:
    # What the agreement is on runs past ten words, up to the next parties, the clause's
    # end or the purpose it states.
    text = (
        "Kenya and Ethiopia signed a Memorandum of Understanding between the Government of "
        "Kenya and the Government of Ethiopia on the creation of a joint technical committee "
        "of the two ministries of water and irrigation, officials said."
    )
    names = {c.about for c in coder.code(text, DAY) if c.event_type == "AgreementSigned"}
    assert names == {
        "Memorandum of Understanding on the creation of a joint technical committee of the "
        "two ministries of water and irrigation"
    }


def test_a_document_told_with_its_purpose_worded_two_ways_is_one_agreement(
    coder: Coder,
) -> None:
    # The purpose a title states ("to draft ...", "to prepare ...") is worded by each
    # outlet its own way: the name stops before it, so the plan and the signing meet.
    planned = (
        "The highlight is the Memorandum of Understanding between the Government of the "
        "Republic of Kenya and the Government of the Federal Democratic Republic of Ethiopia "
        "on the Creation of a Joint Technical Committee to Draft the Rules of the Omo River "
        "Basin Commission of Kenya and Ethiopia, which will be signed during the visit."
    )
    signed = (
        "Kenya and Ethiopia signed a Memorandum of Understanding between the Government of Kenya "
        "and the Government of Ethiopia on the creation of a joint technical committee to "
        "prepare a river basin treaty."
    )
    plan = [c for c in coder.code(planned, DAY) if c.event_type == "AgreementSigned"]
    done = [c for c in coder.code(signed, DAY) if c.event_type == "AgreementSigned"]
    assert [(c.modality.value, {c.source, c.target}) for c in plan] == [("planned", {"KEN", "ETH"})]
    assert done and {c.about for c in plan} == {
        "Memorandum of Understanding on the Creation of a Joint Technical Committee"
    }
    assert {normalize_name(c.about or "") for c in done} == {
        normalize_name(c.about or "") for c in plan
    }


def test_a_gathering_told_without_its_day_takes_the_day_it_is_named_by(coder: Coder) -> None:
    text = (
        "With a Japan-China summit due next month, both sides are seeking better ties. "
        "Trade will be on the agenda. "
        "Officials hope a fisheries deal will be signed at the April 22 summit in Beijing."
    )
    planned = [
        c
        for c in coder.code(text, date(2026, 3, 10))
        if c.event_type == "MeetingHeld" and c.modality.value == "planned"
    ]
    assert planned and {c.due.text for c in planned if c.due} == {"2026-04-22"}
    # The sentence that names its day tells the same summit.
    assert any("April 22 summit" in s for c in planned for s in c.also)


def test_a_day_outside_what_was_told_names_another_gathering(coder: Coder) -> None:
    text = (
        "With a Japan-China summit due next month, both sides are seeking better ties. "
        "They recalled the May 22 summit of 2019 in Beijing."
    )
    planned = [
        c
        for c in coder.code(text, date(2026, 3, 10))
        if c.event_type == "MeetingHeld" and c.modality.value == "planned"
    ]
    assert planned and all(c.due is None or c.due.text == "2026-04" for c in planned)


def test_a_member_pulled_out_of_an_organisation(coder: Coder) -> None:
    found = acts(coder, "Milei pulled Argentina out of the World Health Organization in May.")
    assert ("MembershipWithdrawn", "ARG", "WHO", "realized") in found


def test_a_participle_after_an_agreement_ends_its_name(coder: Coder) -> None:
    text = (
        "The agreement between Kenya and Ethiopia builds on the declaration of principles "
        "signed in Nairobi on March 3."
    )
    names = {c.about for c in coder.code(text, DAY) if c.event_type == "AgreementSigned"}
    assert names == {"Declaration of principles"}


@pytest.mark.parametrize(
    "text",
    [
        # Named earlier in the sentence.
        "Colombia demanded an explanation from Maduro after the socialist leader criticised "
        "Colombian President Gustavo Petro at a rally on Sunday.",
        # Named in the sentence before.
        "Maduro spoke in Caracas on Monday. Later the socialist leader criticised Colombian "
        "President Gustavo Petro.",
    ],
)
def test_the_described_leader_is_the_person_named_last(coder: Coder, text: str) -> None:
    assert ("CriticismVoiced", "VEN", "COL", "realized") in acts(coder, text)


def test_a_round_that_followed_is_talks_of_its_own_day(coder: Coder) -> None:
    text = (
        "Serbia and Kosovo held talks in Brussels on February 3, followed by a second round "
        "in Ohrid on February 17."
    )
    talks = {
        c.occurred.text
        for c in coder.code(text, DAY)
        if c.event_type in {"TalksHeld", "MeetingHeld"} and c.modality.value == "realized"
    }
    assert talks == {"2026-02-03", "2026-02-17"}


def test_a_denied_gathering_named_by_its_day_is_dated_as_stated(coder: Coder) -> None:
    text = (
        "Chile will not attend the Chile-Peru summit next month, its ministry said. "
        "Officials had hoped for a border deal at the April 22 summit in Lima."
    )
    denied = [
        c
        for c in coder.code(text, DAY)
        if c.event_type == "MeetingHeld" and c.modality.value == "negated"
    ]
    # A basis the log accepts ("stated"), so the event is not refused when it is built.
    assert denied and {(c.occurred.text, c.occurred_basis) for c in denied} == {
        ("2026-04-22", "stated")
    }


@pytest.mark.parametrize(
    "text",
    [
        "Serbia condemned the riots, which it said were orchestrated by Kosovo.",
        "Israel denied any role in the bombing in Kerman, an attack Tehran claims was "
        "masterminded by Israel.",
    ],
)
def test_who_a_sayer_says_was_behind_an_act_is_accused(coder: Coder, text: str) -> None:
    found = acts(coder, text)
    assert any(kind == "AccusationMade" and mod == "realized" for kind, _, _, mod in found)


def test_an_act_the_writer_says_was_orchestrated_accuses_no_one(coder: Coder) -> None:
    found = acts(coder, "The riots were orchestrated by Kosovo, the report found.")
    assert not any(kind == "AccusationMade" for kind, _, _, _ in found)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Chile and Peru agreed to open the border crossing at Tacna.", True),
        # The "to" ends a relative clause: what was agreed is named before it.
        ("Chile told Peru that the procedures both sides agreed to will be mutual.", False),
        ("The border rules that Chile and Peru agreed to, officials said, are strict.", False),
    ],
)
def test_a_stranded_to_states_no_new_intent(coder: Coder, text: str, intent: bool) -> None:
    found = acts(coder, text)
    assert any(kind == "CooperationIntentExpressed" for kind, _, _, _ in found) is intent


@pytest.mark.parametrize(
    ("text", "released"),
    [
        ("Russia freed 12 Ukrainians on Monday.", True),
        ("Belarus releases three Lithuanians held since May.", True),
        # A press release and a statement release no one.
        ("Brazil made the offer, according to a press release from Lula's office.", False),
        ("Russia released a statement on Ukraine on Monday.", False),
    ],
)
def test_people_held_named_by_nationality_are_released(
    coder: Coder, text: str, released: bool
) -> None:
    found = acts(coder, text)
    assert any(kind == "PersonsReleased" for kind, _, _, _ in found) is released


def test_a_government_named_with_its_country_s_own_the_is_a_party(coder: Coder) -> None:
    # "... and the Government of the United Kingdom": the second party's government
    # names its country after "of the".
    text = (
        "The visit's centrepiece is a Memorandum of Understanding between the Government of "
        "Kenya and the Government of the United Kingdom on fisheries, which will be signed "
        "on Friday."
    )
    assert ("AgreementSigned", "GBR", "KEN", "planned") in {
        (kind, *sorted((source, target)), modality)
        for kind, source, target, modality in acts(coder, text)
    }
