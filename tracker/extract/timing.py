"""When an act happened (and when a planned one is due), from the dates in its sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from events import FuzzyDate, Modality
from tracker.extract.dates import DateMention, find_dates, reforward
from tracker.extract.lexicon import lexicon

__all__ = ["Timing", "starts_period", "time_act"]


@dataclass(frozen=True, slots=True)
class Timing:
    occurred: FuzzyDate
    basis: str  # "stated", "relative" or "publication"
    due: FuzzyDate | None


def starts_period(sentence: str, mention: DateMention) -> bool:
    """Is the date phrase the start of a period ("since 2019", "since February 2023")?"""
    own = sentence[mention.start : mention.start + 6].lower() == "since "
    return own or sentence[: mention.start].rstrip().lower().endswith(" since")


def _nearest(
    mentions: list[DateMention], start: int, end: int, sentence: str = ""
) -> DateMention | None:
    """The date phrase closest to the trigger at ``start:end``, measured from its near edge:
    in "signed in July 2024, which took effect in September 2025" the entry into force is
    September's, though "took effect" is long. A date before the trigger across "and" is the
    earlier clause's: "established relations in 1992 and signed a declaration in 2017"."""
    if not mentions:
        return None

    def distance(m: DateMention) -> int:
        if m.start >= end:
            return m.start - end
        if m.end <= start:
            between = sentence[m.end : start]
            return start - m.end + (_ACROSS if _CLAUSE_JOIN.search(between) else 0)
        return 0

    return min(mentions, key=distance)


_INSERTED = re.compile(r",\s*(?:which|who|whose)\b[^,]*(?:,[^,]*)?,\s*", re.IGNORECASE)


def _inserted_relative(sentence: str, trigger_at: int) -> tuple[int, int] | None:
    """The span of a relative clause set off by commas just before the trigger."""
    for match in _INSERTED.finditer(sentence[:trigger_at]):
        if match.end() >= trigger_at - 1:
            return match.start(), match.end()
    return None


# A date used as a noun's modifier ("the historic August 8 summit", "its 2023 decision")
# names another event; it dates the act only where the act took place at that event ("at
# the 2023 PIF summit", "on the sidelines of the May 19 meeting").
_ATTRIBUTIVE_BEFORE = re.compile(
    r"\b(?P<prep>(?:\w+\s+of)|\w+)?\s+"
    r"(?:the|a|an|its|their|his|her|our|this)\s+(?:[a-z-]+\s+){0,2}$"
)
_ATTRIBUTIVE_AFTER = re.compile(r"^[\s\u2013-]*(?!(?:and|or|to|in|at|on|for|with|by|as)\b)[A-Za-z]")
_AT_THE_EVENT = lexicon("timing.at_the_event")
_ASIDE_OF = lexicon("timing.aside_of")


def _names_another(sentence: str, mention: DateMention) -> bool:
    """Is the date phrase a noun's modifier naming another event (see above)?"""
    before = _ATTRIBUTIVE_BEFORE.search(sentence[: mention.start])
    if before is None or not _ATTRIBUTIVE_AFTER.search(sentence[mention.end :]):
        return False
    prep = " ".join((before.group("prep") or "").lower().split())
    at_it = prep in _AT_THE_EVENT or (prep.endswith(" of") and prep.split()[0] in _ASIDE_OF)
    return not at_it


_FIRST_SINCE = re.compile(r"\bfirst\b[^.;:]{0,60}$", re.IGNORECASE)
_RELATIVE = re.compile(r",\s|\b(?:which|who|that|where)\b")
# A date across one of these from the trigger belongs to another clause.
_CLAUSE_JOIN = re.compile(r"\b(?:and|but|while|whereas)\b")
_ACROSS = 200
# Verbs of saying in the past: a date right after one ("said on Friday"), or between one
# and the act ("In June, Pashinyan announced his intention to ..."), is when it was said.
_SAYING = r"\b(?:said|announced|told|stated|declared|confirmed|reported|added|wrote)"
_SAID = re.compile(_SAYING + r"\s+(?:on\s+)?$", re.IGNORECASE)
_SAID_BETWEEN = re.compile(_SAYING + r"\b", re.IGNORECASE)


def _read_planned(
    mention: DateMention, sentence: str, published: date, trigger_at: int, nearer: bool = False
) -> DateMention:
    """A date in a planned act's sentence, read forward when it names the act's time.

    After the trigger it always does ("will visit in February"). Before it, a date without
    a year is read the nearer way: published in November, "will attend the meeting on
    December 5, where he is expected to meet ..." is next month, not eleven months ago.
    ``nearer``: the plan is told by a verb in the past ("agreed to exchange ambassadors in
    May", published in July), and a date after it too is read the nearer way.
    """
    if _SAID.search(sentence[: mention.start]):
        return mention  # "said on Friday that he would travel": when it was said
    if mention.start < trigger_at and _SAID_BETWEEN.search(sentence[mention.end : trigger_at]):
        return mention  # "In June, Pashinyan announced his intention to withdraw": said then
    ahead = reforward(mention, sentence, published)
    if (mention.start >= trigger_at and not nearer) or ahead is mention:
        return ahead
    if (ahead.value.start - published).days < (published - mention.value.end).days:
        return ahead
    return mention


