"""Events about events: an analyst confirms or retracts one; a further source corroborates it."""

from __future__ import annotations

from typing import ClassVar
from uuid import UUID

from pydantic import field_validator

from events.base import DomainEvent
from events.evidence import Evidence

__all__ = ["EventAnnotation", "EventConfirmed", "EventCorroborated", "EventRetracted"]


class EventAnnotation(DomainEvent):
    """Something said about an earlier event in the log (``subject``)."""

    subject: UUID
    by: str = "analyst"

    def default_stream(self) -> str:
        return f"annotations-{self.subject}"


class EventConfirmed(EventAnnotation):
    """An analyst checked the event against its sources and confirmed it."""

    event_type: ClassVar[str] = "EventConfirmed"

    note: str | None = None


class EventRetracted(EventAnnotation):
    """The event is withdrawn: every state known after this no longer includes it."""

    event_type: ClassVar[str] = "EventRetracted"

    reason: str

    @field_validator("reason")
    @classmethod
    def _given(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a retraction gives its reason")
        return value.strip()


class EventCorroborated(EventAnnotation):
    """A further source reports the same real-world event."""

    event_type: ClassVar[str] = "EventCorroborated"

    evidence: Evidence
