"""The marks of every relationship (:mod:`.marks`), kept beside the log so that the changes of
a window are read, not folded.

``change_marks`` holds one row per mark: (relationship, fact, day) with the fact's new value
and the record of the step that gave it. It is a follower of the log (``changes`` in
``processor_checkpoints``) like the projection: :func:`catch_up` walks each relationship that
has news after its checkpoint and replaces its marks, with the new checkpoint, in one
transaction. ``change_walks`` keeps, per relationship, a few days its walk can go on from
(the last day it found facts on, and the first of each of the months before it, as far back
as ``seeds/changes.toml`` says): the fold before that day and what the walk knew then
(:class:`~.marks.Resume`). News dated on or after one of them (news as it comes, and most
late news) is walked on from the latest such day, reading only the facts from that day on;
news about earlier days walks the relationship from its start (and so does every catch-up
on a PostgreSQL log, whose rows by date are not read that way yet).
:func:`rebuild` writes every relationship's afresh (``tracker replay
--rebuild``); :func:`check` compares them with a fresh walk (``tracker verify``). Nothing in
it is a new fact: every row is derived from the log, and a reader only trusts the table when
its checkpoint is the log's head (:func:`current`), else it walks the relationships itself.

:func:`window` reads the changes of (``since``, ``until``] in two index ranges: the last mark
of each fact in the window, and that fact's last mark on or before ``since``.
The same SQL on SQLite and PostgreSQL, on the store's table connection
(:mod:`tracker.store.side`).
"""

from __future__ import annotations

import os
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import Protocol, TypeVar

import msgspec

from tracker.changes.compare import Evidenced
from tracker.changes.marks import (
    NO_LABEL,
    Mark,
    Resume,
    cite,
    compose,
    months_before,
    reports,
    settings,
    walk,
    walk_on,
)
from tracker.db import MMAP_BYTES
from tracker.gc_pause import cyclic_gc_paused
from tracker.projections import FoldEvent, from_row
from tracker.projections.fold_event import Ref, from_recorded
from tracker.queries.rows import by_relationship, relationship_events, tail
from tracker.store import EventStore, change_rows, fingerprints, positions, side, snapshot_rows
from tracker.store.protocol import LogStore

__all__ = [
    "FOLLOWER",
    "Held",
    "behind",
    "catch_up",
    "check",
    "current",
    "ensure",
    "held_first",
    "rebuild",
    "walked",
    "window",
]

FOLLOWER = "changes"
_TABLE = "change_marks"
_WALKS = "change_walks"
_BATCH = 200  # relationships written per transaction by a rebuild
_PARALLEL_FROM = 50_000  # a rebuild of a log this big walks in worker processes

# The tables' schema, as component ``change_marks`` (a component of its own: a file whose
# marks were written by a development version of them starts afresh).
_COMPONENT = "change_marks"
_MARKS_DDL = """CREATE TABLE {table} (
    relationship TEXT{c} NOT NULL,
    fact TEXT{c} NOT NULL,
    day TEXT{c} NOT NULL,
    value TEXT,
    record TEXT NOT NULL,
    PRIMARY KEY (relationship, fact, day)
){rowid}"""
# Where a relationship's walk can go on from (marks.Resume, compressed), the log position
# that walk read to.
_WALKS_DDL = """CREATE TABLE {table} (
    relationship TEXT{c} NOT NULL,
    day TEXT{c} NOT NULL,
    built_at {integer} NOT NULL,
    resume {blob} NOT NULL,
    PRIMARY KEY (relationship, day)
){rowid}"""


def _schema(c: str, rowid: str, integer: str, blob: str) -> list[str]:
    return [
        f"DROP TABLE IF EXISTS {_TABLE}",
        f"DROP TABLE IF EXISTS {_WALKS}",
        _MARKS_DDL.format(table=_TABLE, c=c, rowid=rowid),
        f"CREATE INDEX {_TABLE}_day ON {_TABLE} (day)",
        _WALKS_DDL.format(table=_WALKS, c=c, rowid=rowid, integer=integer, blob=blob),
    ]


