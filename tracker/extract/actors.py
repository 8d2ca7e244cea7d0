"""Actor mentions in a sentence: gazetteer names, grouped into phrases, resolved by date.

"Armenian Foreign Minister Ararat Mirzoyan" is one mention of ARM (with the person and his
level); "Blinken" is the US in January 2025 because he was Secretary of State then; a bare
"the US Secretary of State" names whoever held the office on the article's date.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from events import ContactLevel, is_organisation
from tracker.extract.gazetteer import Gazetteer, NameEntry
from tracker.extract.lexicon import lexicon
from tracker.extract.titles import POSSESSIVE, title_after, title_before

__all__ = ["Mention", "MentionFinder"]

_TITLE_WORDS = lexicon("actors.title_words")


@dataclass(frozen=True, slots=True)
class Mention:
    """One actor phrase at tokens ``start:end`` of its sentence."""

    start: int
    end: int
    actor: str
    kind: str
    person: str | None = None
    level: ContactLevel = ContactLevel.UNKNOWN
    paired: bool = False  # part of "U.S.-Armenia" or "Armenia-Azerbaijan": a modifier


class MentionFinder:
    """Finds actor mentions with one PhraseMatcher over every gazetteer name."""

    def __init__(self, nlp: Any, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.entries: dict[str, NameEntry] = {}
        for index, entry in enumerate(gazetteer.names):
            key = f"g{index}"
            self.entries[key] = entry
            text = entry.text[4:] if entry.text.startswith("the ") else entry.text
            self.matcher.add(key, [nlp.make_doc(text)])

    def find(self, doc: Doc, on: date) -> list[Mention]:
        """The actor phrases of ``doc`` (one sentence) in order, people resolved as of ``on``."""
        spans = [
            Span(doc, start, end, label=key)
            for key_id, start, end in self.matcher(doc)
            for key in (doc.vocab.strings[key_id],)
        ]
        spans = _longest_first(spans)
        raw = [self._mention(doc, span, on) for span in spans]
        raw = [
            m
            for m in raw
            if not (m.kind == "seat" and _names_a_thing(doc, m.end))
            and not _owned_body(doc, m, raw)
            and not _regional(doc, m)
        ]
        return _merge_titles(doc, raw, self.gazetteer, on)

    def _mention(self, doc: Any, span: Span, on: date) -> Mention:
        entry = self.entries[span.label_]
        paired = _is_paired(doc, span.start, span.end)
        if entry.kind != "person" or entry.person is None:
            return Mention(span.start, span.end, entry.actor, entry.kind, paired=paired)
        office = self.gazetteer.office_of(entry.person, on)
        level = office.level if office else ContactLevel.OFFICIAL
        actor = office.actor if office else entry.actor
        return Mention(span.start, span.end, actor, "person", entry.person, level, paired)


_NAMED_AFTER_A_CITY = lexicon("actors.named_after_a_city")


_KINDS_OF_INSTRUMENT = lexicon("actors.kinds_of_instrument")


_REGION_WORDS = lexicon("actors.region_words")


def _regional(doc: Any, mention: Mention) -> bool:
    """A demonym that names a region, not a state ("seven Latin American countries")."""
    return (
        mention.kind == "demonym"
        and mention.end - mention.start == 1
        and mention.start > 0
        and doc[mention.start - 1].lower_ in _REGION_WORDS
    )


_NATIONAL_BODIES = lexicon("actors.national_bodies")
_OWNERS = frozenset({"his", "her", "its", "their", "national", "supreme"}) | POSSESSIVE


def _owned_body(doc: Any, mention: Mention, others: list[Mention]) -> bool:
    """A bare name of a body owned by someone ("his Security Council", "Russia's Security
    Council", "the Armenian Security Council"): a national body, not the international one
    the gazetteer lists."""
    text = doc[mention.start : mention.end].text.lower()
    if text not in _NATIONAL_BODIES or mention.start == 0:
        return False
    owned_by_a_state = any(o.end == mention.start and not is_organisation(o.actor) for o in others)
    return doc[mention.start - 1].lower_ in _OWNERS or owned_by_a_state


def _names_a_thing(doc: Any, end: int) -> bool:
    """Whether the word after a seat's name makes it part of a name ("Rome| Statute"), also
    past a word saying what kind of instrument it is ("the 2015 Algiers| peace accord")."""
    if end < len(doc) and doc[end].lower_ in _KINDS_OF_INSTRUMENT:
        end += 1
    return end < len(doc) and doc[end].lower_ in _NAMED_AFTER_A_CITY


def _longest_first(spans: list[Span]) -> list[Span]:
    chosen: list[Span] = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if taken.isdisjoint(range(span.start, span.end)):
            chosen.append(span)
            taken.update(range(span.start, span.end))
    return sorted(chosen, key=lambda s: s.start)


def _is_paired(doc: Any, start: int, end: int) -> bool:
    dashes = {"-", "\u2013", "\u2014"}
    before = start >= 2 and doc[start - 1].text in dashes
    after = end + 1 < len(doc) and doc[end].text in dashes and doc[end + 1].text[:1].isupper()
    return before or after


def _merge_titles(doc: Any, mentions: list[Mention], gaz: Gazetteer, on: date) -> list[Mention]:
    """Join mentions separated only by title words into one phrase; the first names it,
    unless a person's office says which actor the phrase stands for."""
    merged: list[Mention] = []
    for mention in mentions:
        last = merged[-1] if merged else None
        between = doc[last.end : mention.start] if last else None
        joinable = (
            last is not None
            and between is not None
            and not last.paired
            and not mention.paired
            and all(t.lower_ in _TITLE_WORDS or t.text[:1].isupper() for t in between)
            and not any(t.text in {",", "and"} for t in between)
        )
        if last is None or not joinable:
            merged.append(mention)
            continue
        person = last.person or mention.person
        level = last.level if last.person else mention.level
        merged[-1] = Mention(last.start, mention.end, last.actor, last.kind, person, level)
    # Where each phrase's next one starts: a name read after a title stops there.
    starts = [m.start for m in merged[1:]] + [len(doc)] * bool(merged)
    return [_title_holder(doc, m, gaz, on, stop) for m, stop in zip(merged, starts, strict=True)]


def _title_holder(doc: Any, mention: Mention, gaz: Gazetteer, on: date, stop: int) -> Mention:
    """A phrase with an office title and no known person: the person and level the title
    gives ("Armenian Foreign Minister Karen Petrosyan"), or, for a bare title ("the US
    Secretary of State"), whoever held that office on the date. ``stop``: where the next
    phrase starts. See :mod:`tracker.extract.titles` for what a title may be."""
    if mention.person is not None:
        return mention
    title = title_after(doc, mention.start, mention.end, stop) or title_before(doc, mention.start)
    if title is None:
        return mention
    person, level = title.name, title.level
    if person is None and not title.qualified and title.office is not None:
        holder = gaz.holder(mention.actor, title.office, on)
        if holder is not None:
            person, level = holder.person, holder.level
    return replace(mention, person=person, level=level)
