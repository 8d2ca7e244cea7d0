"""Finding trigger patterns fast: an index on each pattern's first token.

The patterns are kept in spaCy's Matcher format (``pattern_syntax``), but spaCy's Matcher
tests every pattern's set predicates at every token, which made it most of the coder's
time. Patterns here only use ``LEMMA``/``LOWER`` sets and ``{0,n}`` gaps (of any words but
punctuation, or of the words of a set: "broke off *all diplomatic* ties"), so they are
looked up by their first token's lemma or lower form and checked one by one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tracker.extract.patterns import Pattern, Trigger

__all__ = ["TriggerIndex"]

_CLITICS = frozenset({"'s", "\u2019s", "'re", "'ve", "'d", "'ll"})
_QUOTES = frozenset({'"', "\u201c", "\u201d", "``", "''"})


def _words(spec: dict[str, Any], attr: str) -> frozenset[str]:
    value = spec.get(attr)
    return frozenset(value["IN"]) if isinstance(value, dict) else frozenset()


def _gap(spec: dict[str, Any]) -> int | None:
    op = spec.get("OP")
    if isinstance(op, str) and op.startswith("{0,"):
        return int(op[3:-1])
    return None


def _word_mark(token: Any) -> bool:
    """A mark that is part of a word, not punctuation (nor a word a gap counts): a hyphen
    inside a word, "hold US-brokered talks"; the apostrophe of a possessive, of a plural
    noun before a word ("deems Russian officials' statements baseless") or inside a name
    ("the G20 Leaders' Summit")."""
    doc = token.doc
    attached = bool(token.i > 0 and not doc[token.i - 1].whitespace_)
    if token.text == "-":
        return attached
    if token.text not in {"'", "\u2019"} or not attached or token.i + 1 >= len(doc):
        return False
    after: str = doc[token.i + 1].text
    noun: str = doc[token.i - 1].text
    return after[:1].isupper() or (noun.islower() and noun.endswith("s") and after.isalpha())


def _fits(token: Any, spec: dict[str, Any]) -> bool:
    if spec.get("IS_TITLE"):
        return bool(token.text[:1].isupper())
    return token.lemma_ in _words(spec, "LEMMA") or token.lower_ in _words(spec, "LOWER")


def _match_rest(doc: Any, at: int, rest: Pattern) -> int | None:
    """The end of a match of ``rest`` starting at token ``at`` (shortest gaps), or None."""
    if not rest:
        return at
    spec, tail = rest[0], rest[1:]
    width = _gap(spec)
    if width is None:
        if at < len(doc) and _fits(doc[at], spec):
            return _match_rest(doc, at + 1, tail)
        if at < len(doc) and doc[at].text in _QUOTES:
            # The writer's quotation marks around a term are no words of the act: the
            # Japanese government's "ceremonial turnover" of radars.
            return _match_rest(doc, at + 1, rest)
        return None
    words = "LEMMA" in spec or "LOWER" in spec
    used = 0
    while True:
        end = _match_rest(doc, at, tail)
        if end is not None:
            return end
        if at >= len(doc):
            return None
        close = None if words else _aside_end(doc, at)
        if close is not None:
            at = close  # "(CSTO)": an acronym in brackets is part of the name before it
            continue
        # A gap passes over any word, or only the words it lists, and over a mark that is
        # part of a word without counting it.
        token = doc[at]
        mark = not words and token.is_punct and _word_mark(token)
        if not (mark or (_fits(token, spec) if words else not token.is_punct)):
            return None
        if not mark:
            if used >= width:
                return None
            used += 1
        at += 1


def _aside_end(doc: Any, at: int) -> int | None:
    """Just after a short bracketed aside opening at token ``at`` ("(CSTO)"), else None."""
    if doc[at].text != "(":
        return None
    for i in range(at + 1, min(at + 5, len(doc))):
        if doc[i].text == ")":
            return i + 1
    return None


class TriggerIndex:
    """Every trigger pattern, indexed by the words its first token may be."""

    def __init__(self, triggers: tuple[Trigger, ...]) -> None:
        self.by_lemma: dict[str, list[tuple[Trigger, Pattern]]] = {}
        self.by_lower: dict[str, list[tuple[Trigger, Pattern]]] = {}
        for trigger in triggers:
            for pattern in trigger.patterns:
                first = pattern[0]
                for word in _words(first, "LEMMA"):
                    self.by_lemma.setdefault(word, []).append((trigger, pattern))
                for word in _words(first, "LOWER"):
                    self.by_lower.setdefault(word, []).append((trigger, pattern))

    def find(self, doc: Any) -> Iterator[tuple[Trigger, int, int]]:
        """(trigger, start, end) for every pattern that matches at some token of ``doc``."""
        for token in doc:
            if token.lower_ in _CLITICS:
                continue  # the lookup table lemmatizes "'s" as "have"
            candidates = self.by_lemma.get(token.lemma_, []) + self.by_lower.get(token.lower_, [])
            seen: set[tuple[str, int]] = set()
            for trigger, pattern in candidates:
                end = _match_rest(doc, token.i + 1, pattern[1:])
                if end is not None and pattern[-1].get("IS_TITLE"):
                    end -= 1  # a name that must follow is no word of the act's own
                if end is not None and (trigger.name, end) not in seen:
                    seen.add((trigger.name, end))
                    yield trigger, token.i, end
