"""Copying a SQLite log into PostgreSQL, row for row, resumable while the source still grows.

Rows are copied as they are stored (the very text of payload and metadata, the hashes), so
the target's chain is the source's. Each chunk is one transaction on the target that holds
its head, checks that the target still ends where this copy left it, writes the rows and
their index rows with ``COPY``, and moves the head: a copy stopped at any point (or a
second copy started by mistake) leaves a whole log, and running it again continues after
the target's last position, once it has checked that the target's last row is the
source's row at that position. The checkpoints of followers that keep nothing else
(extraction) come along, so they go on where they stopped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tracker.errors import StoreError
from tracker.store.hashing import ROW_COLUMNS
from tracker.store.postgres.connection import Connection

__all__ = ["CopyResult", "copy_log"]

CHUNK = 5_000

_COLUMNS = ", ".join(ROW_COLUMNS)


@dataclass(frozen=True, slots=True)
class CopyResult:
    """What one run of the copy did: the target's head before and after, and the source's."""

    started_at: int
    copied: int
    source_head: int

    @property
    def head(self) -> int:
        return self.started_at + self.copied


def copy_log(
    source: sqlite3.Connection,
    target: Connection,
    *,
    followers: Sequence[str] = (),
    progress: Callable[[int, int], None] | None = None,
    chunk: int = CHUNK,
) -> CopyResult:
    """Copy every row of ``source`` after the target's head into ``target``, in position
    order, until the source has no more (rows appended meanwhile are copied too); then the
    checkpoints of ``followers`` (see :func:`_copy_checkpoints`)."""
    started_at = _target_head(target)[0]
    _check_same_log(source, target, started_at)
    at = started_at
    while True:
        rows = source.execute(
            f"SELECT {_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?",
            (at, chunk),
        ).fetchall()
        if not rows:
            break
        _write_chunk(source, target, at, rows)
        at = int(rows[-1][0])
        if progress is not None:
            progress(at - started_at, _source_head(source) - started_at)
    _copy_checkpoints(source, target, followers, at)
    return CopyResult(started_at, at - started_at, _source_head(source))


def _copy_checkpoints(
    source: sqlite3.Connection, target: Connection, followers: Sequence[str], head: int
) -> None:
    """Followers that keep nothing beside the log but their checkpoint (extraction) go on
    where they stopped: never past what was copied, never back from where the target's own
    run of them got to."""
    found = source.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'processor_checkpoints'"
    ).fetchone()
    if not followers or found is None:
        return
    marks = ", ".join("?" * len(followers))
    rows = source.execute(
        f"SELECT name, position FROM processor_checkpoints WHERE name IN ({marks})",
        list(followers),
    ).fetchall()
    with target.transaction():
        for name, position in rows:
            target.execute(
                "INSERT INTO processor_checkpoints (name, position) VALUES (%s, LEAST(%s, %s)) "
                "ON CONFLICT (name) DO UPDATE SET position = "
                "GREATEST(processor_checkpoints.position, excluded.position)",
                (name, position, head),
            )


def _source_head(source: sqlite3.Connection) -> int:
    return int(source.execute("SELECT COALESCE(MAX(position), 0) FROM events").fetchone()[0])


def _target_head(target: Connection) -> tuple[int, str]:
    row = target.execute("SELECT position, hash FROM log_head").fetchone()
    target.commit()
    assert row is not None
    return int(str(row[0])), str(row[1])


def _check_same_log(source: sqlite3.Connection, target: Connection, head: int) -> None:
    """Refuse a target whose last row is not the source's row at that position."""
    if head == 0:
        return
    _, target_hash = _target_head(target)
    row = source.execute("SELECT hash FROM events WHERE position = ?", (head,)).fetchone()
    if row is None or row[0] != target_hash:
        raise StoreError(
            f"the target already holds a log whose event {head} is not this one's: it is "
            "another log (or this one's copy was changed); migrate into an empty database"
        )


def _write_chunk(
    source: sqlite3.Connection, target: Connection, after: int, rows: list[tuple[object, ...]]
) -> None:
    first, last = int(str(rows[0][0])), int(str(rows[-1][0]))
    parties = source.execute(
        "SELECT party, position FROM event_parties WHERE position BETWEEN ? AND ?", (first, last)
    ).fetchall()
    pairs = source.execute(
        "SELECT relationship, position FROM event_relationships WHERE position BETWEEN ? AND ?",
        (first, last),
    ).fetchall()
    with target.transaction():
        held = target.execute(
            "UPDATE log_head SET position = position WHERE id = 1 RETURNING position"
        ).fetchone()
        if held is None or int(str(held[0])) != after:
            raise StoreError(
                f"the target's log moved from {after} to {held[0] if held else '?'} during "
                "the copy: something else writes to it; stop it and run the migration again"
            )
        with target.cursor() as cursor:
            with cursor.copy(f"COPY events ({_COLUMNS}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            with cursor.copy("COPY event_parties (party, position) FROM STDIN") as copy:
                for row in parties:
                    copy.write_row(row)
            with cursor.copy(
                "COPY event_relationships (relationship, position) FROM STDIN"
            ) as copy:
                for row in pairs:
                    copy.write_row(row)
        target.execute(
            "UPDATE log_head SET position = %s, hash = %s, recorded_at = %s WHERE id = 1",
            (last, rows[-1][13], rows[-1][9]),
        )
