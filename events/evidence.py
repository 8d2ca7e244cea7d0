"""Modality, cooperation areas and evidence: how sure, about what, and who says so."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, cast

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler
from pydantic_core import core_schema

__all__ = ["ANALYST", "Area", "Evidence", "Modality", "TextEnum"]

# The extractor name evidence carries when a person, not a program, recorded the event.
ANALYST = "analyst"


class TextEnum(StrEnum):
    """A StrEnum that pydantic writes to JSON as the text it already is.

    pydantic's enum serializer reads each member's ``.value``, a Python-level descriptor
    on 3.11 (about a microsecond an event on the append path); a StrEnum member is its
    value, so writing it as a string gives the same JSON without that call.
    """

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        schema = dict(handler(source))
        schema["serialization"] = core_schema.to_string_ser_schema()
        return cast(core_schema.CoreSchema, schema)


class Modality(TextEnum):
    """Whether the event happened, is planned, was denied, or was planned and fell through."""

    REALIZED = "realized"
    PLANNED = "planned"
    NEGATED = "negated"
    FAILED = "failed"


class Area(TextEnum):
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
