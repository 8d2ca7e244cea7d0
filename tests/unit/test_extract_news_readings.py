"""Readings of real news added in extractor 2.3.0: willingness, talks under way, the date of
a charge, and what a judgement quoted or a withdrawal begun says.

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
    "text",
    [
        "On March 2, Ghana's president said that he is not opposed to talks with Togo.",
        "Chile's foreign minister said Santiago has no objection to talks with Bolivia.",
    ],
)
def test_a_refusal_denied_is_a_willingness_to_talk(coder: Coder, text: str) -> None:
    found = [c for c in coder.code(text, DAY) if c.event_type == "TalksHeld"]
    assert [(c.modality, c.cameo) for c in found] == [(Modality.PLANNED, "036")], found


def test_a_refusal_stays_a_refusal(coder: Coder) -> None:
    found = acts(coder, "Ghana's president said that he is opposed to talks with Togo.")
    assert not {a for a in found if a[0] == "TalksHeld" and a[3] != "negated"}, found


def test_the_willing_act_is_dated_when_it_was_said(coder: Coder) -> None:
    (found,) = [
        c
        for c in coder.code(
            "On March 2, Ghana's president said that he is not opposed to talks with Togo.", DAY
        )
        if c.event_type == "TalksHeld"
    ]
    assert found.occurred == FuzzyDate.day(date(2026, 3, 2))


def test_the_two_countries_discussing_something_are_negotiating(coder: Coder) -> None:
    text = (
        "Kenya and Uganda signed a trade agreement on Monday. "
        "The two neighbours are also discussing a joint railway line, officials said."
    )
    talks = {a for a in acts(coder, text) if a[0] == "TalksHeld"}
    assert {frozenset(a[1:3]) for a in talks} == {frozenset({"KEN", "UGA"})}
    assert {a[3] for a in talks} == {"realized"}


@pytest.mark.parametrize(
    "text",
    [
        # "we" names no one; a topic discussed at a contact told otherwise is no new talks.
        "Norway's envoy to the OSCE said that we are discussing the closure of two offices.",
        "Peru and Bolivia discussed a visit of the Peruvian president to La Paz.",
    ],
)
def test_discussion_that_is_no_negotiation(coder: Coder, text: str) -> None:
    assert not [a for a in acts(coder, text) if a[0] == "TalksHeld" and a[3] == "realized"]


def test_a_charge_is_dated_when_it_was_made_not_when_the_conduct_was(coder: Coder) -> None:
    text = (
        "In March 2025, Peru's prime minister announced that Lima was leaving the pact, "
        "arguing that Chile failed to meet its obligations to Peru in 2021 and 2022."
    )
    charges = [c for c in coder.code(text, DAY) if c.event_type == "AccusationMade"]
    assert [(c.source, c.target) for c in charges] == [("PER", "CHL")]
    assert charges[0].occurred == FuzzyDate.month(2025, 3)


@pytest.mark.parametrize(
    "text",
    [
        "Ghana's president has formally asked Togo to withdraw its border troops by 30 April.",
        "Peru's foreign minister urged Chile to recall its consul within 48 hours.",
    ],
)
def test_a_request_with_a_deadline_is_a_demand(coder: Coder, text: str) -> None:
    found = {(c.event_type, c.cameo[:2]) for c in coder.code(text, DAY)}
    assert ("DemandMade", "10") in found
    assert not [kind for kind, _ in found if kind == "AppealMade"], found


def test_a_request_without_a_deadline_stays_an_appeal(coder: Coder) -> None:
    text = "Ghana's president has formally asked Togo to withdraw its border troops."
    assert ("AppealMade", "GHA", "TGO", "realized") in acts(coder, text)


def test_an_act_named_in_a_judgement_is_not_asserted(coder: Coder) -> None:
    text = (
        "Kazakhstan's deputy prime minister described Kyrgyzstan's vote on the bill as "
        '"the beginning of Kyrgyzstan\'s withdrawal from the EAEU."'
    )
    assert not [a for a in acts(coder, text) if a[0].startswith("Membership")]


def test_an_act_judged_in_the_passive_is_still_told(coder: Coder) -> None:
    text = "Mongolia, described as a close partner, joined the Shanghai Cooperation Organisation."
    assert ("MembershipJoined", "MNG", "SCO", "realized") in acts(coder, text)


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("The Kremlin spokesman said Moscow closely contacts Ankara on this matter.", "RUS-TUR"),
        ("Japan remains in close contact with South Korea over the launch.", "JPN-KOR"),
        ("Poland has maintained regular contacts with Lithuania since March.", "LTU-POL"),
    ],
)
def test_contacts_kept_up_are_consultations(coder: Coder, text: str, pair: str) -> None:
    found = [c for c in coder.code(text, DAY) if c.event_type == "TalksHeld"]
    assert ["-".join(sorted((c.source, c.target))) for c in found] == [pair]
    assert [c.cameo for c in found] == ["040"]


def test_contacts_as_a_noun_are_no_consultation(coder: Coder) -> None:
    text = "Armenia will develop its contacts with India in trade and education."
    assert not [a for a in acts(coder, text) if a[0] == "TalksHeld"]


def test_the_pair_after_between_is_what_is_rejected_not_whom(coder: Coder) -> None:
    text = (
        "Baku turned down the proposal for a meeting between the Azerbaijani and Armenian "
        "foreign ministers in Geneva, the ministry said."
    )
    found = acts(coder, text)
    assert not [a for a in found if a[0] == "ProposalRejected"], found
    assert not [a for a in found if a[0] == "MeetingHeld" and a[3] == "realized"], found


def test_a_third_party_asking_for_talks_between_two_asks_both(coder: Coder) -> None:
    text = "Peru's foreign minister called for talks between Chile and Bolivia on the dispute."
    appeals = {(a[1], a[2]) for a in acts(coder, text) if a[0] == "AppealMade"}
    assert appeals == {("PER", "CHL"), ("PER", "BOL")}


@pytest.mark.parametrize(
    "text",
    [
        "Tajikistan is a member of the ICC, which issued an arrest warrant for Putin in March.",
        # The parse hangs "which" on "member"; "which" is the court's, not a person's.
        "Tajikistan faced a choice because, as a member of the ICC which issued an arrest "
        "warrant for Putin in March, it would be required to arrest him on arrival.",
    ],
)
def test_the_court_a_member_belongs_to_issues_the_warrant(coder: Coder, text: str) -> None:
    charges = [c for c in coder.code(text, DAY) if c.event_type == "AccusationMade"]
    assert [(c.source, c.target) for c in charges] == [("ICC", "RUS")]
    assert charges[0].occurred == FuzzyDate.month(2026, 3)
    # Named for its members, the court is still no party of anything else.
    assert not [c for c in coder.code(text, DAY) if c.event_type != "AccusationMade"]


def test_the_writers_quotation_marks_inside_an_act_are_read_through(coder: Coder) -> None:
    text = (
        "Ties got a boost after the Japanese government's \u201cceremonial turnover\u201d of "
        "five radar systems to the Philippines on Wednesday."
    )
    assert ("AidProvided", "JPN", "PHL", "realized") in acts(coder, text)


def test_a_possessive_apostrophe_is_no_quotation_mark(coder: Coder) -> None:
    # "Paris' support for the ousted president": Paris supports a person, no state.
    text = "Macron reiterated Paris' support for Niger's ousted president Mohamed Bazoum."
    assert not [a for a in acts(coder, text) if a[0] == "PraiseExpressed"]


def test_a_state_said_to_pose_a_threat_is_charged(coder: Coder) -> None:
    text = (
        "Estonia's prime minister declared in May that Russia poses an existential threat "
        "to his country."
    )
    charges = [c for c in coder.code(text, DAY) if c.event_type == "AccusationMade"]
    assert [(c.source, c.target, c.occurred) for c in charges] == [
        ("EST", "RUS", FuzzyDate.month(2025, 5))
    ]


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        # A caption verb followed by where or with whom: a photo caption, no act.
        ("Erdogan poses for a family photo with Aliyev during a meeting in Baku.", False),
        ("Aliyev, pictured, met Erdogan in Ankara on Monday.", False),
        # "poses" in another sense is no caption.
        ("Georgia's president said that Russia poses a threat to Georgia.", True),
    ],
)
def test_a_caption_is_a_caption_verb_with_where_or_whom(
    coder: Coder, text: str, coded: bool
) -> None:
    assert bool(coder.code(text, DAY)) is coded


@pytest.mark.parametrize(
    ("text", "occurred", "due"),
    [
        # Published in March: "in January" is when they agreed, two months ago.
        (
            "Peru and Chile agreed to exchange ambassadors in January.",
            FuzzyDate.month(2026, 1),
            None,
        ),
        # Agreed in February for a date still ahead: read forward.
        (
            "Peru and Chile agreed in February to exchange ambassadors in April.",
            FuzzyDate.month(2026, 2),
            FuzzyDate.month(2026, 4),
        ),
    ],
)
def test_a_month_after_a_plan_agreed_in_the_past_is_read_the_nearer_way(
    coder: Coder, text: str, occurred: FuzzyDate, due: FuzzyDate | None
) -> None:
    (plan,) = [c for c in coder.code(text, DAY) if c.event_type == "DiplomaticRelationsEstablished"]
    assert (plan.modality, plan.occurred, plan.due) == (Modality.PLANNED, occurred, due)


def test_a_plan_in_the_future_tense_is_still_read_forward(coder: Coder) -> None:
    text = "Peru and Chile will exchange ambassadors in January."
    (plan,) = [c for c in coder.code(text, DAY) if c.event_type == "DiplomaticRelationsEstablished"]
    assert plan.due == FuzzyDate.month(2027, 1)


def test_what_one_state_received_from_another_is_the_senders_act(coder: Coder) -> None:
    text = (
        "Kenya received a diplomatic note from Uganda in connection with an extradition "
        "request for a former minister, officials said."
    )
    appeals = [c for c in coder.code(text, DAY) if c.event_type == "AppealMade"]
    assert [(c.source, c.target, c.cameo) for c in appeals] == [("UGA", "KEN", "0213")]


def test_an_alleged_act_the_next_sentence_denies_is_denied(coder: Coder) -> None:
    text = (
        "Opposition channels claimed that in 2023 Belarus allegedly supplied Russia with "
        "artillery shells. These reports were rejected by the Belarusian defence ministry."
    )
    found = [c for c in coder.code(text, DAY) if c.event_type == "AidProvided"]
    assert [(c.source, c.target, c.modality, c.occurred) for c in found] == [
        ("BLR", "RUS", Modality.NEGATED, FuzzyDate.year(2023))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Opposition channels claimed that in 2023 Belarus allegedly supplied Russia with "
        "artillery shells.",
        # The next sentence says something else: the allegation stays unasserted.
        "Opposition channels claimed that in 2023 Belarus allegedly supplied Russia with "
        "artillery shells. The ministry declined to comment.",
    ],
)
def test_an_alleged_act_alone_asserts_nothing(coder: Coder, text: str) -> None:
    assert not [c for c in coder.code(text, DAY) if c.event_type == "AidProvided"]


def test_diplomacy_toward_an_act_is_talks_held_and_the_act_planned(coder: Coder) -> None:
    text = "Morocco spoke of progress in US-led diplomacy to normalize relations with Israel."
    found = {(a[0], a[3]) for a in acts(coder, text)}
    assert found == {("TalksHeld", "realized"), ("DiplomaticRelationsEstablished", "planned")}


def test_an_act_agreed_on_stays_a_plan(coder: Coder) -> None:
    found = acts(coder, "Morocco and Israel agreed to normalize relations.")
    assert {a[0] for a in found} == {"DiplomaticRelationsEstablished"}
    assert {a[3] for a in found} == {"planned"}


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        (
            "Belarus will not take part in this week's summit of the CSTO in Astana, a "
            "Russian diplomat said on Tuesday. The meeting of the leaders is scheduled for "
            "Friday.",
            Modality.NEGATED,
        ),
        (
            "Armenia's prime minister will not attend this month's summit of the EAEU in "
            "Minsk. The summit will take place on Friday in the Belarusian capital.",
            Modality.NEGATED,
        ),
    ],
)
def test_a_gathering_takes_the_day_the_next_sentence_schedules(
    coder: Coder, text: str, modality: Modality
) -> None:
    found = [
        c for c in coder.code(text, DAY) if c.event_type == "MeetingHeld" and c.sentence_index == 0
    ]
    assert [c.modality for c in found] == [modality]
    when = found[0].due if modality is Modality.PLANNED else found[0].occurred
    assert when == FuzzyDate.day(date(2026, 3, 13))


def test_an_act_in_a_clause_after_a_demand_is_its_own(coder: Coder) -> None:
    text = (
        "Spain demanded an apology from Argentina after Milei slammed Spanish Prime "
        "Minister Pedro Sanchez at a rally on Sunday."
    )
    found = acts(coder, text)
    assert ("DemandMade", "ESP", "ARG", "realized") in found
    assert ("CriticismVoiced", "ARG", "ESP", "realized") in found


def test_what_a_demand_says_is_still_its_content(coder: Coder) -> None:
    found = acts(coder, "Spain demanded that Argentina recall its ambassador.")
    assert not [a for a in found if a[0] == "AmbassadorRecalled" and a[3] == "realized"]


def test_an_expectation_in_the_past_perfect_asserts_no_act(coder: Coder) -> None:
    text = (
        "Moscow had expected that Kazakhstan would refrain from ratifying the Rome Statute "
        "of the International Criminal Court."
    )
    assert not [a for a in acts(coder, text) if a[0] == "AgreementRatified"]


def test_a_refusal_told_as_such_is_still_denied(coder: Coder) -> None:
    text = (
        "Kazakhstan would refrain from ratifying the Rome Statute of the International "
        "Criminal Court, its foreign minister said."
    )
    assert {a[3] for a in acts(coder, text) if a[0] == "AgreementRatified"} == {"negated"}


def test_no_longer_pursuing_accession_talks_suspends_the_accession(coder: Coder) -> None:
    text = (
        "Serbia's government announced on November 28 that it would no longer pursue the "
        "opening of negotiations with the EU until 2030."
    )
    found = coder.code(text, DAY)
    assert [(c.event_type, c.source, c.target, c.modality, c.occurred) for c in found] == [
        (
            "MembershipAccessionSuspended",
            "SRB",
            "EU",
            Modality.REALIZED,
            FuzzyDate.day(date(2025, 11, 28)),
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Mr Ramaphosa kick-started the two-day BRICS Leaders' Summit on Tuesday.",
        "Lukashenko opened the CSTO summit in Minsk on Thursday.",
    ],
)
def test_the_host_opening_an_organisations_summit_meets_it(coder: Coder, text: str) -> None:
    found = [c for c in coder.code(text, DAY) if c.event_type == "MeetingHeld"]
    assert len(found) == 1 and found[0].modality is Modality.REALIZED
    assert {found[0].source, found[0].target} & {"BRICS", "CSTO"}


def test_the_reason_a_sayer_gives_for_a_measure_is_a_charge(coder: Coder) -> None:
    text = (
        "The British Foreign Office said that sanctions were imposed on Iran for supporting "
        "Russia's war against Ukraine."
    )
    charges = [c for c in coder.code(text, DAY) if c.event_type == "AccusationMade"]
    assert [(c.source, c.target) for c in charges] == [("GBR", "IRN")]


def test_a_reason_no_one_is_said_to_give_charges_no_one(coder: Coder) -> None:
    text = "Iran was criticised for supporting Russia's war against Ukraine."
    assert not [c for c in coder.code(text, DAY) if c.event_type == "AccusationMade"]


def test_a_date_after_being_invited_dates_the_invitation_not_the_joining(coder: Coder) -> None:
    text = "Vietnam has officially joined the BRICS bloc, after being invited last year."
    (joined,) = [c for c in coder.code(text, DAY) if c.event_type == "MembershipJoined"]
    assert joined.occurred == FuzzyDate.day(DAY)  # no day of its own: the publication day


def test_a_joining_without_a_day_starts_when_the_article_says_memberships_start(
    coder: Coder,
) -> None:
    text = (
        "Two of the countries invited to join the BRICS bloc from 1 January have confirmed "
        "they are joining. Vietnam and Nigeria have officially joined the bloc, after being "
        "invited last year."
    )
    joined = [c for c in coder.code(text, DAY) if c.event_type == "MembershipJoined"]
    assert {(c.source, c.target) for c in joined} == {("VNM", "BRICS"), ("NGA", "BRICS")}
    assert {c.occurred for c in joined} == {FuzzyDate.day(date(2026, 1, 1))}


def test_the_country_after_an_act_is_the_other_state_named_before(coder: Coder) -> None:
    text = (
        "Ties between Vietnam and Japan got a boost after the Japanese government's handover "
        "of six patrol boats to the country's coast guard on Wednesday."
    )
    assert ("AidProvided", "JPN", "VNM", "realized") in acts(coder, text)


def test_the_country_with_no_other_state_named_is_no_target(coder: Coder) -> None:
    text = "The Japanese government announced the handover of six patrol boats to the country."
    assert not [a for a in acts(coder, text) if a[0] == "AidProvided"]


def test_an_organisation_s_acronym_in_capitals_is_no_relative_who(coder: Coder) -> None:
    # "WHO" is the organisation; the clause after the act does not end at it.
    text = "Santiago pulled Chile out of WHO on Monday, officials said."
    assert ("MembershipWithdrawn", "CHL", "WHO", "realized") in acts(coder, text)


def test_the_process_of_leaving_begun_is_a_withdrawal_announced(coder: Coder) -> None:
    # The formal start of a withdrawal announces it; begun is not done.
    text = "Santiago began the process of pulling Chile out of WHO on March 2."
    (left,) = [c for c in coder.code(text, DAY) if c.target == "WHO"]
    assert (left.event_type, left.source) == ("MembershipWithdrawalAnnounced", "CHL")
    assert left.occurred == FuzzyDate.day(date(2026, 3, 2))
    # After another noun's "of" the gerund is a noun: the charge's content, no withdrawal.
    charged = acts(coder, "Peru accused Bolivia of pulling Chile out of the WHO talks.")
    assert not [a for a in charged if a[0].startswith("Membership")]
    assert ("MembershipWithdrawalAnnounced", "PER", "ICC", "realized") in acts(
        coder, "Peru launched the process of withdrawing from the ICC."
    )


@pytest.mark.parametrize(
    "text",
    [
        "A joint technical committee will be set up between Kenya and Ethiopia within two months.",
        "Kenya and Ethiopia met in Nairobi on Monday. A working group between the two "
        "countries is planned to be established by June.",
    ],
)
def test_a_body_of_both_sides_to_be_set_up_is_their_commitment(coder: Coder, text: str) -> None:
    # Committed when told (030, realized): the future is what it commits to.
    intents = {
        (a[0], *sorted(a[1:3]), a[3]) for a in acts(coder, text) if a[0].startswith("Cooperation")
    }
    assert intents == {("CooperationIntentExpressed", "ETH", "KEN", "realized")}


def test_a_body_set_up_by_no_pair_is_no_commitment(coder: Coder) -> None:
    text = "Kenya's border committee was set up in 2019 to monitor the crossings."
    assert not [a for a in acts(coder, text) if a[0].startswith("Cooperation")]


def test_a_body_that_sets_up_something_else_is_no_commitment(coder: Coder) -> None:
    text = "The UN Security Council established a panel of experts on Sudan and Chad."
    assert not [a for a in acts(coder, text) if a[0].startswith("Cooperation")]
