"""Fields of cooperation named in a sentence."""

from __future__ import annotations

import re

from events import Area

__all__ = ["areas_in"]

_CUES: dict[Area, str] = {
    Area.ECONOMY: r"econom\w*|investment\w*|business|financ\w*|grant|loan",
    Area.TRADE: r"trade|tariff\w*|export\w*|import\w*|free-trade",
    Area.ENERGY: r"energy|oil|gas|electricity|biofuel\w*|pipeline\w*|power plant",
    Area.NUCLEAR: r"nuclear|123 agreement|uranium|reactor\w*",
    Area.DEFENSE: r"defen[cs]e|military|militar\w*|arms|weapons?|troops|army|war games|"
    r"exercises",
    Area.SECURITY: r"security|terror\w*|counter-?terrorism|Daesh|ISIS|Islamic State|sovereignty",
    Area.BORDER_SECURITY: r"border(?:s)?|customs|immigration|ICE|CBP",
    Area.DEMOCRACY: r"democra\w*|elections?|human rights|rule of law|governance",
    Area.PEOPLE_TO_PEOPLE: r"people-to-people|exchanges?|education\w*|cultur\w*|tourism",
    Area.HUMANITARIAN: r"humanitarian|refugees?|food aid|relief",
    Area.TECHNOLOGY: r"technolog\w*|cyber\w*|semiconductor\w*|artificial intelligence",
}
_PATTERNS = {area: re.compile(rf"\b(?:{cue})\b") for area, cue in _CUES.items()}


def areas_in(sentence: str) -> tuple[Area, ...]:
    """The areas whose cue words occur in ``sentence`` (case matters only for acronyms)."""
    found = []
    for area, pattern in _PATTERNS.items():
        if pattern.search(sentence) or pattern.search(sentence.lower()):
            found.append(area)
    return tuple(found)
