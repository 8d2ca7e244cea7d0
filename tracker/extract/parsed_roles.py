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

__all__ = ["PARSED_JOINT", "parsed_pair"]

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
