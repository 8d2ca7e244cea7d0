"""Readings of extractor 2.6.0: who speaks and acts when the sentence names them only
through their words or in a list.

Each sentence is written for the test in the shape of a failure class seen on real
articles; none is copied from the development set.
"""

from __future__ import annotations

from datetime import date

import pytest

from events import Modality
from tests.unit.readings import DAY, acts, needs_parser
from tracker.extract.coder import Coder

pytestmark = needs_parser


def test_the_words_of_a_speaker_are_his_acts(coder: Coder) -> None:
    # "the rhetoric of X is telling, thanking Y": X thanks Y, not whoever the story named
    # before (here the state that imposed the sanctions, and the one they hit).
    story = (
        "Kenya imposed sanctions on a Somali general on Monday. In this light, the rhetoric "
        'of the Ugandan president is telling, thanking Kenya "for a bold step in support of '
        'the Somali people."'
    )
    found = acts(coder, story)
    assert ("PraiseExpressed", "UGA", "KEN", "realized") in found
    assert not [a for a in found if a[0] == "PraiseExpressed" and a[1] != "UGA"]
    assert acts(
        coder, "The words of the Ugandan foreign minister were clear, praising Kenya for its calm."
    ) == {("PraiseExpressed", "UGA", "KEN", "realized")}
    # Words that are what the act is about stay its object.
    assert acts(coder, "Somalia criticised the remarks of the Kenyan president.") == {
        ("CriticismVoiced", "SOM", "KEN", "realized")
    }


def test_officials_between_capitals_are_their_states(coder: Coder) -> None:
    # "between" the people of two capitals: the capitals' states talk.
    found = acts(
        coder,
        "Consultations between senior defence ministry officials in Nairobi and Addis Ababa "
        "began in 2022.",
    )
    assert {(a[0], *sorted(a[1:3])) for a in found} == {("TalksHeld", "ETH", "KEN")}
    # A place after the parties is still only where they talked.
    found = acts(coder, "Talks between Kenya and Ethiopia in Geneva began in 2022.")
    assert {(a[0], *sorted(a[1:3])) for a in found} == {("TalksHeld", "ETH", "KEN")}


def test_a_bare_title_is_the_last_person_named_with_it(coder: Coder) -> None:
    # "the prime minister" with no state or name: the head of government named before, in
    # the sentence or the article, not the state of whoever said so.
    said = (
        "Pashinyan's ally, the speaker of parliament, said that the prime minister would not "
        "attend the Russian president's inauguration on Tuesday."
    )
    assert {a[:4] for a in acts(coder, said)} == {("MeetingHeld", "ARM", "RUS", "negated")}
    story = (
        "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on "
        "Monday. The prime minister praised Kenya."
    )
    assert ("PraiseExpressed", "ETH", "KEN", "realized") in acts(coder, story)
    # With no one of that office named before, the title names no one.
    assert not acts(coder, "The prime minister praised Kenya.")


def test_a_government_recognised_as_legitimate_or_not(coder: Coder) -> None:
    refused = acts(
        coder,
        "The Ghanaian government said it does not recognise the military council as Mali's "
        "legitimate authorities.",
    )
    assert refused == {("DiplomaticRelationsEstablished", "GHA", "MLI", "negated")}
    story = (
        "Gabon expelled Ghana's ambassador on Thursday. The Ghanaian government said it does "
        "not recognise the coup leaders as the country's legitimate rulers."
    )
    assert ("DiplomaticRelationsEstablished", "GHA", "GAB", "negated") in acts(coder, story)
    assert {
        a[0]
        for a in acts(coder, "Ethiopia recognised the council as the lawful government of Sudan.")
    } == {"DiplomaticRelationsEstablished"}
    # A thing recognised as legitimate is no government.
    assert not acts(coder, "Ghana recognised the importance of the talks as a legitimate step.")


def test_also_does_the_act_just_told_at_the_same_one(coder: Coder) -> None:
    story = (
        "Peru's foreign minister called on Ecuador to release the detained diplomats. "
        "Bolivia also called for \u201can immediate end to the standoff.\u201d"
    )
    assert ("AppealMade", "BOL", "ECU", "realized") in acts(coder, story)
    # Only the same kind of act, told in the sentence just before.
    other_kind = (
        "Peru condemned Ecuador's raid on the embassy. Bolivia also called for "
        "\u201can immediate end to the standoff.\u201d"
    )
    assert not [a for a in acts(coder, other_kind) if a[1] == "BOL"]
    assert not acts(coder, "Bolivia also called for an immediate end to the standoff.")


