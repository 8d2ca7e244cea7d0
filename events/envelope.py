"""A recorded event: the event with its place in the log and the time the log learned it."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from events.base import DomainEvent

__all__ = ["RecordedEvent"]


class RecordedEvent(NamedTuple):
    """One row of the log, decoded. ``recorded_at`` is transaction time (UTC).

    A NamedTuple rather than a frozen dataclass: immutable all the same, and several times
    cheaper to build, which matters when a rebuild decodes millions of rows.
    """

    position: int
    stream: str
    version: int
    recorded_at: datetime
    event: DomainEvent
    metadata: dict[str, Any] = {}  # noqa: RUF012 - never mutated; rows share the empty dict

    @property
    def event_type(self) -> str:
        return self.event.event_type
