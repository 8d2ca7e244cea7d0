"""Type strings to event classes, and upcasters that read payloads of old schema versions.

Every concrete event class registers itself here when it is defined (see
:class:`events.base.DomainEvent`). The log stores the stable ``type`` string, never a Python
path, so classes can move between modules without touching stored data.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from events.base import DomainEvent

__all__ = [
    "UnknownEventType",
    "decode",
    "event_class",
    "event_types",
    "json_decoder",
    "register",
    "upcaster",
]

Payload = dict[str, Any]
Upcaster = Callable[[Payload], Payload]

_CLASSES: dict[str, type[DomainEvent]] = {}
_UPCASTERS: dict[tuple[str, int], Upcaster] = {}


class UnknownEventType(KeyError):
    """The log holds a type string that no registered class claims."""


def register(cls: type[DomainEvent]) -> None:
    existing = _CLASSES.get(cls.event_type)
    if existing is not None and existing is not cls:
        raise TypeError(f"event type {cls.event_type!r} is claimed by {existing} and {cls}")
    _CLASSES[cls.event_type] = cls


def upcaster(event_type: str, from_version: int) -> Callable[[Upcaster], Upcaster]:
    """Register ``fn`` to turn a ``from_version`` payload into a ``from_version + 1`` one."""

    def wrap(fn: Upcaster) -> Upcaster:
        _UPCASTERS[(event_type, from_version)] = fn
        return fn

    return wrap


def event_class(event_type: str) -> type[DomainEvent]:
    try:
        return _CLASSES[event_type]
    except KeyError:
        raise UnknownEventType(event_type) from None


def event_types() -> dict[str, type[DomainEvent]]:
    """A copy of the registry: type string to class."""
    return dict(_CLASSES)


def upcast(event_type: str, schema_version: int, payload: Payload) -> Payload:
    """Apply upcasters in turn until the payload has the class's current schema version."""
    current = event_class(event_type).schema_version
    version = schema_version
    while version < current:
        step = _UPCASTERS.get((event_type, version))
        if step is None:
            raise ValueError(f"no upcaster for {event_type} v{version} -> v{version + 1}")
        payload = step(payload)
        version += 1
    return payload


def decode(event_type: str, schema_version: int, payload: str | bytes) -> DomainEvent:
    """Rebuild an event from its stored JSON, upcasting old schema versions first."""
    cls = event_class(event_type)
    if schema_version == cls.schema_version:
        return cls.model_validate_json(payload)
    return cls.model_validate(upcast(event_type, schema_version, json.loads(payload)))


def json_decoder(event_type: str, schema_version: int) -> Callable[[str | bytes], DomainEvent]:
    """A function that decodes payloads of one type and version (for reading many rows).

    Current-version payloads go straight to the class's compiled validator, skipping the
    per-call lookups of :func:`decode`.
    """
    cls = event_class(event_type)
    if schema_version == cls.schema_version:
        validate: Callable[[str | bytes], DomainEvent] = cls.__pydantic_validator__.validate_json
        return validate
    return lambda payload: decode(event_type, schema_version, payload)
