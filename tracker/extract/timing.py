"""When an act happened (and when a planned one is due), from the dates in its sentence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from events import FuzzyDate, Modality
from tracker.extract.dates import DateMention, find_dates, reforward

__all__ = ["Timing", "time_act"]


@dataclass(frozen=True, slots=True)
class Timing:
    occurred: FuzzyDate
    basis: str  # "stated", "relative" or "publication"
    due: FuzzyDate | None


def _nearest(mentions: list[DateMention], at: int) -> DateMention | None:
    if not mentions:
        return None
    return min(mentions, key=lambda m: min(abs(m.start - at), abs(m.end - at)))


def _read_planned(
    mention: DateMention, sentence: str, published: date, trigger_at: int
) -> DateMention:
    """A date in a planned act's sentence, read forward when it names the act's time.

    After the trigger it always does ("will visit in February"). Before it, a date without
    a year is read the nearer way: published in November, "will attend the meeting on
    December 5, where he is expected to meet ..." is next month, not eleven months ago.
    """
    ahead = reforward(mention, sentence, published)
    if mention.start >= trigger_at or ahead is mention:
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
    content_after: bool = False,
) -> Timing:
    """Date an act whose trigger starts at character ``trigger_at`` of ``sentence``.

    A planned act is dated when it was announced (a date before the trigger, else the
    publication date) and is due at a date after the trigger; a failed one is dated when it
    was due; any other act takes the date phrase nearest its trigger. With no date phrase
    the act takes the publication date, marked as such. ``content_after``: the act is a
    verb of saying or intending, and a date after it dates what is said or intended ("agreed
    to hold consultations in May"), not the act itself.
    """
    found = find_dates(sentence, published)
    if content_after and modality is not Modality.PLANNED:
        found = tuple(m for m in found if m.start < trigger_at)
    fallback = Timing(FuzzyDate.day(published), "publication", None)
    if modality is Modality.PLANNED:
        read = [_read_planned(m, sentence, published, trigger_at) for m in found]
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
        announced = _nearest(past, trigger_at)
        if announced is None:
            return Timing(fallback.occurred, fallback.basis, due)
        return Timing(announced.value, announced.basis, due)
    past = [m for m in found if not m.future]
    if modality is Modality.FAILED:
        # "would visit in February, but did not": the act failed when it was due.
        due_dates = [m for m in past if m.start >= trigger_at]
        past = due_dates or past
    nearest = _nearest(past, trigger_at)
    if nearest is None:
        return fallback
    return Timing(nearest.value, nearest.basis, None)
