"""Actors from the gazetteer: names, demonyms, seats, officials resolved by date."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from events import ContactLevel
from tracker.extract.actors import Mention
from tracker.extract.coder import Coder
from tracker.extract.gazetteer import gazetteer


@pytest.fixture(scope="module")
def coder() -> Iterator[Coder]:
    yield Coder()


def mentions(coder: Coder, text: str, on: date) -> list[Mention]:
    return coder.mentions.find(coder.nlp(text), on)


def test_blinken_is_the_us_secretary_of_state_in_january_2025(coder: Coder) -> None:
    (blinken,) = mentions(coder, "Blinken spoke.", date(2025, 1, 14))
    assert (blinken.actor, blinken.person, blinken.level) == (
        "USA",
        "Antony Blinken",
        ContactLevel.FOREIGN_MINISTER,
    )


def test_rubio_holds_the_office_in_march_2025_and_blinken_no_longer(coder: Coder) -> None:
    rubio, blinken = mentions(coder, "Rubio thanked Blinken.", date(2025, 3, 11))
    assert (rubio.actor, rubio.level) == ("USA", ContactLevel.FOREIGN_MINISTER)
    assert (blinken.actor, blinken.level) == ("USA", ContactLevel.OFFICIAL)


def test_an_office_without_a_name_is_its_holder_on_the_date(coder: Coder) -> None:
    (january,) = mentions(coder, "The US Secretary of State spoke.", date(2025, 1, 14))
    (march,) = mentions(coder, "The US Secretary of State spoke.", date(2025, 3, 11))
    assert (january.person, march.person) == ("Antony Blinken", "Marco Rubio")


def test_titles_join_a_demonym_and_a_name_into_one_actor(coder: Coder) -> None:
    found = mentions(coder, "Armenian Foreign Minister Ararat Mirzoyan arrived.", date(2025, 1, 14))
    assert [(m.actor, m.person) for m in found] == [("ARM", "Ararat Mirzoyan")]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Yerevan said so.", "ARM"),
        ("Baku said so.", "AZE"),
        ("Washington said so.", "USA"),
        ("The Kremlin said so.", "RUS"),
        ("The State Department said so.", "USA"),
        ("Brussels said so.", "EU"),
        ("Azerbaijani troops moved.", "AZE"),
        ("The CSTO said so.", "CSTO"),
        ("Armenia will join the Global Coalition against Daesh.", "GCAD"),
    ],
)
def test_names_seats_and_demonyms(coder: Coder, text: str, actor: str) -> None:
    assert actor in {m.actor for m in mentions(coder, text, date(2025, 1, 14))}


def test_every_iso_state_has_a_name() -> None:
    named = {entry.actor for entry in gazetteer().names}
    assert {"ARM", "AZE", "USA", "RUS", "TUR", "IRN", "GEO", "ZWE", "FJI"} <= named
    assert len({a for a in named if len(a) == 3}) > 190


def _people(
    coder: Coder, text: str, on: date = date(2025, 6, 2)
) -> list[tuple[str, str | None, str]]:
    return [(m.actor, m.person, m.level.value) for m in mentions(coder, text, on)]


def test_a_named_minister_the_gazetteer_does_not_know_is_that_minister(coder: Coder) -> None:
    # A minister appointed last week: the title's named holder, not the one the gazetteer
    # lists for the office (Ararat Mirzoyan), and the office's level all the same.
    found = _people(coder, "Armenian Foreign Minister Karen Petrosyan arrived in Tbilisi.")
    assert found[0] == ("ARM", "Karen Petrosyan", "foreign_minister")


def test_a_qualified_title_is_another_office(coder: Coder) -> None:
    deputy = _people(coder, "Armenian Deputy Foreign Minister Vahan Kostanyan arrived.")
    assert deputy[0] == ("ARM", "Vahan Kostanyan", "official")
    vice = _people(coder, "The US Vice President spoke.")
    assert vice[0] == ("USA", None, "minister")  # not the President
    former = _people(coder, "The former Armenian Prime Minister spoke.")
    assert former[0] == ("ARM", None, "unknown")  # not Pashinyan


def test_initials_belong_to_the_name_after_them(coder: Coder) -> None:
    found = _people(coder, "US Vice President JD Vance arrived.")
    assert found[0] == ("USA", "JD Vance", "minister")


def test_a_bare_title_is_still_its_holder_on_the_date(coder: Coder) -> None:
    found = _people(coder, "Armenia's foreign minister met his Georgian counterpart.")
    assert found[0] == ("ARM", "Ararat Mirzoyan", "foreign_minister")
    of_form = _people(coder, "The Prime Minister of Armenia spoke.")
    assert of_form[0] == ("ARM", "Nikol Pashinyan", "head_of_government")


def test_a_title_gives_its_level_without_a_listed_holder(coder: Coder) -> None:
    # The gazetteer lists no Kazakh foreign minister; the title still says the level.
    found = _people(coder, "The Kazakh Foreign Minister said so.")
    assert found[0] == ("KAZ", None, "foreign_minister")
    minister = _people(coder, "Armenian Defence Minister Suren Papikyan said so.")
    assert minister[0] == ("ARM", "Suren Papikyan", "minister")


def test_a_title_that_does_not_touch_the_actor_is_not_its_own(coder: Coder) -> None:
    # "the President" belongs to France here, not to Armenia.
    found = _people(coder, "Armenia welcomed the President of France.")
    assert found[0] == ("ARM", None, "unknown")
    assert found[1][0] == "FRA" and found[1][2] == "head_of_state"


def test_a_name_is_made_of_name_words_only(coder: Coder) -> None:
    # "Monday" and an acronym are not names: the bare title is its holder.
    found = _people(coder, "Armenian Foreign Minister Monday talks began.")
    assert found[0] == ("ARM", "Ararat Mirzoyan", "foreign_minister")
    acronym = _people(coder, "The Armenian Foreign Minister ABC interview aired.")
    assert acronym[0][1] == "Ararat Mirzoyan"


def test_transliterations_name_the_same_official(coder: Coder) -> None:
    on = date(2025, 3, 1)
    assert _people(coder, "Pashinian met Araqchi.", on) == [
        ("ARM", "Nikol Pashinyan", "head_of_government"),
        ("IRN", "Abbas Araghchi", "foreign_minister"),
    ]
    variants = "Zelenskiy, Lukashenka and Raeisi"
    found = _people(coder, f"{variants} were named.", date(2024, 1, 10))
    assert [person for _, person, _ in found] == [
        "Volodymyr Zelensky",
        "Alexander Lukashenko",
        "Ebrahim Raisi",
    ]


def test_a_vice_president_by_title_and_name_and_by_name_alone(coder: Coder) -> None:
    titled = _people(coder, "Turkish Vice President Cevdet Yilmaz arrived.", date(2025, 2, 3))
    assert titled == [("TUR", "Cevdet Yilmaz", "minister")]
    (alone,) = _people(coder, "Alckmin arrived.", date(2025, 2, 3))
    assert alone == ("BRA", "Geraldo Alckmin", "minister")


def test_the_same_name_before_and_after_leaving_office(coder: Coder) -> None:
    # David Cameron was Foreign Secretary until 5 July 2024; afterwards he is only British.
    (before,) = _people(coder, "Cameron arrived.", date(2024, 7, 4))
    (after,) = _people(coder, "Cameron arrived.", date(2024, 8, 1))
    assert before == ("GBR", "David Cameron", "foreign_minister")
    assert after == ("GBR", "David Cameron", "official")
    # Wang Yi left the foreign ministry to Qin Gang from December 2022 to July 2023.
    (spring,) = _people(coder, "The Chinese Foreign Minister spoke.", date(2023, 4, 1))
    (autumn,) = _people(coder, "The Chinese Foreign Minister spoke.", date(2023, 9, 1))
    assert (spring[1], autumn[1]) == ("Qin Gang", "Wang Yi")
    (premier,) = _people(coder, "The Chinese premier spoke.", date(2023, 4, 1))
    assert premier == ("CHN", "Li Qiang", "head_of_government")


def test_venue_cities_are_their_states() -> None:
    from datetime import date

    from tracker.extract.coder import Coder

    found = {
        (c.event_type, c.source, c.target)
        for c in Coder().code(
            "Zelenskyy arrived in Munich on Friday for the security conference.",
            date(2026, 2, 14),
        )
    }
    assert ("VisitMade", "UKR", "DEU") in found