# 2: one relationship's marks by day (the web page's 30 days of one pair scanned every mark
# of it through the primary key: 9,352 on the bench's pair of 50,000 events, 1.1 ms).
_BY_PAIR = f"CREATE INDEX IF NOT EXISTS {_TABLE}_pair_day ON {_TABLE} (relationship, day)"
_INDEXES = (f"CREATE INDEX IF NOT EXISTS {_TABLE}_day ON {_TABLE} (day)", _BY_PAIR)
# 3: the marks walked again (relations established or restored are a contact, so the last
# contact may move on them): emptied, and the follower starts from the log's first event.
_WALK_AGAIN = [
    f"DELETE FROM {_TABLE}",
    f"DELETE FROM {_WALKS}",
    positions.forget_statement(FOLLOWER),
]
MIGRATIONS: list[list[str]] = [
    _schema("", " WITHOUT ROWID", "INTEGER", "BLOB"),
    [_BY_PAIR],
    _WALK_AGAIN,
]
PG_MIGRATIONS: list[list[str]] = [
    _schema(' COLLATE "C"', "", "BIGINT", "BYTEA"),
    [_BY_PAIR],
    _WALK_AGAIN,
]

Progress = Callable[[int, int], None]
_RESUME = msgspec.json.Decoder(Resume)
_ENCODE = msgspec.json.Encoder().encode


def ensure(conn: side.SqlConnection) -> None:
    """Create the tables if they are missing (the follower then starts from the log's
    first event)."""
    before = side.schema_version(conn, _COMPONENT)
    if before >= len(MIGRATIONS):
        return
    side.migrate(conn, _COMPONENT, MIGRATIONS, PG_MIGRATIONS)
    if before == 0:  # new tables (a later migration only adds an index to the marks)
        with side.write_transaction_of(conn) as inside:
            positions.advance(inside, FOLLOWER, 0)


def current(store: LogStore) -> bool:
    """Whether the marks hold every event of the log (read only: a reader that may not
    write asks it too)."""
    conn = side.table_connection(store)
    if side.schema_version(conn, _COMPONENT) < len(MIGRATIONS):
        return False
    return positions.checkpoint(conn, FOLLOWER) >= positions.head(conn)


def behind(store: LogStore) -> set[str] | None:
    """The relationships with news after the marks' checkpoint, which the marks do not
    answer for yet (read only); None when there are no marks to read."""
    conn = side.table_connection(store)
    if side.schema_version(conn, _COMPONENT) < len(MIGRATIONS):
        return None
    at = positions.checkpoint(conn, FOLLOWER)
    if at == 0:
        return None
    return {key for key, _ in tail(store, after=at, until=positions.head(conn))}


def catch_up(store: LogStore, progress: Progress | None = None) -> int:
    """Walk again each relationship with news after the checkpoint; return how many
    positions were read. A table never built is built whole (:func:`rebuild`)."""
    conn = side.table_connection(store)
    ensure(conn)
    at = positions.checkpoint(conn, FOLLOWER)
    if at >= positions.head(conn):
        return 0  # the common case: no write lock needed
    if at == 0:
        return rebuild(store, progress)
    with store.following(FOLLOWER) as follow:
        start, head = follow.position, follow.head
        if head <= start:
            return 0
        news: dict[str, list[FoldEvent]] = {}
        for key, event in tail(store, after=start, until=head):
            news.setdefault(key, []).append(event)
        for key in sorted(news):
            # A further report or a confirmation moves no value (the sources are read
            # with the change): only facts and retractions are walked.
            if any(e.kind in ("fact", "retracted") for e in news[key]):
                _follow(store, follow.conn, key, news[key], head)
        follow.advance(head)
        return head - start


def _follow(
    store: LogStore, conn: side.SqlConnection, key: str, news: list[FoldEvent], head: int
) -> None:
    """Walk relationship ``key`` on from where its last walk can go on when its news is
    dated on or after that day (news as it comes, usually), else from its start."""
    if isinstance(store, EventStore):
        earliest = _earliest(store.conn, news)
        row = None
        if earliest is not None:
            row = conn.execute(
                f"SELECT resume, built_at FROM {_WALKS} WHERE relationship = ? AND day <= ? "
                "ORDER BY day DESC LIMIT 1",
                (key, earliest.isoformat()),
            ).fetchone()
        if row is not None:
            resume = _RESUME.decode(zlib.decompress(row[0]))
            events = _from_day(store.conn, key, resume, int(row[1]), head)
            marks, points = walk_on(key, events, resume)
            start = resume.day.isoformat()
            conn.execute(f"DELETE FROM {_TABLE} WHERE relationship = ? AND day >= ?", (key, start))
            conn.execute(f"DELETE FROM {_WALKS} WHERE relationship = ? AND day >= ?", (key, start))
            _insert(conn, key, marks)
            _save(conn, key, [_packed(p) for p in points], head)
            return
    marks, points = walk_on(key, relationship_events(store, key, until_position=head))
    _replace(conn, key, marks)
    conn.execute(f"DELETE FROM {_WALKS} WHERE relationship = ?", (key,))
    _save(conn, key, [_packed(p) for p in points], head)


