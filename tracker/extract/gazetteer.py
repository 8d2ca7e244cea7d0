"""The gazetteer: every name the coder reads as an actor, loaded from ``seeds/``.

States come from ``seeds/actors.csv`` (every ISO 3166 state with its names) plus
``seeds/gazetteer/states.csv`` (short forms, demonyms, capitals and seats used as
metonyms); groups of states named together ("the Baltic states") from
``seeds/gazetteer/groups.csv``; organisations from ``seeds/gazetteer/organisations.csv``;
officials, with their office and its tenure, from ``seeds/gazetteer/officials.csv``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from functools import cache

import seeds
from events import ContactLevel

__all__ = ["Gazetteer", "NameEntry", "Office", "gazetteer", "members"]


@dataclass(frozen=True, slots=True)
class NameEntry:
    """A written name and the actor it stands for; ``kind`` says how it names it."""

    text: str
    actor: str
    # "name", "demonym", "seat" (capital or institution), "person", or "group" (several
    # states named together: "the Baltic states"; the actor joins their codes with "+")
    kind: str
    person: str | None = None  # the official's full name, for kind "person"


@dataclass(frozen=True, slots=True)
class Office:
    """A person's term in an office: who they act for, at what level, from when to when."""

    person: str
    actor: str
    title: str
    level: ContactLevel
    start: date
    end: date | None

    def holds_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Names to actors, and persons to their offices over time."""

    names: tuple[NameEntry, ...]
    offices: dict[str, tuple[Office, ...]]  # full name -> terms, oldest first
    organisations: frozenset[str]

    def office_of(self, person: str, day: date) -> Office | None:
        """The office ``person`` held on ``day``, if any."""
        for term in self.offices.get(person, ()):
            if term.holds_on(day):
                return term
        return None

    def holder(self, actor: str, title: str, day: date) -> Office | None:
        """Who held ``title`` for ``actor`` on ``day`` ("the US Secretary of State")."""
        for terms in self.offices.values():
            for term in terms:
                if term.actor == actor and term.title == title and term.holds_on(day):
                    return term
        return None


def _rows(name: str) -> list[dict[str, str]]:
    text = seeds.path(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _split(field: str | None) -> list[str]:
    return [part.strip() for part in (field or "").split("|") if part.strip()]


def _plural(demonym: str) -> str | None:
    # "Armenians", "Israelis": plural demonyms name the people of a state too.
    return demonym + "s" if demonym[-1] in "ni" and not demonym.endswith("ese") else None


def _state_names() -> list[NameEntry]:
    entries: list[NameEntry] = []
    for row in _rows("actors.csv"):
        if row["kind"] != "state":
            continue
        for text in (row["name"], *_split(row["aliases"])):
            # Official long forms with a comma ("Iran, Islamic Republic of") never occur in prose.
            if "," not in text:
                entries.append(NameEntry(text, row["code"], "name"))
    for row in _rows("gazetteer/states.csv"):
        code = row["code"]
        entries += [NameEntry(text, code, "name") for text in _split(row["names"])]
        for demonym in _split(row["demonyms"]):
            entries.append(NameEntry(demonym, code, "demonym"))
            plural = _plural(demonym)
            if plural:
                entries.append(NameEntry(plural, code, "demonym"))
        entries += [NameEntry(text, code, "seat") for text in _split(row["capitals"])]
    return entries


def _organisation_names() -> list[NameEntry]:
    entries: list[NameEntry] = []
    for row in _rows("gazetteer/organisations.csv"):
        entries += [NameEntry(text, row["code"], "name") for text in _split(row["names"])]
        entries += [NameEntry(text, row["code"], "seat") for text in _split(row["seats"])]
    return entries


def _group_names() -> list[NameEntry]:
    entries: list[NameEntry] = []
    for row in _rows("gazetteer/groups.csv"):
        members = "+".join(_split(row["members"]))
        entries += [NameEntry(text, members, "group") for text in _split(row["names"])]
    return entries


def members(actor: str) -> tuple[str, ...]:
    """The states an actor stands for: itself, or each state of a group ("EST+LVA+LTU")."""
    return tuple(actor.split("+"))


def _offices() -> tuple[dict[str, tuple[Office, ...]], list[NameEntry]]:
    terms: dict[str, list[Office]] = {}
    names: list[NameEntry] = []
    for row in _rows("gazetteer/officials.csv"):
        person = row["name"]
        end = date.fromisoformat(row["end"]) if row["end"] else None
        office = Office(
            person=person,
            actor=row["actor"],
            title=row["office"],
            level=ContactLevel(row["level"]),
            start=date.fromisoformat(row["start"]),
            end=end,
        )
        terms.setdefault(person, []).append(office)
        aliases = (person, *_split(row["aliases"]))
        names += [NameEntry(text, row["actor"], "person", person) for text in aliases]
    ordered = {person: tuple(sorted(ts, key=lambda t: t.start)) for person, ts in terms.items()}
    # One entry per written form; a later term's actor wins (nationality as of now).
    unique = {(entry.text, entry.person): entry for entry in names}
    return ordered, list(unique.values())


@cache
def gazetteer() -> Gazetteer:
    """The bundled gazetteer (read once per process)."""
    offices, person_names = _offices()
    org_codes = frozenset(row["code"] for row in _rows("gazetteer/organisations.csv"))
    names = (*_state_names(), *_organisation_names(), *_group_names(), *person_names)
    return Gazetteer(names=tuple(names), offices=offices, organisations=org_codes)
