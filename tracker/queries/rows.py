"""Reading a relationship's events from the log, straight into the fold's records.

These reads go through the ``event_relationships`` index, so the cost of a state query
depends on the size of the relationship, not of the log; and they skip pydantic validation
(see :mod:`tracker.projections.fold_event`), which a rebuild of a million events needs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from itertools import groupby, starmap
from operator import itemgetter
from typing import Any

from tracker.projections import FoldEvent, from_row
from tracker.store.rows import stamp

__all__ = ["by_relationship", "relationship_events", "tail"]

_COLUMNS = "e.position, e.recorded_at, e.type, e.schema_version, e.payload"
_FROM = "FROM event_relationships r JOIN events e ON e.position = r.position"


def relationship_events(
    conn: sqlite3.Connection,
    key: str,
    *,
    as_of: date | None = None,
    known_at: datetime | None = None,
    until_position: int | None = None,
) -> list[FoldEvent]:
    """The events of relationship ``key`` that a state as of/known at can depend on.

    Facts that start after ``as_of`` and events recorded after ``known_at`` are left out
    here already; annotations (no valid time) are always read.
    """
    where = ["r.relationship = ?"]
    params: list[Any] = [key]
    if as_of is not None:
        where.append("(e.occurred_start IS NULL OR e.occurred_start <= ?)")
        params.append(as_of.isoformat())
    if known_at is not None:
        where.append("e.recorded_at <= ?")
        params.append(stamp(known_at))
    if until_position is not None:
        where.append("r.position <= ?")
        params.append(until_position)
    sql = f"SELECT {_COLUMNS} {_FROM} WHERE {' AND '.join(where)} ORDER BY r.position"
    return [from_row(*row) for row in conn.execute(sql, params)]


def by_relationship(
    conn: sqlite3.Connection,
    *,
    after: int = 0,
    until: int,
    low: str | None = None,
    high: str | None = None,
) -> Iterator[tuple[str, list[FoldEvent]]]:
    """Every relationship with its events in ``(after, until]``, one relationship at a time.

    Walking the index in (relationship, position) order keeps one relationship in memory.
    ``low``/``high`` keep the keys with ``low <= key < high`` (a share of a parallel rebuild).
    """
    where = "r.position > ? AND r.position <= ?"
    params: list[object] = [after, until]
    if low is not None:
        where += " AND r.relationship >= ?"
        params.append(low)
    if high is not None:
        where += " AND r.relationship < ?"
        params.append(high)
    order = "ORDER BY r.relationship, r.position"
    sql = f"SELECT r.relationship, {_COLUMNS} {_FROM} WHERE {where} {order}"
    rows = conn.execute(sql, params)
    for key, group in groupby(rows, key=_first):
        yield key, list(starmap(from_row, map(_row_columns, group)))


# C-level helpers: a rebuild calls them once per row, where a lambda or a slice in a
# comprehension cost a Python frame each.
_first = itemgetter(0)
_row_columns = itemgetter(1, 2, 3, 4, 5)


def tail(conn: sqlite3.Connection, *, after: int, until: int) -> Iterator[tuple[str, FoldEvent]]:
    """The log's events in ``(after, until]`` that concern a relationship, with its key.

    Read by position (the catch-up after an append reads a few rows at the end); an
    annotation belongs to the relationship of the event it is about.
    """
    sql = f"SELECT {_COLUMNS} FROM events e WHERE e.position > ? AND e.position <= ?"
    for row in conn.execute(sql + " ORDER BY e.position", (after, until)).fetchall():
        event = from_row(*row)
        key = _relationship_of(conn, event)
        if key is not None:
            yield key, event


def _relationship_of(conn: sqlite3.Connection, event: FoldEvent) -> str | None:
    while event.kind in ("retracted", "corroborated", "confirmed"):
        row = conn.execute(
            f"SELECT {_COLUMNS} FROM events e WHERE e.event_id = ?", (event.subject,)
        ).fetchone()
        if row is None:
            return None
        event = from_row(*row)
    if event.kind != "fact":
        return None
    return "-".join(sorted((event.source, event.target)))
