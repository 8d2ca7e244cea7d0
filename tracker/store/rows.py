"""What goes into the log and how its times are written: shared by writer and reader."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, NamedTuple

from events import DomainEvent

__all__ = ["NewEvent", "stamp", "utc_now"]


def utc_now() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime) -> str:
    """A moment as the log writes ``recorded_at``: UTC, fixed width, so text order is time."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


class NewEvent(NamedTuple):
    """An event to append, with its stream (default: the event's own) and provenance."""

    event: DomainEvent
    stream: str | None = None
    expected_version: int | None = None
    metadata: dict[str, Any] = {}  # noqa: RUF012 - read, never mutated
