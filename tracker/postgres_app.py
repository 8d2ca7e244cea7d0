"""The tracker over a PostgreSQL log: ``--db postgresql://...`` (``Tracker.open`` comes here).

The log lives in PostgreSQL with the followers' checkpoints, the feed tables
(:meth:`PostgresStore.feed_db`: feeds, fetch, status, several daemons sharing the feeds by
leases) and the tables beside the log (:attr:`PostgresStore.tables`): the materialized
states and their snapshots, written by the projection follower in the transaction that
moves its checkpoint, and the dedup index, each with the same SQL as on SQLite
(:mod:`tracker.store.side`). Extraction, a follower that keeps nothing but its checkpoint,
runs as on SQLite. Imported only for a PostgreSQL URL: SQLite paths never load psycopg.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from events import RecordedEvent
from tracker.app import Tracker
from tracker.projection_store import ProjectionStore
from tracker.store.postgres_store import PostgresStore

if TYPE_CHECKING:
    from tracker.store import EventStore

__all__ = ["PostgresTracker"]


class PostgresTracker(Tracker):
    """The tracker over a PostgreSQL log (see the module's docstring)."""

    def __init__(self, store: PostgresStore) -> None:
        # Not Tracker.__init__: the extraction checkpoint's table is SQLite's (on a server
        # the checkpoint is a row of processor_checkpoints). The queries read the store
        # through the LogStore interface only.
        self.store = cast("EventStore", store)
        self.projection = ProjectionStore(store)
        # A crash between an append and its catch-up is repaired by the next open.
        self.projection.catch_up()

    @classmethod
    def open(cls, path: Any) -> PostgresTracker:
        store = PostgresStore.open(str(path))
        try:
            return cls(store)
        except BaseException:
            store.close()
            raise

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