def test_a_trip_for_an_organisations_gathering_visits_no_host(coder: Coder) -> None:
    # The venue's state is no party: the trip is to the gathering the story told.
    story = (
        "Myanmar will not take part in this week's summit of ASEAN in Laos. A spokesman said "
        "that Myanmar's foreign minister will not fly to Vientiane for the gathering."
    )
    found = acts(coder, story)
    assert ("VisitMade", "MMR", "ASEAN", "negated") in found
    assert not [a for a in found if "LAO" in a]
    # On the gathering's day, as the article dates the meeting with the organisation.
    days = {(c.event_type, c.occurred.text) for c in coder.code(story, DAY)}
    assert {day for kind, day in days if kind == "VisitMade"} == {
        day for kind, day in days if kind == "MeetingHeld"
    }
    assert acts(coder, "The Kenyan president flew to Brussels for the NATO summit.") == {
        ("VisitMade", "KEN", "NATO", "realized")
    }
    # With no organisation told, a trip to a capital visits its state.
    assert acts(
        coder, "Myanmar's foreign minister will not fly to Vientiane for the gathering."
    ) == {("VisitMade", "MMR", "LAO", "negated")}
    assert ("VisitMade", "KEN", "ETH", "realized") in acts(
        coder, "The Kenyan president flew to Addis Ababa for talks with Abiy Ahmed."
    )


SPEECH = (
    "Let me begin by thanking Prime Minister Abiy Ahmed for hosting us here in Addis Ababa "
    "for a productive summit.\n\nAs we agreed during my visit to Addis Ababa in January, our "
    "ministers will meet every year."
)


def test_a_speech_s_second_person_is_whom_it_addresses(coder: Coder) -> None:
    # "you" is the last person named of another side: the host thanked before. Invited to
    # join leaders at a gathering is an invitation to meet (036), no membership.
    title = "Remarks by President William Ruto at the press conference in Addis Ababa"
    text = (
        "Let me begin by thanking Prime Minister Abiy Ahmed for hosting us here in Addis "
        "Ababa.\n\nIn February, I invited you to join the IGAD leaders at a retreat in "
        "Nairobi to discuss the drought."
    )
    invited = [c for c in coder.code(text, DAY, title=title) if "invited" in c.sentence]
    assert [(c.event_type, c.cameo, c.source, c.target) for c in invited] == [
        ("CooperationIntentExpressed", "036", "KEN", "ETH")
    ]
    # Without a speaker, "you" is no one.
    assert not [c for c in coder.code(text, DAY) if "invited" in c.sentence]


def test_a_speech_s_first_person_is_its_speaker(coder: Coder) -> None:
    # The title says whose words the text is: "us" is hosted, "my visit" is his.
    title = (
        "Remarks by President William Ruto at the joint press conference following the "
        "Kenya-Ethiopia summit in Addis Ababa"
    )
    found = {
        (c.event_type, c.source, c.target, c.occurred.text)
        for c in coder.code(SPEECH, DAY, title=title)
    }
    assert found == {
        ("VisitMade", "ETH", "KEN", "2026-03-10"),  # hosted (043): the summit itself
        ("VisitMade", "KEN", "ETH", "2026-01"),
    }
    # A news story's "we" and "my" are no one the gazetteer knows: only its headline acts.
    news = acts(coder, SPEECH, title="Kenya and Ethiopia hold summit in Addis Ababa")
    assert news == {("MeetingHeld", "KEN", "ETH", "realized")}


def test_the_one_thanked_for_hosting_hosted(coder: Coder) -> None:
    assert acts(
        coder,
        "Ruto thanked Prime Minister Abiy Ahmed for hosting the Kenyan delegation in Addis Ababa.",
    ) == {("VisitMade", "ETH", "KEN", "realized")}
    # Thanks for anything else is praise.
    assert acts(coder, "Ruto thanked Abiy Ahmed for his support.") == {
        ("PraiseExpressed", "KEN", "ETH", "realized")
    }


LISTED = (
    "The agreements we have reached today open a new chapter in the relationship between "
    "Kenya and Ethiopia.\n\nWe can be proud of what this summit has brought us all:\n\n"
    "  \u2022 a memorandum on cross-border trade\n"
    "  \u2022 a defence and security partnership, and\n"
    "  \u2022 talks between Kenya and Somalia on the border\n"
    "  \u2022 closer ties between our peoples"
)


