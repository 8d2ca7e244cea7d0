"""Commitments: a pledge made by the source to the target, then fulfilled or not kept."""

from __future__ import annotations

from typing import ClassVar

from pydantic import field_validator

from events.base import DiplomaticEvent, normalize_name

__all__ = ["CommitmentEvent", "PledgeFulfilled", "PledgeMade", "PledgeNotKept"]


class CommitmentEvent(DiplomaticEvent):
    """A step in the life of a pledge; ``commitment`` says what was pledged."""

    family: ClassVar[str] = "commitment"

    commitment: str

    @field_validator("commitment")
    @classmethod
    def _named(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a commitment event says what was pledged")
        return value.strip()

    def object_key(self) -> str:
        return normalize_name(self.commitment)


class PledgeMade(CommitmentEvent):
    """The source pledged something to the target, with a due date if one was given."""

    event_type: ClassVar[str] = "PledgeMade"
    default_cameo: ClassVar[str] = "030"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset({"031", "0311", "0312", "032", "033"})


class PledgeFulfilled(CommitmentEvent):
    """The pledge was reported kept."""

    event_type: ClassVar[str] = "PledgeFulfilled"
    default_cameo: ClassVar[str] = "060"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset({"061", "062", "070", "071", "072"})


class PledgeNotKept(CommitmentEvent):
    """The pledge was reported not kept: the promised act did not happen."""

    event_type: ClassVar[str] = "PledgeNotKept"
    default_cameo: ClassVar[str] = "120"
