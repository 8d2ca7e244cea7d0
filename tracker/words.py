"""The reader's words for the tracker's identifiers, from ``seeds/words.toml``.

One table serves every surface a person reads (the CLI, the web page): an event type, a
status, a contact level, an area or a modality is shown in these words, never as its
identifier. JSON output keeps the identifiers. Example::

    >>> event_words(event)
    'Armenia and the United States signed the Charter on Strategic Partnership'
    >>> status_words("membership", "withdrawal_announced")
    'withdrawal announced'
"""

from __future__ import annotations

import string
import tomllib
from functools import cache, lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

import seeds
from events import (
    AgreementEvent,
    ArticleIngested,
    CommitmentEvent,
    ContactEvent,
    DiplomaticEvent,
    DomainEvent,
    EventAnnotation,
    EventCorroborated,
    EventRetracted,
    MembershipEvent,
    Modality,
    StanceEvent,
    VisitMade,
)
from events.registry import event_types
from tracker.actors import actor_name

__all__ = [
    "StatusKind",
    "Words",
    "area_words",
    "event_words",
    "level_words",
    "modality_words",
    "name_in_sentence",
    "pair_words",
    "quad_words",
    "reason_template",
    "status_words",
    "type_words",
    "words",
]

StatusKind = Literal["agreement", "membership", "commitment", "relations"]

# What a `says` template may name (see the head of seeds/words.toml).
PLACEHOLDERS = frozenset(
    {
        "source",
        "target",
        "parties",
        "visitor",
        "host",
        "member",
        "organisation",
        "agreement",
        "commitment",
        "topic",
        "subject",
        "reason",
        "note",
        "title",
        "feed",
        "url",
    }
)


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _known_placeholders(value: str) -> str:
    named = {field for _, field, _, _ in string.Formatter().parse(value) if field}
    unknown = named - PLACEHOLDERS
    if unknown:
        raise ValueError(f"unknown placeholder {sorted(unknown)} in {value!r}")
    return value


class EventWords(_Strict):
    """An event type's short name and its one-line template (``plans``: the template of
    the act still to come, where ``says`` tells it as done: "{member} to leave ...")."""

    name: str
    says: str
    plans: str | None = None

    _placeholders = field_validator("says")(_known_placeholders)

    @field_validator("plans")
    @classmethod
    def _known_in_plans(cls, value: str | None) -> str | None:
        return None if value is None else _known_placeholders(value)


