"""The log's tables, triggers and indexes, and the migrations that bring old files up to date.

Each component keeps its schema version in ``schema_versions``. Each migration is a list of
statements applied in one transaction; a file newer than this program is refused, never touched.
"""

from __future__ import annotations

import sqlite3

from tracker.errors import SchemaError

__all__ = [
    "CHECKPOINTS_DDL",
    "LOG_DDL",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "migrate",
    "schema_version",
]

# The log table and its indexes. Kept apart so the benchmark's raw baseline builds the
# very same table.
LOG_DDL = [
    """CREATE TABLE IF NOT EXISTS events (
        position INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL UNIQUE,
        stream TEXT NOT NULL,
        version INTEGER NOT NULL,
        type TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        occurred_start TEXT,
        occurred_end TEXT,
        precision TEXT,
        recorded_at TEXT NOT NULL,
        payload TEXT NOT NULL,
        metadata TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        UNIQUE (stream, version)
    )""",
    "CREATE INDEX IF NOT EXISTS events_type ON events (type, position)",
    "CREATE INDEX IF NOT EXISTS events_occurred ON events (occurred_start)",
    # Which actors each event concerns: a relationship's events without a scan.
    """CREATE TABLE IF NOT EXISTS event_parties (
        party TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (party, position)
    ) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS event_relationships (
        relationship TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (relationship, position)
    ) WITHOUT ROWID""",
]

# The log is append-only for everyone, including someone at the sqlite3 prompt.
APPEND_ONLY_DDL = [
    f"""CREATE TRIGGER IF NOT EXISTS {table}_no_{verb.lower()} BEFORE {verb} ON {table}
        BEGIN SELECT RAISE(ABORT, '{table} is append-only: record a correction instead'); END"""
    for table in ("events", "event_parties", "event_relationships")
    for verb in ("UPDATE", "DELETE")
]

# An annotation (retraction, corroboration) is filed under its subject's parties, found by
# the subject's position: without this index that lookup scans the parties table.
PARTIES_BY_POSITION = (
    "CREATE INDEX IF NOT EXISTS event_parties_position ON event_parties (position)"
)

# Where each follower of the log (the projection, the extractor) has read to. Operational
# state beside the log, not in it: written in the transaction that applies what it read.
CHECKPOINTS_DDL = """CREATE TABLE IF NOT EXISTS processor_checkpoints (
    name TEXT PRIMARY KEY,
    position INTEGER NOT NULL
)"""

MIGRATIONS: list[list[str]] = [
    # 1: the log.
    [*LOG_DDL, *APPEND_ONLY_DDL],
    # 2: the parties of an event by its position.
    [PARTIES_BY_POSITION],
    # 3: the followers' checkpoints (the extraction and projection components move theirs
    # in with their own next migration).
    [CHECKPOINTS_DDL],
]

SCHEMA_VERSION = len(MIGRATIONS)

_VERSIONS_DDL = """CREATE TABLE IF NOT EXISTS schema_versions (
    component TEXT PRIMARY KEY,
    version INTEGER NOT NULL
)"""


def migrate(
    conn: sqlite3.Connection, component: str = "log", migrations: list[list[str]] | None = None
) -> int:
    """Bring ``component``'s tables to the newest of ``migrations``; return that version.

    Each part of the tracker (the log, the projections, the feeds) keeps its own tables and
    its own version in ``schema_versions``, so each can evolve without touching the others.
    """
    steps = MIGRATIONS if migrations is None else migrations
    target = len(steps)
    conn.execute(_VERSIONS_DDL)
    current = schema_version(conn, component)
    if current > target:
        raise SchemaError(
            f"this database's {component} tables have schema version {current}, newer than "
            f"this program's {target}: upgrade policy-tracker to open it"
        )
    if current == target:
        return current
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Re-read inside the write lock: another process may have migrated meanwhile.
        for version in range(schema_version(conn, component), target):
            for statement in steps[version]:
                conn.execute(statement)
        conn.execute(
            "INSERT INTO schema_versions (component, version) VALUES (?, ?) "
            "ON CONFLICT (component) DO UPDATE SET version = excluded.version",
            (component, target),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return target


def schema_version(conn: sqlite3.Connection, component: str) -> int:
    """The version of ``component``'s tables in this database (0: none yet)."""
    row = conn.execute(
        "SELECT version FROM schema_versions WHERE component = ?", (component,)
    ).fetchone()
    return int(row[0]) if row else 0
