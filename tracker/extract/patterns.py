"""The event patterns: trigger words for every family, each mapped to an event and CAMEO code.

Patterns match lemmas (the lookup lemmatizer), so "signed", "signs" and "signing" are one
pattern. Each :class:`Trigger` says which event it makes, with which CAMEO code, and how the
parties are read around it (see :mod:`tracker.extract.roles`). The triggers are data, read
from ``seeds/extractor/triggers_*.toml`` (see :mod:`tracker.extract.knowledge`).
"""

from __future__ import annotations

from tracker.extract.knowledge import load_triggers, load_words
from tracker.extract.pattern_syntax import Pattern, Trigger

__all__ = ["AGREEMENT_NOUNS", "PRAISE", "TRIGGERS", "Pattern", "Trigger"]

TRIGGERS: tuple[Trigger, ...] = load_triggers()

# Words that name an agreement (``words.toml``): a trigger that needs one looks for them.
AGREEMENT_NOUNS = frozenset(load_words()["agreement_nouns"])

PRAISE = next(trigger for trigger in TRIGGERS if trigger.name == "praise")
