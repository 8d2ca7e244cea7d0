"""Stances and measures: what one actor says of, or does to, another outside agreements."""

from __future__ import annotations

from typing import ClassVar

from events.base import DiplomaticEvent, normalize_name

__all__ = [
    "AccusationMade",
    "AidProvided",
    "AmbassadorRecalled",
    "ApologyMade",
    "AppealMade",
    "CeasefireDeclared",
    "CooperationIntentExpressed",
    "CriticismVoiced",
    "DemandMade",
    "DiplomatsExpelled",
    "MaterialCooperationUndertaken",
    "PersonsReleased",
    "PraiseExpressed",
    "ProposalRejected",
    "ProtestLodged",
    "SanctionsEased",
    "SanctionsImposed",
    "StanceEvent",
    "SympathyExpressed",
    "ThreatIssued",
]


class StanceEvent(DiplomaticEvent):
    """A statement or measure directed by the source at the target."""

    family: ClassVar[str] = "stance"

    topic: str | None = None

    def object_key(self) -> str:
        return normalize_name(self.topic) if self.topic else ""


class CooperationIntentExpressed(StanceEvent):
    """The source said it means to cooperate with the target."""

    event_type: ClassVar[str] = "CooperationIntentExpressed"
    default_cameo: ClassVar[str] = "030"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset(
        {"031", "0311", "0312", "032", "033", "036"}
    )


class PraiseExpressed(StanceEvent):
    """The source praised or endorsed the target."""

    event_type: ClassVar[str] = "PraiseExpressed"
    default_cameo: ClassVar[str] = "051"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset({"050"})


class ApologyMade(StanceEvent):
    """The source apologised to the target (CAMEO 055)."""

    event_type: ClassVar[str] = "ApologyMade"
    default_cameo: ClassVar[str] = "055"


class SympathyExpressed(StanceEvent):
    """The source expressed sympathy or solidarity to the target: condolences, standing by
    it after an attack (CAMEO 018)."""

    event_type: ClassVar[str] = "SympathyExpressed"
    default_cameo: ClassVar[str] = "018"


class MaterialCooperationUndertaken(StanceEvent):
    """The parties cooperated in substance (economic, military, security)."""

    event_type: ClassVar[str] = "MaterialCooperationUndertaken"
    default_cameo: ClassVar[str] = "060"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset({"061", "062"})


class AidProvided(StanceEvent):
    """The source gave the target aid (economic, military or humanitarian)."""

    event_type: ClassVar[str] = "AidProvided"
    default_cameo: ClassVar[str] = "070"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset({"071", "072", "073"})


class AppealMade(StanceEvent):
    """The source appealed to, urged or asked the target to do something (not a demand)."""

    event_type: ClassVar[str] = "AppealMade"
    default_cameo: ClassVar[str] = "020"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset(
        {"0213", "0242", "0254", "0256", "026", "028"}
    )


class PersonsReleased(StanceEvent):
    """The source released or handed over people it held (prisoners, detainees) to the target."""

    event_type: ClassVar[str] = "PersonsReleased"
    default_cameo: ClassVar[str] = "0841"
    # 0353: an announced release ("said it would free 150 prisoners").
    allowed_cameo: ClassVar[frozenset[str]] = frozenset({"0353"})


class CeasefireDeclared(StanceEvent):
    """The source declared or agreed a truce or ceasefire with the target, or pulled back."""

    event_type: ClassVar[str] = "CeasefireDeclared"
    default_cameo: ClassVar[str] = "0871"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset({"087", "080", "0356"})


class DemandMade(StanceEvent):
    """The source demanded something of the target."""

    event_type: ClassVar[str] = "DemandMade"
    default_cameo: ClassVar[str] = "100"


class CriticismVoiced(StanceEvent):
    """The source criticized or denounced the target."""

    event_type: ClassVar[str] = "CriticismVoiced"
    default_cameo: ClassVar[str] = "111"


class AccusationMade(StanceEvent):
    """The source accused the target (of failing obligations, of threatening it, ...)."""

    event_type: ClassVar[str] = "AccusationMade"
    default_cameo: ClassVar[str] = "112"


class ProtestLodged(StanceEvent):
    """The source lodged an official protest or complaint with the target."""

    event_type: ClassVar[str] = "ProtestLodged"
    default_cameo: ClassVar[str] = "114"


class ProposalRejected(StanceEvent):
    """The source rejected a proposal, request or plan of the target."""

    event_type: ClassVar[str] = "ProposalRejected"
    default_cameo: ClassVar[str] = "120"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset({"128"})


class ThreatIssued(StanceEvent):
    """The source threatened the target."""

    event_type: ClassVar[str] = "ThreatIssued"
    default_cameo: ClassVar[str] = "130"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset({"138"})


class SanctionsImposed(StanceEvent):
    """The source imposed sanctions, an embargo or a boycott on the target, or cut off the
    aid it gave (CAMEO 162)."""

    event_type: ClassVar[str] = "SanctionsImposed"
    default_cameo: ClassVar[str] = "163"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset({"162"})


class SanctionsEased(StanceEvent):
    """The source lifted or eased sanctions, an embargo or a boycott on the target."""

    event_type: ClassVar[str] = "SanctionsEased"
    default_cameo: ClassVar[str] = "085"
    allowed_cameo: ClassVar[frozenset[str]] = frozenset({"081"})


class AmbassadorRecalled(StanceEvent):
    """The source recalled its ambassador from the target."""

    event_type: ClassVar[str] = "AmbassadorRecalled"
    default_cameo: ClassVar[str] = "161"


class DiplomatsExpelled(StanceEvent):
    """The source expelled diplomats of the target."""

    event_type: ClassVar[str] = "DiplomatsExpelled"
    default_cameo: ClassVar[str] = "161"
