"""The vocabulary of trigger patterns: the Trigger record and pattern helpers.

Patterns are written in spaCy's Matcher token format; see ``trigger_index`` for how they
are matched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["AGREEMENT_NOUNS", "Pattern", "Trigger", "gap", "lemma", "lower", "optional"]

Pattern = list[dict[str, Any]]

AGREEMENT_NOUNS = frozenset(
    """agreement agreements treaty treaties charter accord accords pact pacts deal deals
    memorandum memoranda protocol convention declaration roadmap framework statute contract
    contracts document documents statement""".split()
)


@dataclass(frozen=True, slots=True)
class Trigger:
    """A family of trigger patterns and the event they make.

    ``roles``: "directed" (source before, target after), "mutual" (the parties together,
    e.g. "A and B met"), "membership" (a state and an organisation), "visit" (the visitor
    and the place), "host" (the host and the guest), "reported" (the reporter demands of
    the actor named before "must"). ``needs``: "agreement" when the sentence must name an
    agreement near the trigger, "pair" when a hyphenated pair of actors must stand right
    before it ("the Putin-Zelensky meeting"). ``announced``: the event to make instead
    when the act is only announced ("intention to withdraw").
    """

    name: str
    event_type: str
    roles: str
    patterns: list[Pattern]
    cameo: str | None = None
    needs: str | None = None
    announced: str | None = None
    topic_after: bool = False
    # A verb of saying or intending: acts named after it in the sentence are its content
    # ("rejected a US offer to host talks", "agreed to hold exercises"), not acts of their own.
    governs: bool = False
    # Whether a date in what it governs dates that content, not the act ("agreed to hold
    # consultations in May"); not so for an application ("applied to join the EU in 2022").
    content_dated: bool = True


def lemma(*words: str) -> dict[str, Any]:
    return {"LEMMA": {"IN": list(words)}}


def lower(*words: str) -> dict[str, Any]:
    return {"LOWER": {"IN": list(words)}}


def gap(up_to: int) -> dict[str, Any]:
    """Up to ``up_to`` tokens of anything but sentence punctuation."""
    return {"IS_PUNCT": False, "OP": "{0," + str(up_to) + "}"}


def optional(*words: str, up_to: int = 1) -> dict[str, Any]:
    """Up to ``up_to`` tokens, each one of ``words`` (by lower form)."""
    return {"LOWER": {"IN": list(words)}, "OP": "{0," + str(up_to) + "}"}
