"""Dates resolved against the publication date, with precision."""

from __future__ import annotations

from datetime import date

import pytest

from events import FuzzyDate, Modality
from tracker.extract.dates import find_dates
from tracker.extract.timing import time_act

PUBLISHED = date(2025, 3, 12)  # a Wednesday


def first(sentence: str, published: date = PUBLISHED) -> str:
    return str(find_dates(sentence, published)[0].value)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("They signed it on January 14, 2025.", "2025-01-14"),
        ("They signed it on 14 January 2025.", "2025-01-14"),
        ("They signed it on January 14.", "2025-01-14"),
        ("They met on December 30.", "2024-12-30"),  # no year: the latest before publication
        ("They met on Tuesday.", "2025-03-11"),  # the last Tuesday on or before publication
        ("They met on Wednesday.", "2025-03-12"),  # the publication day itself
        ("In June, he announced it.", "2024-06"),  # the most recent past June
        ("Earlier in January, they spoke.", "2025-01"),
        ("It became known in March 2024.", "2024-03"),
        ("They met last week.", "2025-03"),  # 3-9 March lies in one month
        ("They met yesterday.", "2025-03-11"),
        ("It happened earlier this month.", "2025-03"),
        ("It happened last year.", "2024"),
    ],
)
def test_dates_resolve_with_precision(sentence: str, expected: str) -> None:
    assert first(sentence) == expected


def test_may_the_verb_is_not_a_month() -> None:
    assert find_dates("Flights may be delayed, the airport said.", PUBLISHED) == ()


def test_coming_weeks_is_a_due_date_of_a_planned_act() -> None:
    sentence = "In the coming weeks, officers will travel to Armenia."
    timing = time_act(sentence, sentence.index("travel"), Modality.PLANNED, date(2025, 1, 14))
    assert timing.occurred == FuzzyDate.parse("2025-01-14")
    assert timing.basis == "publication"
    assert timing.due == FuzzyDate.parse("2025-02")


def test_a_month_after_a_planned_act_is_read_forward() -> None:
    sentence = "A team would visit Armenia in February."
    timing = time_act(sentence, sentence.index("visit"), Modality.PLANNED, date(2025, 1, 15))
    assert timing.due == FuzzyDate.parse("2025-02")


def test_a_failed_act_is_dated_when_it_was_due() -> None:
    sentence = "He said in January that a team would visit in February, but it did not happen."
    timing = time_act(sentence, sentence.index("visit"), Modality.FAILED, PUBLISHED)
    assert timing.occurred == FuzzyDate.parse("2025-02")


def test_no_date_means_the_publication_date_marked_as_such() -> None:
    timing = time_act("Armenia joined the coalition.", 8, Modality.REALIZED, PUBLISHED)
    assert (timing.occurred, timing.basis) == (FuzzyDate.day(PUBLISHED), "publication")


@pytest.mark.parametrize(
    ("phrase", "future"),
    [
        ("later this year", True),
        ("earlier this year", False),
        ("this year", False),
        ("later this month", True),
        ("later this week", True),
    ],
)
def test_later_this_points_forward(phrase: str, future: bool) -> None:
    (found,) = find_dates(f"It happens {phrase}.", date(2025, 3, 12))
    assert found.future is future


def test_a_date_after_a_verb_of_intending_dates_what_is_intended() -> None:
    sentence = "The two sides agreed to hold the next round of consultations in May."
    at = sentence.index("agreed")
    content = sentence.index(" to ") + 1
    intent = time_act(sentence, at, Modality.REALIZED, date(2025, 3, 12), content_from=content)
    assert (str(intent.occurred), intent.basis) == ("2025-03-12", "publication")
    # Without the flag the nearest date wins: what a plain act does.
    plain = time_act(sentence, at, Modality.REALIZED, date(2025, 3, 12))
    assert str(plain.occurred) == "2024-05"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("before the end of the year", "2025"),
        ("by the end of next year", "2026"),
        ("by the end of the month", "2025-03"),
        ("by the end of next month", "2025-04"),
        ("by year-end", "2025"),
    ],
)
def test_a_deadline_points_forward_to_the_period_it_closes(phrase: str, expected: str) -> None:
    (found,) = find_dates(f"They are expected to sign it {phrase}.", PUBLISHED)
    assert (str(found.value), found.future) == (expected, True)


def test_a_period_start_is_not_when_a_plan_was_announced() -> None:
    sentence = "It would be the first visit by an Iranian president to Armenia since 2019."
    timing = time_act(sentence, sentence.index("visit"), Modality.PLANNED, date(2024, 10, 6))
    assert (str(timing.occurred), timing.basis) == ("2024-10-06", "publication")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("In 2023, Ukraine recalled its ambassador.", "2023"),  # a capital "In"
        ("Two years ago, they met.", "2023"),
        ("Last Tuesday they met.", "2025-03-11"),  # said on a Wednesday: yesterday
    ],
)
def test_dates_that_open_a_sentence(sentence: str, expected: str) -> None:
    assert first(sentence) == expected


def test_last_weekday_said_on_that_weekday_is_a_week_ago() -> None:
    assert first("They met last Wednesday.") == "2025-03-05"


def test_a_span_later_counts_from_the_date_named_before_it() -> None:
    def later(sentence: str) -> list[str]:
        return [
            m.value.text
            for m in find_dates(sentence, PUBLISHED)
            if "later" in sentence[m.start : m.end]
        ]

    assert later("They signed it in March 2020 and ratified it six months later.") == ["2020-09"]
    assert later("They met on 3 May 2021 and again two weeks later.") == ["2021-05-17"]
    assert later("Ties were restored in 2016 and cut again two years later.") == ["2018"]
    # With nothing named before it, it counts from nothing the sentence says.
    assert later("Two years later, the embassy reopened.") == []


def test_a_plan_told_as_soon_is_of_the_day_it_is_told() -> None:
    # "soon" names no day of its own; a plan with none takes the day of the statement,
    # while "in the coming days" still spans the days ahead.
    (soon,) = find_dates("The two leaders will meet soon in Nairobi.", PUBLISHED)
    assert (str(soon.value), soon.future) == ("2025-03-12", True)
    (coming,) = find_dates("They will meet in the coming days.", PUBLISHED)
    assert str(coming.value) != "2025-03-12" and coming.future
