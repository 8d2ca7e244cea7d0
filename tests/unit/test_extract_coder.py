"""The coder on single sentences and short articles: parties, codes, modality, dates."""

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


def code(coder: Coder, text: str, published: date = date(2025, 1, 14)) -> list[Coding]:
    return coder.code(text, published)


def summary(codings: list[Coding]) -> list[tuple[str, str, str, str, str]]:
    return [(c.event_type, c.source, c.target, c.modality.value, str(c.occurred)) for c in codings]


def test_the_charter_signing(coder: Coder) -> None:
    (signed,) = code(
        coder,
        "Armenian Foreign Minister Ararat Mirzoyan and US Secretary of State Antony Blinken "
        "signed the Charter on Strategic Partnership on Tuesday.",
    )
    assert summary([signed]) == [("AgreementSigned", "ARM", "USA", "realized", "2025-01-14")]
    assert signed.cameo == "057" and signed.reciprocal
    assert signed.about == "Charter on Strategic Partnership"
    assert set(signed.people) == {"Ararat Mirzoyan", "Antony Blinken"}


def test_a_planned_visit_and_its_failure(coder: Coder) -> None:
    planned = code(coder, "A US Customs and Border Protection team will visit Armenia in February.")
    failed = code(
        coder,
        "A US team was to visit Armenia in February, but the visit did not take place.",
        date(2025, 3, 12),
    )
    assert [(c.modality, str(c.due)) for c in planned] == [(Modality.PLANNED, "2025-02")]
    assert [(c.modality, str(c.occurred)) for c in failed] == [(Modality.FAILED, "2025-02")]


def test_a_background_event_gets_its_own_date(coder: Coder) -> None:
    codings = code(coder, "In September, Pashinyan accused the CSTO of threatening Armenia.")
    assert summary(codings) == [("AccusationMade", "ARM", "CSTO", "realized", "2024-09")]


def test_an_intention_to_leave_is_a_planned_withdrawal_not_an_announced_one(
    coder: Coder,
) -> None:
    # As the real articles' coders read it: an intention moves no membership status.
    codings = code(coder, "In June, Pashinyan announced his intention to withdraw from the CSTO.")
    assert summary(codings) == [("MembershipWithdrawn", "ARM", "CSTO", "planned", "2024-06")]


def test_negated_act(coder: Coder) -> None:
    (meeting,) = code(coder, "Aliyev did not meet Pashinyan in Prague.")
    assert meeting.modality is Modality.NEGATED


def test_bylines_datelines_and_boilerplate_make_nothing(coder: Coder) -> None:
    article = "\n\n".join(
        [
            "By Armen Washington",
            "YEREVAN, Jan 14 (Example Wire) - Snow fell on the city all day long, "
            "and schools stayed closed.",
            "Reporting by Anna Baku; Editing by Tom Moscow",
            "The post Armenia and US sign strategic charter appeared first on Caucasus Review.",
            "Armenia and Azerbaijan sign peace deal",  # a subheading, not prose
        ]
    )
    assert code(coder, article) == []


def test_the_content_of_a_rejection_is_not_an_act(coder: Coder) -> None:
    codings = code(coder, "Arafat rejected a US offer to host a summit with Israel.")
    assert [(c.event_type, c.source, c.target) for c in codings] == [
        ("ProposalRejected", "PSE", "USA")
    ]


def test_the_owner_of_a_nominal_act_is_its_source(coder: Coder) -> None:
    codings = code(coder, "Pashinyan briefed Rubio on Armenia's negotiations with Azerbaijan.")
    assert [(c.event_type, c.source, c.target) for c in codings] == [("TalksHeld", "ARM", "AZE")]


def test_pronouns_take_their_actor_from_the_article(coder: Coder) -> None:
    codings = code(
        coder,
        "Nikol Pashinyan spoke in parliament for an hour on Monday.\n\n"
        "In September, he accused the CSTO of failing Armenia.",
    )
    assert summary(codings) == [("AccusationMade", "ARM", "CSTO", "realized", "2024-09")]


@pytest.mark.parametrize(
    ("text", "pair", "level"),
    [
        (
            "The foreign ministers of Armenia and Georgia met in Tbilisi on Monday.",
            ("ARM", "GEO"),
            "foreign_minister",
        ),
        (
            "The Prime Minister of Armenia met the President of France in Paris on Monday.",
            ("ARM", "FRA"),
            "head_of_state",
        ),
        (
            "The leaders of Armenia and Azerbaijan signed a declaration on Friday.",
            ("ARM", "AZE"),
            "unknown",
        ),
    ],
)
def test_an_actor_acts_through_its_officials_named_before_it(
    coder: Coder, text: str, pair: tuple[str, str], level: str
) -> None:
    # "the leaders of A and B met": A and B act (through their leaders), not "of" phrases
    # that merely qualify someone else's act.
    (found,) = code(coder, text)
    assert (found.source, found.target) == pair
    assert found.level.value == level


def test_a_meeting_with_the_officials_of_others_is_with_those_states(coder: Coder) -> None:
    found = code(coder, "Pashinyan met with the leaders of France and Germany in Brussels.")
    assert sorted((c.source, c.target) for c in found) == [("ARM", "DEU"), ("ARM", "FRA")]


@pytest.mark.parametrize(
    "text",
    [
        "Armenia formally applied to join the European Union on Monday.",
        "Armenia has applied to become a member of the European Union.",
        "Armenia submitted its application to join the EU on Monday.",
    ],
)
def test_applying_to_join_is_not_joining(coder: Coder, text: str) -> None:
    # The joining named after "applied to" is what is asked for: a realized join here
    # would make the applicant a member.
    assert [(c.event_type, c.modality.value) for c in code(coder, text)] == [
        ("MembershipApplied", "realized")
    ]


