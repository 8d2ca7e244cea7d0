"""The feed tables: operational state beside the log, never in it.

``feeds`` is the feed list; ``feed_health`` what the last polls taught (validators, errors,
backoff); ``feed_entries`` a cache of entry identity -> article and content hash, so an
unchanged entry costs no read of the log (the log stays the authority: see ``ingest``;
entries may belong to a feed file ingested by hand, so they name a feed without a foreign key);
``daemon_heartbeat`` the one row a running daemon keeps fresh for ``tracker status``;
``feed_moves`` the URLs a feed had before a permanent redirect moved it, so its entries
stored from there keep their identity (see ``ingest``).

On PostgreSQL the same tables hold the same columns (times as ISO text, flags as integers,
so one spelling of their SQL serves both: :mod:`tracker.feeds.tables`), and the feeds carry
a lease for several daemons sharing them (``next_poll_at``, ``leased_by``,
``leased_until``: :mod:`tracker.feeds.leases`); ``daemons`` holds every daemon's heartbeat
in place of the one row of ``daemon_heartbeat``.
"""

from __future__ import annotations

import sqlite3

from tracker.feeds.tables import FeedDb, portable
from tracker.store import migrate

__all__ = ["FEED_MIGRATIONS", "PG_FEED_MIGRATIONS", "ensure_feed_tables"]

FEED_MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE IF NOT EXISTS feeds (
            name TEXT PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            interval_seconds REAL NOT NULL,
            enabled INTEGER NOT NULL DEFAULT 1,
            disabled_reason TEXT,
            added_at TEXT NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS feed_health (
            feed TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            last_polled_at TEXT,
            last_success_at TEXT,
            last_status INTEGER,
            last_outcome TEXT,
            last_error TEXT,
            last_warning TEXT,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            next_run_at TEXT,
            items_seen INTEGER NOT NULL DEFAULT 0,
            articles_ingested INTEGER NOT NULL DEFAULT 0,
            polls INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE IF NOT EXISTS feed_entries (
            feed TEXT NOT NULL,
            entry_key TEXT NOT NULL,
            article_id TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (feed, entry_key)
        ) WITHOUT ROWID""",
        """CREATE TABLE IF NOT EXISTS daemon_heartbeat (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            pid INTEGER NOT NULL,
            host TEXT NOT NULL,
            started_at TEXT NOT NULL,
            heartbeat_at TEXT NOT NULL,
            stopped_at TEXT,
            polls INTEGER NOT NULL DEFAULT 0
        )""",
    ],
    [
        """CREATE TABLE IF NOT EXISTS feed_moves (
            feed TEXT NOT NULL,
            url TEXT NOT NULL,
            moved_at TEXT NOT NULL,
            PRIMARY KEY (feed, url)
        ) WITHOUT ROWID""",
    ],
]


_C = 'COLLATE "C"'  # text compared and sorted in SQLite's byte order

PG_FEED_MIGRATIONS: list[list[str]] = [
    [
        f"""CREATE TABLE feeds (
            name TEXT {_C} PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            interval_seconds DOUBLE PRECISION NOT NULL,
            enabled INTEGER NOT NULL DEFAULT 1,
            disabled_reason TEXT,
            added_at TEXT {_C} NOT NULL,
            next_poll_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            leased_by TEXT,
            leased_until TIMESTAMPTZ
        )""",
        "CREATE INDEX feeds_due ON feeds (next_poll_at) WHERE enabled = 1",
        f"""CREATE TABLE feed_health (
            feed TEXT {_C} PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            last_polled_at TEXT {_C},
            last_success_at TEXT {_C},
            last_status INTEGER,
            last_outcome TEXT,
            last_error TEXT,
            last_warning TEXT,
            consecutive_failures INTEGER NOT NULL DEFAULT 0,
            next_run_at TEXT {_C},
            items_seen INTEGER NOT NULL DEFAULT 0,
            articles_ingested INTEGER NOT NULL DEFAULT 0,
            polls INTEGER NOT NULL DEFAULT 0
        )""",
        f"""CREATE TABLE feed_entries (
            feed TEXT {_C} NOT NULL,
            entry_key TEXT {_C} NOT NULL,
            article_id TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (feed, entry_key)
        )""",
        f"""CREATE TABLE feed_moves (
            feed TEXT {_C} NOT NULL,
            url TEXT NOT NULL,
            moved_at TEXT {_C} NOT NULL,
            PRIMARY KEY (feed, url)
        )""",
        f"""CREATE TABLE daemons (
            id TEXT {_C} PRIMARY KEY,
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            started_at TEXT {_C} NOT NULL,
            heartbeat_at TEXT {_C} NOT NULL,
            stopped_at TEXT {_C},
            polls INTEGER NOT NULL DEFAULT 0
        )""",
    ],
]


def ensure_feed_tables(conn: sqlite3.Connection | FeedDb) -> None:
    """Create or upgrade the feed tables (idempotent, cheap when up to date)."""
    db = portable(conn)
    if db.dialect == "sqlite":
        migrate(db.conn, component="feeds", migrations=FEED_MIGRATIONS)  # type: ignore[attr-defined]
        return
    if not getattr(db, "migrated", False):  # once per connection: it takes a lock
        db.migrate("feeds", PG_FEED_MIGRATIONS)  # type: ignore[attr-defined]
        db.migrated = True  # type: ignore[attr-defined]
