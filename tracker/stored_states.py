"""The materialized projection as stored, and when a stored state answers a question.

:mod:`tracker.projection_store` folds and writes the projection (catch-up, rebuild); this
module only reads it. Kept apart, importing nothing of the fold, so that ``tracker state``
on a current projection (the state today, or on any date after the relationship's last
event: most questions) reads one row and never loads the fold or the event vocabulary, which
were most of its start-up time.

A process that asks again (the Python API, a server) keeps the last few decoded states, each
with the views made from it (:func:`state_view`): a busy pair's stored state runs to a
hundred kilobytes or more, whose decode and view grew with the pair. A current stored state
is the fold of the log up to its last event, which that event's position and hash name (the
hash chain covers every event before it): a kept state is used only while they are the
log's last, so it is what a fresh read would decode. (Reading the text to compare it cost
as much as a tenth of the decode on a busy pair's overflow pages.)
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from tracker.actors import resolve_actor
from tracker.db import BUSY_TIMEOUT_MS, read_snapshot
from tracker.errors import UsageError
from tracker.projections.state import RelationshipState
from tracker.projections.view import RelationshipView, view
from tracker.store import positions
from tracker.store.schema import SCHEMA_VERSION, schema_version

__all__ = [
    "DECODED",
    "MIGRATIONS",
    "PG_MIGRATIONS",
    "PROJECTION",
    "SNAPSHOTS",
    "SNAPSHOTS_FROM",
    "TABLE",
    "answers",
    "checkpoint",
    "load",
    "log_head",
    "relationship_key",
    "state_view",
    "stored_answer",
    "stored_through",
    "stored_view",
    "table_ddl",
    "today_utc",
]

PROJECTION = "relationships"
TABLE = "projection_states"
SNAPSHOTS = "state_snapshots"  # see tracker.snapshots
SNAPSHOTS_FROM = 7  # the projection's schema version that brought them


def table_ddl(name: str, dialect: str = "sqlite") -> str:
    """The projection table's DDL under ``name``, for ``sqlite`` or ``postgresql``."""
    if dialect == "postgresql":
        # Keys and dates compare by bytes, as in SQLite, whatever the server's locale.
        return f"""CREATE TABLE IF NOT EXISTS {name} (
            relationship TEXT COLLATE "C" NOT NULL UNIQUE,
            state TEXT NOT NULL,
            last_occurred TEXT COLLATE "C"
        )"""
    # last_occurred (the state's latest valid date) lets a query decide whether the stored
    # state answers it without parsing the state. A rowid table, not WITHOUT ROWID: a state
    # runs to tens of kilobytes, and SQLite's WITHOUT ROWID b-tree is made for small rows
    # (writing a rebuild's states took three times as long).
    return f"""CREATE TABLE IF NOT EXISTS {name} (
        relationship TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL,
        last_occurred TEXT
    )"""


# A change to the shape of RelationshipState adds a migration that empties the table and
# zeroes the checkpoint (_RESET): the next open folds the log in again. Migrations 2 to 5 did
# so while the checkpoint had a table of its own.
_RESET_BEFORE_6 = [f"DELETE FROM {TABLE}", "DELETE FROM projection_checkpoints"]
_RESET = [f"DELETE FROM {TABLE}", positions.forget_statement(PROJECTION)]
MIGRATIONS: list[list[str]] = [
    [
        f"CREATE TABLE {TABLE} (relationship TEXT PRIMARY KEY, state TEXT NOT NULL) WITHOUT ROWID",
        """CREATE TABLE projection_checkpoints (
            name TEXT PRIMARY KEY,
            position INTEGER NOT NULL
        )""",
    ],
    [f"ALTER TABLE {TABLE} ADD COLUMN last_occurred TEXT", *_RESET_BEFORE_6],
    # 3: a rowid table (see table_ddl), refolded on the next open.
    [f"DROP TABLE {TABLE}", table_ddl(TABLE), "DELETE FROM projection_checkpoints"],
    # 4: agreement and pledge keys fold word order and the agreement nouns
    # (events.base.normalize_name): refolded on the next open.
    [*_RESET_BEFORE_6],
    # 5: last_contact counts contacts of any level (last_high_level_contact keeps the old
    # rule), sources carry their confidence and facts their count of independent sources,
    # and a membership step the organisation took is keyed by it: refolded on the next open.
    # (A state stored before still reads: the new keys have defaults.)
    [*_RESET_BEFORE_6],
    # 6: the checkpoint joins the other followers' in processor_checkpoints (log schema 3).
    [
        positions.forget_statement(PROJECTION),  # the old table's word is the one that holds
        positions.adopt_statement("projection_checkpoints"),
        "DROP TABLE projection_checkpoints",
    ],
    # 7: per-relationship snapshots (tracker.snapshots); a rowid table: states are large.
    [
        f"""CREATE TABLE IF NOT EXISTS {SNAPSHOTS} (
            relationship TEXT NOT NULL,
            month TEXT NOT NULL,
            built_at INTEGER NOT NULL,
            state BLOB NOT NULL,
            UNIQUE (relationship, month)
        )"""
    ],
    # 8: a bounded state (tone by month past the last 90 days, a few sources and steps per
    # fact, tracker.projections.tone and .records): states and snapshots folded again.
    [*_RESET, f"DELETE FROM {SNAPSHOTS}"],
    # 9: each fact lists a bounded set of its events, with their count (event_count):
    # states and snapshots folded again.
    [*_RESET, f"DELETE FROM {SNAPSHOTS}"],
    # 10: diplomatic relations established or restored are a contact (the last contact may
    # be one): states and snapshots folded again.
    [*_RESET, f"DELETE FROM {SNAPSHOTS}"],
    # 11: commitments resolved before a state's kept days are counted, not listed
    # (earlier_commitments): states and snapshots folded again.
    [*_RESET, f"DELETE FROM {SNAPSHOTS}"],
    # 12: a snapshot's state lists each fact's bounded ids, every id kept apart (tracker.
    # snapshots): the table made again with its new column, states folded again (which
    # writes the busy pairs' snapshots).
    [
        *_RESET,
        f"DROP TABLE IF EXISTS {SNAPSHOTS}",
        f"""CREATE TABLE {SNAPSHOTS} (
            relationship TEXT NOT NULL,
            month TEXT NOT NULL,
            built_at INTEGER NOT NULL,
            state BLOB NOT NULL,
            ids BLOB,
            UNIQUE (relationship, month)
        )""",
    ],
    # 13: the tone of the years before a state's last months kept by year, not by month
    # (tracker.projections.tone): states and snapshots folded again.
    [*_RESET, f"DELETE FROM {SNAPSHOTS}"],
]