# Sentences that code as one act: (event type, source, target, modality).
ONE_ACT = [
    # The actor named inside the act's own words, or after its noun.
    (
        "Poland expelled three Belarusian diplomats on Friday.",
        ("DiplomatsExpelled", "POL", "BLR", "realized"),
    ),
    (
        "The United States pledged $100 million in aid to Armenia.",
        ("PledgeMade", "USA", "ARM", "realized"),
    ),
    (
        "The free trade agreement between Georgia and China entered into force on Monday.",
        ("AgreementEnteredIntoForce", "GEO", "CHN", "realized"),
    ),
    (
        "The planned visit of the Turkish foreign minister to Yerevan was cancelled.",
        ("VisitMade", "TUR", "ARM", "failed"),
    ),
    (
        "Washington had planned to send a team of border experts to Armenia in "
        "February, but the trip was postponed indefinitely.",
        ("VisitMade", "USA", "ARM", "failed"),
    ),
    (
        "The EU will send a delegation to Baku next week.",
        ("VisitMade", "EU", "AZE", "planned"),
    ),
    (
        "The EU suspended visa-free travel talks with Georgia in 2024.",
        ("TalksHeld", "EU", "GEO", "negated"),
    ),
    (
        "Washington lifted its ban on arms sales to Azerbaijan last month.",
        ("SanctionsEased", "USA", "AZE", "realized"),
    ),
    (
        "Russia imposed a ban on imports of Armenian brandy.",
        ("SanctionsImposed", "RUS", "ARM", "realized"),
    ),
    (
        "Armenia did not attend the meeting of CSTO foreign ministers in Almaty.",
        ("MeetingHeld", "ARM", "CSTO", "negated"),
    ),
    (
        "Pashinyan said Armenia would not take part in the CSTO summit in Minsk.",
        ("MeetingHeld", "ARM", "CSTO", "negated"),
    ),
    (
        "The European Union deployed a civilian mission to Armenia in February 2023.",
        ("MaterialCooperationUndertaken", "EU", "ARM", "realized"),
    ),
    (
        "The talks in Moscow between Armenian and Azerbaijani officials ended.",
        ("TalksHeld", "ARM", "AZE", "realized"),
    ),
    (
        "Armenia has no plans to join NATO, the foreign ministry said.",
        ("MembershipJoined", "ARM", "NATO", "negated"),
    ),
    (
        "France approved the sale of three Ground Master 200 radars to Armenia.",
        ("AidProvided", "FRA", "ARM", "realized"),
    ),
    (
        "The EU extended its monitoring mission in Armenia until 2027.",
        ("MaterialCooperationUndertaken", "EU", "ARM", "realized"),
    ),
    (
        "The EU launched a civilian monitoring mission in Armenia.",
        ("MaterialCooperationUndertaken", "EU", "ARM", "realized"),
    ),
    (
        "Erdogan and Aliyev inaugurated a new gas pipeline linking Turkey and Nakhchivan.",
        ("MaterialCooperationUndertaken", "TUR", "AZE", "realized"),
    ),
    (
        "The EU foreign ministers adopted a new package of sanctions against Iran.",
        ("SanctionsImposed", "EU", "IRN", "realized"),
    ),
    (
        "Washington announced $50 million in new assistance for Armenia's energy sector.",
        ("AidProvided", "USA", "ARM", "realized"),
    ),
    # Concluding negotiations signs nothing.
    (
        "India and the European Union concluded negotiations on a free trade agreement.",
        ("NegotiationsOpened", "IND", "EU", "realized"),
    ),
    # The agents of a passive act together; the place is none of them.
    (
        "The agreement was signed by Foreign Minister Ararat Mirzoyan and his Iranian "
        "counterpart Abbas Araghchi in Tehran.",
        ("AgreementSigned", "ARM", "IRN", "realized"),
    ),
    # A meeting named by its noun after "during": it took place.
    (
        "Armenian Prime Minister Nikol Pashinyan and French President Emmanuel Macron "
        "discussed defence cooperation during a meeting in Paris.",
        ("MeetingHeld", "ARM", "FRA", "realized"),
    ),
    (
        "Armenia and the United States will hold their first joint military exercise in September.",
        ("MaterialCooperationUndertaken", "ARM", "USA", "planned"),
    ),
    # Aid cut off is a measure against the target (CAMEO 162), not aid.
    (
        "The United States suspended military aid to Ukraine in March.",
        ("SanctionsImposed", "USA", "UKR", "realized"),
    ),
    (
        "The Netherlands cut off development aid to Suriname.",
        ("SanctionsImposed", "NLD", "SUR", "realized"),
    ),
    # The act ending on a noun reads it ahead of a verb reaching it over a gap.
    (
        "The United States announced it would prohibit all aid to Albania.",
        ("SanctionsImposed", "USA", "ALB", "planned"),
    ),
    (
        "The EU announced the lifting of sanctions on Syria.",
        ("SanctionsEased", "EU", "SYR", "realized"),
    ),
    # The formal start of an accession is an application; a date after it is its own.
    (
        "Armenian lawmakers passed a law on EU accession on March 26, 2024.",
        ("MembershipApplied", "ARM", "EU", "realized"),
    ),
    (
        "Ukraine began the process of joining NATO.",
        ("MembershipApplied", "UKR", "NATO", "realized"),
    ),
    (
        "Armenia and Russia came to an agreement on gas prices.",
        ("CooperationIntentExpressed", "ARM", "RUS", "realized"),
    ),
    (
        "The European Union and Armenia launched a visa liberalization dialogue on Tuesday.",
        ("TalksHeld", "EU", "ARM", "realized"),
    ),
    # Deliveries and money given are aid; the attribution after the comma is no target.
    (
        "France delivered a second batch of Bastion armored vehicles to Armenia, the "
        "Armenian Defense Ministry said on Wednesday.",
        ("AidProvided", "FRA", "ARM", "realized"),
    ),
    (
        "Japan will provide an additional 270 million euros to Moldova.",
        ("AidProvided", "JPN", "MDA", "planned"),
    ),
    # A noun act whose own clause calls it off was planned and fell through.
    (
        "The visit by the Chinese defence minister to Vietnam was postponed.",
        ("VisitMade", "CHN", "VNM", "failed"),
    ),
]

RELATIONS = [
    (
        "Ukraine severed diplomatic relations with Iran in 2022.",
        ("DiplomaticRelationsSevered", "UKR", "IRN", "realized", "2022"),
    ),
    (
        "Mali broke off all diplomatic ties with Ukraine on Sunday.",
        ("DiplomaticRelationsSevered", "MLI", "UKR", "realized", "2025-01-12"),
    ),
    (
        "Algeria announced the severance of diplomatic relations with Morocco.",
        ("DiplomaticRelationsSevered", "DZA", "MAR", "realized", "2025-01-14"),
    ),
    (
        "Georgia suspended diplomatic relations with Russia in 2008.",
        ("DiplomaticRelationsSevered", "GEO", "RUS", "realized", "2008"),
    ),
    (
        "Kyiv downgraded its diplomatic relations with Tehran in September 2022.",
        ("DiplomaticRelationsDowngraded", "UKR", "IRN", "realized", "2022-09"),
    ),
    (
        "Israel and the United Arab Emirates established diplomatic relations in 2020.",
        ("DiplomaticRelationsEstablished", "ISR", "ARE", "realized", "2020"),
    ),
    (
        "Canada restored full diplomatic relations with India.",
        ("DiplomaticRelationsEstablished", "CAN", "IND", "realized", "2025-01-14"),
    ),
    (
        "Argentina said it would not break relations with China.",
        ("DiplomaticRelationsSevered", "ARG", "CHN", "negated", "2025-01-14"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), RELATIONS)
def test_diplomatic_relations(coder: Coder, text: str, expected: tuple[str, ...]) -> None:
    (found,) = code(coder, text)
    assert (*summary([found])[0][:4], str(found.occurred)) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Ties of another kind are not diplomatic relations.
        "Trade ties between China and Australia were cut in 2020.",
        "China cut trade ties with Australia.",
        # Upgraded relations existed already.
        "The United States and Vietnam upgraded ties to a comprehensive strategic partnership.",
    ],
)
def test_other_ties_are_not_diplomatic_relations(coder: Coder, text: str) -> None:
    assert not [c for c in code(coder, text) if c.event_type.startswith("DiplomaticRelations")]


