"""Office titles written next to an actor phrase, read token by token.

"Armenian Foreign Minister Karen Petrosyan", "the US Secretary of State", "Russia's deputy
foreign minister", "Kazakh Vice President X", "the President of France": the title says
the level of whoever speaks or meets for the actor, and sometimes who it is. Three rules
keep it from naming the wrong person:

- a *qualified* title (deputy, vice, former, acting ...) is another office than the one the
  gazetteer lists: "Deputy Foreign Minister" is not the foreign minister;
- a name written right after the title is that person, even one the gazetteer does not
  know (a minister appointed last week), so the office's listed holder is not put in;
- the title must touch the actor phrase (only "'s", qualifiers and a portfolio may come
  between), so "Armenia welcomed the President of France" gives Armenia no president.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from events import ContactLevel
from tracker.extract.knowledge import load_titles

__all__ = ["POSSESSIVE", "Title", "bare_title", "title_after", "title_before"]

# The title words are data (``seeds/extractor/titles.toml``, read by ``knowledge``).
_KNOWLEDGE = load_titles()
# Written title (lower-case tokens) -> the office as the gazetteer names it, and its level.
# None: no holder to look up ("Defence Minister": a minister, but of no office we list).
_TITLES = _KNOWLEDGE.titles
# The titles by their first word, in the order above (a longer title before its prefix).
_BY_FIRST_WORD: dict[str, list[tuple[tuple[str, ...], str | None, ContactLevel]]] = {}
for _entry in _TITLES:
    _BY_FIRST_WORD.setdefault(_entry[0][0], []).append(_entry)
# The plain "minister", which a portfolio may precede ("Defence Minister").
_MINISTER = next(entry for entry in _TITLES if entry[0] == ("minister",))

# Words before a title that make it another office, and the level they leave.
# "acting" keeps the level (an acting minister acts as one) but is not the listed holder.
_QUALIFIERS = _KNOWLEDGE.qualifiers

# A ministry's portfolio may stand before "minister" ("Defence Minister", "Economy
# Minister"): up to ``_MAX_PORTFOLIO`` such words, capitalized or from this list.
_PORTFOLIO = _KNOWLEDGE.portfolio
_MAX_PORTFOLIO = _KNOWLEDGE.max_portfolio
# The tokens that mark a possessor ("Armenia's", "Armenia’s").
POSSESSIVE = _KNOWLEDGE.possessive
# Capitalized words that start a sentence's next part rather than a name.
_NOT_NAMES = _KNOWLEDGE.not_names
_MAX_NAME = _KNOWLEDGE.max_name


@dataclass(frozen=True, slots=True)
class Title:
    """An office title beside an actor phrase."""

    office: str | None  # as the gazetteer names it; None for a minister of no listed office
    level: ContactLevel  # of this person: the office's, lowered by a qualifier
    qualified: bool  # deputy, vice, former, acting...: not the office's listed holder
    name: str | None  # the person named right after the title, if any


def title_after(doc: Any, start: int, end: int, stop: int) -> Title | None:
    """The title that follows an actor phrase at tokens ``start:end`` ("Armenian| Foreign
    Minister Karen Petrosyan"), with the name after it; ``stop``: where the next actor
    phrase starts (a name cannot run into it). A qualifier may stand before the phrase
    ("the former| Armenian| Prime Minister")."""
    i = end
    if i < len(doc) and doc[i].text in POSSESSIVE:
        i += 1
    qualifier, i = _qualifier(doc, i)
    if qualifier is None and start >= 1:
        qualifier, _ = _qualifier(doc, start - 1)
    found = _match(doc, i)
    if found is None:
        return None
    (words, office, level), i = found
    name = _name(doc, i, stop)
    return _title(office, level, qualifier, name)


def title_before(doc: Any, start: int) -> Title | None:
    """The title that governs an actor phrase starting at token ``start`` ("the Foreign
    Minister of| Armenia"); the name, if any, is not read (it is often after a comma)."""
    i = start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i < 0 or doc[i].lower_ != "of":
        return None
    for words, office, level in _TITLES:
        # "the Foreign Minister of Armenia", or "the foreign ministers of Armenia and
        # Georgia", each of whom holds the office for their own state.
        for written in (words, (*words[:-1], words[-1] + "s")):
            first = i - len(written)
            if first >= 0 and tuple(t.lower_ for t in doc[first:i]) == written:
                qualifier, _ = _qualifier(doc, first - 1) if first >= 1 else (None, first)
                return _title(office, level, qualifier, None)
    return None


def bare_title(doc: Any, i: int) -> tuple[ContactLevel, int] | None:
    """A title after "the" at token ``i`` that names no state and no one ("the prime
    minister would not attend"): the level it names and the token after it. Not "the
    Prime Minister of Armenia", nor "the Prime Minister Nikol Pashinyan", nor a minister of
    no listed office ("the defence minister")."""
    if i < 1 or doc[i - 1].lower_ != "the":
        return None
    found = _match(doc, i)
    if found is None:
        return None
    (_, office, level), end = found
    if office is None:
        return None
    if end < len(doc) and (doc[end].lower_ == "of" or _name(doc, end, len(doc))):
        return None
    return level, end


def _title(
    office: str | None, level: ContactLevel, qualifier: str | None, name: str | None
) -> Title:
    if qualifier is None:
        return Title(office, level, False, name)
    lowered = _QUALIFIERS[qualifier]
    return Title(office, level if lowered is None else lowered, True, name)


def _qualifier(doc: Any, i: int) -> tuple[str | None, int]:
    """A qualifier at token ``i`` ("deputy", "vice", "ex-"), and the token after it."""
    if 0 <= i < len(doc):
        word = doc[i].lower_.rstrip("-")
        if word in _QUALIFIERS:
            j = i + 1
            if j < len(doc) and doc[j].text == "-":  # "ex - president" as tokenized
                j += 1
            return word, j
    return None, i


def _match(doc: Any, i: int) -> tuple[tuple[tuple[str, ...], str | None, ContactLevel], int] | None:
    """The title starting at token ``i``, portfolio words allowed before "minister"."""
    if i >= len(doc):
        return None
    # Looked up by the first word: most actor phrases have no title after them.
    for entry in _BY_FIRST_WORD.get(doc[i].lower_, ()):
        words = entry[0]
        if tuple(t.lower_ for t in doc[i : i + len(words)]) == words:
            return entry, i + len(words)
    # "Defence Minister"; "Economy and Trade Minister" is too far (at most two words).
    for width in range(1, _MAX_PORTFOLIO + 1):
        portfolio = doc[i : i + width]
        after = i + width
        if len(portfolio) < width or after >= len(doc) or doc[after].lower_ != "minister":
            continue
        if all(t.lower_ in _PORTFOLIO or t.text[:1].isupper() for t in portfolio):
            return _MINISTER, after + 1
    return None


def _name(doc: Any, i: int, stop: int) -> str | None:
    """Up to three capitalized words at token ``i`` (before ``stop``): a person's name."""
    words: list[str] = []
    end = min(len(doc), stop)
    while i < end and len(words) < _MAX_NAME:
        text = doc[i].text
        # Initials ("JD Vance", "J. Smith") only before a name word: alone, "UN" or "EU".
        initials = _is_initials(text) and i + 1 < end and _is_name_word(doc[i + 1].text)
        if not (initials or _is_name_word(text)):
            break
        words.append(text)
        i += 1
    return " ".join(words) if words else None


def _is_name_word(text: str) -> bool:
    if text in _NOT_NAMES or not text[:1].isupper() or text.isupper():
        return False
    return text.replace("-", "").replace("'", "").replace("\u2019", "").isalpha()


def _is_initials(text: str) -> bool:
    letters = text.replace(".", "")
    return 0 < len(letters) <= 2 and letters.isalpha() and letters.isupper()
