"""The tracker over a PostgreSQL log: ``--db postgresql://...`` (``Tracker.open`` comes here).

The log lives in PostgreSQL with the followers' checkpoints, and the feed tables beside it
(:meth:`PostgresStore.feed_db`: feeds, fetch, status, and several daemons sharing the
feeds by leases). Extraction, a follower that keeps nothing but its checkpoint, runs as on
SQLite. Every state is folded from its relationship's own events (read through the pair
index), none from materialized states; recording, retracting, the log, verify, state,
timeline and replay work. What needs the tables that are still SQLite's (the materialized
states behind ``relations`` and ``replay --rebuild``, the watches) says so in words.
Imported only for a PostgreSQL URL: SQLite paths never load psycopg.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, NoReturn, cast

from events import RecordedEvent
from tracker.app import Tracker
from tracker.errors import UsageError
from tracker.projection_store import ProjectionCheck
from tracker.store.postgres_store import PostgresStore

if TYPE_CHECKING:
    from tracker.projection_store import ProjectionStore
    from tracker.projections import RelationshipState, StateHeads
    from tracker.queries import RelationSummary
    from tracker.store import EventStore

__all__ = ["LogFolds", "PostgresTracker"]


def _not_yet(what: str) -> NoReturn:
    raise UsageError(
        f"{what} needs the materialized states, which are not in PostgreSQL yet (only the "
        "log is); run it on the SQLite file, or fold one pair with `tracker state A B`"
    )


class LogFolds:
    """The materialized states of a log that has none: every answer is folded from the log."""

    def __init__(self, store: PostgresStore) -> None:
        self.store = store

    def checkpoint(self) -> int:
        return self.store.head()

    def head(self) -> int:
        return self.store.head()

    def is_current(self) -> bool:
        return False

    def catch_up(self) -> int:
        return 0

    def stored_answer(self, key: str, day: date) -> RelationshipState | None:
        return None

    def load(self, key: str) -> RelationshipState | None:
        return None

    def load_heads(self, actor: str | None = None) -> Iterator[StateHeads]:
        _not_yet("listing relations")

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        _not_yet("rebuilding the materialized states")

    def check(self) -> ProjectionCheck:
        """Nothing materialized, so nothing can differ from a rebuild."""
        return ProjectionCheck(True, self.store.head(), 0, ())


class PostgresTracker(Tracker):
    """The tracker over a PostgreSQL log (see the module's docstring)."""

    def __init__(self, store: PostgresStore) -> None:
        # Not Tracker.__init__: its extraction checkpoint and materialized states are SQLite
        # tables. The queries read the store through the LogStore interface only.
        self.store = cast("EventStore", store)
        self.projection = cast("ProjectionStore", LogFolds(store))

    @classmethod
    def open(cls, path: Any) -> PostgresTracker:
        return cls(PostgresStore.open(str(path)))

    def follow(
        self,
        stop: threading.Event,
        *,
        poll: float = 5.0,
        each: Callable[[list[RecordedEvent]], None] | None = None,
    ) -> None:
        """Run the followers at every append's commit until ``stop`` is set.

        Woken by the append's NOTIFY; also every ``poll`` seconds, because a notification
        sent while this connection was down is lost. Listening starts before the first run,
        so an append committed during a run wakes the next one. ``each`` gets every run's
        appended events.
        """
        with cast(PostgresStore, self.store).listen() as listener:
            while not stop.is_set():
                appended = self.run_followers()
                if each is not None:
                    each(appended)
                listener.wait(timeout=poll)

    def relations(
        self, *, actor: str | None = None, as_of: date | None = None
    ) -> list[RelationSummary]:
        _not_yet("`tracker relations`")