def test_the_purpose_of_talks_is_not_achieved_by_them(coder: Coder) -> None:
    codings = code(coder, "Armenia and Turkey are holding talks to normalize relations.")
    assert [(c.event_type, c.modality.value) for c in codings] == [
        ("TalksHeld", "realized"),
        ("DiplomaticRelationsEstablished", "planned"),
    ]


def test_talks_that_a_planned_trip_is_for_are_planned_with_it(coder: Coder) -> None:
    codings = code(
        coder,
        "Kazakhstan's foreign minister will travel to Brussels next week for talks with "
        "EU officials.",
        date(2026, 3, 10),
    )
    assert [(c.event_type, c.modality.value, str(c.due)) for c in codings] == [
        ("VisitMade", "planned", "2026-03"),
        ("TalksHeld", "planned", "2026-03"),
    ]
    # A realized trip's talks were held.
    done = code(coder, "Mirzoyan travelled to Brussels on Monday for talks with EU officials.")
    assert {c.modality.value for c in done} == {"realized"}


@pytest.mark.parametrize(("text", "expected"), ONE_ACT)
def test_one_act_per_sentence(coder: Coder, text: str, expected: tuple[str, str, str, str]) -> None:
    # Inside the act's words ("expelled three Belarusian diplomats"), after its noun ("the
    # visit of X to Y"), between two named before it, at a gathering rather than its city,
    # talks broken off, bans, "no plans to", arms sales cleared.
    (found,) = code(coder, text)
    assert (found.event_type, found.source, found.target, found.modality.value) == expected


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (
            "The US State Department welcomed the initialing of the peace agreement between "
            "Armenia and Azerbaijan.",
            {"PraiseExpressed", "AgreementInitialed"},
        ),
        ("Pashinyan welcomed the visiting Georgian Prime Minister in Yerevan.", {"VisitMade"}),
        ("Armenia hosted a delegation from the European Union.", {"VisitMade"}),
    ],
)
def test_welcoming_a_guest_is_hosting_and_welcoming_a_thing_is_praise(
    coder: Coder, text: str, kinds: set[str]
) -> None:
    assert {c.event_type for c in code(coder, text)} == kinds


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Armenia ratified the Rome Statute of the International Criminal Court.",
            ("AgreementRatified", "ARM", "ICC", "Rome Statute"),
        ),
        (
            "Armenia and Azerbaijan signed the Washington Declaration at the White House.",
            ("AgreementSigned", "ARM", "AZE", "Washington Declaration"),
        ),
        (
            "India and Armenia signed a defence contract worth $250 million.",
            ("AgreementSigned", "IND", "ARM", "Defence contract"),
        ),
    ],
)
def test_a_city_in_an_agreement_s_name_is_no_party(
    coder: Coder, text: str, expected: tuple[str, str, str, str]
) -> None:
    (found,) = code(coder, text)
    assert (found.event_type, found.source, found.target, found.about) == expected


def test_an_invitation_to_visit_is_a_planned_visit(coder: Coder) -> None:
    (visit,) = code(
        coder, "Pashinyan invited Macron to visit Armenia later this year.", date(2025, 3, 12)
    )
    assert (visit.event_type, visit.source, visit.target) == ("VisitMade", "FRA", "ARM")
    assert (visit.modality.value, str(visit.occurred), str(visit.due)) == (
        "planned",
        "2025-03-12",
        "2025",
    )


def test_an_intent_is_dated_when_stated_not_when_its_content_is_due(coder: Coder) -> None:
    (intent,) = code(
        coder,
        "Armenia and Iran agreed to hold the next round of consultations in Yerevan in May.",
        date(2025, 3, 12),
    )
    assert (intent.event_type, str(intent.occurred)) == ("CooperationIntentExpressed", "2025-03-12")


def test_a_headline_agreeing_on_a_text_is_an_intent(coder: Coder) -> None:
    (found,) = coder.code(
        "Armenia, Azerbaijan agree on text of peace treaty", date(2025, 3, 13), headings=True
    )
    assert (found.event_type, found.source, found.target) == (
        "CooperationIntentExpressed",
        "ARM",
        "AZE",
    )


def test_the_two_officials_are_the_two_people_last_named(coder: Coder) -> None:
    # The act coded in the first sentence is Armenia's talks with Azerbaijan; "the two
    # officials" are still Pashinyan and Rubio.
    text = (
        "Pashinyan briefed Rubio on Armenia's negotiations with Azerbaijan.\n\n"
        "The two officials agreed to maintain high-level dialogue between their countries."
    )
    found = [(c.event_type, c.source, c.target) for c in code(coder, text, date(2025, 3, 11))]
    assert found[-1] == ("CooperationIntentExpressed", "ARM", "USA")


def test_a_short_sentence_is_prose_and_a_caption_is_not(coder: Coder) -> None:
    found = code(coder, "Russia supplied weapons to Armenia.\n\nRead more.\n\nArmenia, Russia")
    assert [(c.event_type, c.source, c.target) for c in found] == [("AidProvided", "RUS", "ARM")]


def test_the_supply_named_in_a_contract_is_no_delivery(coder: Coder) -> None:
    found = code(coder, "Armenia and France signed a contract for the supply of Caesar howitzers.")
    assert [c.event_type for c in found] == ["AgreementSigned"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The speaker's own council, not the UN's.
        ("Russian President Vladimir Putin met with members of his Security Council.", []),
        # What a meeting is about is no party to it.
        ("The UN Security Council met to discuss Armenia.", []),
        # A request: its content (condemning) is not done.
        (
            "Armenia asked the Security Council to condemn Azerbaijan.",
            [("AppealMade", "ARM", "UNSC", "realized")],
        ),
        # A promise to voters that something will be done: the thing, planned.
        (
            "Pashinyan promised voters that Armenia would sign a peace deal with Azerbaijan.",
            [("AgreementSigned", "ARM", "AZE", "planned")],
        ),
    ],
)
def test_topics_requests_and_promises_are_not_acts_with_their_content(
    coder: Coder, text: str, expected: list[tuple[str, str, str, str]]
) -> None:
    found = code(coder, text)
    assert [(c.event_type, c.source, c.target, c.modality.value) for c in found] == expected


def test_a_question_asserts_nothing_and_a_denied_report_is_negated(coder: Coder) -> None:
    assert code(coder, "Will Armenia sign the peace treaty with Azerbaijan this year?") == []
    (denied,) = code(coder, "The Kremlin denied reports that Putin had met Pashinyan in secret.")
    assert (denied.event_type, denied.modality.value) == ("MeetingHeld", "negated")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Armenia and Russia exchanged sharp criticism over the CSTO's inaction.",
            ("CriticismVoiced", "ARM", "RUS"),
        ),
        (
            "Baku and Yerevan traded accusations of border shootings.",
            ("AccusationMade", "AZE", "ARM"),
        ),
        (
            "The Armenian and Iranian foreign ministers discussed the road project by phone.",
            ("PhoneCallHeld", "ARM", "IRN"),
        ),
    ],
)
def test_acts_the_two_do_to_each_other(
    coder: Coder, text: str, expected: tuple[str, str, str]
) -> None:
    (found,) = code(coder, text)
    assert (found.event_type, found.source, found.target) == expected and found.reciprocal


