"""An event id as a person types it: the whole UUID, or the first 8 or more characters of
one (what ``tracker log`` shows). An ambiguous prefix names its candidates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.errors import UnknownEventError, UsageError, quoted

if TYPE_CHECKING:
    from tracker.app import Tracker

__all__ = ["MIN_PREFIX", "resolve_event_id"]

MIN_PREFIX = 8
_SHOWN = 10  # candidates listed for an ambiguous prefix


def resolve_event_id(t: Tracker, text: str) -> str:
    """The full id of the one event whose id starts with ``text``."""
    from tracker.describe import describe

    prefix = text.strip().lower()
    if len(prefix) < MIN_PREFIX:
        raise UsageError(
            f"{quoted(text)} is too short for an event id: give at least {MIN_PREFIX} "
            "characters, as `tracker log` shows them"
        )
    rows = t.store.event_ids_starting(prefix, _SHOWN + 1)
    if not rows:
        raise UnknownEventError(
            f"no event id starts with {quoted(text)}; `tracker log` lists the event ids"
        )
    if len(rows) == 1:
        return rows[0]
    lines = []
    for event_id in rows[:_SHOWN]:
        found = t.store.get(event_id)
        lines.append(f"  {event_id}  {describe(found.event) if found else ''}")
    more = "\n  ..." if len(rows) > _SHOWN else ""
    raise UsageError(
        f"{quoted(text)} starts more than one event id; give more characters:\n"
        + "\n".join(lines)
        + more
    )
