"""Agreements named as a list's items: "The agreements we have reached today mark a new
chapter in the relationship between the UK and the EU. ... We have to be proud of the
fruits of that effort:" then "\u2022 a joint statement on cooperation on global issues",
"\u2022 a security and defence partnership".

A sentence that tells agreements reached, signed or adopted by one pair gives the outcome;
each later list item headed by an agreement's noun is one of those agreements, signed by
that pair on the outcome's day. An item is read for nothing else (see ``text.LIST_ITEM``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from events import AgreementSigned, ContactLevel, FuzzyDate, Modality
from tracker.extract.actors import Mention
from tracker.extract.areas import areas_in
from tracker.extract.coding import Coding
from tracker.extract.dates import find_dates
from tracker.extract.lexicon import lexicon
from tracker.extract.text import LIST_ITEM

__all__ = ["LISTED", "Outcome", "listed_agreement", "outcome_told"]

LISTED = "an agreement listed after the outcome the article told"
_OUTCOME_NOUNS = lexicon("lists.outcome_nouns")
_OUTCOME_VERBS = lexicon("lists.outcome_verbs")
_ITEM_NOUNS = lexicon("lists.item_nouns")
# An item's head is among its first words: "a joint statement on ...", not "... on the
# statement".
_HEAD_WORDS = 5


@dataclass(frozen=True, slots=True)
class Outcome:
    """Agreements a pair reached, signed or adopted, on a day, as one sentence told them."""

    first: str
    second: str
    day: FuzzyDate
    basis: str


def outcome_told(doc: Any, mentions: list[Mention], published: date) -> Outcome | None:
    """The outcome ``doc`` tells ("the agreements we have reached today ... between the UK
    and the EU"): agreements in the plural, a verb of reaching them, and two actors."""
    text = doc.text.lower()
    if not any(verb in text for verb in _OUTCOME_VERBS):
        return None  # most sentences: no verb of reaching agreements at all
    words = {t.lower_ for t in doc}
    if not (words & _OUTCOME_NOUNS and words & _OUTCOME_VERBS):
        return None
    actors = list(dict.fromkeys(m.actor for m in mentions))
    if len(actors) != 2:
        return None
    dates = find_dates(doc.text, published)
    if dates:
        return Outcome(actors[0], actors[1], dates[0].value, dates[0].basis)
    return Outcome(actors[0], actors[1], FuzzyDate.day(published), "publication")


def listed_agreement(item: str, index: int, outcome: Outcome | None) -> Coding | None:
    """The agreement a list item names, signed by the outcome's pair, or None."""
    if outcome is None or not item.startswith(LIST_ITEM):
        return None
    text = item[len(LIST_ITEM) :]
    head = [w.strip(",;:").lower() for w in text.split()[:_HEAD_WORDS]]
    if not _ITEM_NOUNS.intersection(head):
        return None
    name = text.rstrip(" ,;.")
    if name.endswith(" and"):
        name = name[: -len(" and")].rstrip(" ,")
    return Coding(
        event_type=AgreementSigned.event_type,
        cameo=AgreementSigned.default_cameo,
        source=outcome.first,
        target=outcome.second,
        reciprocal=True,
        modality=Modality.REALIZED,
        occurred=outcome.day,
        occurred_basis=outcome.basis,
        due=None,
        areas=areas_in(text),
        people=(),
        level=ContactLevel.UNKNOWN,
        about=name,
        sentence=item,
        sentence_index=index,
        pattern="listed-agreement",
        confidence=0.5,
        span=(len(LIST_ITEM), len(item)),
        why=(LISTED, LISTED),
    )
