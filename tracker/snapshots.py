"""Per-relationship snapshots: a busy pair's folded state at month ends.

``state_snapshots`` holds, for a relationship with many events (``seeds/snapshots.toml``),
its state as of the end of some months, each as the fold of the log up to ``built_at`` (a
log position) would give it: the facts dated on or before the month's end, with every
annotation known then. Stored as zlib-compressed JSON (a bounded state, see
:mod:`tracker.projections.tone` and :mod:`tracker.projections.records`, but with every id
of the events behind each fact: a fold resumed from a snapshot finds the facts of any
annotation by them; tens of kilobytes, most of them those ids).

A snapshot stays valid while nothing of its pair arrived after ``built_at`` that is a fact
dated on or before the month's end or a retraction (of anything: retractions are rare, and
one can take a fact or an annotation out of the snapshot). A state as of D starts from the
nearest snapshot at or before D that no retraction spoiled and folds, after it, the pair's
facts dated after the month's end (through D), everything of the pair appended after
``built_at``, and the corroborations, confirmations and retractions of those facts
(``event_notes``); late facts among them (dated in the snapshot's months, learned after it)
are folded in by the facts they touch, as the stored state takes late news
(:mod:`tracker.late_facts`). Correct because annotations commute with facts
(:mod:`tracker.projections.builder`) and adding one twice changes nothing;
tests/integration/test_snapshots.py holds it equal to a fold from the start. The follower
writes spoiled snapshots again once every so many events (:func:`extend`), from the latest
valid one, so that their readers have few late facts to fold in.

A state known at a past time folds from the start: a snapshot holds what is known now.
The projection follower writes snapshots (:func:`refold`, :func:`extend`); ``replay
--rebuild`` writes them afresh; ``verify`` compares a sample with a fold from the start.
"""

from __future__ import annotations

import calendar
import sqlite3
import tomllib
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache

import seeds
from tracker import late_facts
from tracker.projections import RelationshipState, StateBuilder, facts_and_notes, select
from tracker.projections.fold_event import FoldEvent, from_row
from tracker.store import EventStore, fingerprints, positions, snapshot_rows
from tracker.store.fold_rows import relationship_rows
from tracker.stored_states import SNAPSHOTS as TABLE

__all__ = [
    "TABLE",
    "SnapshotRow",
    "Spacing",
    "check",
    "extend",
    "indexed",
    "insert",
    "refold",
    "spacing",
    "state_as_of",
    "walk_from_start",
]


# A snapshot as stored: (relationship, month, built_at, zlib-compressed state JSON, and
# zlib-compressed every event id of each fact, StateBuilder.ids_json).
SnapshotRow = tuple[str, str, int, bytes, bytes]


@dataclass(frozen=True, slots=True)
class Spacing:
    """When a pair gets snapshots, and how far apart (``seeds/snapshots.toml``)."""

    from_events: int
    every: int


@cache
def spacing() -> Spacing:
    """The spacing in ``seeds/snapshots.toml``."""
    data = tomllib.loads(seeds.path("snapshots.toml").read_text(encoding="utf-8"))
    return Spacing(int(data["from_events"]), int(data["every"]))


@dataclass(frozen=True, slots=True)
class _Snapshot:
    month: str
    built_at: int
    text: bytes  # the state's JSON: each fact's bounded ids (every id, if ``ids`` is None)
    ids: bytes | None  # every event id of each fact (StateBuilder.ids_json), compressed

    def builder(self, every_id: bool = True) -> StateBuilder:
        """A builder to fold further events into, thawed from the snapshot; with every id
        of each fact (``every_id``: it may take an annotation of any event it folded)."""
        builder = StateBuilder.from_json(self.text)
        builder.narrate = False
        if every_id and self.ids is not None:
            builder.restore_ids(zlib.decompress(self.ids).decode())
        return builder


def _month_end(month: str) -> date:
    year, number = int(month[:4]), int(month[5:7])
    return date(year, number, calendar.monthrange(year, number)[1])


