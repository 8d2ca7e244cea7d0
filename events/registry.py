"""Type strings to event classes, and upcasters that read payloads of old schema versions.

Every concrete event class registers itself here when it is defined (see
:class:`events.base.DomainEvent`). The log stores the stable ``type`` string, never a Python
path, so classes can move between modules without touching stored data.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from pydantic_core import SchemaValidator

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
    """A function that decodes *stored* payloads of one type and version (reading the log).

    Current-version payloads go to a validator compiled from the class's own schema less
    the checks named in ``STORED_PAYLOAD_CHECKS``: every stored payload passed them when it
    was appended, and the hash chain guards it since, so re-running them on each of a
    million reads would only cost time. Old versions are upcast and fully validated.
    """
    cls = event_class(event_type)
    if schema_version == cls.schema_version:
        return _stored_validator(cls).validate_json
    return lambda payload: decode(event_type, schema_version, payload)


# Validators that normalize or cross-check input (sorting the areas; source differs from
# target; the CAMEO code fits the type; a name or reason is stripped and not empty). A
# stored payload is their output already.
STORED_PAYLOAD_CHECKS = frozenset({"_sorted_areas", "_consistent", "_named", "_given"})


@cache
def _stored_validator(cls: type[DomainEvent]) -> SchemaValidator:
    schema = _without_checks(cls.__pydantic_core_schema__)
    # Caching only the JSON's keys: its string values are mostly unique (ids, urls, article
    # ids), and looking each up in pydantic's string cache cost a fifth of decoding an event
    # with evidence. The values decoded are the same; only their sharing differs.
    return SchemaValidator(schema, {"cache_strings": "keys"})


def _without_checks(node: Any) -> Any:
    """A copy of a core schema with the after-validators named above unwrapped."""
    if isinstance(node, Mapping):
        # The class's schema may be a lazily built proxy: read it key by key.
        copy = {key: node[key] for key in node.keys()}
        function = copy.get("function")
        if copy.get("type") == "function-after" and isinstance(function, Mapping):
            if getattr(function.get("function"), "__name__", "") in STORED_PAYLOAD_CHECKS:
                return _without_checks(copy["schema"])
        return {key: _without_checks(value) for key, value in copy.items()}
    if isinstance(node, list):
        return [_without_checks(item) for item in node]
    return node
