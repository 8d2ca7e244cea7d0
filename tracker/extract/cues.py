"""Cues of real news read around an act: a deadline that makes a request a demand, a photo
caption, a clause of its own under a verb of saying, an expectation not met, a denial of
what the sentence before alleged, and the day the next sentence schedules a gathering for.

The words are data (``seeds/extractor/lexicon.toml``, ``reading.toml``); the coder asks.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

from events import FuzzyDate, Modality, Precision, event_class
from tracker.extract.coding import Coding
from tracker.extract.dates import find_dates, reforward
from tracker.extract.governors import reading
from tracker.extract.lexicon import lexicon

__all__ = [
    "anniversary_of",
    "dated_by_its_name",
    "in_the_year_told",
    "rounds_that_follow",
    "dated_by_the_schedule",
    "earlier_act_dates",
    "membership_start",
    "deadline_after",
    "denies_the_last",
    "is_caption",
    "own_clause_under",
    "unmet_expectation",
]

_SUBORDINATORS = lexicon("coder.subordinators")
_DEADLINE_BY = lexicon("coder.deadline_by")
_DEADLINE_WITHIN = lexicon("coder.deadline_within")
_DEADLINE_SPANS = lexicon("coder.deadline_spans")
_CAPTION_AFTER = lexicon("coder.caption_after")


def _either(words: frozenset[str]) -> str:
    return "|".join(sorted(words))


_UNMET_EXPECTATION = re.compile(
    rf"\bhad\s+(?:{_either(lexicon('coder.unmet_expectation'))})\s+that\s+"
    r"(?:[\w'\u2019-]+\s+){0,8}$",
    re.IGNORECASE,
)
_NOUNS = _either(lexicon("coder.denial_nouns"))
_VERBS = _either(lexicon("coder.denial_verbs"))
# "These rumors were rejected by the ministry", "Baku denied the reports".
_DENIES_THE_LAST = re.compile(
    rf"^(?:these|those|the|such|this|that)\s+(?:[\w-]+\s+){{0,2}}?(?:{_NOUNS})\s+"
    rf"(?:were|was|have been|has been|had been)\s+(?:{_VERBS})\b|"
    rf"\b(?:{_VERBS})\s+(?:these|those|the|such)\s+(?:[\w-]+\s+)?(?:{_NOUNS})\b",
    re.IGNORECASE,
)
# "The meeting ... is scheduled for Thursday", "The summit will take place on Friday": a
# sentence that gives the day of a gathering told before it.
_SCHEDULED_FOR = re.compile(
    r"^(?:the|this|that|its|their)\s+(?:[\w'\u2019-]+\s+){0,2}?(?:meeting|summit|gathering|"
    r"talks|session|conference|visit)\b[^.;]{0,160}?\b(?:(?:is|are|was|were)\s+"
    r"(?:scheduled|set|due|planned|expected)\s+(?:for|on|to\s+(?:take\s+place|be\s+held|"
    r"begin|start|open)\s+on)|will\s+(?:take\s+place|be\s+held|begin|start|open)\s+on)\s",
    re.IGNORECASE,
)


# "joined the bloc after being invited last year": the clause after the act tells an earlier
# one, whose date it gives.
_AFTER_BEING = re.compile(
    r"\b(?:after|following)\s+(?:being|having\s+been)\s+[a-z]+(?:ed|en)\b[^,.;]*", re.IGNORECASE
)
# "the six countries invited to join the bloc from 1 January": when a membership starts.
_STARTS_FROM = re.compile(
    r"\b(?:join(?:s|ed|ing)?|membership|members?)\b[^.;]{0,80}?\b(?:from|as\s+of|"
    r"effective(?:\s+from)?|with\s+effect\s+from|starting)\s+$",
    re.IGNORECASE,
)


def earlier_act_dates(sentence: str, after: int, published: date) -> tuple[tuple[int, int], ...]:
    """The date phrases, after character ``after`` (the act's end), inside a clause that
    tells an earlier act ("joined the bloc after being invited last year"): they date that
    act, not this one."""
    clauses = [m.span() for m in _AFTER_BEING.finditer(sentence) if m.start() >= after]
    return tuple(
        (m.start, m.end)
        for m in find_dates(sentence, published)
        if any(a <= m.start < b for a, b in clauses)
    )


def membership_start(sentence: str, published: date) -> FuzzyDate | None:
    """The day a membership the sentence tells of starts ("invited to join the BRICS bloc
    from 1 January"), or ``None``."""
    for mention in find_dates(sentence, published):
        if mention.value.precision is Precision.DAY and _STARTS_FROM.search(
            sentence[: mention.start]
        ):
            return mention.value
    return None


# "the 60th anniversary of the establishment of diplomatic relations": what the ordinal
# counts back from, right before the act's words.
_ANNIVERSARY = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\s+anniversary\s+of\s+(?:the\s+)?$", re.I)


def anniversary_of(sentence: str, at: int) -> int | None:
    """How many years before its anniversary an act named at character ``at`` took place
    ("marked the 60th anniversary of the establishment of diplomatic relations": 60), or
    None when no anniversary names it."""
    found = _ANNIVERSARY.search(sentence[:at])
    return int(found.group(1)) if found and 0 < int(found.group(1)) < 500 else None


def unmet_expectation(before: str) -> bool:
    """Do the words before an act (``before``) make it what someone had expected, in the
    past perfect ("Russia had expected that Armenia would refrain from ratifying"): an
    expectation not met, which asserts no act?"""
    return bool(_UNMET_EXPECTATION.search(before + " "))


def denies_the_last(sentence: str) -> bool:
    """Does ``sentence`` deny what the one before it alleged ("These rumors were rejected
    by the ministry")?"""
    return bool(_DENIES_THE_LAST.search(sentence))


def deadline_after(doc: Any, end: int, published: date) -> bool:
    """Does the clause after the trigger (ending at token ``end``) set a deadline: a date
    right after "by" ("by 15 March"), or "within" a span ("within 48 hours")?"""
    starts = {m.start for m in find_dates(doc.text, published)}
    for token in doc[end:]:
        if token.is_punct and token.text not in {"'", "\u2019"}:
            return False
        following = doc[token.i + 1 : token.i + 3]
        if token.lower_ in _DEADLINE_BY and following and following[0].idx in starts:
            return True
        if (
            token.lower_ in _DEADLINE_WITHIN
            and len(following) == 2
            and following[0].like_num
            and following[1].lower_ in _DEADLINE_SPANS
        ):
            return True
    return False


def is_caption(words: list[str]) -> bool:
    """Is a sentence of these (lower-case) words a photo caption: a caption verb followed by
    where or with whom ("poses for a family photo", "pictured with", "(pictured)")? Not
    "the CSTO poses an existential threat"."""
    caption = reading().caption
    return any(
        word in caption and (i + 1 == len(words) or words[i + 1] in _CAPTION_AFTER)
        for i, word in enumerate(words)
    )


def own_clause_under(act: Any, verb: Any) -> bool:
    """Is the parsed ``act`` in a clause a subordinator opens below ``verb`` ("demanded an
    apology after the libertarian leader slammed Sanchez"): told as what came before or
    why, it is an act of its own, not what the verb says."""
    token = act
    while token.i != verb.i and token.head.i != token.i:
        if token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in token.children
        ):
            return True
        token = token.head
    return False


_ROUNDS = frozenset({"TalksHeld", "MeetingHeld"})
# "the May 19 meeting", "the July 4 summit": a day written as a gathering's modifier.
_BEFORE_DAY = re.compile(r"\bthe\s+$", re.IGNORECASE)
_GATHERING_AFTER = re.compile(
    r"^\s+(?:[\w'\u2019-]+\s+)?(?:meeting|summit|gathering|talks|session|conference|visit)\b",
    re.IGNORECASE,
)
# How many sentences on a gathering told without its day may be named by its day.
_DAY_NAMED_REACH = 4
# "the BRICS summit due to take place in Johannesburg between August 22 and 24": a
# gathering named with the days it is scheduled for, anywhere later in the article.
_SCHEDULED_AFTER = re.compile(
    r"\b(?:meeting|summit|gathering|talks|session|conference)\s+(?:(?:is|was)\s+)?"
    r"(?:due|scheduled|set|slated|planned)\s+(?:to\s+(?:take\s+place|be\s+held|begin|start|open)"
    r"\b[^.;]{0,40}?\b(?:on|between|from)|for)\s+$",
    re.IGNORECASE,
)


def _gathering_days(sentence: str, published: date) -> list[FuzzyDate]:
    """The days ``sentence`` names gatherings by ("the May 19 meeting")."""
    named = [
        m
        for m in find_dates(sentence, published)
        if m.value.precision is Precision.DAY
        and _BEFORE_DAY.search(sentence[: m.start])
        and _GATHERING_AFTER.match(sentence[m.end :])
    ]
    # Read back from the publication day, and forward (a gathering ahead); the caller
    # keeps the reading that falls within what was told.
    return [m.value for m in named] + [reforward(m, sentence, published).value for m in named]


def _scheduled_days(sentence: str, published: date) -> list[FuzzyDate]:
    """The days ``sentence`` schedules a gathering for ("the summit due to take place in
    Johannesburg between August 22 and 24": August 22, ahead)."""
    return [
        reforward(m, sentence, published).value
        for m in find_dates(sentence, published)
        if m.value.precision is Precision.DAY and _SCHEDULED_AFTER.search(sentence[: m.start])
    ]


# "The first round of talks took place in Muscat on April 12, followed by the second round
# in Rome on April 19": a further round told by ellipsis, with a day of its own.
_FOLLOWED_BY = re.compile(
    r"\bfollowed by (?:a|an|the) (?:second|third|fourth|fifth|next|further|new|another) "
    r"(?:round|meeting|session)\b[^;]*",
    re.IGNORECASE,
)


def rounds_that_follow(codings: list[Coding], published: date) -> list[Coding]:
    """A further round of the talks or meeting a coding tells, told after it by "followed
    by the second round ... on April 19": an act of its own on the day it names."""
    result = []
    for coding in codings:
        result.append(coding)
        if coding.modality is not Modality.REALIZED or coding.event_type not in _ROUNDS:
            continue
        found = _FOLLOWED_BY.search(coding.sentence)
        if found is None:
            continue
        days = [
            m.value
            for m in find_dates(found.group(0), published)
            if m.value.precision is Precision.DAY and m.value != coding.occurred
        ]
        if days:
            result.append(
                replace(
                    coding,
                    occurred=days[0],
                    occurred_basis="stated",
                    pattern=f"{coding.pattern}+followed",
                    also=(),
                )
            )
    return result


def dated_by_its_name(codings: list[Coding], sentences: list[str], published: date) -> list[Coding]:
    """A gathering told without its day ("an EU-UK summit due next month") takes the day a
    later sentence names it by ("the highlight of the May 19 meeting"), when that day falls
    within what was told: a planned one is due then, a denied one denied for then. That
    sentence tells the same gathering, and is kept as its evidence too. A later sentence
    that schedules the gathering ("the summit due to take place ... between August 22 and
    24") dates it from anywhere in the article, when it is the only day so scheduled."""
    resolved = []
    for coding in codings:
        told = _undated_gathering(coding)
        if told is not None:
            index = coding.sentence_index
            for later in sentences[index + 1 : index + 1 + _DAY_NAMED_REACH]:
                days = list(
                    {d for d in _gathering_days(later, published) if told.contains(d.start)}
                )
                if len(days) != 1:
                    continue
                coding = _on_day(coding, days[0], "stated")
                coding = coding.told_again(replace(coding, sentence=later, also=()))
                break
            else:
                coding = _on_the_scheduled_day(coding, told, sentences[index + 1 :], published)
        resolved.append(coding)
    return resolved


def _on_the_scheduled_day(
    coding: Coding, told: FuzzyDate, later: list[str], published: date
) -> Coding:
    """``coding`` on the one day within ``told`` that a later sentence schedules a
    gathering for, with that sentence as further evidence; else as it was."""
    scheduled = {
        (day, sentence)
        for sentence in later
        for day in _scheduled_days(sentence, published)
        if told.contains(day.start)
    }
    if len({day for day, _ in scheduled}) != 1:
        return coding
    ((day, sentence),) = sorted(scheduled, key=lambda found: later.index(found[1]))[:1]
    coding = _on_day(coding, day, "stated")
    return coding.told_again(replace(coding, sentence=sentence, also=()))


def _undated_gathering(coding: Coding) -> FuzzyDate | None:
    """What a planned or denied contact told of its day (its due date, or when it was
    denied for), when that is less than a day; else None."""
    told = coding.due if coding.modality is Modality.PLANNED else coding.occurred
    if (
        coding.modality in {Modality.PLANNED, Modality.NEGATED}
        and getattr(event_class(coding.event_type), "family", "") == "contact"
        and told is not None
        and told.precision is not Precision.DAY
    ):
        return told
    return None


def _on_day(coding: Coding, day: FuzzyDate, basis: str) -> Coding:
    """``coding`` (a planned or denied gathering) on ``day``: a planned one due then, a
    denied one denied for then."""
    if coding.modality is Modality.PLANNED:
        return replace(coding, due=day)
    return replace(coding, occurred=day, occurred_basis=basis)


def dated_by_the_schedule(
    codings: list[Coding], sentences: list[str], published: date
) -> list[Coding]:
    """A gathering told without its day ("will not take part in this week's summit")
    takes the day the next sentence schedules it for ("The meeting ... is scheduled for
    Thursday"): a planned one is due then, a denied one is denied for then."""
    resolved = []
    for coding in codings:
        index = coding.sentence_index
        told = _undated_gathering(coding)
        if (
            told is not None
            and index + 1 < len(sentences)
            and _SCHEDULED_FOR.match(sentences[index + 1].strip())
        ):
            following = sentences[index + 1]
            # What is scheduled is ahead: "scheduled for Thursday" is the coming Thursday.
            read = [reforward(m, following, published) for m in find_dates(following, published)]
            days = [
                m.value
                for m in read
                if m.value.precision is Precision.DAY and told.contains(m.value.start)
            ]
            if days:
                coding = _on_day(coding, days[0], "relative")
        resolved.append(coding)
    return resolved


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


# How many sentences back the last date a story named may be.
_STORY_REACH = 3


def _last_date_told(sentences: list[str], published: date) -> list[FuzzyDate]:
    """The month or day the last of ``sentences`` that names a date gives with its year
    ("In May 2024"), or nothing if that date has no year of its own."""
    for sentence in reversed(sentences):
        found = find_dates(sentence, published)
        if found:
            last = found[-1]
            dated = last.value.precision is not Precision.YEAR
            return [last.value] if dated and _YEAR.search(sentence[last.start : last.end]) else []
    return []


def in_the_year_told(codings: list[Coding], sentences: list[str], published: date) -> list[Coding]:
    """A month named without its year after a sentence dated with one (the last date the
    story named, a few sentences back at most), in a story told in order ("In May 2024,
    Armenia halted funding ... In June, Pashinyan declared ..."), is of that year when it
    falls after that date, not of the publication's: the story goes on from the date it
    named."""
    out = []
    for coding in codings:
        index = coding.sentence_index
        told = coding.occurred
        if told.precision is Precision.MONTH and 0 < index <= len(sentences):
            bare = [
                m
                for m in find_dates(coding.sentence, published)
                if m.value == told and not _YEAR.search(coding.sentence[m.start : m.end])
            ]
            before = _last_date_told(sentences[max(0, index - _STORY_REACH) : index], published)
            if bare and before:
                year = before[-1].start.year
                moved = FuzzyDate.month(year, told.start.month)
                if year != told.start.year and before[-1].start < moved.start <= published:
                    coding = replace(coding, occurred=moved)
        out.append(coding)
    return out
