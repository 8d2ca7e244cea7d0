"""Dates in a sentence, resolved against the article's publication date, with precision.

Explicit dates with or without a year, month names ("in June", "earlier in January"),
weekdays ("Tuesday" is the last Tuesday on or before publication), and relative phrases
("yesterday", "last week", "in the coming weeks"). Phrases that point forward are marked
``future`` so the coder can read them as due dates of planned events.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from events import FuzzyDate, Precision

__all__ = ["DateMention", "find_dates", "reforward", "resolve_month", "resolve_weekday"]

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
_MONTH += r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_DAY_FIRST = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}{_YEAR}\b")
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!:){_YEAR}\b")
_MONTH_ONLY = re.compile(rf"\b{_MONTH}{_YEAR}\b")
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
_WEEKDAY = re.compile(
    r"\b(?P<next>(?i:next|this(?:\s+coming)?|last)\s+)?"
    r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
# Case-blind: "In 2023, Ukraine recalled ..." opens a sentence.
_IN_YEAR = re.compile(
    r"\b(?:in|since|during|by|of|early|late|mid-)\s*(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE
)
_AGO = re.compile(
    r"\b(?P<n>\d+|a|one|two|three|four|five|six)\s+(?P<unit>day|week|month|year)s?\s+ago\b",
    re.IGNORECASE,
)
# "two years later": counted from the date the sentence names before it.
_LATER = re.compile(
    r"\b(?P<n>\d+|a|one|two|three|four|five|six)\s+(?P<unit>day|week|month|year)s?\s+later\b",
    re.IGNORECASE,
)
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
# "last fall", "this summer", "next spring": a season, read to its year (the coders' year
# precision for seasonal dates). Each season by the month it ends in (winter: February).
_SEASON = re.compile(
    r"\b(?P<which>last|this|next|past)\s+(?P<season>spring|summer|fall|autumn|winter)\b",
    re.IGNORECASE,
)
_SEASON_ENDS = {"spring": 5, "summer": 8, "fall": 11, "autumn": 11, "winter": 2}
_RELATIVE = re.compile(
    r"\b(?P<phrase>yesterday|today|tonight|this morning|this evening|"
    r"(?:earlier |later )?this (?:week|month|year)|last (?:week|month|year)|"
    r"next (?:week|month|year)|in the (?:coming|next) (?:few )?(?:days|weeks|months)|"
    r"tomorrow|soon|"
    # A deadline: "before the end of the year", "by the end of next month", "by year-end".
    r"(?:by|before|until) (?:the )?end of (?:the |this |next )?(?:year|month)|"
    r"by (?:year|month)-end)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date phrase at ``start:end`` of the sentence, read as ``value``."""

    start: int
    end: int
    value: FuzzyDate
    basis: str  # "stated" (a calendar date) or "relative" (to the publication date)
    future: bool  # the phrase points forward from the publication date


def resolve_month(month: int, published: date, forward: bool) -> FuzzyDate:
    """A month named without a year: the latest one not after publication, or (forward) the
    first one not before it."""
    year = published.year
    if forward and month < published.month:
        year += 1
    if not forward and month > published.month:
        year -= 1
    return FuzzyDate.month(year, month)


def resolve_weekday(weekday: int, published: date, forward: bool) -> date:
    """A bare weekday: the last such day on or before publication, or (forward) the next one
    on or after it."""
    if forward:
        return published + timedelta(days=(weekday - published.weekday()) % 7)
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def _span(first: date, last: date) -> FuzzyDate:
    """The narrowest month or year that holds the whole span ``first..last``."""
    if (first.year, first.month) == (last.year, last.month):
        return FuzzyDate.month(first.year, first.month)
    return FuzzyDate.year(last.year)