def test_a_modal_reaches_the_act_of_a_longer_phrase(coder: Coder) -> None:
    found = code(coder, "Armenia will host the next round of talks with Turkey in Yerevan.")
    assert {(c.event_type, c.modality.value) for c in found} == {
        ("VisitMade", "planned"),
        ("TalksHeld", "planned"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Armenia signed the agreement with Georgia that was postponed last year.",
        "Armenia signed the agreement with Georgia after the ceremony was postponed twice.",
    ],
)
def test_a_cancellation_in_another_clause_leaves_the_act_done(coder: Coder, text: str) -> None:
    (signed,) = code(coder, text)
    assert signed.modality is Modality.REALIZED


@pytest.mark.parametrize(
    "text",
    [
        "Turkey will not open the border with Armenia until Yerevan signs a peace treaty "
        "with Baku.",
        "Analysts asked whether Armenia would join the European Union.",
        "Russia said it would respond if Armenia joined NATO.",
    ],
)
def test_a_condition_asserts_nothing_of_its_act(coder: Coder, text: str) -> None:
    kinds = {c.event_type for c in code(coder, text)}
    assert not kinds & {"AgreementSigned", "MembershipJoined"}


def test_once_again_is_no_condition(coder: Coder) -> None:
    (rejected,) = code(coder, "Bangladesh has once again rejected an Indian proposal.")
    assert (rejected.event_type, rejected.modality) == ("ProposalRejected", Modality.REALIZED)


def test_a_day_named_before_a_planned_act_is_read_the_nearer_way(coder: Coder) -> None:
    codings = code(
        coder,
        "Mirzoyan will attend the OSCE ministerial meeting in Malta on December 5, where he "
        "is expected to meet his Azerbaijani counterpart Jeyhun Bayramov.",
        date(2024, 11, 18),
    )
    (meeting,) = [c for c in codings if c.target == "AZE"]
    assert (meeting.event_type, meeting.modality) == ("MeetingHeld", Modality.PLANNED)
    assert (str(meeting.occurred), str(meeting.due)) == ("2024-11-18", "2024-12-05")


@pytest.mark.parametrize(
    "text",
    [
        # An organisation that owns what is joined is not joined.
        "Moldova's president signed a decree on joining the EU's common security policy.",
        "Armenia applied to join the EU's Erasmus programme.",
        # The charge is not the accused: "the West" is no actor.
        "The Kremlin has accused the West of trying to drag Armenia away from Russia.",
        "The Kremlin blamed the West for the crisis in Armenia.",
        # "going to" is a future, "came to an agreement" no trip.
        '"We are not going to take any steps that would harm our relations with Russia," '
        "Pashinyan told reporters.",
    ],
)
def test_no_act_between_these_actors(coder: Coder, text: str) -> None:
    assert code(coder, text) == []


def test_they_after_a_joint_act_are_both_parties(coder: Coder) -> None:
    codings = code(
        coder,
        "Pashinyan and Russian President Vladimir Putin met in Moscow in May 2024. They "
        "spoke by phone on February 10, the Kremlin said.",
        date(2025, 3, 3),
    )
    assert [(c.event_type, c.source, c.target, str(c.occurred)) for c in codings] == [
        ("MeetingHeld", "ARM", "RUS", "2024-05"),
        ("PhoneCallHeld", "ARM", "RUS", "2025-02-10"),
    ]


def test_a_possessor_after_a_comma_describes_the_subject(coder: Coder) -> None:
    codings = code(
        coder,
        "Russia, Armenia's traditional ally, has criticized the growing military cooperation "
        "between Yerevan and Paris.",
    )
    assert {c.source for c in codings} == {"RUS"}


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("France to supply Armenia with Caesar howitzers", ("AidProvided", "FRA", "ARM")),
        (
            "US, Armenia to hold joint drills in September",
            ("MaterialCooperationUndertaken", "USA", "ARM"),
        ),
        ("Armenian PM to visit Brussels next week", ("VisitMade", "ARM", "EU")),
    ],
)
def test_a_headline_subject_and_to_is_a_plan(
    coder: Coder, headline: str, expected: tuple[str, ...]
) -> None:
    (found,) = coder.code(headline, date(2026, 3, 10), headings=True)
    assert (found.event_type, found.source, found.target) == expected
    assert found.modality is Modality.PLANNED


def test_prose_before_to_is_no_headline_plan(coder: Coder) -> None:
    codings = code(coder, "According to Armenia, Russia supplied weapons to Azerbaijan.")
    assert codings and all(c.modality is Modality.REALIZED for c in codings)
    assert "ARM" not in {c.source for c in codings if c.target == "AZE"}


def test_a_purpose_is_meant_not_done(coder: Coder) -> None:
    # The trip is told as done; what it was for is only meant (the parse: an adverbial
    # clause with "to").
    found = {
        (c.event_type, c.modality.value)
        for c in code(coder, "Pashinyan went to Paris to sign the agreement with France.")
    }
    assert found == {("VisitMade", "realized"), ("AgreementSigned", "planned")}


def test_a_list_after_a_preposition_goes_on_past_its_commas(coder: Coder) -> None:
    codings = code(coder, "Russia supplied weapons to Armenia, Georgia and Azerbaijan.")
    assert [(c.source, c.target) for c in codings] == [
        ("RUS", "ARM"),
        ("RUS", "GEO"),
        ("RUS", "AZE"),
    ]