# The same tables on PostgreSQL, from their current shape: a change to the state's shape
# adds a reset to both lists (here: ["DELETE FROM projection_states", the forget statement]).
PG_MIGRATIONS: list[list[str]] = [
    [
        table_ddl(TABLE, "postgresql"),
        f"""CREATE TABLE IF NOT EXISTS {SNAPSHOTS} (
            relationship TEXT COLLATE "C" NOT NULL,
            month TEXT COLLATE "C" NOT NULL,
            built_at BIGINT NOT NULL,
            state BYTEA NOT NULL,
            UNIQUE (relationship, month)
        )""",
    ],
    # 2: a bounded state (as migration 8 above).
    [*_RESET, f"DELETE FROM {SNAPSHOTS}"],
    # 3: a bounded set of each fact's events (as migration 9 above).
    [*_RESET, f"DELETE FROM {SNAPSHOTS}"],
    # 4: relations established or restored are a contact (as migration 10 above).
    [*_RESET, f"DELETE FROM {SNAPSHOTS}"],
    # 5: resolved commitments counted before the kept days (as migration 11 above).
    [*_RESET, f"DELETE FROM {SNAPSHOTS}"],
    # 6: each fact's every id apart (as migration 12 above).
    [
        *_RESET,
        f"DROP TABLE IF EXISTS {SNAPSHOTS}",
        f"""CREATE TABLE {SNAPSHOTS} (
            relationship TEXT COLLATE "C" NOT NULL,
            month TEXT COLLATE "C" NOT NULL,
            built_at BIGINT NOT NULL,
            state BYTEA NOT NULL,
            ids BYTEA,
            UNIQUE (relationship, month)
        )""",
    ],
    # 7: the tone of earlier years by year (as migration 13 above).
    [*_RESET, f"DELETE FROM {SNAPSHOTS}"],
]


def today_utc() -> date:
    """Today's date in UTC: the default as-of date."""
    return datetime.now(UTC).date()


def relationship_key(a: str, b: str) -> str:
    """``ARM-USA`` for ("Armenia", "usa"): actors as codes or names, in either order."""
    first, second = resolve_actor(a), resolve_actor(b)
    if first == second:
        raise UsageError(f"a relationship needs two different actors; both are {first}")
    return "-".join(sorted((first, second)))


def checkpoint(conn: sqlite3.Connection) -> int:
    """The last log position folded into the stored states."""
    return positions.checkpoint(conn, PROJECTION)


def log_head(conn: sqlite3.Connection) -> int:
    """The log's last position."""
    return positions.head(conn)


def load(conn: sqlite3.Connection, key: str) -> RelationshipState | None:
    """The stored state of relationship ``key``, if it has any event."""
    text = load_text(conn, key)
    return RelationshipState.model_validate_json(text) if text is not None else None


def load_text(conn: sqlite3.Connection, key: str) -> str | None:
    """The stored state of relationship ``key`` as its JSON, if it has any event."""
    row = conn.execute(f"SELECT state FROM {TABLE} WHERE relationship = ?", (key,)).fetchone()
    return str(row[0]) if row else None


