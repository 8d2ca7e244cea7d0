"""Parties from the parse, where word order finds none.

"Aliyev congratulated Putin on his birthday by telephone": the call's words ("by
telephone") come after both parties, which are the subject and the object of the verb
they modify. "Putin and Pashinyan kicked off a meeting at the Kremlin": the meeting is the
object of a verb whose subjects act together. Word order reads neither; the parse links
the act's word to its verb, and the verb to its subject and object.
"""

from __future__ import annotations

from typing import Any

from tracker.extract.actors import Mention
from tracker.extract.syntax import token_at

__all__ = ["PARSED_JOINT", "PARSED_SUBJECT", "parsed_directed", "parsed_pair"]

PARSED_JOINT = "the subject and the object of the verb the act belongs to (in the parse)"

# Links from an act's word up to the verb whose parties it shares.
_UP = frozenset({"prep", "pobj", "dobj", "npadvmod", "advmod", "attr", "pcomp"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_OBJECTS = frozenset({"dobj", "dative", "iobj"})


def _mentions_in(
    token: Any, mentions: list[Mention], offsets: list[tuple[int, int]]
) -> list[Mention]:
    """The mentions whose characters lie in the subtree of ``token``."""
    low = min(t.idx for t in token.subtree)
    high = max(t.idx + len(t.text) for t in token.subtree)
    return [m for m, (a, b) in zip(mentions, offsets, strict=True) if low <= a and b <= high]


def parsed_pair(
    parsed: Any, char: int, mentions: list[Mention], offsets: list[tuple[int, int]]
) -> tuple[Mention, Mention] | None:
    """Two parties of a joint act at character ``char``: its verb's subject with its object,
    or two subjects joined by "and". ``offsets`` are the mentions' character spans."""
    token = token_at(parsed, char)
    steps = 0
    while token is not None and token.pos_ not in {"VERB", "AUX"} and steps < 4:
        if token.dep_ not in _UP or token.head.i == token.i:
            return None
        token, steps = token.head, steps + 1
    if token is None or token.pos_ not in {"VERB", "AUX"}:
        return None
    subjects = [
        m for c in token.children if c.dep_ in _SUBJECTS for m in _mentions_in(c, mentions, offsets)
    ]
    objects = [
        m for c in token.children if c.dep_ in _OBJECTS for m in _mentions_in(c, mentions, offsets)
    ]
    for first in subjects:
        for second in objects + subjects:
            if second.actor != first.actor:
                return first, second
    return None


PARSED_SUBJECT = "the subject of the act's verb (in the parse)"

# Prepositions after a directed act's verb (or its object) that name the act's target:
# "recalled their ambassadors from Israel", "imposed sanctions on Iran".
_TARGET_PREPOSITIONS = frozenset({"from", "to", "with", "against", "on", "toward", "towards"})


def _heads(token: Any) -> list[Any]:
    """A noun phrase's head with the heads joined to it by "and" ("Chile and Colombia"),
    each with its possessor ("Bolivia's government")."""
    found: list[Any] = []
    stack = [token]
    while stack:
        word = stack.pop()
        found.append(word)
        found += [c for c in word.children if c.dep_ in {"poss", "compound"}]
        stack += [c for c in word.children if c.dep_ == "conj"]
    return found


def _covering(
    words: list[Any], mentions: list[Mention], offsets: list[tuple[int, int]]
) -> list[Mention]:
    out = []
    for m, (a, b) in zip(mentions, offsets, strict=True):
        if any(a <= w.idx < b for w in words) and m not in out:
            out.append(m)
    return out


def parsed_directed(
    parsed: Any, char: int, mentions: list[Mention], offsets: list[tuple[int, int]]
) -> tuple[list[Mention], list[Mention]]:
    """The subjects and the objects of the verb of a directed act at character ``char``
    (the act's own word must be the verb):
    "Chile and Colombia recalled their ambassadors from Israel" gives ([Chile, Colombia],
    [Israel]). Only the heads of the phrases count, so "Mongolia, a member of the ICC"
    gives Mongolia alone."""
    token = token_at(parsed, char)
    if token is None or token.pos_ not in {"VERB", "AUX"}:
        return [], []  # an act named by its noun has its own parties ("France's delivery")
    verb = token
    # "Egypt expelled Turkey's ambassador and accused Ankara of ...": a verb coordinated
    # with another shares its subject.
    while verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children):
        if verb.head.i == verb.i or verb.head.pos_ not in {"VERB", "AUX"}:
            break
        verb = verb.head
    subjects = [
        m
        for c in verb.children
        if c.dep_ == "nsubj"
        for m in _covering(_heads(c), mentions, offsets)
    ]
    holders = [token] + [c for c in token.children if c.dep_ == "dobj"]
    words = [c for c in token.children if c.dep_ in _OBJECTS for c in _heads(c)]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in _TARGET_PREPOSITIONS:
                words += [w for c in prep.children if c.dep_ == "pobj" for w in _heads(c)]
    objects = [m for m in _covering(words, mentions, offsets) if m not in subjects]
    return subjects, objects