def _valid(conn: sqlite3.Connection, key: str, month: str, built_at: int, head: int) -> bool:
    return not snapshot_rows.spoils(conn, key, built_at, head, _month_end(month).isoformat())


def _latest_valid(
    conn: sqlite3.Connection,
    key: str,
    head: int,
    through: date | None = None,
    *,
    late: bool = False,
) -> _Snapshot | None:
    """The latest valid snapshot whose month ends on or before ``through``; ``late``: the
    latest one no retraction spoiled (its reader folds in the late facts learned since)."""
    for month, built_at in _usable(conn, key, head, through, late):
        row = conn.execute(
            f"SELECT state, ids FROM {TABLE} WHERE relationship = ? AND month = ?", (key, month)
        ).fetchone()
        ids = None if row[1] is None else bytes(row[1])
        return _Snapshot(month, built_at, zlib.decompress(row[0]), ids)
    return None


def _latest_valid_month(conn: sqlite3.Connection, key: str, head: int) -> str | None:
    """The month of the latest valid snapshot (:func:`_latest_valid`, without reading it)."""
    return next((month for month, _ in _usable(conn, key, head, None, False)), None)


def _usable(
    conn: sqlite3.Connection, key: str, head: int, through: date | None, late: bool
) -> Iterator[tuple[str, int]]:
    """(month, built_at) of the snapshots :func:`_latest_valid` may take, latest first,
    read as taken: a reader takes the first (a busy pair has hundreds, one a month)."""
    sql = f"SELECT month, built_at FROM {TABLE} WHERE relationship = ?"
    asked: tuple[str, ...] = (key,)
    if through is not None:  # a month ending after ``through`` is at most its own
        sql, asked = sql + " AND month <= ?", (key, through.isoformat()[:7])
    for month, built_at in conn.execute(sql + " ORDER BY month DESC", asked):
        if through is not None and _month_end(month) > through:
            continue
        if built_at > head:  # written from more than the log held at ``head``
            continue
        spoiled = (
            snapshot_rows.retracts(conn, key, built_at, head)
            if late
            else not _valid(conn, key, month, built_at, head)
        )
        if not spoiled:
            yield str(month), int(built_at)


def _after(
    conn: sqlite3.Connection, key: str, snap: _Snapshot, head: int, through: date | None
) -> list[FoldEvent]:
    """What a fold from ``snap`` adds (see the module docstring), retractions included."""
    end = _month_end(snap.month).isoformat()
    upto = through.isoformat() if through else None
    rows = snapshot_rows.rows_after(conn, key, head, snap.built_at, end, upto)
    events = [from_row(*row) for row in rows]
    seen = {e.event_id for e in events}
    subjects = [e.event_id for e in events if e.kind == "fact"]
    while subjects:  # the notes of new facts, then the retractions of those notes
        found = [e for e in _notes(conn, subjects, head) if e.event_id not in seen]
        seen.update(e.event_id for e in found)
        events += found
        subjects = [e.event_id for e in found]
    return events


def _notes(conn: sqlite3.Connection, subjects: list[str], head: int) -> list[FoldEvent]:
    """The corroborations and retractions of ``subjects`` to ``head`` (``event_notes``)."""
    return [from_row(*row) for row in snapshot_rows.note_rows(conn, subjects, head)]


def indexed(store: EventStore, head: int) -> bool:
    """Whether the dedup index holds the log to ``head`` (the notes of old facts, and a
    late fact's facts, are read through it)."""
    return positions.checkpoint(store.conn, fingerprints.FOLLOWER) >= head