def test_list_items_under_a_lead_in_are_kept_marked() -> None:
    from tracker.extract.text import LIST_ITEM, paragraphs

    kept = paragraphs(LISTED)
    assert kept[2:] == [
        LIST_ITEM + "a memorandum on cross-border trade",
        LIST_ITEM + "a defence and security partnership, and",
        LIST_ITEM + "talks between Kenya and Somalia on the border",
        LIST_ITEM + "closer ties between our peoples",
    ]
    # Without a lead-in, a bullet is a stray line; an HTML list's items are items too.
    assert paragraphs("Kenya signed the deal.\n\n\u2022 a memorandum on trade") == [
        "Kenya signed the deal."
    ]
    html = (
        "<p>The two sides signed the following documents today:</p><ul><li>a trade pact</li></ul>"
    )
    assert paragraphs(html)[-1] == LIST_ITEM + "a trade pact"


def test_agreements_listed_after_the_outcome_are_signed(coder: Coder) -> None:
    found = {
        (c.event_type, *sorted((c.source, c.target)), c.about, c.occurred.text)
        for c in coder.code(LISTED, DAY)
    }
    assert found == {
        ("AgreementSigned", "ETH", "KEN", "a memorandum on cross-border trade", "2026-03-10"),
        ("AgreementSigned", "ETH", "KEN", "a defence and security partnership", "2026-03-10"),
    }
    # With no outcome told before, a list names nothing signed.
    alone = LISTED.split("\n\n", 1)[1]
    assert not coder.code(alone, DAY)


def test_an_anniversary_dates_its_act_years_back(coder: Coder) -> None:
    def dated(text: str) -> set[tuple[str, str, str, str]]:
        return {
            (c.event_type, *sorted((c.source, c.target)), c.occurred.text)
            for c in coder.code(text, date(2023, 9, 10))
        }

    # Not an establishment on the day it is marked: sixty years before.
    assert dated(
        "Kenya and Ethiopia marked the 60th anniversary of the establishment of diplomatic "
        "relations on Monday."
    ) == {("DiplomaticRelationsEstablished", "ETH", "KEN", "1963")}
    assert dated(
        "This year, Kenya and Ethiopia commemorate the 10th anniversary of the establishment "
        "of their strategic partnership."
    ) == {("CooperationIntentExpressed", "ETH", "KEN", "2013")}


def test_a_chain_of_three_names_no_one_pair(coder: Coder) -> None:
    # "the trilateral A-B-C format" is the story's talks, not talks of its first two.
    story = (
        "Kenya and Ethiopia will hold talks on March 3 in Geneva, both countries said. "
        '"The next round of talks will be held in the same trilateral Kenya-US-Ethiopia '
        'format, on March 3 in Geneva," a spokesman said.'
    )
    assert {a[:3] for a in acts(coder, story)} == {("TalksHeld", "KEN", "ETH")}
    assert not acts(
        coder,
        '"The next round of talks will be held in the trilateral Kenya-US-Ethiopia format on '
        'March 3," a spokesman said.',
    )
    # A pair is still a pair.
    assert {a[:3] for a in acts(coder, "The Kenya-Ethiopia talks will be held on March 3.")} == {
        ("TalksHeld", "KEN", "ETH")
    }


def test_a_quote_said_by_he_is_of_the_statement_before(coder: Coder) -> None:
    story = (
        "Last month, Kenya's president said it will seek the extradition of the former "
        'minister from Uganda. "We will also ask Uganda to send back the former minister," '
        "he said."
    )
    days = {(c.sentence_index, c.occurred.text) for c in coder.code(story, DAY)}
    assert days == {(0, "2026-02"), (1, "2026-02")}
    # A sentence before it that gives no date of its own lends none.
    plain = (
        'Kenya asked Uganda to send back the former minister. "We will also ask Uganda to '
        'send back the former minister," he said.'
    )
    assert {c.occurred.text for c in coder.code(plain, DAY)} == {"2026-03-10"}


