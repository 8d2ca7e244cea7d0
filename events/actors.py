"""Actor codes and relationships: who the events are between.

States are ISO 3166-1 alpha-3 codes (``ARM``, ``USA``); international organisations and
coalitions use the registered codes in :data:`ORGANISATIONS` (``EU``, ``CSTO``). A
relationship is an unordered pair, so ``ARM-USA`` and ``USA-ARM`` are the same thing.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints, model_validator

__all__ = ["ORGANISATIONS", "ActorCode", "Relationship", "is_organisation"]

# Codes for organisations and coalitions. States never need registering: their ISO code is
# their name. The gazetteer in seeds/ maps the names people write to these codes.
ORGANISATIONS: dict[str, str] = {
    "EU": "European Union",
    "CSTO": "Collective Security Treaty Organization",
    "NATO": "North Atlantic Treaty Organization",
    "UN": "United Nations",
    "UNSC": "United Nations Security Council",
    "OSCE": "Organization for Security and Co-operation in Europe",
    "EAEU": "Eurasian Economic Union",
    "CIS": "Commonwealth of Independent States",
    "ECOWAS": "Economic Community of West African States",
    "AU": "African Union",
    "ASEAN": "Association of Southeast Asian Nations",
    "WHO": "World Health Organization",
    "ICC": "International Criminal Court",
    "IAEA": "International Atomic Energy Agency",
    "COE": "Council of Europe",
    "SCO": "Shanghai Cooperation Organisation",
    "BRICS": "BRICS",
    "GCC": "Gulf Cooperation Council",
    "OAS": "Organization of American States",
    "APEC": "Asia-Pacific Economic Cooperation",
    "OPEC": "Organization of the Petroleum Exporting Countries",
    "IMF": "International Monetary Fund",
    "WB": "World Bank",
    "WTO": "World Trade Organization",
    "GCAD": "Global Coalition against Daesh",
    "ARAB": "Arab League",
    "G7": "Group of Seven",
    "G20": "Group of Twenty",
    "OTS": "Organization of Turkic States",
    "OIC": "Organisation of Islamic Cooperation",
    "MERCOSUR": "Mercosur",
    "CELAC": "Community of Latin American and Caribbean States",
    "CARICOM": "Caribbean Community",
    "SADC": "Southern African Development Community",
    "EAC": "East African Community",
    "IGAD": "Intergovernmental Authority on Development",
    "SAARC": "South Asian Association for Regional Cooperation",
    "OECD": "Organisation for Economic Co-operation and Development",
    "EFTA": "European Free Trade Association",
    "AUKUS": "AUKUS",
    "PIF": "Pacific Islands Forum",
}

# A pattern pydantic checks natively (no Python call per field: the log decodes millions).
_ACTOR_PATTERN = "^(?:[A-Z]{3}|" + "|".join(sorted(ORGANISATIONS, key=len, reverse=True)) + ")$"

ActorCode = Annotated[str, StringConstraints(pattern=_ACTOR_PATTERN)]


def is_organisation(code: str) -> bool:
    """True for a registered organisation or coalition code."""
    return code in ORGANISATIONS


class Relationship(BaseModel):
    """An unordered pair of distinct actors; ``key`` is the two codes sorted, joined by '-'."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    a: ActorCode
    b: ActorCode

    @model_validator(mode="before")
    @classmethod
    def _order(cls, data: Any) -> Any:
        if isinstance(data, str):
            parts = data.split("-")
            if len(parts) != 2:
                raise ValueError(f"{data!r} is not a relationship key like ARM-USA")
            data = {"a": parts[0], "b": parts[1]}
        if isinstance(data, dict) and "a" in data and "b" in data:
            first, second = sorted((str(data["a"]), str(data["b"])))
            if first == second:
                raise ValueError(f"a relationship needs two different actors, got {first} twice")
            data = {"a": first, "b": second}
        return data

    @classmethod
    def of(cls, one: str, other: str) -> Relationship:
        """The relationship between two actors, in either order."""
        return cls(a=one, b=other)

    @property
    def key(self) -> str:
        return f"{self.a}-{self.b}"

    def __str__(self) -> str:
        return self.key
