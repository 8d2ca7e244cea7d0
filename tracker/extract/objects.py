"""What an act is about: the agreement's name, the pledge's content."""

from __future__ import annotations

from typing import Any

from tracker.extract.lexicon import lexicon
from tracker.extract.patterns import AGREEMENT_NOUNS

__all__ = ["agreement_near", "clause_after"]

_LEFT_STOP = lexicon("objects.left_stop")
_NOT_NAME = lexicon("objects.not_name")
_RIGHT_STOP = lexicon("objects.right_stop")
_CONNECTORS = lexicon("objects.connectors")
_DATE_WORDS = lexicon("objects.date_words")
# How far what an agreement is "on" is read (a formal title's words).
_SUBJECT_WORDS = 16


def _name_token(token: Any) -> bool:
    return token.is_alpha or token.like_num or token.text in {"-", "\u2013"}


def agreement_near(doc: Any, start: int, end: int) -> tuple[int, str] | None:
    """The agreement named nearest the trigger at ``start:end``: (noun index, name). After
    "which" the look back goes further: the relative names what came before ("signed a
    treaty in Moscow in January 2025, which entered into force in October"), and after ",
    which" further still, to the first agreement the sentence names."""
    # The relative pronoun that opens the trigger's clause ("which should be agreed and
    # signed"): no punctuation between them.
    relative = []
    for i in range(start - 1, max(-1, start - 7), -1):
        if doc[i].is_punct:
            break
        if doc[i].lower_ in {"which", "that"}:
            relative = [i]
            break
    back = 16 if relative else 8
    # The trigger's own words first ("ended the defence cooperation agreement").
    window = (
        list(range(start, end))
        + list(range(end, min(len(doc), end + 10)))
        + list(range(start - 1, max(-1, start - back), -1))
    )
    for index in window:
        if doc[index].lower_ in AGREEMENT_NOUNS:
            return index, _name(doc, index)
    if relative and relative[0] > 0 and doc[relative[0] - 1].text == ",":
        # "the Memorandum of Understanding between the Government of ... on the
        # Establishment of a Working Group to Develop the Charter ..., which will be signed":
        # a relative set off by a comma after a name that long follows the whole name,
        # whose head is its first noun.
        for index in range(max(0, start - back + 1)):
            if doc[index].lower_ in AGREEMENT_NOUNS:
                return index, _name(doc, index)
    # "The agreement, which builds on ..., takes immediate effect": the sentence's subject.
    for index in range(min(3, start)):
        if doc[index].lower_ in AGREEMENT_NOUNS:
            return index, _name(doc, index)
    return None


def _name(doc: Any, noun: int) -> str:
    first = noun
    while (
        first > 0
        and _name_token(doc[first - 1])
        and doc[first - 1].lower_ not in _LEFT_STOP
        and not (doc[first - 1].lower_ in _NOT_NAME and first > 1 and doc[first - 2].text == "-")
    ):
        first -= 1
    last = noun + 1
    while (
        last + 1 < len(doc)
        and doc[last].text in {"-", "\u2013"}
        and not doc[last - 1].whitespace_
        and not doc[last].whitespace_
    ):
        last += 2  # "Protocol-description": a compound the hyphen joins is one name
    if last + 1 < len(doc) and doc[last].lower_ in _CONNECTORS:
        follow = doc[last + 1]
        if follow.is_alpha and follow.lower_ not in _DATE_WORDS | {"the", "a"}:
            last += 1
            while (
                last < len(doc)
                and last - noun <= 5
                and _name_token(doc[last])
                and doc[last].lower_ not in _RIGHT_STOP
                and doc[last].lower_ not in _DATE_WORDS
            ):
                last += 1
    words = doc[first:last].text.strip(" -\u2013")
    subject = _subject_after_parties(doc, last)
    if subject:
        # "a Memorandum of Understanding between the Government of Azerbaijan and the
        # Government of the United States on the establishment of a Strategic Working
        # Group": named by what it is on, the parties being the event's own.
        words = f"{words} {subject}"
    return words[:1].upper() + words[1:] if words else str(doc[noun].text)


def _subject_after_parties(doc: Any, last: int) -> str:
    """What an agreement is "on", read past its "between A and B" (empty if none)."""
    if last >= len(doc) or doc[last].lower_ != "between":
        return ""
    for index in range(last + 1, min(len(doc), last + 25)):
        token = doc[index]
        if token.is_punct and token.text not in {"-", "'", "\u2019", "."}:
            return ""
        if token.lower_ in {"on", "regarding", "concerning"}:
            following = doc[index + 1] if index + 1 < len(doc) else None
            if following is None or following.lower_ in _DATE_WORDS or following.like_num:
                return ""  # "... between A and B on Tuesday": a date, not a subject
            tail: list[str] = []
            # A formal title runs on ("on the establishment of a working group") to its
            # clause's end, the next parties ("between ..."), which are the event's own, or
            # the purpose it states, which news words each its own way ("to prepare a
            # Strategic Partnership Charter", "to Develop the Charter on ...").
            for word in doc[index : index + _SUBJECT_WORDS]:
                if (word.is_punct and word.text not in {"-"}) or (
                    len(tail) > 1 and word.lower_ in {"between", "to"}
                ):
                    break
                tail.append(word.text)
            return " ".join(tail) if len(tail) > 1 else ""
    return ""


def clause_after(doc: Any, end: int, limit: int = 12) -> str:
    """The words after a trigger up to the end of its clause (what was pledged)."""
    words: list[str] = []
    for token in doc[end : end + limit]:
        if token.is_punct and token.text not in {"-", "'"}:
            break
        words.append(token.text_with_ws)
    return "".join(words).strip()