def test_the_meeting_of_two_leaders_is_the_story_s_pair(coder: Coder) -> None:
    story = (
        "Kenyan President William Ruto arrived in Addis Ababa on Monday to see Ethiopian Prime "
        "Minister Abiy Ahmed. A highlight of the trip was a decree signed by the Kenyan "
        "president during the bilateral meeting of two leaders."
    )
    found = {(c.event_type, c.sentence_index) for c in coder.code(story, DAY)}
    assert ("MeetingHeld", 1) in found
    # With no two people told before, no one.
    assert not acts(
        coder,
        "A highlight of the trip was a decree signed by the Kenyan president during the "
        "bilateral meeting of two leaders.",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Nairobi does not consider possible to hold the proposed meeting with Somalia in "
        "Geneva on March 20.",
        "Kenya does not consider it possible to hold the proposed meeting with Somalia in "
        "Geneva on March 20.",
    ],
)
def test_what_is_not_deemed_possible_is_refused(coder: Coder, text: str) -> None:
    # Refused for the day it was due, read forward.
    found = {(c.event_type, c.modality.value, c.occurred.text) for c in coder.code(text, DAY)}
    assert found == {("MeetingHeld", "negated", "2026-03-20")}


def test_a_denial_with_a_future_date_is_dated_when_due(coder: Coder) -> None:
    text = (
        "Kenya does not consider possible to hold the proposed meeting with Somalia in "
        "Geneva on November 20, 2026."
    )
    assert {c.occurred.text for c in coder.code(text, DAY)} == {"2026-11-20"}


def test_a_quote_s_first_person_is_whom_it_is_attributed_to(coder: Coder) -> None:
    said = "\u201cI am ready to sign the peace agreement with Eritrea,\u201d Abiy Ahmed said."
    assert acts(coder, said) == {("CooperationIntentExpressed", "ETH", "ERI", "realized")}
    # "he" after the quote: the person the story named last.
    story = (
        "Ethiopian Prime Minister Abiy Ahmed spoke in Addis Ababa on Monday. "
        "\u201cI am ready to sign the peace agreement with Eritrea,\u201d he said."
    )
    assert ("CooperationIntentExpressed", "ETH", "ERI", "realized") in acts(coder, story)
    # A quote with no attribution after it names no speaker.
    assert not acts(coder, "\u201cI am ready to sign the peace agreement with Eritrea.\u201d")


def test_no_possibility_for_a_proposal_rejects_it(coder: Coder) -> None:
    # The speaker named after the quote by the surname the story gave him.
    story = (
        'Eritrean Foreign Minister Osman Saleh spoke to reporters on Monday. "I see no '
        "possibility for a return to Ethiopia's proposal,\" Saleh added."
    )
    assert acts(coder, story) == {("ProposalRejected", "ERI", "ETH", "realized")}
    assert not acts(coder, "Eritrea sees no possibility of a visit.")


def test_a_letter_that_asks_is_an_appeal_to_whom_it_was_written(coder: Coder) -> None:
    assert acts(
        coder,
        "The Kenyan president wrote to the leaders of the G20 nations in June proposing to "
        "invite the African Union to the summit.",
    ) == {("AppealMade", "KEN", "G20", "realized")}
    # Whom the letter urges to act is no addressee.
    assert acts(
        coder, "Ruto wrote to Ethiopia's prime minister on Monday urging Somalia to withdraw."
    ) == {("AppealMade", "KEN", "ETH", "realized")}
    assert not acts(coder, "The Kenyan president wrote to the African Union in June.")


def test_relations_judged_good_praise_the_other_side(coder: Coder) -> None:
    assert acts(
        coder,
        "Ethiopia's Prime Minister Abiy Ahmed said on Monday that relations with Kenya were "
        "stronger than ever.",
    ) == {("PraiseExpressed", "ETH", "KEN", "realized")}
    assert acts(coder, "Ruto said relations between Kenya and Ethiopia are excellent.") == {
        ("PraiseExpressed", "KEN", "ETH", "realized")
    }
    assert not acts(coder, "Ruto said relations with Ethiopia are not good.")
    assert not acts(coder, "Relations between Kenya and Somalia have been strained since 2019.")


def test_together_at_a_ceremony_they_met(coder: Coder) -> None:
    assert acts(
        coder,
        "Abiy Ahmed made the remarks alongside Kenyan President William Ruto during the "
        "inauguration ceremony of the dam on Monday.",
    ) == {("MeetingHeld", "ETH", "KEN", "realized")}
    assert not acts(coder, "Ethiopian troops fought alongside Kenyan forces in Somalia.")


