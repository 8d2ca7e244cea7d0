"""Before serving read-only: bring the projection up to date and put the SQL views in place.

This is the one write ``tracker serve`` makes, and never to the log: the materialized
states (so that "now" is one read per relationship), the marks the changes are read from
(:mod:`tracker.changes.stored`) and the views. When the file cannot be
written (a read-only copy), the page still works: queries fold from the log instead.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from tracker.errors import TrackerError
from tracker.store.postgres import is_url
from tracker.web.readonly import open_readonly
from tracker.web.views import ensure_views

__all__ = ["Prepared", "prepare"]


@dataclass(frozen=True, slots=True)
class Prepared:
    """What preparing did: the views present, or why nothing could be written."""

    views: tuple[str, ...]
    problem: str | None = None


def prepare(path: str | Path) -> Prepared:
    """Catch the projection up and ensure the views; raise UsageError if ``path`` is no db."""
    server = is_url(path)  # a PostgreSQL log: no views (they are for datasette on a file)
    if not server:
        open_readonly(path).close()  # an existing tracker database, or a clear error
    from tracker.app import Tracker

    try:
        with Tracker.open(path) as tracker:  # opening catches the projection up
            from tracker.changes import stored

            stored.catch_up(tracker.store)
            return Prepared(() if server else tuple(ensure_views(tracker.store.conn)))
    except (TrackerError, sqlite3.Error) as exc:
        return Prepared((), f"could not update the projection and views ({exc})")