def _earliest(conn: sqlite3.Connection, news: list[FoldEvent]) -> date | None:
    """The first valid day ``news`` touches: a fact's own, an annotation's subject's (None:
    a subject not in the log)."""
    days = []
    for event in news:
        if event.kind == "fact":
            days.append(event.occurred_start)
            continue
        if event.kind != "retracted":
            continue
        row = snapshot_rows.id_row(conn, event.subject or "")
        subject = from_row(*row) if row is not None else None
        if subject is None or subject.kind != "fact":
            return None
        days.append(subject.occurred_start)
    return min(days, default=None)


def _from_day(
    conn: sqlite3.Connection, key: str, resume: Resume, built_at: int, head: int
) -> list[FoldEvent]:
    """The facts a walk from ``resume`` walks: those the walk that left it walked from its
    day on (read by position), and the pair's facts of that day on and retractions appended
    since that walk (``built_at``) to ``head``."""
    walked = [from_row(*row) for row in change_rows.rows_at(conn, resume.later)]
    known = {e.position for e in walked}
    for row in change_rows.pair_rows_between(conn, key, built_at, head):
        event = from_row(*row)
        if event.position in known:
            continue
        if event.kind == "retracted" or (
            event.kind == "fact" and event.occurred_start >= resume.day
        ):
            walked.append(event)
    return walked


def _packed(point: Resume) -> tuple[str, bytes]:
    return point.day.isoformat(), zlib.compress(_ENCODE(point), 1)


def _save(
    conn: side.SqlConnection, key: str, points: list[tuple[str, bytes]], built_at: int
) -> None:
    """Keep ``points`` (day, packed :class:`~.marks.Resume`), and of those kept before only
    the ones as recent as the walk keeps (seeds/changes.toml); ``built_at``: the log
    position the walk read to."""
    if not points:
        return
    conn.executemany(
        f"INSERT INTO {_WALKS} (relationship, day, built_at, resume) VALUES (?, ?, ?, ?)",
        [(key, day, built_at, packed) for day, packed in points],
    )
    newest = date.fromisoformat(max(day for day, _ in points))
    oldest = months_before(newest, settings()["resume_months"]).isoformat()
    conn.execute(f"DELETE FROM {_WALKS} WHERE relationship = ? AND day < ?", (key, oldest))


def rebuild(store: LogStore, progress: Progress | None = None) -> int:
    """Write every relationship's marks afresh from the log; return the events walked.

    The relationships are written a batch at a time (a reader meanwhile finds the table
    behind the log and walks for itself); the checkpoint moves to the head they were read
    to once all are written, and news appended meanwhile is walked by the next catch-up.
    """
    conn = side.table_connection(store)
    ensure(conn)
    head = positions.head(conn)
    total = sum(count for _, count in store.relationship_counts(head))
    with side.write_transaction_of(conn) as inside:
        inside.execute(f"DELETE FROM {_TABLE}")
        inside.execute(f"DELETE FROM {_WALKS}")
        positions.advance(inside, FOLLOWER, 0)
        # Written again at the end in one pass: kept up row by row, the indexes of days
        # cost as much as the rows themselves.
        inside.execute(f"DROP INDEX IF EXISTS {_TABLE}_day")
        inside.execute(f"DROP INDEX IF EXISTS {_TABLE}_pair_day")
    done = 0
    for batch in _walk_ranges(store, head):
        _write_batch(conn, batch, head)
        done += sum(count for _, _, _, count in batch)
        if progress is not None:
            progress(done, total)
    with store.following(FOLLOWER) as follow:
        for index in _INDEXES:
            follow.conn.execute(index)
        follow.advance(head)
    if progress is not None:
        progress(done, total)
    catch_up(store)
    return done


# A relationship walked by a rebuild: its key, its mark rows, where walks can go on from
# (day, packed), and how many events it has.
_Walked = tuple[str, list[tuple[str, str, str, str | None, str]], list[tuple[str, bytes]], int]