class Words(_Strict):
    """The whole table, as ``seeds/words.toml`` holds it."""

    definite: tuple[str, ...]
    modalities: dict[str, str]
    levels: dict[str, str]
    areas: dict[str, str]
    quads: dict[str, str]
    reasons: dict[Literal["relations", "agreement", "membership"], dict[str, str]]
    statuses: dict[StatusKind, dict[str, str]]
    events: dict[str, EventWords]

    @field_validator("reasons")
    @classmethod
    def _reason_placeholders(cls, value: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        for templates in value.values():
            for template in templates.values():
                _known_placeholders(template)
        return value

    @model_validator(mode="after")
    def _registered(self) -> Words:
        unknown = set(self.events) - set(event_types())
        if unknown:
            raise ValueError(f"words for unregistered event types: {sorted(unknown)}")
        return self


@cache
def words() -> Words:
    """The table, read and checked once."""
    text = seeds.path("words.toml").read_text(encoding="utf-8")
    return Words.model_validate(tomllib.loads(text))


def type_words(event_type: str) -> str:
    """An event type's short name: ``AgreementSigned`` -> "agreement signed"."""
    entry = words().events.get(event_type)
    return entry.name if entry else event_type


def status_words(kind: StatusKind, status: str) -> str:
    """A status in words: ``("agreement", "in_force")`` -> "in force"."""
    return words().statuses[kind].get(status, status.replace("_", " "))


def level_words(level: str) -> str:
    """A contact level: ``head_of_government`` -> "head of government"."""
    return words().levels.get(str(level), str(level).replace("_", " "))


def area_words(area: str) -> str:
    """A cooperation area: ``border_security`` -> "border security"."""
    return words().areas.get(str(area), str(area).replace("_", " "))


_QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")


def quad_words(quad_class: int) -> str:
    """A quad class (1-4) in words: ``1`` -> "verbal cooperation"."""
    if 1 <= quad_class <= len(_QUADS):
        return words().quads[_QUADS[quad_class - 1]]
    return "unclassified"


def reason_template(kind: Literal["relations", "agreement", "membership"], status: str) -> str:
    """What a status says as the reason for a label, with placeholders: ``("membership",
    "applied")`` -> "{member} applied to join {organisation}"."""
    return words().reasons[kind].get(status, status.replace("_", " "))


def modality_words(modality: str) -> str:
    """A modality: ``negated`` -> "denied" (``realized`` -> "")."""
    return words().modalities.get(str(modality), str(modality))


@lru_cache(maxsize=4096)  # from the static tables; a page names its pair on every step
def name_in_sentence(code: str) -> str:
    """An actor's name as it reads inside a sentence: "Armenia", "the United States"."""
    name = actor_name(code)
    if name != code and any(word in name for word in words().definite):
        return f"the {name}"
    return name


@lru_cache(maxsize=4096)
def pair_words(a: str, b: str) -> str:
    """Two parties of a bilateral act: "Armenia and the United States"."""
    first, second = sorted((a, b), key=actor_name)
    return f"{name_in_sentence(first)} and {name_in_sentence(second)}"


def _the(name: str) -> str:
    return name if name.lower().startswith("the ") else f"the {name}"


def _values(event: DomainEvent) -> dict[str, Any]:
    """What a template may name, for this event."""
    values: dict[str, Any] = {}
    if isinstance(event, DiplomaticEvent):
        values["source"] = name_in_sentence(event.source)
        values["target"] = name_in_sentence(event.target)
        values["parties"] = pair_words(event.source, event.target)
    if isinstance(event, VisitMade):
        values["visitor"] = actor_name(event.visitor)
        values["host"] = actor_name(event.host)
    if isinstance(event, MembershipEvent):
        values["member"] = name_in_sentence(event.member)
        values["organisation"] = name_in_sentence(event.organisation)
    if isinstance(event, AgreementEvent):
        values["agreement"] = _the(event.agreement)
    if isinstance(event, CommitmentEvent):
        values["commitment"] = event.commitment
    if isinstance(event, StanceEvent | ContactEvent):
        values["topic"] = event.topic or ""
    if isinstance(event, EventAnnotation):
        values["subject"] = str(event.subject)[:8]
        values["note"] = getattr(event, "note", None) or ""
    if isinstance(event, EventRetracted):
        values["reason"] = event.reason
    if isinstance(event, EventCorroborated):
        values["url"] = event.evidence.url or "no address"
    if isinstance(event, ArticleIngested):
        values["title"] = event.title
        values["feed"] = event.feed
    return values


def event_words(event: DomainEvent) -> str:
    """One event in a line of words, e.g. "planned: visit (United States → Armenia), due
    Feb 2025" or "Armenia and the United States signed the Charter on Strategic Partnership".
    """
    entry = words().events.get(event.event_type)
    if entry is None:
        return event.event_type
    planned = isinstance(event, DiplomaticEvent) and event.modality == Modality.PLANNED
    template = entry.plans if planned and entry.plans else entry.says
    text = template.format_map(_values(event))
    if not isinstance(event, DiplomaticEvent):
        return text
    if isinstance(event, StanceEvent | ContactEvent) and event.topic:
        if "{topic}" not in entry.says:
            text += f" on {event.topic}"
    if isinstance(event, ContactEvent) and event.level.value != "unknown":
        text += f", {level_words(event.level)}"
    if event.due is not None:
        text += f", due {event.due}"
    prefix = modality_words(event.modality)
    if event.modality != Modality.REALIZED and prefix:
        return f"{prefix}: {text}"
    return text[:1].upper() + text[1:] if text.startswith("the ") else text
