"""Modality, cooperation areas and evidence: how sure, about what, and who says so."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ANALYST", "Area", "Evidence", "Modality"]

# The extractor name evidence carries when a person, not a program, recorded the event.
ANALYST = "analyst"


class Modality(StrEnum):
    """Whether the event happened, is planned, was denied, or was planned and fell through."""

    REALIZED = "realized"
    PLANNED = "planned"
    NEGATED = "negated"
    FAILED = "failed"


class Area(StrEnum):
    """Fields of cooperation an event concerns."""

    ECONOMY = "economy"
    TRADE = "trade"
    ENERGY = "energy"
    NUCLEAR = "nuclear"
    DEFENSE = "defense"
    SECURITY = "security"
    BORDER_SECURITY = "border_security"
    DEMOCRACY = "democracy"
    PEOPLE_TO_PEOPLE = "people_to_people"
    HUMANITARIAN = "humanitarian"
    TECHNOLOGY = "technology"
    DIPLOMACY = "diplomacy"


class Evidence(BaseModel):
    """The source behind an event: the article, the exact sentence, and who read it."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    article_id: str | None = None
    url: str | None = None
    sentence: str | None = None
    extractor: str = ANALYST
    extractor_version: str = "1"
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