# Found on realistic wire, regional and headline phrasing (each a general rule).
REAL_NEWS = [
    # Ruled out, denied, weighed: nothing done.
    (
        "Iran's supreme leader ruled out direct negotiations with the United States on Monday.",
        ("TalksHeld", "IRN", "USA", "negated", "2026-03-09"),
    ),
    (
        "Azerbaijan denies plans to join BRICS",
        ("MembershipJoined", "AZE", "BRICS", "negated", None),
    ),
    # Called off: the act's own clause, past phrases set off by commas, or a headline.
    (
        "Zelensky's visit to Bratislava, planned for this week, was postponed after Slovak "
        "Prime Minister Robert Fico fell ill.",
        ("VisitMade", "UKR", "SVK", "failed", None),
    ),
    ("Lula-Milei meeting called off", ("MeetingHeld", "BRA", "ARG", "failed", None)),
    (
        "The signing of the Armenia-Azerbaijan peace treaty, initially expected in spring, has "
        "been postponed until after the elections.",
        ("AgreementSigned", "ARM", "AZE", "failed", None),
    ),
    (
        "Kremlin denies Putin-Zelensky meeting being prepared",
        ("MeetingHeld", "RUS", "UKR", "negated", None),
    ),
    # Dates: the act's own, not its content's; the near edge of a long trigger.
    (
        "Ukraine formally applied for EU membership on February 28, 2022, four days after "
        "Russia's invasion.",
        ("MembershipApplied", "UKR", "EU", "realized", "2022-02-28"),
    ),
    (
        "Iran's foreign ministry summoned the British ambassador on Monday to protest against "
        "the arrest of an Iranian national.",
        ("ProtestLodged", "IRN", "GBR", "realized", "2026-03-09"),
    ),
    (
        "The United States pledged $200 million in reconstruction aid to Syria at a donors' "
        "conference on Monday.",
        ("PledgeMade", "USA", "SYR", "realized", "2026-03-09"),
    ),
    (
        "In 2023, Ukraine recalled its ambassador from Tbilisi.",
        ("AmbassadorRecalled", "UKR", "GEO", "realized", "2023"),
    ),
    # Parties: titles between coordinated officials, a possessor and a title, the topic of
    # a discussion, the envoy summoned by the host, an organisation suspending a state.
    (
        "Armenian Deputy Prime Minister Mher Grigoryan and his Azerbaijani counterpart Shahin "
        "Mustafayev signed a protocol on border delimitation.",
        ("AgreementSigned", "ARM", "AZE", "realized", None),
    ),
    (
        "Qatar's emir and the Iranian president discussed regional tensions in a phone call.",
        ("PhoneCallHeld", "QAT", "IRN", "realized", None),
    ),
    (
        "Macron, Erdogan discuss Gaza in phone call",
        ("PhoneCallHeld", "FRA", "TUR", "realized", None),
    ),
    (
        "Syria, Israel hold US-brokered talks in Paris",
        ("TalksHeld", "SYR", "ISR", "realized", None),
    ),
    (
        "Azerbaijan's ambassador to France was summoned to the Quai d'Orsay on Thursday.",
        ("ProtestLodged", "FRA", "AZE", "realized", "2026-03-05"),
    ),
    (
        "The African Union suspended Niger's membership in 2023.",
        ("MembershipSuspended", "NER", "AU", "realized", "2023"),
    ),
    (
        "The Iranian foreign ministry spokesman rejected Western accusations that Tehran "
        "supplied ballistic missiles to Russia.",
        ("AidProvided", "IRN", "RUS", "negated", None),
    ),
    # Vocabulary.
    (
        "Kazakhstan will host the next summit of the Organization of Turkic States in October.",
        ("MeetingHeld", "KAZ", "OTS", "planned", None),
    ),
    ("China warns Japan over Taiwan remarks", ("ThreatIssued", "CHN", "JPN", "realized", None)),
    (
        "Chad ends defence cooperation pact with France",
        ("AgreementTerminated", "TCD", "FRA", "realized", None),
    ),
    (
        "Japan pledges $3 billion for Ukraine reconstruction",
        ("PledgeMade", "JPN", "UKR", "realized", None),
    ),
    (
        "Japan provided $50 million in humanitarian aid to Ukraine on Wednesday.",
        ("AidProvided", "JPN", "UKR", "realized", "2026-03-04"),
    ),
    (
        "Beijing and Moscow have held consultations on the Korean peninsula.",
        ("TalksHeld", "CHN", "RUS", "realized", None),
    ),
    (
        "Kuwait and Iraq will hold a new round of talks on maritime borders next month.",
        ("TalksHeld", "KWT", "IRQ", "planned", None),
    ),
    (
        "Lavrov said Russia had handed Azerbaijan a formal protest.",
        ("ProtestLodged", "RUS", "AZE", "realized", None),
    ),
    (
        "The Georgian foreign ministry said it condemned the European Parliament's resolution.",
        ("CriticismVoiced", "GEO", "EU", "realized", None),
    ),
]


def test_regret_is_courtesy_not_criticism(coder: Coder) -> None:
    # Coders of real news leave regret uncoded ("expressed regret at the decision").
    text = "The Georgian foreign ministry said it regretted the European Parliament's resolution."
    assert code(coder, text) == []


@pytest.mark.parametrize(("text", "expected"), REAL_NEWS)
def test_real_news_phrasing(coder: Coder, text: str, expected: tuple[str | None, ...]) -> None:
    codings = coder.code(text, date(2026, 3, 10), headings=True)
    kind, source, target, modality, occurred = expected
    matching = [c for c in codings if c.event_type == kind]
    assert matching, [c.event_type for c in codings]
    found = matching[0]
    assert {found.source, found.target} == {source, target}
    if not found.reciprocal:
        assert (found.source, found.target) == (source, target)
    assert found.modality.value == modality
    if occurred is not None:
        assert str(found.occurred) == occurred


@pytest.mark.parametrize(
    "text",
    [
        "Uzbekistan mulls joining Eurasian Economic Union",
        "Nigeria's foreign minister said Abuja had never received a formal request from "
        "Niamey to reopen the border.",
    ],
)
def test_weighed_options_and_things_received_are_no_acts(coder: Coder, text: str) -> None:
    assert coder.code(text, date(2026, 3, 10), headings=True) == []


def test_acts_joined_to_a_planned_trip_are_planned_with_it(coder: Coder) -> None:
    codings = code(
        coder,
        "Pakistan's Prime Minister Shehbaz Sharif will travel to Beijing next week to attend "
        "the SCO summit and hold bilateral talks with Xi Jinping.",
        date(2026, 3, 10),
    )
    assert codings and {c.modality for c in codings} == {Modality.PLANNED}
    # The occasion of a planned signing is planned too, and its visitor is its possessor.
    codings = code(
        coder,
        "Tajikistan and Uzbekistan are expected to sign an agreement on visa-free travel "
        "during President Mirziyoyev's visit to Dushanbe in April.",
        date(2026, 3, 10),
    )
    (visit,) = [c for c in codings if c.event_type == "VisitMade"]
    assert (visit.source, visit.target, visit.modality, str(visit.due)) == (
        "UZB",
        "TJK",
        Modality.PLANNED,
        "2026-04",
    )


def test_a_planned_act_on_a_weekday_is_due_the_coming_one(coder: Coder) -> None:
    codings = code(
        coder, "Mirzoyan will meet Secretary of State Marco Rubio on Wednesday.", date(2026, 3, 10)
    )
    (meeting,) = codings
    assert (str(meeting.occurred), str(meeting.due)) == ("2026-03-10", "2026-03-11")


def test_an_entry_into_force_takes_the_date_after_it(coder: Coder) -> None:
    codings = code(
        coder,
        "Tokyo and Manila signed a reciprocal access agreement in July 2024, which took effect "
        "in September 2025.",
        date(2026, 3, 10),
    )
    assert [(c.event_type, str(c.occurred)) for c in codings] == [
        ("AgreementSigned", "2024-07"),
        ("AgreementEnteredIntoForce", "2025-09"),
    ]


def test_they_after_the_two_leaders_acted_together(coder: Coder) -> None:
    codings = code(
        coder,
        "Kenyan President William Ruto hosted his Ethiopian counterpart Abiy Ahmed in Nairobi "
        "on Friday. The two leaders agreed to fast-track a road corridor. They also signed a "
        "memorandum on cross-border security.",
        date(2026, 3, 10),
    )
    assert ("AgreementSigned", "KEN", "ETH") in [
        (c.event_type, c.source, c.target) for c in codings
    ]