def _walk_ranges(store: LogStore, head: int) -> Iterator[list[_Walked]]:
    """Every relationship walked to ``head``, a batch at a time: on a big SQLite log in
    worker processes over ranges of keys (as a rebuild folds: :mod:`tracker.projection_rebuild`),
    else here."""
    path = (
        store.conn.execute("PRAGMA database_list").fetchone()[2]
        if isinstance(store, EventStore)
        else ""
    )
    counts = store.relationship_counts(head)
    workers = min(os.cpu_count() or 1, 8)
    if not path or workers < 2 or sum(c for _, c in counts) < _PARALLEL_FROM:
        batch: list[_Walked] = []
        for key, events in by_relationship(store, until=head):
            batch.append(_walked(key, events))
            if len(batch) >= _BATCH:
                yield batch
                batch = []
        yield batch
        return
    from concurrent.futures import as_completed

    from tracker.worker_pool import key_ranges, process_pool

    with process_pool(workers) as pool:
        ranges = key_ranges(counts, workers * 4)
        futures = [pool.submit(_walk_range, path, head, lo, hi) for lo, hi in ranges]
        for future in as_completed(futures):
            yield future.result()


def _walk_range(path: str, head: int, low: str | None, high: str | None) -> list[_Walked]:
    """The relationships ``low <= key < high`` walked (in a worker, on its own read-only
    connection, the file mapped into memory as a rebuild's folding workers map it)."""
    reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        reader.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        store = EventStore(reader)
        with cyclic_gc_paused():
            return [
                _walked(k, e) for k, e in by_relationship(store, until=head, low=low, high=high)
            ]
    finally:
        reader.close()


def _walked(key: str, events: list[FoldEvent]) -> _Walked:
    marks, points = walk_on(key, events)
    # In the table's key order: each row goes at the end of its index.
    rows = sorted((key, m.fact, m.day.isoformat(), m.value, m.record.decode()) for m in marks)
    return key, rows, [_packed(p) for p in points], len(events)


def _write_batch(conn: side.SqlConnection, batch: list[_Walked], head: int) -> None:
    if not batch:
        return
    with side.write_transaction_of(conn) as inside:
        for key, rows, points, _ in batch:
            inside.execute(f"DELETE FROM {_TABLE} WHERE relationship = ?", (key,))
            inside.execute(f"DELETE FROM {_WALKS} WHERE relationship = ?", (key,))
            _insert_rows(inside, rows)
            _save(inside, key, points, head)


def _replace(conn: side.SqlConnection, key: str, marks: list[Mark]) -> None:
    conn.execute(f"DELETE FROM {_TABLE} WHERE relationship = ?", (key,))
    _insert(conn, key, marks)


def _insert(conn: side.SqlConnection, key: str, marks: list[Mark]) -> None:
    _insert_rows(
        conn, [(key, m.fact, m.day.isoformat(), m.value, m.record.decode()) for m in marks]
    )


def _insert_rows(
    conn: side.SqlConnection, rows: list[tuple[str, str, str, str | None, str]]
) -> None:
    conn.executemany(
        f"INSERT INTO {_TABLE} (relationship, fact, day, value, record) VALUES (?, ?, ?, ?, ?)",
        rows,
    )


def check(store: LogStore) -> list[str]:
    """The relationships whose stored marks differ from a fresh walk of the log up to the
    checkpoint (none when the table was never built)."""
    conn = side.table_connection(store)
    if side.schema_version(conn, _COMPONENT) == 0:
        return []
    at = positions.checkpoint(conn, FOLLOWER)
    if at == 0:
        return []
    # A relationship at a time, as the log's are walked: a big log's marks are never all
    # held at once.
    sql = f"SELECT fact, day, value, record FROM {_TABLE} WHERE relationship = ? ORDER BY 1, 2"
    differ, walked = [], set()
    for key, events in by_relationship(store, until=at):
        walked.add(key)
        fresh = sorted(
            (m.fact, m.day.isoformat(), m.value, m.record.decode()) for m in walk(key, events)
        )
        if [tuple(row) for row in conn.execute(sql, (key,)).fetchall()] != fresh:
            differ.append(key)
    kept = {key for (key,) in conn.execute(f"SELECT DISTINCT relationship FROM {_TABLE}")}
    return sorted(differ + list(kept - walked))


_WINDOW = f"""SELECT w.relationship, w.fact, w.value, w.record,
    (SELECT b.value FROM {_TABLE} b WHERE b.relationship = w.relationship
        AND b.fact = w.fact AND b.day <= ? ORDER BY b.day DESC LIMIT 1)
FROM (
    SELECT m.relationship, m.fact, m.value, m.record,
        row_number() OVER (PARTITION BY m.relationship, m.fact ORDER BY m.day DESC) AS n
    FROM {_TABLE} m WHERE {{pair}}m.day > ? AND m.day <= ?
) w WHERE w.n = 1 ORDER BY w.relationship, w.fact"""