def test_made_the_remarks_is_the_day_of_the_remarks(coder: Coder) -> None:
    story = (
        "Ruto said on March 2 that relations with Ethiopia were stronger than ever. Ruto made "
        "the remarks alongside Ethiopian Prime Minister Abiy Ahmed during the opening "
        "ceremony of the railway."
    )
    days = {(c.event_type, c.occurred.text) for c in coder.code(story, DAY)}
    assert days == {("PraiseExpressed", "2026-03-02"), ("MeetingHeld", "2026-03-02")}


@pytest.mark.parametrize(
    ("phrase", "year"),
    [
        ("last fall", "2023"),
        ("last autumn", "2023"),
        ("last summer", "2024"),
        ("this summer", "2024"),
        ("next spring", "2025"),
        ("last winter", "2024"),
    ],
)
def test_a_season_is_read_to_its_year(phrase: str, year: str) -> None:
    from tracker.extract.dates import find_dates

    # Said on 25 November 2024: the fall then under way is not "last fall".
    (found,) = find_dates(f"Armenia began boycotting the meetings {phrase}.", date(2024, 11, 25))
    assert found.value.text == year


def test_an_act_told_in_the_present_is_of_the_day_of_publication(coder: Coder) -> None:
    def appeal_day(verb: str) -> str:
        story = (
            "Kenyan President William Ruto arrived in Addis Ababa on Saturday. Ruto "
            f"{verb} for the removal of Ethiopian tariffs on Kenyan tea."
        )
        (appeal,) = [c for c in coder.code(story, DAY) if c.event_type == "AppealMade"]
        return appeal.occurred.text

    assert appeal_day("calls") == "2026-03-10"
    assert appeal_day("called") == "2026-03-07"  # the story's day


def test_at_that_time_is_the_date_the_sentence_before_named(coder: Coder) -> None:
    story = (
        "Kenya's government voiced its support for the bill in early January. At that time, "
        "Ruto warned that Somalia risks losing its access to Kenyan ports."
    )
    assert {(c.event_type, c.occurred.text) for c in coder.code(story, DAY)} == {
        ("ThreatIssued", "2026-01")
    }


def test_a_headline_s_reproach_restates_the_lead_s(coder: Coder) -> None:
    lead = "Kenya warned Somalia on Monday that it must withdraw its troops from the border."
    title = "Kenya says Somalia must withdraw troops, warns of consequences"
    assert {c.event_type for c in coder.code(lead, DAY, title=title)} == {"ThreatIssued"}
    # A body with no reproach of the pair leaves the headline's.
    other = {
        c.event_type
        for c in coder.code("Kenya and Somalia held talks on Monday.", DAY, title=title)
    }
    assert other == {"TalksHeld", "DemandMade"}


def test_a_sayer_who_calls_an_entry_unlawful_accuses(coder: Coder) -> None:
    said = (
        "Eritrea said it had detained Ethiopian boats that had \u201cillegally\u201d entered "
        "its waters."
    )
    assert acts(coder, said) == {("AccusationMade", "ERI", "ETH", "realized")}
    # The writer's own words charge no one.
    assert not acts(coder, "Ethiopian boats illegally entered Eritrean waters, the report found.")


def test_responding_angrily_to_the_move_criticises_who_made_it(coder: Coder) -> None:
    story = (
        "Ethiopia recalled its ambassador from Kenya on Monday. Ruto responded angrily to the move."
    )
    assert ("CriticismVoiced", "KEN", "ETH", "realized") in acts(coder, story)
    # The move is the last act of someone else than the critic, not the critic's own
    # accusation told after it (the criticism restates that accusation: one reproach).
    mixed = (
        "Ethiopia said it was recalling its ambassador from Kenya in response to comments by "
        "Ruto, who accused Ethiopia of meddling. Ruto responded angrily to the move."
    )
    assert {a[:3] for a in acts(coder, mixed)} == {
        ("AmbassadorRecalled", "ETH", "KEN"),
        ("AccusationMade", "KEN", "ETH"),
    }
    assert not acts(coder, "Ruto responded to the move on Monday.")


def test_dismissing_the_claim_criticises_who_made_it(coder: Coder) -> None:
    story = (
        "Ruto declared in September that Ethiopia poses an existential threat to his country. "
        "The Ethiopian Foreign Ministry dismissed the claim."
    )
    assert ("CriticismVoiced", "ETH", "KEN", "realized") in acts(coder, story)
    assert not acts(coder, "The Ethiopian Foreign Ministry dismissed the claim.")