def state_as_of(
    store: EventStore, key: str, day: date, head: int | None = None
) -> RelationshipState | None:
    """Relationship ``key`` as of ``day`` as known now, or as known when the log held its
    events to ``head`` (what it knew at a past time: see :func:`.queries.rows.position_after`),
    from its nearest snapshot written from no more than that; None when it has none (then
    fold from the start).

    Late news learned since a snapshot was written (facts dated in its months, which the
    follower writes snapshots again for only once every so many events) does not make the
    reader pass over it: those facts are folded in by the facts they touch, as the stored
    state takes late news (:mod:`tracker.late_facts`). Without that, one late fact dated
    years back sent every reader after its date to a snapshot before it (on a pair of
    50,000 events, 350 ms where 3 ms is the rule)."""
    head = store.head() if head is None else head
    if not indexed(store, head):
        return None
    conn = store.conn
    snap = _latest_valid(conn, key, head, day, late=True)
    if snap is None:
        return None
    # No retraction among the events chosen (select leaves them out): never None.
    events = select(_after(conn, key, snap, head, day), as_of=day)
    builder = snap.builder(every_id=not _timely(events, _month_end(snap.month)))
    folded = late_facts.fold_batch(conn, builder, events, head, through=day)
    return None if folded is None else folded.build()


def _timely(events: list[FoldEvent], end: date) -> bool:
    """Whether ``events`` are only facts dated after ``end`` and notes of those: what a
    snapshot of a month ending then is folded on with needs none of the ids its facts
    left out (news of its months, or a note of a fact it holds, does)."""
    facts = {e.event_id for e in events if e.kind == "fact" and e.occurred_start > end}
    return all(e.event_id in facts if e.kind == "fact" else e.subject in facts for e in events)


def refold(store: EventStore, key: str, head: int, *, write: bool = True) -> RelationshipState:
    """Relationship ``key``'s state through ``head``, from its latest valid snapshot (or
    from the start), inside the follower's transaction. Snapshots spoiled since are deleted;
    ``write``: fresh ones are written on the way. A late event does not write them (on a
    busy pair each costs tens of milliseconds): the next batch folded in order does
    (:func:`extend`)."""
    conn = store.conn
    snap = _latest_valid(conn, key, head) if indexed(store, head) else None
    if snap is None:
        rows = relationship_rows(conn, key, until_position=head)
        builder = StateBuilder(key, narrate=False)
        events, start = [from_row(*row) for row in rows], None
    else:
        builder = snap.builder()
        events, start = _after(conn, key, snap, head, None), snap.month
    conn.execute(f"DELETE FROM {TABLE} WHERE relationship = ? AND month > ?", (key, start or ""))
    _walk(conn, builder, select(events), head, write)
    return builder.build()


def extend(store: EventStore, key: str, head: int, facts: int) -> None:
    """After a batch folded in order: start or extend ``key``'s snapshots when the pair is
    busy (``facts`` events) and enough facts arrived since its latest valid snapshot.

    At most once per ``every`` events of the pair: writing snapshots folds from the latest
    valid one (late news spoils those after its date), so its cost is shared by that many
    appends however late the news was.
    """
    every = spacing()
    if facts < every.from_events:
        return
    conn = store.conn
    built = conn.execute(
        f"SELECT MAX(built_at) FROM {TABLE} WHERE relationship = ?", (key,)
    ).fetchone()[0]
    if built is not None and snapshot_rows.count_after(conn, key, built, head) < every.every:
        return
    if not indexed(store, head):
        return  # the next batch, once the dedup index holds the log
    month = _latest_valid_month(conn, key, head)
    since = "" if month is None else _month_end(month).isoformat()
    # Counted through the dedup index, and only as far as it decides: this runs after each
    # batch until a snapshot is written again (a count over the pair's rows was 0.6 ms a
    # batch on a pair of 5,000 events).
    if snapshot_rows.count_facts_after(conn, key, since, 2 * every.every) < 2 * every.every:
        return
    # A refold writes no snapshot of the latest fact's month: when the facts since the
    # latest valid snapshot are nearly all of that month (recent news piling up), it would
    # fold them after every batch and write nothing.
    last = snapshot_rows.last_month(conn, key)
    if snapshot_rows.count_facts_after(conn, key, since, every.every, last) >= every.every:
        refold(store, key, head)


