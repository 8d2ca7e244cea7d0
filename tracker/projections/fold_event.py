"""What the fold needs to know of one logged event, in a flat, cheap record.

The fold reads hundreds of thousands of events on a rebuild, so it works on
:class:`FoldEvent`, not on the pydantic events. There are two ways in, kept equal by a test:
:func:`from_recorded` (a decoded :class:`events.RecordedEvent`) and :func:`from_row` (the
stored JSON payload, read by :mod:`.payload` without pydantic validation: the payload was
validated when it was appended, so validating it again on every read buys nothing). A payload
of an older schema version is parsed whole and upcast first.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime
from functools import cache
from typing import Any, Literal, NamedTuple

from pydantic_core import from_json

from events import (
    AgreementEvent,
    CommitmentEvent,
    ContactEvent,
    DiplomaticEvent,
    EventConfirmed,
    EventCorroborated,
    EventRetracted,
    Evidence,
    MembershipEvent,
    RecordedEvent,
    StanceEvent,
    cameo,
    event_class,
    normalize_name,
)
from events.registry import upcast
from tracker.projections.payload import (
    EvidenceFields,
    PayloadFields,
    decode_payload,
    payload_fields,
)

__all__ = ["FoldEvent", "Kind", "Ref", "from_recorded", "from_row", "span_end"]

Kind = Literal["fact", "retracted", "corroborated", "confirmed", "other"]


class Ref(NamedTuple):
    """One source behind an event; a plain tuple because the fold makes one per event."""

    event_id: str
    url: str | None = None
    article_id: str | None = None
    sentence: str | None = None
    confidence: float | None = None


class FoldEvent(NamedTuple):
    """One event as the fold sees it. Annotations fill ``subject`` (and ``sources``).

    A named tuple, not a dataclass: a rebuild makes a million of them, and a tuple is the
    cheapest immutable record Python can build.
    """

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
    place: str | None = None


def span_end(text: str) -> date:
    """The last day of a FuzzyDate's text form (``2025-02`` ends on 2025-02-28)."""
    if len(text) == 10:
        return date.fromisoformat(text)
    year = int(text[:4])
    if len(text) == 7:
        month = int(text[5:7])
        return date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 12, 31)


def span_start(text: str) -> date:
    if len(text) == 10:
        return date.fromisoformat(text)
    return date(int(text[:4]), int(text[5:7]) if len(text) == 7 else 1, 1)


# A rebuild reads each day of a century and more many times, and the moments an event was
# recorded at recur (events appended together share theirs): both parsed once, kept in
# plain dicts read inline (an lru_cache's call and reordering cost more than the parse
# saved), emptied when they grow past a bound.
_STARTS: dict[str, date] = {}
_MOMENTS: dict[str, datetime] = {}
_KEPT = 65_536


def _remember(cache: dict[str, Any], text: str, value: Any) -> Any:
    if len(cache) >= _KEPT:
        cache.clear()
    cache[text] = value
    return value


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
        place=getattr(event, "place", None),
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
    return Ref(event_id, evidence.url, evidence.article_id, evidence.sentence, evidence.confidence)


class _TypeInfo(NamedTuple):
    kind: Kind
    schema_version: int
    family: str
    symmetric: bool
    form: str
    tone: tuple[float, int] = (0.0, 0)  # (Goldstein, quad class) of the default code
    by_organisation: bool = False  # a membership step the organisation (the source) took


def _type_info(event_type: str) -> _TypeInfo:
    info = _INFOS.get(event_type)
    if info is None:
        info = _INFOS[event_type] = _new_type_info(event_type)
    return info


# The types' infos by name, read inline once per event.
_INFOS: dict[str, _TypeInfo] = {}


def _new_type_info(event_type: str) -> _TypeInfo:
    # Class attributes looked up once per type: a pydantic class's missing-attribute path
    # is slow, and a rebuild asks a million times.
    cls = event_class(event_type)
    kind: Kind = "other"
    for annotation, name in _ANNOTATION_KINDS:
        if issubclass(cls, annotation):
            kind = name
    if issubclass(cls, DiplomaticEvent):
        form = cls.form if issubclass(cls, ContactEvent) else ""
        tone = _tone_of(cls.default_cameo)
        by_organisation = issubclass(cls, MembershipEvent) and cls.by_organisation
        return _TypeInfo(
            "fact", cls.schema_version, cls.family, cls.symmetric, form, tone, by_organisation
        )
    return _TypeInfo(kind, cls.schema_version, "", False, "")


