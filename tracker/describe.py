"""One-line, human-readable accounts of events, for the log, the timeline and replay.

The words come from :mod:`tracker.words` (``seeds/words.toml``), the one table every
surface reads; this is the name the queries and the CLI know it by.
"""

from __future__ import annotations

from events import DomainEvent
from tracker.words import event_words

__all__ = ["describe"]


def describe(event: DomainEvent) -> str:
    """E.g. "Armenia and the United States signed the Charter on Strategic Partnership"."""
    return event_words(event)
