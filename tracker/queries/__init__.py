"""Questions asked of the log: a relationship's state as of a date and known at a time, the
list of relations, a relationship's timeline, and a replay of the log.

Every function here reads; the Python API (:class:`tracker.app.Tracker`) wraps them, and the
CLI and the web page call that.
"""

from tracker.queries.replay import ReplayStep, replay
from tracker.queries.state import RelationSummary, relations, relationship_key, state, today_utc
from tracker.queries.timeline import TimelineEntry, timeline

__all__ = [
    "RelationSummary",
    "ReplayStep",
    "TimelineEntry",
    "relations",
    "relationship_key",
    "replay",
    "state",
    "timeline",
    "today_utc",
]
