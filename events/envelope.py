"""A recorded event: the event with its place in the log and the time the log learned it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from events.base import DomainEvent

__all__ = ["RecordedEvent"]


@dataclass(frozen=True, slots=True)
class RecordedEvent:
    """One row of the log, decoded. ``recorded_at`` is transaction time (UTC)."""

    position: int
    stream: str
    version: int
    recorded_at: datetime
    event: DomainEvent
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def event_type(self) -> str:
        return self.event.event_type
