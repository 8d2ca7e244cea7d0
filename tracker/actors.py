"""Resolving what a user types ("Armenia", "armenia", "ARM", "U.S.") to an actor code.

The table is ``seeds/actors.csv``: every ISO 3166 state and every registered organisation,
with the names people use. An unknown actor is an :class:`UnknownActorError` naming the
closest matches.
"""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass
from functools import cache

import seeds
from tracker.errors import UnknownActorError

__all__ = ["Actor", "actor_name", "actors", "resolve_actor"]


@dataclass(frozen=True, slots=True)
class Actor:
    code: str
    kind: str  # "state" or "organisation"
    name: str
    aliases: tuple[str, ...]


@cache
def actors() -> dict[str, Actor]:
    """Every known actor by code."""
    text = seeds.path("actors.csv").read_text(encoding="utf-8")
    table: dict[str, Actor] = {}
    for row in csv.DictReader(io.StringIO(text)):
        aliases = tuple(a for a in row["aliases"].split("|") if a)
        table[row["code"]] = Actor(row["code"], row["kind"], row["name"], aliases)
    return table


@cache
def _by_name() -> dict[str, str]:
    index: dict[str, str] = {}
    for actor in actors().values():
        for name in (actor.code, actor.name, *actor.aliases):
            index.setdefault(_fold(name), actor.code)
    return index


def _fold(text: str) -> str:
    return " ".join(text.replace(".", "").casefold().split())


def resolve_actor(text: str) -> str:
    """The code for ``text`` (a code or a name, any case); raise with suggestions if unknown."""
    folded = _fold(text)
    code = _by_name().get(folded)
    if code is not None:
        return code
    names = list(_by_name())
    close = difflib.get_close_matches(folded, names, n=3, cutoff=0.6)
    suggestions = sorted({f"{actors()[_by_name()[c]].name} ({_by_name()[c]})" for c in close})
    raise UnknownActorError(text, suggestions)


def actor_name(code: str) -> str:
    """A readable name for a code (the code itself when unknown)."""
    actor = actors().get(code)
    return actor.name if actor else code
