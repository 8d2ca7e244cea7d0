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