def _shift_month(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _relative(phrase: str, published: date) -> tuple[FuzzyDate, bool]:
    text = " ".join(phrase.lower().split())
    monday = published - timedelta(days=published.weekday())
    if text in ("today", "tonight", "this morning", "this evening"):
        return FuzzyDate.day(published), False
    if text == "yesterday":
        return FuzzyDate.day(published - timedelta(days=1)), False
    if text == "tomorrow":
        return FuzzyDate.day(published + timedelta(days=1)), True
    if text.startswith(("by ", "before ", "until ")):
        # A deadline points forward, to the period it closes.
        if "year" in text:
            return FuzzyDate.year(published.year + ("next" in text)), True
        closing = _shift_month(published, 1) if "next" in text else published
        return FuzzyDate.month(closing.year, closing.month), True
    # "later this week" points forward; "earlier this week" and "this week" do not.
    ahead = text.startswith("later ")
    if text.endswith("this week"):
        return _span(monday, published), ahead
    if text == "last week":
        return _span(monday - timedelta(days=7), monday - timedelta(days=1)), False
    if text == "next week":
        return _span(monday + timedelta(days=7), monday + timedelta(days=13)), True
    if text.endswith("this month"):
        return FuzzyDate.month(published.year, published.month), ahead
    if text == "last month":
        earlier = _shift_month(published, -1)
        return FuzzyDate.month(earlier.year, earlier.month), False
    if text == "next month":
        later = _shift_month(published, 1)
        return FuzzyDate.month(later.year, later.month), True
    if text.endswith("this year"):
        return FuzzyDate.year(published.year), ahead
    if text == "last year":
        return FuzzyDate.year(published.year - 1), False
    if text == "next year":
        return FuzzyDate.year(published.year + 1), True
    if text == "soon":
        # "will meet soon" names no day: a plan without one is of the day it is told.
        return FuzzyDate.day(published), True
    if text.endswith("days"):
        return _span(published, published + timedelta(days=10)), True
    if text.endswith("weeks"):
        # "In the coming weeks": about three weeks on, read to the month it falls in.
        due = published + timedelta(days=21)
        return FuzzyDate.month(due.year, due.month), True
    later = _shift_month(published, 3)
    return _span(published, later), True


def _day(year: int, month: int, day: int) -> FuzzyDate | None:
    try:
        return FuzzyDate.day(date(year, month, day))
    except ValueError:
        return None


@lru_cache(maxsize=256)
def find_dates(sentence: str, published: date) -> tuple[DateMention, ...]:
    """Every date phrase in ``sentence``, in order, resolved against ``published``.

    Cached: the coder asks once per trigger, and a sentence often has several."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], value: FuzzyDate | None, basis: str, future: bool) -> None:
        start, end = match.span()
        if value is None or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(DateMention(start, end, value, basis, future))

    for match in _ISO.finditer(sentence):
        add(
            match, _day(int(match["year"]), int(match["month"]), int(match["day"])), "stated", False
        )
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        for match in pattern.finditer(sentence):
            month, day = _MONTHS[match["month"].lower()], int(match["day"])
            if match["year"]:
                value = _day(int(match["year"]), month, day)
            else:
                # No year: the occurrence of that day nearest before publication.
                year = published.year - (
                    1 if (month, day) > (published.month, published.day) else 0
                )
                value = _day(year, month, day)
            add(match, value, "stated", value is not None and value.start > published)
    for match in _MONTH_ONLY.finditer(sentence):
        month = _MONTHS[match["month"].lower()]
        if match["month"] == "May" and not _looks_like_month(sentence, match.start()):
            continue
        if match["year"]:
            value = FuzzyDate.month(int(match["year"]), month)
            add(match, value, "stated", value.start > published)
        else:
            add(match, resolve_month(month, published, forward=False), "stated", False)
    for match in _WEEKDAY.finditer(sentence):
        weekday = _WEEKDAYS[match["weekday"].lower()]
        prefix = (match["next"] or "").lower()
        forward = bool(prefix) and not prefix.startswith("last")
        moment = resolve_weekday(weekday, published, forward)
        if prefix.startswith("next"):
            moment += timedelta(days=7) if moment == published else timedelta()
        if prefix.startswith("last"):
            # "last Tuesday", said on a Tuesday, is a week ago.
            moment -= timedelta(days=7) if moment == published else timedelta()
        add(match, FuzzyDate.day(moment), "relative", forward)
    for match in _RELATIVE.finditer(sentence):
        value, future = _relative(match["phrase"], published)
        add(match, value, "relative", future)
    for match in _AGO.finditer(sentence):
        add(match, _ago(match, published), "relative", False)
    for match in _SEASON.finditer(sentence):
        value = _season(match, published)
        add(match, value, "relative", value.start.year > published.year)
    for match in _IN_YEAR.finditer(sentence):
        year = int(match["year"])
        add(match, FuzzyDate.year(year), "stated", year > published.year)
    for match in _LATER.finditer(sentence):
        # "restored in 2016, but expelled each other's diplomats two years later": 2018.
        before = [m for m in found if m.end <= match.start()]
        if before:
            anchor = max(before, key=lambda m: m.end).value
            value = _after(anchor, match)
            add(match, value, "relative", value.start > published)
    return tuple(sorted(found, key=lambda mention: mention.start))


def _after(anchor: FuzzyDate, match: re.Match[str]) -> FuzzyDate:
    """The date ``match`` ("two years later") counts from ``anchor``, no finer than it."""
    amount = _NUMBERS.get(match["n"].lower()) or int(match["n"])
    unit = match["unit"].lower()
    start = anchor.start
    if unit == "year" or anchor.precision is Precision.YEAR:
        years = amount if unit == "year" else 0
        return FuzzyDate.year(start.year + years)
    if unit == "month" or anchor.precision is Precision.MONTH:
        moved = _shift_month(start, amount) if unit == "month" else start
        return FuzzyDate.month(moved.year, moved.month)
    days = amount * (7 if unit == "week" else 1)
    return FuzzyDate.day(start + timedelta(days=days))


def _season(match: re.Match[str], published: date) -> FuzzyDate:
    """The year of "last fall" (the latest fall over before publication: in November, the
    year before), "this summer" or "next spring"."""
    which = match["which"].lower()
    ends = _SEASON_ENDS[match["season"].lower()]
    if which in {"last", "past"}:
        return FuzzyDate.year(published.year - (0 if published.month > ends else 1))
    if which == "next":
        return FuzzyDate.year(published.year + (0 if published.month < ends - 2 else 1))
    return FuzzyDate.year(published.year)


def _ago(match: re.Match[str], published: date) -> FuzzyDate:
    amount = _NUMBERS.get(match["n"].lower()) or int(match["n"])
    unit = match["unit"].lower()
    if unit == "day":
        return FuzzyDate.day(published - timedelta(days=amount))
    if unit == "week":
        moment = published - timedelta(weeks=amount)
        return FuzzyDate.month(moment.year, moment.month)
    if unit == "month":
        moment = _shift_month(published, -amount)
        return FuzzyDate.month(moment.year, moment.month)
    return FuzzyDate.year(published.year - amount)


def _looks_like_month(sentence: str, start: int) -> bool:
    # "May" is also a modal verb: read it as a month only after "in", "since", "early", ...
    before = sentence[:start].rstrip().lower()
    return before.endswith(("in", "since", "of", "early", "late", "mid-", "until", "by", "from"))


def reforward(mention: DateMention, sentence: str, published: date) -> DateMention:
    """Read a month, a day of a month named without a year, or a weekday forward (for the
    due date of a planned event): "in February" is next February, "on December 5" the next
    December 5, "on Wednesday" the coming Wednesday."""
    text = sentence[mention.start : mention.end]
    match = _MONTH_ONLY.fullmatch(text)
    if match is not None and not match["year"] and mention.value.precision is Precision.MONTH:
        value = resolve_month(_MONTHS[match["month"].lower()], published, forward=True)
        return DateMention(mention.start, mention.end, value, mention.basis, True)
    weekday = _WEEKDAY.fullmatch(text)
    if weekday is not None and not weekday["next"]:
        # "will meet Rubio on Wednesday": the coming Wednesday.
        coming = resolve_weekday(_WEEKDAYS[weekday["weekday"].lower()], published, forward=True)
        return DateMention(mention.start, mention.end, FuzzyDate.day(coming), mention.basis, True)
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        match = pattern.fullmatch(text)
        if match is None or match["year"]:
            continue
        month, day = _MONTHS[match["month"].lower()], int(match["day"])
        year = published.year + (1 if (month, day) < (published.month, published.day) else 0)
        ahead = _day(year, month, day)
        if ahead is not None:
            return DateMention(mention.start, mention.end, ahead, mention.basis, True)
    return mention
