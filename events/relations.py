"""Diplomatic relations between two states: established or restored, downgraded, severed.

Relations are a standing condition of the pair, not an act among others: two states that
severed relations have no embassies, whatever else they do, until they restore them. So
these events move one status of the relationship (see the fold), as memberships do.
"""

from __future__ import annotations

from typing import ClassVar

from events.base import DiplomaticEvent

__all__ = [
    "DiplomaticRelationsDowngraded",
    "DiplomaticRelationsEstablished",
    "DiplomaticRelationsSevered",
    "RelationsEvent",
]


class RelationsEvent(DiplomaticEvent):
    """A change in the level of diplomatic relations between the source and the target."""

    # A pair has one set of diplomatic relations, so the steps need no object key.
    family: ClassVar[str] = "relations"


class DiplomaticRelationsEstablished(RelationsEvent):
    """The two states established diplomatic relations, or restored them after a break
    or a downgrade (ambassadors returned, embassies reopened)."""

    event_type: ClassVar[str] = "DiplomaticRelationsEstablished"
    # CAMEO has no code for restoring relations; granting recognition is the nearest act.
    default_cameo: ClassVar[str] = "054"
    symmetric: ClassVar[bool] = True


class DiplomaticRelationsDowngraded(RelationsEvent):
    """The source lowered its diplomatic relations with the target (an embassy reduced to a
    chargé d'affaires, a mission closed) without breaking them off."""

    event_type: ClassVar[str] = "DiplomaticRelationsDowngraded"
    default_cameo: ClassVar[str] = "161"


class DiplomaticRelationsSevered(RelationsEvent):
    """The source broke off diplomatic relations with the target."""

    event_type: ClassVar[str] = "DiplomaticRelationsSevered"
    default_cameo: ClassVar[str] = "161"
