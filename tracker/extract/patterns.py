"""The event patterns: trigger words for every family, each mapped to an event and CAMEO code.

Patterns match lemmas (the lookup lemmatizer), so "signed", "signs" and "signing" are one
pattern. Each :class:`Trigger` says which event it makes, with which CAMEO code, and how the
parties are read around it (see :mod:`tracker.extract.roles`). The tables live in
``triggers_ties`` (agreements, contacts, memberships) and ``triggers_stances``.
"""

from __future__ import annotations

from tracker.extract.pattern_syntax import AGREEMENT_NOUNS, Pattern, Trigger
from tracker.extract.triggers_stances import STANCES
from tracker.extract.triggers_ties import TIES

__all__ = ["AGREEMENT_NOUNS", "PRAISE", "TRIGGERS", "Pattern", "Trigger"]

TRIGGERS: tuple[Trigger, ...] = (*TIES, *STANCES)

PRAISE = next(trigger for trigger in TRIGGERS if trigger.name == "praise")
