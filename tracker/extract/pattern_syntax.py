"""The vocabulary of trigger patterns: the Trigger record, the token syntax and its helpers.

A pattern is written in the data files (``seeds/extractor/triggers_*.toml``) as a line of
tokens, ``lemma:sign|ink  gap:3  lower:@agreement_nouns`` (see :func:`parse_pattern`), and
kept in spaCy's Matcher token format; see ``trigger_index`` for how they are matched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Pattern",
    "Trigger",
    "gap",
    "lemma",
    "lower",
    "optional",
    "parse_pattern",
]

Pattern = list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Trigger:
    """A family of trigger patterns and the event they make.

    ``roles``: "directed" (source before, target after), "mutual" (the parties together,
    e.g. "A and B met"), "membership" (a state and an organisation), "visit" (the visitor
    and the place), "host" (the host and the guest), "reported" (the reporter demands of
    the actor named before "must"), "conditional" (the one who says it threatens the one
    named in its condition: '"If A does not ..., we will ...," B said'). ``needs``:
    "agreement" when the sentence must name an agreement near the trigger, "pair" when a
    hyphenated pair of actors must stand right before it ("the Putin-Zelensky meeting").
    ``announced``: the event to make instead when the act is only announced ("intention
    to withdraw").
    """

    name: str
    event_type: str
    roles: str
    patterns: list[Pattern]
    cameo: str | None = None
    needs: str | None = None
    announced: str | None = None
    topic_after: bool = False
    # A verb of saying or intending: acts named after it in the sentence are its content
    # ("rejected a US offer to host talks", "agreed to hold exercises"), not acts of their own.
    governs: bool = False
    # Whether a date in what it governs dates that content, not the act ("agreed to hold
    # consultations in May"); not so for an application ("applied to join the EU in 2022").
    content_dated: bool = True
    # The name an agreement made by this trigger goes by when the sentence names none
    # ("exchanged notes on a grant": an exchange of notes).
    agreement_name: str | None = None
    # "organisation": only an organisation does this act (an international court's warrant).
    source: str | None = None
    # A one-way act that a joint subject does both ways ("traded prisoners"): each side's.
    both_ways: bool = False
    # A commitment made once it is told, whatever future its words give what it commits to
    # ("a joint commission will be set up within three months": committed, realized).
    stated: bool = False


def lemma(*words: str) -> dict[str, Any]:
    return {"LEMMA": {"IN": list(words)}}


def lower(*words: str) -> dict[str, Any]:
    return {"LOWER": {"IN": list(words)}}


def gap(up_to: int) -> dict[str, Any]:
    """Up to ``up_to`` tokens of anything but sentence punctuation."""
    return {"IS_PUNCT": False, "OP": "{0," + str(up_to) + "}"}


def optional(*words: str, up_to: int = 1) -> dict[str, Any]:
    """Up to ``up_to`` tokens, each one of ``words`` (by lower form)."""
    return {"LOWER": {"IN": list(words)}, "OP": "{0," + str(up_to) + "}"}


_SYNTAX = "lemma:sign|ink, lower:talks, optional:off, optional*3:all|its, gap:3, name:1"


def parse_pattern(text: str, sets: Mapping[str, Sequence[str]]) -> Pattern:
    """The pattern written as ``text``: tokens separated by spaces, each ``KIND:WORDS``.

    ``lemma:a|b`` one word whose lemma is a or b; ``lower:a|b`` one word written a or b;
    ``optional:a|b`` (``optional*N:a|b``) up to one (N) of those words; ``gap:N`` up to N
    words of anything but punctuation; ``name:1`` one capitalised word. ``@name`` in a word
    list stands for the words of the named set in ``sets``. A ``ValueError`` says what is
    wrong.
    """
    specs = [_parse_token(token, sets) for token in text.split()]
    if not specs:
        raise ValueError("the pattern is empty")
    if "OP" in specs[0]:
        raise ValueError("a pattern starts with a word (lemma: or lower:), not a gap or option")
    return specs


def _parse_token(token: str, sets: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    kind, colon, rest = token.partition(":")
    if not colon or not rest:
        raise ValueError(f"{token!r} is not KIND:WORDS (as in {_SYNTAX})")
    if kind == "gap":
        return gap(_count(token, rest))
    if kind in ("lemma", "lower"):
        words = _words(token, rest, sets)
        return lemma(*words) if kind == "lemma" else lower(*words)
    if kind == "name":
        # "name:1": one word written with a capital, the start of a name ("recognised
        # Israel", "recognize the Republic of Armenia").
        if rest != "1":
            raise ValueError(f"{token!r}: write name:1 (one capitalised word)")
        return {"IS_TITLE": True}
    if kind == "optional" or kind.startswith("optional*"):
        up_to = _count(token, kind.removeprefix("optional*")) if "*" in kind else 1
        return optional(*_words(token, rest, sets), up_to=up_to)
    raise ValueError(f"{token!r}: unknown kind {kind!r} (the kinds: {_SYNTAX})")


def _count(token: str, text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"{token!r}: {text!r} is not a number of words (1 or more)")
    return int(text)


def _words(token: str, text: str, sets: Mapping[str, Sequence[str]]) -> list[str]:
    words: list[str] = []
    for word in text.split("|"):
        if word.startswith("@"):
            if word[1:] not in sets:
                known = ", ".join("@" + name for name in sorted(sets)) or "none"
                raise ValueError(f"{token!r}: unknown set {word!r} (the sets: {known})")
            words += sets[word[1:]]
        elif not word or word != word.lower():
            raise ValueError(f"{token!r}: {word!r} is not a word in lower case")
        else:
            words.append(word)
    return words
