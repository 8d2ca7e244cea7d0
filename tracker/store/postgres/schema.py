"""The log's tables in PostgreSQL, the same columns as SQLite's, and their migrations.

Payload and metadata are ``text``, never ``jsonb`` (which reorders keys and drops
whitespace): a row hashes the same bytes as in SQLite. The text columns that are compared
or sorted (times, keys) use the C collation, so their order is SQLite's byte order
whatever the server's locale. ``log_head`` is the one row every append locks (``UPDATE ...
RETURNING``) and holds to its commit: positions are the tail + 1, gapless, and commit
order is position order, with no sequence and no ``LOCK TABLE``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.errors import SchemaError
from tracker.store.hashing import GENESIS

if TYPE_CHECKING:
    import psycopg

__all__ = ["MIGRATIONS", "NOTIFY_CHANNEL", "SCHEMA_VERSION", "migrate"]

# Appends notify this channel at commit with the new head position.
NOTIFY_CHANNEL = "tracker_log"

_C = 'COLLATE "C"'

_LOG = [
    f"""CREATE TABLE events (
        position BIGINT PRIMARY KEY,
        event_id TEXT {_C} NOT NULL UNIQUE,
        stream TEXT {_C} NOT NULL,
        version INTEGER NOT NULL,
        type TEXT {_C} NOT NULL,
        schema_version INTEGER NOT NULL,
        occurred_start TEXT {_C},
        occurred_end TEXT {_C},
        precision TEXT {_C},
        recorded_at TEXT {_C} NOT NULL,
        payload TEXT NOT NULL,
        metadata TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        UNIQUE (stream, version)
    )""",
    "CREATE INDEX events_type ON events (type, position)",
    "CREATE INDEX events_occurred ON events (occurred_start)",
    f"""CREATE TABLE event_parties (
        party TEXT {_C} NOT NULL,
        position BIGINT NOT NULL,
        PRIMARY KEY (party, position)
    )""",
    "CREATE INDEX event_parties_position ON event_parties (position)",
    f"""CREATE TABLE event_relationships (
        relationship TEXT {_C} NOT NULL,
        position BIGINT NOT NULL,
        PRIMARY KEY (relationship, position)
    )""",
    f"""CREATE TABLE log_head (
        id SMALLINT PRIMARY KEY CHECK (id = 1),
        position BIGINT NOT NULL,
        hash TEXT NOT NULL,
        recorded_at TEXT {_C}
    )""",
    f"INSERT INTO log_head VALUES (1, 0, '{GENESIS}', NULL)",
    # The log is append-only for everyone, including someone at the psql prompt.
    """CREATE FUNCTION tracker_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '% is append-only: record a correction instead', TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation';
    END $$""",
    *(
        f"""CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table}
        FOR EACH {"STATEMENT" if verb == "TRUNCATE" else "ROW"}
        EXECUTE FUNCTION tracker_append_only()"""
        for table in ("events", "event_parties", "event_relationships")
        for verb in ("UPDATE", "DELETE", "TRUNCATE")
    ),
    # What an append does first, in one round trip: take the head row (held to commit),
    # then read the versions of the streams it writes. A volatile function's second
    # statement reads a snapshot taken after the lock: what the last writer committed.
    """CREATE FUNCTION tracker_take_head(
        wanted TEXT[],
        OUT head_position BIGINT,
        OUT head_hash TEXT,
        OUT head_recorded_at TEXT,
        OUT streams TEXT[],
        OUT versions INTEGER[]
    ) LANGUAGE plpgsql VOLATILE AS $$
    BEGIN
        UPDATE log_head SET position = log_head.position WHERE id = 1
            RETURNING log_head.position, log_head.hash, log_head.recorded_at
            INTO head_position, head_hash, head_recorded_at;
        SELECT array_agg(w), array_agg(
            (SELECT COALESCE(MAX(e.version), 0) FROM events e WHERE e.stream = w))
            INTO streams, versions FROM unnest(wanted) AS w;
    END $$""",
    # Each follower's last applied position, held (FOR UPDATE) while it applies a batch.
    """CREATE TABLE processor_checkpoints (
        name TEXT PRIMARY KEY,
        position BIGINT NOT NULL
    )""",
]

MIGRATIONS: list[list[str]] = [_LOG]

SCHEMA_VERSION = len(MIGRATIONS)

_VERSIONS_DDL = """CREATE TABLE IF NOT EXISTS schema_versions (
    component TEXT PRIMARY KEY,
    version INTEGER NOT NULL
)"""

# Two processes opening a new database at once: one migrates, the other waits for it.
_MIGRATION_LOCK = 0x7472_6163_6B65_72  # "tracker"


def migrate(
    conn: psycopg.Connection[tuple[object, ...]],
    component: str = "log",
    migrations: list[list[str]] | None = None,
) -> int:
    """Bring ``component``'s tables to the newest of ``migrations`` (default: the log's)."""
    steps = MIGRATIONS if migrations is None else migrations
    target = len(steps)
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        conn.execute(_VERSIONS_DDL)
        row = conn.execute(
            "SELECT version FROM schema_versions WHERE component = %s", (component,)
        ).fetchone()
        current = int(str(row[0])) if row else 0
        if current > target:
            raise SchemaError(
                f"this database's {component} tables have schema version {current}, newer "
                f"than this program's {target}: upgrade policy-tracker to open it"
            )
        for version in range(current, target):
            for statement in steps[version]:
                conn.execute(statement)
        if current != target:
            conn.execute(
                "INSERT INTO schema_versions (component, version) VALUES (%s, %s) "
                "ON CONFLICT (component) DO UPDATE SET version = excluded.version",
                (component, target),
            )
    return target