def test_they_also_is_of_the_day_told_just_before(coder: Coder) -> None:
    story = (
        "On 8 January, Kenya and Ethiopia signed the border agreement in Nairobi. They also "
        "jointly appealed to the African Union to send observers."
    )
    days = {(c.event_type, c.occurred.text) for c in coder.code(story, DAY)}
    assert ("AppealMade", "2026-01-08") in days


def test_a_verb_joined_by_and_shares_the_modal_before_it(coder: Coder) -> None:
    story = (
        "Kenya and Ethiopia agreed on the first sections of the border on April 19. The "
        "protocol should be agreed and signed by the parties{}."
    )
    # "should ... signed" asserts no signing, as "should be signed" does not; due by a day,
    # it is planned for that day.
    assert not [c for c in coder.code(story.format(""), DAY) if c.event_type == "AgreementSigned"]
    (due,) = [
        c
        for c in coder.code(story.format(" by May 15, 2026"), DAY)
        if c.event_type == "AgreementSigned"
    ]
    assert (due.modality, {due.source, due.target}) == (Modality.PLANNED, {"KEN", "ETH"})
    assert due.due is not None and due.due.text == "2026-05-15"


def test_a_relative_a_few_words_back_names_the_agreement_before_it(coder: Coder) -> None:
    # "..., which should be agreed and signed": the relative opens the trigger's clause;
    # a hyphenated compound is one name ("Protocol-description").
    story = (
        "Kenya and Ethiopia agreed on the first sections of the border on April 19. The "
        "sections will be described by coordinates measured on the ground, which will be "
        "formalized by an appropriate Protocol-description, which should be agreed and "
        "signed by the Parties by May 15, 2026."
    )
    signed = [c for c in coder.code(story, DAY) if c.event_type == "AgreementSigned"]
    assert [(c.modality, c.about) for c in signed] == [
        (Modality.PLANNED, "Appropriate Protocol-description")
    ]


@pytest.mark.parametrize(
    "text",
    [
        # The sayer in the attribution after the quote.
        '"If Peru does not return the fishing boats, we will expel its ambassador," '
        "Chile's foreign minister wrote on Sunday.",
        # The sayer before the quote; "fails to" is a condition too.
        "Chile's foreign minister told reporters: \"If Peru fails to return the fishing "
        'boats by Friday, we cannot keep our embassy open."',
    ],
)
def test_a_consequence_vowed_if_another_does_not_act_is_a_threat(coder: Coder, text: str) -> None:
    found = acts(coder, text)
    assert ("ThreatIssued", "CHL", "PER", "realized") in found
    # What is vowed is the threat's content, not an act of its own.
    assert not [a for a in found if a[0] in {"DiplomatsExpelled", "AmbassadorRecalled"}]


def test_a_forecast_on_a_condition_threatens_no_one(coder: Coder) -> None:
    text = (
        '"If Peru does not return the fishing boats, the dispute will deepen," '
        "Chile's foreign minister said."
    )
    assert not [a for a in acts(coder, text) if a[0] == "ThreatIssued"]


def test_an_intent_its_words_say_is_of_both_sides_is_the_story_s_pair(coder: Coder) -> None:
    # "We are ready" names no one it is made to; "on both sides" says it is the pair's.
    text = (
        "Kenya and Ethiopia will sign a water treaty on Friday, "
        "the Kenyan minister said. "
        "\u201cWe have signalled on both sides readiness to extend it,\u201d he added."
    )
    intents = {
        (a[0], *sorted(a[1:3]), a[3])
        for a in acts(coder, text)
        if a[0] == "CooperationIntentExpressed"
    }
    assert intents == {("CooperationIntentExpressed", "ETH", "KEN", "realized")}


def test_a_forecast_of_the_speaker_s_side_threatens_no_one(coder: Coder) -> None:
    text = (
        '"If Peru does not return the fishing boats, we will see more tension at sea," '
        "Chile's foreign minister said."
    )
    assert not [a for a in acts(coder, text) if a[0] == "ThreatIssued"]


def test_supporting_the_call_told_before_praises_whoever_made_it(coder: Coder) -> None:
    # "the call for ..." is the appeal told before: at its makers, not at the organisation
    # it calls on.
    story = (
        "Kenya and Ethiopia jointly appealed to the African Union to send observers. Uganda "
        "supported the call for the deployment of African Union observers."
    )
    praise = {(s, t) for kind, s, t, _ in acts(coder, story) if kind == "PraiseExpressed"}
    assert praise and all(s == "UGA" and t in {"KEN", "ETH"} for s, t in praise)