class Held(Protocol):
    """Events a reader holds already (a relationship's timeline, kept for its page), so
    that the changes it reads cite their reports without reading them from the log again."""

    def reports_of(self, event_id: str) -> list[Ref] | None:
        """The reports of event ``event_id`` (as :func:`.marks.reports` gives them); None
        when it is not held."""

    def recorded_of(self, event_id: str) -> datetime | None:
        """When the log learned event ``event_id``; None when it is not held."""


def window(
    store: LogStore,
    since: date,
    until: date,
    keys: Callable[[str], bool] | None = None,
    relationship: str | None = None,
    held: Held | None = None,
) -> Iterator[tuple[str, Evidenced]]:
    """The changes of each relationship (those ``keys`` accepts; ``relationship`` alone)
    from ``since`` to ``until``, read off the stored marks (:func:`current` must hold); the
    reports of events ``held`` are taken from it, the others read from the log."""
    conn = side.table_connection(store)
    days = (since.isoformat(), since.isoformat(), until.isoformat())
    if relationship is None:
        rows = conn.execute(_WINDOW.format(pair=""), days)
    else:
        rows = conn.execute(
            _WINDOW.format(pair="m.relationship = ? AND "), (*days[:1], relationship, *days[1:])
        )
    pairs: dict[str, tuple[dict[str, list[tuple[str | None, str]]], dict[str, str | None]]] = {}
    for key, fact, value, record, before in rows:
        if keys is not None and not keys(key):
            continue
        if before is None and fact == "label":
            before = NO_LABEL  # no mark before: the label of no relations
        if value == before:
            continue
        marks, befores = pairs.setdefault(key, ({}, {}))
        marks[fact] = [(value, record)]
        befores[fact] = before
    found = [
        (key, item) for key, (marks, befores) in pairs.items() for item in compose(marks, befores)
    ]
    cited = cite(
        [item for _, item in found],
        _reports(store, {i for _, it in found for i in it.event_ids}, held),
    )
    yield from zip([key for key, _ in found], cited, strict=True)


def walked(key: str, events: Iterable[FoldEvent], since: date, until: date) -> list[Evidenced]:
    """The changes of one relationship from ``since`` to ``until``, walked from its events
    (what :func:`window` reads off the stored marks)."""
    events = list(events)
    marks: dict[str, list[tuple[str | None, bytes | str]]] = {}
    before: dict[str, str | None] = {}
    for mark in walk(key, events):
        if mark.day <= since:
            before[mark.fact] = mark.value
        elif mark.day <= until:
            marks.setdefault(mark.fact, []).append((mark.value, mark.record))
        else:
            break
    return cite(compose(marks, before), reports(events))


_T = TypeVar("_T")


def held_first(
    ids: set[str],
    held: Callable[[str], _T | None] | None,
    read: Callable[[set[str]], dict[str, _T]],
) -> dict[str, _T]:
    """What ``read`` gives for the events ``ids``, each one ``held`` gives taken from it
    instead (only the others are read)."""
    found: dict[str, _T] = {}
    if held is not None:
        for event_id in ids:
            value = held(event_id)
            if value is not None:
                found[event_id] = value
        ids = ids - found.keys()
    return found | read(ids) if ids else found


def _reports(store: LogStore, ids: set[str], held: Held | None = None) -> dict[str, list[Ref]]:
    """The reports of the events ``ids`` (see :func:`.marks.reports`): those ``held``
    from it, the others read from the log (the events, the notes naming them, and the
    retractions of those notes, through the dedup index)."""
    return held_first(
        ids, None if held is None else held.reports_of, lambda rest: _read_reports(store, rest)
    )


def _read_reports(store: LogStore, ids: set[str]) -> dict[str, list[Ref]]:
    wanted = sorted(ids)
    if isinstance(store, EventStore):
        events = [from_row(*row) for row in change_rows.rows_of(store.conn, wanted)]
    else:
        events = [from_row(*row) for i in wanted if (row := store.row_of(i)) is not None]
    seen = {e.event_id for e in events}
    while wanted:  # the notes of the events, then the retractions of those notes
        found = [e for e in _notes(store, wanted) if e.event_id not in seen]
        seen.update(e.event_id for e in found)
        events += found
        wanted = [e.event_id for e in found]
    return reports(events)


def _notes(store: LogStore, subjects: list[str]) -> list[FoldEvent]:
    if isinstance(store, EventStore):
        rows = snapshot_rows.note_rows(store.conn, subjects, store.head())
        return [from_row(*row) for row in rows]
    conn = side.table_connection(store)
    return [from_recorded(n) for n in fingerprints.notes(conn, subjects)]