def test_announced_withdrawals_are_announcements(coder: Coder) -> None:
    codings = code(
        coder,
        "Mali, Burkina Faso and Niger announced their withdrawal from ECOWAS in January 2024.",
    )
    assert {(c.event_type, c.target, str(c.occurred)) for c in codings} == {
        ("MembershipWithdrawalAnnounced", "ECOWAS", "2024-01")
    }
    assert [c.source for c in codings] == ["MLI", "BFA", "NER"]


def test_a_city_before_a_kind_of_instrument_is_part_of_its_name(coder: Coder) -> None:
    codings = code(
        coder,
        "Mali's junta terminated the 2015 Algiers peace accord in January 2024, accusing "
        "Algeria of interference.",
    )
    assert [(c.event_type, c.source, c.target, str(c.occurred)) for c in codings] == [
        ("AccusationMade", "MLI", "DZA", "2024-01")
    ]


def test_an_article_follows_its_people_bodies_and_plans(coder: Coder) -> None:
    published = date(2026, 3, 10)
    # A surname alone is the person named earlier with a title.
    codings = code(
        coder,
        "Brazil's foreign minister Mauro Vieira met his Venezuelan counterpart in Bogota on "
        "Thursday. Vieira urged Caracas to publish the full election results.",
        published,
    )
    assert ("AppealMade", "BRA", "VEN") in [(c.event_type, c.source, c.target) for c in codings]
    # "The ministry" is the last subject's; its act at no one named is at the other side.
    codings = code(
        coder,
        "Russia's foreign ministry summoned the Azerbaijani ambassador on Thursday. It "
        "protested against the raid on the Baku office of Sputnik Azerbaijan. The ministry "
        "also demanded the release of two journalists.",
        published,
    )
    assert ("DemandMade", "RUS", "AZE") in [(c.event_type, c.source, c.target) for c in codings]
    # A plan called off in a later sentence that names no one failed when it was due.
    codings = code(
        coder,
        "Turkey's foreign minister was due to travel to Baghdad on Wednesday to sign a "
        "water-sharing agreement. But the trip was called off at the last minute.",
        published,
    )
    visits = [
        (c.modality.value, str(c.occurred), str(c.due))
        for c in codings
        if c.event_type == "VisitMade"
    ]
    assert visits == [("planned", "2026-03-10", "2026-03-04"), ("failed", "2026-03-04", "None")]


def test_a_plan_told_in_the_past_tense_was_due_as_the_calendar_reads(coder: Coder) -> None:
    (visit,) = code(coder, "A US team was to visit Armenia in February.", date(2025, 3, 12))
    assert (visit.modality, str(visit.due)) == (Modality.PLANNED, "2025-02")
    (visit,) = code(coder, "A US team will visit Armenia in February.", date(2025, 3, 12))
    assert str(visit.due) == "2026-02"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The meeting between the foreign ministers of Armenia and Turkey, which had been "
            "scheduled for March 5, was cancelled.",
            ("MeetingHeld", "ARM", "TUR", "failed"),
        ),
        (
            "Talks between the Armenian and Azerbaijani foreign ministers, scheduled for "
            "Thursday in Washington, were postponed indefinitely.",
            ("TalksHeld", "ARM", "AZE", "failed"),
        ),
    ],
)
def test_between_the_officials_of_two_states(
    coder: Coder, text: str, expected: tuple[str, str, str, str]
) -> None:
    (found,) = code(coder, text, date(2026, 3, 10))
    assert (found.event_type, found.source, found.target, found.modality.value) == expected


MORE_NEWS = [
    ("Trump-Putin phone call set for Thursday", ("PhoneCallHeld", "USA", "RUS", "planned", None)),
    (
        "A meeting between the foreign ministers of Ethiopia and Egypt on the Grand Ethiopian "
        "Renaissance Dam, scheduled for Sunday in Cairo, was postponed indefinitely.",
        ("MeetingHeld", "ETH", "EGY", "failed", None),
    ),
    (
        "Armenia and Georgia signed an agreement set to expire in 2030.",
        ("AgreementSigned", "ARM", "GEO", "realized", "2026-03-10"),
    ),
    (
        "Ukraine formally applied to join the European Union days after the invasion in 2022.",
        ("MembershipApplied", "UKR", "EU", "realized", "2022"),
    ),
    (
        "Kenya and Somalia agreed on Saturday to restore full diplomatic relations.",
        ("DiplomaticRelationsEstablished", "KEN", "SOM", "planned", "2026-03-07"),
    ),
    (
        "Sweden ordered the expulsion of three Iranian diplomats on Wednesday.",
        ("DiplomatsExpelled", "SWE", "IRN", "realized", "2026-03-04"),
    ),
    (
        "Chinese President Xi Jinping hosted Brazilian President Lula in Beijing, and the two "
        "leaders signed 20 agreements.",
        ("AgreementSigned", "CHN", "BRA", "realized", None),
    ),
    (
        "Russia has threatened to stop negotiations if the United States goes ahead with the "
        "deployment.",
        ("ThreatIssued", "RUS", "USA", "realized", None),
    ),
    (
        "Kosovo and Serbia held talks in Brussels on Thursday.",
        ("TalksHeld", "XKX", "SRB", "realized", None),
    ),
    (
        "Armenia's foreign minister met his Georgian counterpart in Tbilisi on Friday and later "
        "held talks with the EU special representative.",
        ("TalksHeld", "ARM", "EU", "realized", None),
    ),
]


@pytest.mark.parametrize(("text", "expected"), MORE_NEWS)
def test_more_news_phrasing(coder: Coder, text: str, expected: tuple[str | None, ...]) -> None:
    test_real_news_phrasing(coder, text, expected)


def test_a_plan_said_on_a_day_is_due_at_its_own_date(coder: Coder) -> None:
    (visit,) = code(
        coder,
        "President Gustavo Petro said on Friday that he would travel to Caracas next month.",
        date(2026, 3, 10),
    )
    assert (str(visit.occurred), str(visit.due)) == ("2026-03-06", "2026-04")


@pytest.mark.parametrize(
    "text",
    [
        "Serbia denies plans to join EU sanctions on Russia",
        "Iran will withdraw from the Nuclear Non-Proliferation Treaty if the UN Security "
        "Council reimposes sanctions, a senior Iranian lawmaker warned.",
    ],
)
def test_no_party_from_a_modifier_or_a_condition(coder: Coder, text: str) -> None:
    codings = coder.code(text, date(2026, 3, 10), headings=True)
    assert not [c for c in codings if c.target in {"EU", "UNSC"}]


def test_several_officials_meet_the_one_they_met(coder: Coder) -> None:
    codings = code(
        coder,
        "The foreign ministers of Kazakhstan, Kyrgyzstan and Tajikistan met their Chinese "
        "counterpart Wang Yi in Astana.",
    )
    assert {"KAZ", "KGZ", "TJK"} <= {c.source for c in codings if c.target == "CHN"}
    # A place is no party when several act together.
    codings = code(coder, "India and Pakistan agreed to hold talks in Vienna this month.")
    assert {(c.source, c.target) for c in codings} == {("IND", "PAK")}


