"""What a reader (the extractor) last read from each article, held against the log.

When ``tracker reextract`` re-reads an article it records, in the transaction that
retracts the old codings and appends the new ones, which reader and version read it, the
log position then, and the ids of the article's codings left live. ``tracker verify``
replays the log to each recorded position and checks that exactly those codings were
live there: a coding from an older reading still live, or a recorded coding missing or
retracted (the events a crash between a retraction and its re-coding would lose), is
reported. What happens after the recorded position (an analyst's retraction, a new
revision of the article) is later history and not checked.

A coding of an article is a diplomatic event whose first evidence names the article and
the reader. The table lives beside the log, like the extraction checkpoint: it is
operational state, not a fact about the world.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from tracker.store import side

__all__ = ["ReadingMismatch", "check_readings", "ensure_table", "reading_statement", "versions"]

_MIGRATIONS = [
    [
        """CREATE TABLE readings (
            article_id TEXT PRIMARY KEY,
            reader TEXT NOT NULL,
            version TEXT NOT NULL,
            position INTEGER NOT NULL,
            codings TEXT NOT NULL
        )"""
    ]
]

# The same table on PostgreSQL (article ids compare by bytes).
_PG_MIGRATIONS = [
    [
        """CREATE TABLE readings (
            article_id TEXT COLLATE "C" PRIMARY KEY,
            reader TEXT NOT NULL,
            version TEXT NOT NULL,
            position BIGINT NOT NULL,
            codings TEXT NOT NULL
        )"""
    ]
]

# A coding's article and reader are its first evidence's; the JSON read by the dialect's
# functions (see tracker.store.side).
_CODINGS = """SELECT position, event_id, {article}, {reader} FROM events
    WHERE position <= ? AND {listed} AND {article} IN (SELECT article_id FROM readings)"""

_RETRACTIONS = """SELECT position, {subject} FROM events
    WHERE type = 'EventRetracted' AND position <= ? ORDER BY position"""


def _codings_sql(conn: side.SqlConnection) -> str:
    return _CODINGS.format(
        article=side.json_text(conn, "payload", "evidence", 0, "article_id"),
        reader=side.json_text(conn, "payload", "evidence", 0, "extractor"),
        listed=side.json_array(conn, "payload", "evidence"),
    )


def _retractions_sql(conn: side.SqlConnection) -> str:
    return _RETRACTIONS.format(subject=side.json_text(conn, "payload", "subject"))


@dataclass(frozen=True, slots=True)
class ReadingMismatch:
    """An article whose live codings at its recorded reading differ from what it read."""

    article_id: str
    position: int
    stale: tuple[str, ...]  # live, but not of the recorded reading (an older one's)
    missing: tuple[str, ...]  # of the recorded reading, but absent or retracted

    def describe(self) -> str:
        parts = []
        if self.stale:
            parts.append(f"{len(self.stale)} live codings from an older reading")
        if self.missing:
            parts.append(f"{len(self.missing)} codings of its last reading not live")
        return f"article {self.article_id} at position {self.position}: {', '.join(parts)}"


def ensure_table(conn: side.SqlConnection) -> None:
    """Create the table if it is missing (in the SQLite file, or on the server)."""
    side.migrate(conn, "readings", _MIGRATIONS, _PG_MIGRATIONS)


def reading_statement(
    article_id: str, reader: str, version: str, codings: Iterable[str]
) -> tuple[str, tuple[str, str, str, str]]:
    """The statement recording a reading, for the transaction that appends its result (the
    position recorded is the log's head within that transaction)."""
    sql = (
        "INSERT INTO readings (article_id, reader, version, position, codings) "
        "VALUES (?, ?, ?, (SELECT COALESCE(MAX(position), 0) FROM events), ?) "
        "ON CONFLICT (article_id) DO UPDATE SET reader = excluded.reader, "
        "version = excluded.version, position = excluded.position, codings = excluded.codings"
    )
    return sql, (article_id, reader, version, json.dumps(sorted(codings)))


def versions(conn: side.SqlConnection) -> dict[str, tuple[str, str, int]]:
    """Each recorded article's (reader, version, position) of its last reading."""
    if side.schema_version(conn, "readings") == 0:
        return {}
    rows = conn.execute("SELECT article_id, reader, version, position FROM readings")
    return {row[0]: (row[1], row[2], int(row[3])) for row in rows}


def check_readings(conn: side.SqlConnection) -> list[ReadingMismatch]:
    """Every recorded reading whose codings were not exactly the live ones at its position."""
    if side.schema_version(conn, "readings") == 0:
        return []
    recorded = {
        row[0]: (row[1], int(row[2]), set(json.loads(row[3])))
        for row in conn.execute("SELECT article_id, reader, position, codings FROM readings")
    }
    if not recorded:
        return []
    until = max(position for _, position, _ in recorded.values())
    retracted: dict[str, int] = {}  # subject -> the position of its first retraction
    for position, subject in conn.execute(_retractions_sql(conn), (until,)):
        retracted.setdefault(subject, position)
    # Each article's codings by its reader, with their positions.
    codings: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for position, event_id, article_id, reader in conn.execute(_codings_sql(conn), (until,)):
        if reader == recorded[article_id][0]:
            codings[article_id].append((position, event_id))
    mismatches = []
    for article_id, (_, at, expected) in sorted(recorded.items()):
        live = {
            event_id
            for position, event_id in codings[article_id]
            if position <= at and retracted.get(event_id, at + 1) > at
        }
        if live != expected:
            mismatches.append(
                ReadingMismatch(
                    article_id, at, tuple(sorted(live - expected)), tuple(sorted(expected - live))
                )
            )
    return mismatches
