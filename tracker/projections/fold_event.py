"""What the fold needs to know of one logged event, in a flat, cheap record.

The fold reads hundreds of thousands of events on a rebuild, so it works on
:class:`FoldEvent`, not on the pydantic events. There are two ways in, kept equal by a test:
:func:`from_recorded` (a decoded :class:`events.RecordedEvent`) and :func:`from_row` (the
stored JSON payload, read with ``json.loads`` only: the payload was validated when it was
appended, so validating it again on every read buys nothing).
"""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal, NamedTuple

from events import (
    AgreementEvent,
    CommitmentEvent,
    ContactEvent,
    DiplomaticEvent,
    EventConfirmed,
    EventCorroborated,
    EventRetracted,
    Evidence,
    RecordedEvent,
    StanceEvent,
    cameo,
    event_class,
    normalize_name,
)
from events.registry import upcast

__all__ = ["FoldEvent", "Kind", "Ref", "from_recorded", "from_row", "span_end"]

Kind = Literal["fact", "retracted", "corroborated", "confirmed", "other"]


class Ref(NamedTuple):
    """One source behind an event; a plain tuple because the fold makes one per event."""

    event_id: str
    url: str | None = None
    article_id: str | None = None
    sentence: str | None = None


@dataclass(frozen=True, slots=True)
class FoldEvent:
    """One event as the fold sees it. Annotations fill ``subject`` (and ``sources``)."""

    position: int
    recorded_at: datetime
    event_id: str
    event_type: str
    kind: Kind
    subject: str | None = None
    family: str = ""
    source: str = ""
    target: str = ""
    symmetric: bool = False
    occurred: str = ""  # FuzzyDate text: 2025-01-14, 2025-02 or 2025
    occurred_start: date = date.min
    modality: str = "realized"
    due: str | None = None
    due_end: date | None = None
    areas: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    name: str = ""  # the agreement, pledge or topic, as written
    object_key: str = ""
    level: str = "unknown"
    form: str = ""
    note: str | None = None
    goldstein: float = 0.0
    quad_class: int = 0
    sources: tuple[Ref, ...] = ()


def span_end(text: str) -> date:
    """The last day of a FuzzyDate's text form (``2025-02`` ends on 2025-02-28)."""
    if len(text) == 10:
        return date.fromisoformat(text)
    year = int(text[:4])
    if len(text) == 7:
        month = int(text[5:7])
        return date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 12, 31)


def _span_start(text: str) -> date:
    if len(text) == 10:
        return date.fromisoformat(text)
    return date(int(text[:4]), int(text[5:7]) if len(text) == 7 else 1, 1)


def from_recorded(recorded: RecordedEvent) -> FoldEvent:
    """The fold's view of a decoded event."""
    event = recorded.event
    event_id = str(event.event_id)
    base = (recorded.position, recorded.recorded_at, event_id, event.event_type)
    if isinstance(event, EventRetracted):
        return FoldEvent(*base, "retracted", subject=str(event.subject))
    if isinstance(event, EventConfirmed):
        return FoldEvent(*base, "confirmed", subject=str(event.subject))
    if isinstance(event, EventCorroborated):
        refs = (_ref(event_id, event.evidence),)
        return FoldEvent(*base, "corroborated", subject=str(event.subject), sources=refs)
    if not isinstance(event, DiplomaticEvent):
        return FoldEvent(*base, "other")
    return _fact(
        base,
        event,
        name=_name_of(event),
        level=event.level.value if isinstance(event, ContactEvent) else "unknown",
        sources=tuple(_ref(event_id, e) for e in event.evidence) or (Ref(event_id),),
    )


def _fact(
    base: tuple[int, datetime, str, str],
    event: DiplomaticEvent,
    *,
    name: str,
    level: str,
    sources: tuple[Ref, ...],
) -> FoldEvent:
    entry = event.cameo_entry
    return FoldEvent(
        *base,
        "fact",
        family=event.family,
        source=event.source,
        target=event.target,
        symmetric=event.symmetric,
        occurred=str(event.occurred),
        occurred_start=event.occurred.start,
        modality=event.modality.value,
        due=str(event.due) if event.due else None,
        due_end=event.due.end if event.due else None,
        areas=tuple(a.value for a in event.areas),
        people=event.people,
        name=name,
        object_key=event.object_key(),
        level=level,
        form=getattr(type(event), "form", ""),
        note=event.note,
        goldstein=entry.goldstein,
        quad_class=int(entry.quad_class),
        sources=sources,
    )


def _name_of(event: DiplomaticEvent) -> str:
    if isinstance(event, AgreementEvent):
        return event.agreement
    if isinstance(event, CommitmentEvent):
        return event.commitment
    if isinstance(event, ContactEvent | StanceEvent):
        return event.topic or ""
    return ""


def _ref(event_id: str, evidence: Evidence) -> Ref:
    return Ref(event_id, evidence.url, evidence.article_id, evidence.sentence)


def from_row(
    position: int, recorded_at: str, event_type: str, schema_version: int, payload: str
) -> FoldEvent:
    """The fold's view of a stored row, without pydantic validation (see the module doc)."""
    cls = event_class(event_type)
    data: dict[str, Any] = json.loads(payload)
    if schema_version != cls.schema_version:
        data = upcast(event_type, schema_version, data)
    base = (position, datetime.fromisoformat(recorded_at), data["event_id"], event_type)
    if issubclass(cls, EventRetracted):
        return FoldEvent(*base, "retracted", subject=data["subject"])
    if issubclass(cls, EventConfirmed):
        return FoldEvent(*base, "confirmed", subject=data["subject"])
    if issubclass(cls, EventCorroborated):
        refs = (_ref_of(data["event_id"], data["evidence"]),)
        return FoldEvent(*base, "corroborated", subject=data["subject"], sources=refs)
    if not issubclass(cls, DiplomaticEvent):
        return FoldEvent(*base, "other")
    return _fact_of_payload(base, cls, data)


def _fact_of_payload(
    base: tuple[int, datetime, str, str], cls: type[DiplomaticEvent], data: dict[str, Any]
) -> FoldEvent:
    event_id = base[2]
    entry = cameo(data.get("cameo") or cls.default_cameo)
    name: str = data.get("agreement") or data.get("commitment") or data.get("topic") or ""
    family = cls.family
    # Mirrors each family's object_key(); tests/unit/test_fold_input.py keeps them equal.
    if family in ("agreement", "commitment"):
        object_key = normalize_name(name)
    elif family == "membership":
        object_key = data["target"]
    elif family == "stance" and name:
        object_key = normalize_name(name)
    else:
        object_key = ""
    due = data.get("due")
    evidence = data.get("evidence") or ()
    return FoldEvent(
        *base,
        "fact",
        family=family,
        source=data["source"],
        target=data["target"],
        symmetric=cls.symmetric,
        occurred=data["occurred"],
        occurred_start=_span_start(data["occurred"]),
        modality=data.get("modality", "realized"),
        due=due,
        due_end=span_end(due) if due else None,
        areas=tuple(data.get("areas") or ()),
        people=tuple(data.get("people") or ()),
        name=name,
        object_key=object_key,
        level=data.get("level") or "unknown",
        form=getattr(cls, "form", ""),
        note=data.get("note"),
        goldstein=entry.goldstein,
        quad_class=int(entry.quad_class),
        sources=tuple(_ref_of(event_id, e) for e in evidence) or (Ref(event_id),),
    )


def _ref_of(event_id: str, evidence: dict[str, Any]) -> Ref:
    return Ref(event_id, evidence.get("url"), evidence.get("article_id"), evidence.get("sentence"))