def time_act(
    sentence: str,
    trigger_at: int,
    modality: Modality,
    published: date,
    *,
    content_from: int | None = None,
    trigger_end: int | None = None,
    past_plan: bool = False,
    refused_ahead: bool = False,
    lasting: bool = True,
    others: tuple[tuple[int, int], ...] = (),
    agreed_before: bool = False,
) -> Timing:
    """Date an act whose trigger spans characters ``trigger_at:trigger_end`` of ``sentence``.

    A planned act is dated when it was announced (a date before the trigger, else the
    publication date) and is due at a date after the trigger; a failed one is dated when it
    was due; any other act takes the date phrase nearest its trigger. With no date phrase
    the act takes the publication date, marked as such. ``content_from``: the act is a
    verb of saying or intending whose content ("to ...", "that ...") starts at this
    character, and a date in the content dates what is said or intended ("agreed to hold
    consultations in May"), not the act itself ("summoned the ambassador on Monday to
    protest" is dated Monday). ``refused_ahead``: a denied act told in the future tense
    ("will not attend the summit in August") is dated when it was due, read forward.
    ``lasting``: the act is told as lasting ("has imposed sanctions since 2018"); a point
    act ("released two soldiers held since April") is not dated by a period's start.
    ``others``: character spans of date phrases that date something else in the sentence
    ("32 Armenians captured in late 2020"). ``agreed_before``: the plan is told by a verb
    of agreeing or deciding in the past tense ("agreed to exchange ambassadors in May").
    """
    end = trigger_at if trigger_end is None else trigger_end
    # "since February 2023" in another clause starts that clause's period and dates no act
    # ("thanked the EU for its mission, which has been deployed since February 2023"); in
    # the act's own ("has imposed sanctions since 2018") it is the act's start.
    found = tuple(
        m
        for m in find_dates(sentence, published)
        if not (starts_period(sentence, m) and _RELATIVE.search(sentence[trigger_at : m.start]))
    )
    found = tuple(m for m in found if not any(a <= m.start < b for a, b in others))
    if modality is not Modality.PLANNED:
        # (A plan may be due at the event named: "the highlight of the May 19 meeting".)
        found = tuple(m for m in found if not _names_another(sentence, m))
    if not lasting:
        # "since 2013, when Egypt expelled ..." still dates the act the clause tells.
        found = tuple(m for m in found if m.start < trigger_at or not starts_period(sentence, m))
    inserted = _inserted_relative(sentence, trigger_at)
    if inserted is not None:
        # "The agreement, which builds on the declaration signed on April 25, takes effect":
        # the date is the relative clause's act, not this one.
        found = tuple(m for m in found if not inserted[0] <= m.start < inserted[1])
    if _FIRST_SINCE.search(sentence[:trigger_at]):
        # "his first visit to Moscow since December 2023": the date is the last time, not
        # this one.
        found = tuple(m for m in found if not starts_period(sentence, m))
    if content_from is not None and modality is not Modality.PLANNED:
        found = tuple(m for m in found if m.start < content_from)
    fallback = Timing(FuzzyDate.day(published), "publication", None)
    if modality is Modality.PLANNED and past_plan:
        # "was to visit Armenia in February" (said in March): a plan told in the past
        # tense was due at the date after it, as the calendar reads it, not next February.
        after = [m for m in found if m.start >= trigger_at]
        before = [m for m in found if m.start < trigger_at and not m.future]
        announced = _nearest(before, trigger_at, end, sentence)
        due = after[0].value if after else None
        if announced is None:
            return Timing(FuzzyDate.day(published), "publication", due)
        return Timing(announced.value, announced.basis, due)
    if modality is Modality.NEGATED and (
        refused_ahead or any(m.future and m.start >= trigger_at for m in found)
    ):
        # "Putin will not attend the summit in August": it is denied for when it was due;
        # so is "does not consider possible to hold the meeting on November 20" (ahead).
        read = [_read_planned(m, sentence, published, trigger_at) for m in found]
        ahead = [m for m in read if m.start >= trigger_at and m.value.end >= published]
        if ahead:
            return Timing(ahead[0].value, ahead[0].basis, None)
        return fallback
    if modality is Modality.PLANNED:
        read = [_read_planned(m, sentence, published, trigger_at, agreed_before) for m in found]
        # A date not yet passed is when the act is due; a past one, when it was announced.
        ahead = [
            m for m in read if m.future or (m.start >= trigger_at and m.value.start > published)
        ]
        # "the first visit by an Iranian president since 2019": a period's start is no
        # date the plan was announced.
        past = [
            m
            for m in read
            if m not in ahead and not m.future and not sentence[m.start :].startswith("since")
        ]
        due = ahead[0].value if ahead else None
        # "..., Mirzoyan said on Wednesday": the day it was said, wherever it stands.
        said = [m for m in past if _SAID.search(sentence[: m.start])]
        announced = said[0] if said else _nearest(past, trigger_at, end, sentence)
        if announced is None:
            return Timing(fallback.occurred, fallback.basis, due)
        return Timing(announced.value, announced.basis, due)
    past = [m for m in found if not m.future]
    if modality is Modality.FAILED:
        # "would visit in February, but did not": the act failed when it was due.
        due_dates = [m for m in past if m.start >= trigger_at]
        past = due_dates or past
    nearest = _nearest(past, trigger_at, end, sentence)
    if nearest is None:
        return fallback
    return Timing(nearest.value, nearest.basis, None)