DECODED = 8  # relationships whose decoded stored state a process keeps
_VIEWS = 16  # views (by as-of date) kept with each


@dataclass(slots=True)
class _Decoded:
    head: tuple[int, str, str | None]  # the log's last position and hash, the last fact's day
    state: RelationshipState
    views: OrderedDict[date, RelationshipView] = field(default_factory=OrderedDict)


_LOCK = threading.Lock()  # a server answers from several threads
# By database file and relationship: a process reading two logs (two files, or a file and
# its copy) keeps the states of both, where keying by the relationship alone had them
# evict each other on every ask.
_KEPT: OrderedDict[tuple[str, str], _Decoded] = OrderedDict()


def _decoded(
    conn: sqlite3.Connection, key: str, last: tuple[int, str], through: date | None
) -> RelationshipState:
    """Relationship ``key``'s current stored state (whose latest fact is ``through``, the
    log's last position and hash ``last``), decoded or kept from a decode of the same log
    (see the module's docstring)."""
    head = (*last, through.isoformat() if through else None)
    kept_as = (_database(conn), key)
    with _LOCK:
        kept = _KEPT.get(kept_as)
        if kept is not None and kept.head == head:
            _KEPT.move_to_end(kept_as)
            return kept.state
    state = load(conn, key) or RelationshipState(relationship=key)
    with _LOCK:
        _KEPT[kept_as] = _Decoded(head, state)
        _KEPT.move_to_end(kept_as)
        while len(_KEPT) > DECODED:
            _KEPT.popitem(last=False)
    return state


def forget_decoded() -> None:
    """Drop the decoded states (and their views) this process keeps: the next ask of each
    reads and decodes its stored state, as a new process does."""
    with _LOCK:
        _KEPT.clear()


def _database(conn: sqlite3.Connection) -> str:
    """Which database ``conn`` reads: a SQLite file ("" in memory), or a server's DSN."""
    if not isinstance(conn, sqlite3.Connection):  # PostgreSQL (tracker.store.side)
        return str(getattr(getattr(conn, "info", None), "dsn", ""))
    for _, name, file in conn.execute("PRAGMA database_list"):
        if name == "main":
            return str(file or "")
    return ""


def state_view(state: RelationshipState, as_of: date) -> RelationshipView:
    """``view(state, as_of)`` as known now; kept with ``state`` when it is a decoded stored
    state this process keeps (the view is a pure function of the two)."""
    with _LOCK:
        kept = next((k for k in reversed(_KEPT.values()) if k.state is state), None)
        if kept is not None and (found := kept.views.get(as_of)) is not None:
            kept.views.move_to_end(as_of)
            return found
    made = view(state, as_of, None)
    if kept is not None:
        with _LOCK:
            kept.views[as_of] = made
            while len(kept.views) > _VIEWS:
                kept.views.popitem(last=False)
    return made


def stored_through(conn: sqlite3.Connection, key: str) -> date | None:
    """The latest valid date in relationship ``key``'s stored state (None: no events)."""
    row = conn.execute(
        f"SELECT last_occurred FROM {TABLE} WHERE relationship = ?", (key,)
    ).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def answers(through: date | None, day: date) -> bool:
    """Whether a current stored state, whose latest fact is ``through``, is the state on ``day``.

    It holds everything the log knows now, over all valid time: it answers for any day on or
    after its latest fact.
    """
    return through is None or through <= day


def stored_answer(conn: sqlite3.Connection, key: str, day: date) -> RelationshipState | None:
    """Relationship ``key`` on ``day`` as the log knows it now, if the stored state says it.

    Run inside :func:`tracker.db.read_snapshot`, so the checks and the state read agree.
    None when the projection lags the log or the day is before the relationship's latest
    fact: the state must then be folded from the log.
    """
    last = positions.last(conn)
    if checkpoint(conn) < last[0]:
        return None
    through = stored_through(conn, key)
    return _decoded(conn, key, last, through) if answers(through, day) else None


def stored_view(
    path: str | Path, a: str, b: str, as_of: date | None = None
) -> RelationshipView | None:
    """``Tracker.state(a, b, as_of=as_of)`` when the stored projection answers it, else None.

    Reads only: a database whose tables need a migration, or that is not a tracker database,
    gets None, and the caller opens it the usual way (which migrates, or says what is wrong).
    """
    key = relationship_key(a, b)  # an unknown actor is the user's error, whatever the file
    day = as_of or today_utc()
    try:
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        with read_snapshot(conn):
            current = schema_version(conn, "log") == SCHEMA_VERSION and schema_version(
                conn, "projection"
            ) == len(MIGRATIONS)
            state = stored_answer(conn, key, day) if current else None
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return state_view(state, day) if state is not None else None
