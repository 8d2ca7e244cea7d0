"""Contacts: meetings, visits, phone calls and talks, with their level and the people."""

from __future__ import annotations

from typing import ClassVar

from events.base import DiplomaticEvent
from events.evidence import TextEnum

__all__ = [
    "ContactEvent",
    "ContactLevel",
    "MeetingHeld",
    "PhoneCallHeld",
    "TalksHeld",
    "VisitMade",
]


class ContactLevel(TextEnum):
    """The rank of the highest-level participants, highest first."""

    HEAD_OF_STATE = "head_of_state"
    HEAD_OF_GOVERNMENT = "head_of_government"
    FOREIGN_MINISTER = "foreign_minister"
    MINISTER = "minister"
    OFFICIAL = "official"
    UNKNOWN = "unknown"

    @property
    def rank(self) -> int:
        return list(ContactLevel).index(self)

    @property
    def is_high(self) -> bool:
        """Heads of state or government and foreign ministers count as high-level."""
        return self.rank <= ContactLevel.FOREIGN_MINISTER.rank


class ContactEvent(DiplomaticEvent):
    """Officials of the two parties were in contact."""

    family: ClassVar[str] = "contact"
    form: ClassVar[str]

    level: ContactLevel = ContactLevel.UNKNOWN
    topic: str | None = None


class MeetingHeld(ContactEvent):
    """Officials of the parties met."""

    event_type: ClassVar[str] = "MeetingHeld"
    default_cameo: ClassVar[str] = "040"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset({"043", "044", "036"})
    symmetric: ClassVar[bool] = True
    form: ClassVar[str] = "meeting"


class VisitMade(ContactEvent):
    """A visit between the parties: the source visited the target (CAMEO 042), or, coded
    043 as CAMEO does for "X hosted Y", the source hosted the target's visit."""

    event_type: ClassVar[str] = "VisitMade"
    default_cameo: ClassVar[str] = "042"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset({"043"})
    form: ClassVar[str] = "visit"

    place: str | None = None

    @property
    def visitor(self) -> str:
        """The party that travelled, whichever way the event was coded."""
        return self.target if self.code == "043" else self.source

    @property
    def host(self) -> str:
        """The party that received the visit."""
        return self.source if self.code == "043" else self.target


class PhoneCallHeld(ContactEvent):
    """Officials of the parties spoke by telephone (or video call)."""

    event_type: ClassVar[str] = "PhoneCallHeld"
    default_cameo: ClassVar[str] = "041"
    symmetric: ClassVar[bool] = True
    form: ClassVar[str] = "phone call"


class TalksHeld(ContactEvent):
    """The parties held talks or negotiations (not tied to one named agreement)."""

    event_type: ClassVar[str] = "TalksHeld"
    default_cameo: ClassVar[str] = "046"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset({"036", "040"})
    symmetric: ClassVar[bool] = True
    form: ClassVar[str] = "talks"
