"""Agreements through their lifecycle: negotiated, initialed, signed, ratified, in force, ended."""

from __future__ import annotations

from typing import ClassVar

from pydantic import field_validator

from events.base import DiplomaticEvent, normalize_name

__all__ = [
    "AgreementEnteredIntoForce",
    "AgreementEvent",
    "AgreementInitialed",
    "AgreementRatified",
    "AgreementSigned",
    "AgreementSuspended",
    "AgreementTerminated",
    "NegotiationsOpened",
]


class AgreementEvent(DiplomaticEvent):
    """A step in the life of a named agreement between the parties."""

    family: ClassVar[str] = "agreement"
    symmetric: ClassVar[bool] = True

    agreement: str

    @field_validator("agreement")
    @classmethod
    def _named(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("an agreement event names its agreement")
        return value.strip()

    def object_key(self) -> str:
        return normalize_name(self.agreement)


class NegotiationsOpened(AgreementEvent):
    """Negotiations on an agreement were announced or held."""

    event_type: ClassVar[str] = "NegotiationsOpened"
    default_cameo: ClassVar[str] = "046"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset({"036"})


class AgreementInitialed(AgreementEvent):
    """The negotiators initialed the agreed text."""

    event_type: ClassVar[str] = "AgreementInitialed"
    default_cameo: ClassVar[str] = "057"


class AgreementSigned(AgreementEvent):
    """The parties signed the agreement."""

    event_type: ClassVar[str] = "AgreementSigned"
    default_cameo: ClassVar[str] = "057"


class AgreementRatified(AgreementEvent):
    """The source party ratified the agreement."""

    event_type: ClassVar[str] = "AgreementRatified"
    default_cameo: ClassVar[str] = "057"
    symmetric: ClassVar[bool] = False


class AgreementEnteredIntoForce(AgreementEvent):
    """The agreement entered into force."""

    event_type: ClassVar[str] = "AgreementEnteredIntoForce"
    default_cameo: ClassVar[str] = "057"


class AgreementSuspended(AgreementEvent):
    """The source party suspended the agreement."""

    event_type: ClassVar[str] = "AgreementSuspended"
    default_cameo: ClassVar[str] = "160"
    symmetric: ClassVar[bool] = False


class AgreementTerminated(AgreementEvent):
    """The agreement was terminated or denounced by the source party."""

    event_type: ClassVar[str] = "AgreementTerminated"
    default_cameo: ClassVar[str] = "161"
    symmetric: ClassVar[bool] = False