_ANNOTATION_KINDS: tuple[tuple[type, Kind], ...] = (
    (EventRetracted, "retracted"),
    (EventConfirmed, "confirmed"),
    (EventCorroborated, "corroborated"),
)


@cache
def _tone_of(code: str) -> tuple[float, int]:
    entry = cameo(code)
    return entry.goldstein, int(entry.quad_class)


def from_row(
    position: int, recorded_at: str, event_type: str, schema_version: int, payload: str
) -> FoldEvent:
    """The fold's view of a stored row, without pydantic validation (see the module doc).

    The hot loop of a rebuild, once per event: a fact is built here in one piece, with
    local names and the record's fields in order (a helper call, keyword arguments or a
    list comprehension per event each cost a rebuild a few percent).
    """
    info = _INFOS.get(event_type) or _type_info(event_type)
    if schema_version == info.schema_version:
        data = decode_payload(payload)
    else:
        data = payload_fields(upcast(event_type, schema_version, from_json(payload)))
    moment = _MOMENTS.get(recorded_at) or _remember(
        _MOMENTS, recorded_at, datetime.fromisoformat(recorded_at)
    )
    event_id = data.event_id
    kind = info.kind
    if kind != "fact":
        return _annotation(position, moment, event_type, kind, data)
    cameo_code = data.cameo
    goldstein, quad_class = _tone_of(cameo_code) if cameo_code else info.tone
    name: str = data.agreement or data.commitment or data.topic or ""
    family = info.family
    # Mirrors each family's object_key(); tests/unit/test_fold_input.py keeps them equal.
    if family == "agreement" or family == "commitment":
        object_key = normalize_name(name)
    elif family == "membership":
        object_key = data.source if info.by_organisation else data.target
    elif family == "stance" and name:
        object_key = normalize_name(name)
    else:
        object_key = ""
    due = data.due
    occurred = data.occurred
    start = _STARTS.get(occurred) or _remember(_STARTS, occurred, span_start(occurred))
    evidence = data.evidence
    if evidence.__class__ is list and evidence:
        if len(evidence) == 1:  # the usual case: one sentence
            one = evidence[0]
            sources: tuple[Ref, ...] = (
                _build(Ref, (event_id, one.url, one.article_id, one.sentence, one.confidence)),
            )
        else:
            sources = tuple([_ref_of(event_id, e) for e in evidence])
    else:
        sources = (_build(Ref, (event_id, None, None, None, None)),)
    return _build(
        FoldEvent,
        (
            position,
            moment,
            event_id,
            event_type,
            "fact",
            None,  # subject
            family,
            data.source,
            data.target,
            info.symmetric,
            occurred,
            start,
            data.modality,
            due,
            span_end(due) if due else None,
            data.areas,
            data.people,
            name,
            object_key,
            data.level or "unknown",
            info.form,
            data.note,
            goldstein,
            quad_class,
            sources,
            data.place,
        ),
    )


def _annotation(
    position: int, moment: datetime, event_type: str, kind: Kind, data: PayloadFields
) -> FoldEvent:
    base = (position, moment, data.event_id, event_type)
    if kind == "corroborated":
        evidence = data.evidence
        refs = (_ref_of(data.event_id, evidence),) if isinstance(evidence, EvidenceFields) else ()
        return FoldEvent(*base, "corroborated", subject=data.subject, sources=refs)
    if kind == "other":
        return FoldEvent(*base, "other")
    return FoldEvent(*base, kind, subject=data.subject)


_build = tuple.__new__


def _ref_of(event_id: str, evidence: EvidenceFields) -> Ref:
    return _build(
        Ref, (event_id, evidence.url, evidence.article_id, evidence.sentence, evidence.confidence)
    )