OCCASIONS_AND_COUNTERPARTS = [
    # The occasion of a failed agreement took place.
    (
        "Kosovo and Serbia failed to reach agreement at EU-mediated talks in Brussels.",
        ("TalksHeld", "XKX", "SRB", "realized", None),
    ),
    # Each applicant negotiates with the one named inside the act's words.
    (
        "Ukraine, Moldova begin EU accession negotiations",
        ("TalksHeld", "UKR", "EU", "realized", None),
    ),
    (
        "Ukraine, Moldova begin EU accession negotiations",
        ("TalksHeld", "MDA", "EU", "realized", None),
    ),
    # The host summoned the envoy, where its ministry is.
    (
        "The Chinese ambassador was summoned to the foreign ministry in Vilnius on Friday.",
        ("ProtestLodged", "LTU", "CHN", "realized", "2026-03-06"),
    ),
    # What is called for is not done.
    (
        "South African President Cyril Ramaphosa called for the lifting of Western sanctions "
        "on Zimbabwe.",
        ("AppealMade", "ZAF", "ZWE", "realized", None),
    ),
]


@pytest.mark.parametrize(("text", "expected"), OCCASIONS_AND_COUNTERPARTS)
def test_occasions_and_counterparts(
    coder: Coder, text: str, expected: tuple[str | None, ...]
) -> None:
    codings = coder.code(text, date(2026, 3, 10), headings=True)
    assert "SanctionsEased" not in {c.event_type for c in codings}
    kind, source, target, modality, occurred = expected
    assert any(
        c.event_type == kind
        and (c.source, c.target) == (source, target)
        and c.modality.value == modality
        and (occurred is None or str(c.occurred) == occurred)
        for c in codings
    ), [(c.event_type, c.source, c.target, c.modality.value) for c in codings]


def test_a_gathering_s_organisation_is_no_party_to_a_pair_s_plan(coder: Coder) -> None:
    codings = code(
        coder,
        "Armenia and Turkey agreed to meet on the sidelines of a NATO ministerial next month.",
    )
    assert "NATO" not in {c.target for c in codings} | {c.source for c in codings}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Goods sold or supplied are trade (CAMEO 061), not aid.
        ("Russia supplies gas to Armenia at a discount.", ("MaterialCooperationUndertaken", "061")),
        ("Russia is ready to supply wheat to Egypt.", ("MaterialCooperationUndertaken", "061")),
        ("Russia supplied weapons to Armenia.", ("AidProvided", "070")),
        ("Japan has delivered 20 patrol boats to Vietnam.", ("AidProvided", "070")),
        (
            "Brussels approved the release of 1.5 billion euros in macro-financial assistance "
            "to Egypt.",
            ("AidProvided", "070"),
        ),
    ],
)
def test_trade_and_aid(coder: Coder, text: str, expected: tuple[str, str]) -> None:
    (found, *_) = code(coder, text, date(2026, 3, 10))
    assert (found.event_type, found.cameo) == expected


ARTICLE_RULES = [
    # Not facts: a call for sanctions, a possibility, a condition, a denied report.
    (
        "In October last year, the European Parliament adopted a resolution calling for "
        "sanctions against Azerbaijani officials.",
        ("AppealMade", "EU", "AZE", "realized", "2025"),
    ),
    (
        "Iranian media reported that Tehran had summoned the Armenian ambassador, but both "
        "foreign ministries denied the report.",
        ("ProtestLodged", "IRN", "ARM", "negated", None),
    ),
    # Supplies cut off are a measure.
    (
        "Turkmenistan previously cut off gas supplies to Iran in January 2017.",
        ("SanctionsImposed", "TKM", "IRN", "realized", "2017-01"),
    ),
    # A bid to join is an application, whatever the "join" inside it.
    (
        "In March, a law launching Armenia's bid to join the European Union entered into force.",
        ("MembershipApplied", "ARM", "EU", "realized", "2026-03"),
    ),
    # Each clause its own date; a relative's date is its own act's.
    (
        "Georgia and Ukraine established diplomatic relations in 1992 and signed a strategic "
        "partnership declaration in 2017.",
        ("AgreementSigned", "GEO", "UKR", "realized", "2017"),
    ),
    (
        "The Russian and Iranian presidents signed a comprehensive strategic partnership "
        "treaty in Moscow in January 2025, which entered into force in October 2025.",
        ("AgreementEnteredIntoForce", "RUS", "IRN", "realized", "2025-10"),
    ),
    (
        "Kazakhstan declined an invitation to become a BRICS partner country in October 2024.",
        ("MembershipInvitationDeclined", "KAZ", "BRICS", "realized", "2024-10"),
    ),
    (
        "The United States has imposed more than 1,500 sanctions on Iranian entities since 2018.",
        ("SanctionsImposed", "USA", "IRN", "realized", "2018"),
    ),
    (
        "Armenia will open an embassy in Riyadh in 2027, Foreign Minister Ararat Mirzoyan said "
        "on Wednesday.",
        ("DiplomaticRelationsEstablished", "ARM", "SAU", "planned", "2026-03-04"),
    ),
    # Embassies, recognition, documents, councils.
    (
        "Iran evacuated its diplomats and suspended the embassy's work in Baku in 2023.",
        ("DiplomaticRelationsDowngraded", "IRN", "AZE", "realized", "2023"),
    ),
    (
        "The Azerbaijani embassy in Tehran resumed operations in July 2024.",
        ("DiplomaticRelationsEstablished", "AZE", "IRN", "realized", "2024-07"),
    ),
    (
        "Russia, which recognised the Taliban government in July 2025, hosted the talks.",
        ("DiplomaticRelationsEstablished", "RUS", "AFG", "realized", "2025-07"),
    ),
    (
        "Kazakhstan and Uzbekistan signed 15 intergovernmental documents.",
        ("AgreementSigned", "KAZ", "UZB", "realized", None),
    ),
    (
        "Armenia did not attend a meeting of the Eurasian Intergovernmental Council in Minsk.",
        ("MeetingHeld", "ARM", "EAEU", "negated", None),
    ),
]


@pytest.mark.parametrize(("text", "expected"), ARTICLE_RULES)
def test_article_rules(coder: Coder, text: str, expected: tuple[str | None, ...]) -> None:
    test_real_news_phrasing(coder, text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "Iranian President Masoud Pezeshkian arrived in Yerevan on Wednesday for a two-day "
        "visit, his first since the end of the war with Israel.",
        "Putin reiterated that a meeting with Zelensky was only possible at the final stage of "
        "negotiations.",
        "Fidan said full normalisation would depend on the signing of a peace treaty between "
        "Armenia and Azerbaijan.",
    ],
)
def test_no_act_with_these_parties(coder: Coder, text: str) -> None:
    codings = code(coder, text, date(2026, 3, 10))
    assert not [c for c in codings if {c.source, c.target} & {"ISR", "UKR", "AZE"}]


def test_the_subject_with_each_of_both_leaders(coder: Coder) -> None:
    codings = code(
        coder,
        "Kyrgyz and Tajik leaders signed a border treaty. Uzbek President Shavkat Mirziyoyev "
        "congratulated both leaders by phone.",
    )
    calls = {(c.source, c.target) for c in codings if c.event_type == "PhoneCallHeld"}
    assert calls == {("UZB", "KGZ"), ("UZB", "TJK")}


