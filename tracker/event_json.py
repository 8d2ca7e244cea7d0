"""Events as flat JSON objects (``{"type": "AgreementSigned", ...fields}``) and JSONL files.

This is the format of ``tracker record --file``, ``tracker import`` and the seed timeline.
Bad input is reported with the line and the field that is wrong, and nothing is appended.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from events import DomainEvent, event_class, event_types
from events.registry import UnknownEventType
from tracker.errors import UnknownActorError, UsageError, quoted
from tracker.store import NewEvent

__all__ = ["event_from_json", "event_to_json", "explain", "read_jsonl"]


def explain(exc: ValidationError) -> str:
    """A one-line-per-problem account of a pydantic validation error."""
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "event"
        message = err["msg"]
        if err["type"] == "string_pattern_mismatch" and where in {"source", "target"}:
            message = (
                f"{quoted(err['input'])} is not an actor code: use an ISO 3166-1 alpha-3 code "
                "(ARM) or a registered organisation code (CSTO)"
            )
        parts.append(f"{where}: {message}")
    return "; ".join(parts)


def event_from_json(data: dict[str, Any]) -> NewEvent:
    """Build a :class:`NewEvent` from a flat object; ``stream``/``metadata`` keys are optional."""
    fields = dict(data)
    type_name = fields.pop("type", None)
    if not isinstance(type_name, str):
        raise UsageError('each event needs a "type", e.g. "AgreementSigned"')
    try:
        cls = event_class(type_name)
    except UnknownEventType:
        known = ", ".join(sorted(event_types()))
        raise UsageError(f"unknown event type {quoted(type_name)}; known types: {known}") from None
    stream = fields.pop("stream", None)
    metadata = fields.pop("metadata", None) or {}
    try:
        event = cls.model_validate(fields)
    except ValidationError as exc:
        raise UsageError(f"{type_name}: {explain(exc)}") from None
    _require_known_actors(event)
    return NewEvent(event, stream=stream, metadata=metadata)


def _require_known_actors(event: DomainEvent) -> None:
    """Refuse a well-formed code nobody knows (``XYZ``), as ``tracker record`` does a name."""
    from tracker.actors import actors, resolve_actor

    known = actors()
    for field in ("source", "target"):
        code = getattr(event, field, None)
        if not isinstance(code, str) or code in known:
            continue
        # An alias written as a code ("DRC") is suggested by its code; else close names.
        try:
            alias_of = resolve_actor(code)
        except UnknownActorError as exc:
            raise UsageError(f"{field}: {exc}") from None
        unknown = UnknownActorError(code, [f"{known[alias_of].name} ({alias_of})"])
        raise UsageError(f"{field}: {unknown}")


def event_to_json(event: DomainEvent) -> dict[str, Any]:
    """The flat object form of an event (the inverse of :func:`event_from_json`)."""
    return {"type": event.event_type, **event.model_dump(mode="json")}


def read_jsonl(path: Path) -> Iterator[NewEvent]:
    """Parse a JSONL file of events, raising :class:`UsageError` with the line number."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    with handle:
        for number, raw in enumerate(handle, start=1):
            # Decoded line by line, so a bad byte is reported with its line.
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise UsageError(
                    f"{path}:{number}: not UTF-8 text (byte {raw[exc.start]:#04x} at column "
                    f"{exc.start + 1}): save the file as UTF-8"
                ) from None
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UsageError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
            if not isinstance(data, dict):
                raise UsageError(f"{path}:{number}: each line must be a JSON object")
            try:
                yield event_from_json(data)
            except UsageError as exc:
                raise UsageError(f"{path}:{number}: {exc}") from None