def walk_from_start(
    key: str, events: list[FoldEvent], head: int
) -> tuple[StateBuilder, list[SnapshotRow]]:
    """Relationship ``key`` folded from the start, from all its ``events`` to ``head``, as
    :func:`refold` folds a pair with no snapshot, and the snapshots that fold writes on the
    way, without a database: a rebuild's worker writes a busy pair's snapshots as it folds
    it, where the rebuilding process would read and fold the pair again."""
    builder = StateBuilder(key, narrate=False)
    return builder, _walked(builder, select(events), head, True)


def insert(conn: sqlite3.Connection, rows: list[SnapshotRow]) -> None:
    """Write snapshot ``rows`` (relationship, month, built_at, compressed state and ids)."""
    conn.executemany(
        f"INSERT INTO {TABLE} (relationship, month, built_at, state, ids) "
        "VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (relationship, month) DO UPDATE SET built_at = excluded.built_at, "
        "state = excluded.state, ids = excluded.ids",
        rows,
    )


def _walk(
    conn: sqlite3.Connection,
    builder: StateBuilder,
    chosen: list[FoldEvent],
    head: int,
    write: bool,
) -> None:
    insert(conn, _walked(builder, chosen, head, write))


def _walked(
    builder: StateBuilder, chosen: list[FoldEvent], head: int, write: bool
) -> list[SnapshotRow]:
    """Fold ``chosen`` (in fold order) into ``builder``: first the annotations of facts it
    holds already, then each fact with its own annotations (they commute with facts),
    with a snapshot at the end of a month once ``every`` facts have passed since the
    last (never of the latest fact's month: the next append would spoil it)."""
    facts, notes = facts_and_notes(chosen)
    walked = {fact.event_id for fact in facts}
    for subject in [s for s in notes if s not in walked]:  # about facts folded before
        for note in notes.pop(subject):
            builder.add(note)
    last_month = facts[-1].occurred_start.isoformat()[:7] if facts else ""
    every, since = spacing().every, 0
    rows: list[SnapshotRow] = []
    for i, fact in enumerate(facts):
        builder.add(fact)
        for note in notes.pop(fact.event_id, ()):
            builder.add(note)
        since += 1
        month = fact.occurred_start.isoformat()[:7]
        following = facts[i + 1].occurred_start.isoformat()[:7] if i + 1 < len(facts) else ""
        if write and since >= every and following != month and month < last_month:
            # The state as stored states are (bounded ids), every id apart: a reader of
            # news after the month thaws the bounded state alone (a busy pair's every-id
            # snapshot grew with its history, 30 -> 166 KB over the bench's 25 years).
            text = zlib.compress(builder.build_json().encode(), 1)
            ids = zlib.compress(builder.ids_json().encode(), 1)
            rows.append((builder.relationship, month, head, text, ids))
            builder.compact()
            since = 0
    return rows


def check(store: EventStore, sample: int = 5) -> list[str]:
    """``relationship month`` of every sampled snapshot (the latest few of each pair) that
    differs from a fold from the start as of its month's end, at its position."""
    wrong = []
    sql = (
        f"SELECT relationship, month, built_at, state, ids FROM {TABLE} "
        "ORDER BY relationship, month DESC"
    )
    taken: dict[str, int] = {}
    for key, month, built_at, blob, ids in store.conn.execute(sql).fetchall():
        taken[key] = taken.get(key, 0) + 1
        if taken[key] > sample:
            continue
        rows = relationship_rows(store.conn, key, until_position=built_at)
        builder = StateBuilder(key, narrate=False)
        for event in select([from_row(*row) for row in rows], as_of=_month_end(month)):
            builder.add(event)
        stored = _Snapshot(month, built_at, zlib.decompress(blob), ids and bytes(ids))
        thawed = stored.builder(every_id=True).build_json(every_id=True)
        if thawed != builder.build_json(every_id=True):
            wrong.append(f"{key} {month}")
    return wrong