def test_undated_acts_of_a_story_take_its_day(coder: Coder) -> None:
    codings = code(
        coder,
        "Armenian Foreign Minister Ararat Mirzoyan met Kaja Kallas in Brussels on Monday. The "
        "two officials also signed a roadmap on visa liberalisation. In 1993, Turkey closed its "
        "border with Armenia.",
        date(2026, 3, 10),
    )
    dates = {c.event_type: str(c.occurred) for c in codings}
    assert dates["MeetingHeld"] == dates["AgreementSigned"] == "2026-03-09"


def test_an_unnamed_addressee_borrows_no_one(coder: Coder) -> None:
    codings = code(
        coder,
        "Georgia accused Russia of occupying its territory. The ministry called on the "
        "international community to give an adequate assessment.",
    )
    assert [c.event_type for c in codings] == ["AccusationMade"]


HELD_OUT_RULES = [
    (
        "Kazakhstan and Russia will sign a treaty during President Vladimir Putin's visit to "
        "Astana in May.",
        ("VisitMade", "RUS", "KAZ", "planned", None),
    ),
    (
        "The free trade agreement is expected to be signed at the EU-India summit in Brussels "
        "in June.",
        ("MeetingHeld", "EU", "IND", "planned", None),
    ),
    (
        "Venezuela expelled the ambassadors of seven Latin American countries, including "
        "Argentina, Chile and Peru, on Monday.",
        ("DiplomatsExpelled", "VEN", "ARG", "realized", "2026-03-09"),
    ),
    (
        "Tokayev spoke with Putin by phone last week.",
        ("PhoneCallHeld", "KAZ", "RUS", "realized", None),
    ),
    (
        "France withdrew its ambassador from Niger.",
        ("AmbassadorRecalled", "FRA", "NER", "realized", None),
    ),
    (
        "Germany delivered a second IRIS-T air defence system to Ukraine.",
        ("AidProvided", "DEU", "UKR", "realized", None),
    ),
    (
        "Morocco and Israel reopened their liaison offices in 2020.",
        ("DiplomaticRelationsEstablished", "MAR", "ISR", "realized", "2020"),
    ),
    (
        "Russia banned imports of Moldovan fruit in 2014.",
        ("SanctionsImposed", "RUS", "MDA", "realized", "2014"),
    ),
    (
        "Chad ended the defence cooperation agreement with France.",
        ("AgreementTerminated", "TCD", "FRA", "realized", None),
    ),
]


@pytest.mark.parametrize(("text", "expected"), HELD_OUT_RULES)
def test_held_out_rules(coder: Coder, text: str, expected: tuple[str | None, ...]) -> None:
    test_real_news_phrasing(coder, text, expected)


@pytest.mark.parametrize(
    "text",
    [
        # Hostility ended is no agreement terminated; goods received are no guests; a
        # region's demonym is no state.
        "Ethiopia and Eritrea signed a peace agreement in 2018 that ended two decades of "
        "hostility.",
        "Egypt received the first shipment of Russian wheat on Monday.",
        "Venezuela criticized seven Latin American countries.",
    ],
)
def test_not_these_acts(coder: Coder, text: str) -> None:
    kinds = {(c.event_type, c.target) for c in code(coder, text)}
    assert not kinds & {("AgreementTerminated", "ERI"), ("VisitMade", "RUS")}
    assert "USA" not in {target for _, target in kinds}
    assert not [k for k in kinds if k[0] == "VisitMade"]


def test_the_move_referred_back_was_the_last_actor_s(coder: Coder) -> None:
    codings = code(
        coder,
        "The United States imposed tariffs on Canadian steel on Monday. Canada condemned the move.",
        date(2026, 3, 10),
    )
    assert [(c.event_type, c.source, c.target) for c in codings] == [
        ("SanctionsImposed", "USA", "CAN"),
        ("CriticismVoiced", "CAN", "USA"),
    ]


def test_the_pact_named_by_its_noun_is_the_story_s(coder: Coder) -> None:
    codings = code(
        coder,
        "Japan and the Philippines signed a reciprocal access agreement. The pact was signed "
        "in Manila in July 2024.",
        date(2026, 3, 10),
    )
    assert [(c.source, c.target, str(c.occurred)) for c in codings][-1] == ("JPN", "PHL", "2024-07")


@pytest.mark.parametrize(
    ("text", "member"),
    [
        ("Tbilisi suspended EU accession talks until the end of 2028.", "GEO"),
        ("The European Union has de facto halted Georgia's accession process.", "GEO"),
        ("Turkey froze its EU membership application in 2019.", "TUR"),
    ],
)
def test_an_applicant_s_accession_suspended(coder: Coder, text: str, member: str) -> None:
    (found,) = code(coder, text, date(2026, 3, 10))
    assert (found.event_type, found.source, found.target) == (
        "MembershipAccessionSuspended",
        member,
        "EU",
    )


CAUCASUS_RULES = [
    (
        "Estonia, Latvia and Lithuania imposed entry bans on Georgian officials.",
        ("SanctionsImposed", "EST", "GEO", "realized", None),
    ),
    (
        "The EU froze 30 million euros in military assistance to Georgia.",
        ("SanctionsImposed", "EU", "GEO", "realized", None),
    ),
    (
        "Russia suspended imports of flowers from Armenia.",
        ("SanctionsImposed", "RUS", "ARM", "realized", None),
    ),
    (
        "Georgia's ambassador to the United States was recalled for consultations last week.",
        ("AmbassadorRecalled", "GEO", "USA", "realized", None),
    ),
    (
        "Pashinyan and Aliyev held a telephone conversation on Monday evening and agreed to "
        "meet in the coming weeks.",
        ("PhoneCallHeld", "ARM", "AZE", "realized", "2026-03-09"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CAUCASUS_RULES)
def test_caucasus_rules(coder: Coder, text: str, expected: tuple[str | None, ...]) -> None:
    test_real_news_phrasing(coder, text, expected)


def test_visa_free_access_received_is_no_visit(coder: Coder) -> None:
    assert (
        code(coder, "Georgia, which received visa-free access to the EU in 2017, risks losing it.")
        == []
    )


def test_the_two_countries_are_the_last_two_states(coder: Coder) -> None:
    codings = code(
        coder,
        "Azerbaijan and Turkey held talks in Baku on Monday. Aliyev hosted the OTS summit in "
        "Gabala, after which the two countries signed an energy agreement.",
        date(2026, 3, 10),
    )
    signed = [(c.source, c.target) for c in codings if c.event_type == "AgreementSigned"]
    assert signed == [("AZE", "TUR")]


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "Russia expressed concern over Armenia's military cooperation with France.",
            ("RUS", "ARM"),
        ),
        (
            "Azerbaijan is seriously concerned about India's arms supplies to Armenia.",
            ("AZE", "IND"),
        ),
    ],
)
def test_concern_is_disapproval(coder: Coder, text: str, pair: tuple[str, str]) -> None:
    (found,) = code(coder, text)
    assert (found.event_type, found.source, found.target) == ("CriticismVoiced", *pair)
