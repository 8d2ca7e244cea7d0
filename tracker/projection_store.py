"""The materialized projection: every relationship's folded state, and the checkpoint.

``projection_states`` holds each relationship's :class:`RelationshipState` as known now,
over all valid time (nothing date-dependent: see :mod:`tracker.projections.state`), and the
follower ``relationships`` of ``processor_checkpoints`` the last log position folded in.
:meth:`catch_up` advances both in one write transaction, so a crash leaves the projection
either before or after a batch, never half-applied; an event that sorts after a
relationship's last one is applied to the stored state, news learned late about the past
by the facts it touches (:mod:`tracker.late_facts`), and a retraction refolds that
relationship from the log. :meth:`rebuild`
replays the whole log into a fresh table and swaps it in; :meth:`check` compares a rebuild
with the stored states.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any, cast

from tracker import late_facts, snapshots, stored_states
from tracker.projection_rebuild import FoldedRow, fold_ranges
from tracker.projections import (
    FoldEvent,
    RelationshipState,
    StateBuilder,
    StateHeads,
    fold,
    fold_json,
    fold_key,
    follows_key,
)
from tracker.queries.rows import by_relationship, relationship_events, tail
from tracker.store import EventStore, fingerprints, side, snapshot_rows
from tracker.store.protocol import LogStore
from tracker.store.side import SqlConnection
from tracker.stored_states import (
    MIGRATIONS,
    PG_MIGRATIONS,
    PROJECTION,
    SNAPSHOTS,
    SNAPSHOTS_FROM,
    TABLE,
    table_ddl,
)

__all__ = ["PROJECTION", "Progress", "ProjectionCheck", "ProjectionStore"]

Progress = Callable[[int, int], None]
# A rebuild folds into a table of its own and swaps it in. Its name carries the process and
# thread: two processes opening a database whose projection was reset both rebuild it, and
# each must fill its own table (the later swap wins; each is complete as of its own head).
_NEXT = "projection_states_next"
# Busy pairs whose builder the follower keeps between batches (ProjectionStore._thawed).
_KEPT_BUILDERS = 8
# A rebuild folding in this process (on PostgreSQL) writes this many states at a time.
_WRITE_EVERY = 500


@dataclass(frozen=True, slots=True)
class ProjectionCheck:
    """A rebuild compared with the stored projection, at the stored checkpoint."""

    ok: bool
    checkpoint: int
    relationships: int
    mismatched: tuple[str, ...]


class _OnConnection:
    """A store whose tables beside the log are read and written on ``conn`` (a follower's
    transaction on PostgreSQL), for code written against ``store.conn``: the snapshots."""

    def __init__(self, store: LogStore, conn: SqlConnection) -> None:
        self._store = store
        self.conn = conn

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def _rename(conn: SqlConnection, dialect: str, table: str, name: str) -> None:
    """Rename ``table`` to ``name`` (just dropped). SQLite checks every view against the
    schema as it renames, and a view over ``name`` (``tracker views``: the stored states
    for datasette) names a table that is, for that moment, gone: the legacy rename leaves
    the views alone, and they read the new table by its name."""
    if dialect != "sqlite":
        conn.execute(f"ALTER TABLE {table} RENAME TO {name}")
        return
    conn.execute("PRAGMA legacy_alter_table = ON")
    try:
        conn.execute(f"ALTER TABLE {table} RENAME TO {name}")
    finally:
        conn.execute("PRAGMA legacy_alter_table = OFF")


class ProjectionStore:
    """The projection tables beside the log: in the SQLite file (on its connection), or on
    the PostgreSQL server (on the store's table connection, :mod:`tracker.store.side`)."""

    def __init__(self, store: LogStore) -> None:
        self.store = store
        # Busy pairs' builders as their stored states thaw, by relationship, with that
        # state's text (see _thawed): decoding a busy pair's state per batch was a third of
        # folding a late fact into it.
        self._kept: OrderedDict[str, tuple[str, StateBuilder]] = OrderedDict()
        self._lock = threading.Lock()
        self.conn = side.table_connection(store)
        before = side.schema_version(self.conn, "projection")
        side.migrate(self.conn, "projection", MIGRATIONS, PG_MIGRATIONS)
        if 0 < before < SNAPSHOTS_FROM <= len(MIGRATIONS) and self.is_current():
            self.write_snapshots()  # a projection from before snapshots: its busy pairs'

    @cached_property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``: the backend of the tables."""
        return side.dialect(self.conn)

    def _on(self, conn: SqlConnection) -> EventStore:
        """The store as the snapshots read it, its tables on ``conn``."""
        if isinstance(self.store, EventStore) and conn is self.store.conn:
            return self.store
        return cast(EventStore, _OnConnection(self.store, conn))

    def checkpoint(self) -> int:
        """The last log position folded into the stored states."""
        return stored_states.checkpoint(self.conn)

    def load(self, key: str) -> RelationshipState | None:
        """The stored state of relationship ``key``, if it has any event."""
        return stored_states.load(self.conn, key)

    def stored_answer(self, key: str, day: date) -> RelationshipState | None:
        """Relationship ``key`` on ``day`` as known now, if the stored state says it (see
        :func:`tracker.stored_states.stored_answer`); None: fold it from the log."""
        with side.read_snapshot_of(self.conn):  # the checks and the state read agree
            return stored_states.stored_answer(self.conn, key, day)

    def from_snapshot(
        self, key: str, day: date, head: int | None = None
    ) -> RelationshipState | None:
        """Relationship ``key`` on ``day`` as known now, or as the log to position ``head``
        knew it, from its nearest valid snapshot (a busy pair); None when it has none."""
        return snapshots.state_as_of(self._on(self.conn), key, day, head)

    def load_all(self, actor: str | None = None) -> Iterator[RelationshipState]:
        """Every stored state (of relationships involving ``actor``), by relationship key."""
        for _, text in self._stored(actor):
            yield RelationshipState.model_validate_json(text)

    def load_heads(self, actor: str | None = None) -> Iterator[StateHeads]:
        """:meth:`load_all` without histories and sources (see ``projections.heads``)."""
        for _, text in self._stored(actor):
            yield StateHeads.model_validate_json(text)

    def stored_texts(self) -> Iterator[tuple[str, str]]:
        """(relationship, state JSON) of every stored state, by key, for a reader that
        decodes only the parts it needs (as :meth:`load_heads` does)."""
        return self._stored(None)

    def _stored(self, actor: str | None) -> Iterator[tuple[str, str]]:
        """(relationship, state JSON) of every stored state involving ``actor``, by key."""
        sql = f"SELECT relationship, state FROM {TABLE} ORDER BY relationship"
        for key, text in self.conn.execute(sql).fetchall():
            if actor is None or actor in key.split("-"):
                yield key, text

    def head(self) -> int:
        """The log's last position."""
        return self.store.head()

    def is_current(self) -> bool:
        """True when every event in the log has been folded in."""
        return self.checkpoint() >= self.head()

    def catch_up(self) -> int:
        """Fold every event after the checkpoint in; return how many were read.

        A follower of the log: the fold's results and the new checkpoint commit in one
        transaction that holds the checkpoint (:meth:`tracker.store.LogStore.following`),
        so no two processes fold the same events.
        """
        folded = self.checkpoint()
        if folded >= self.head():
            return 0  # the common case on open: no write lock needed
        # A snapshot's fold reads the notes of old facts through the dedup index.
        fingerprints.catch_up(self.store)
        if folded == 0:
            # Nothing folded yet (a new projection, or a migration that reset it): a
            # rebuild folds the whole log at once, in parallel, instead of event by event.
            return self.rebuild()
        with self.store.following(PROJECTION) as follow:
            start, head = follow.position, follow.head
            if head <= start:
                return 0
            pending: dict[str, list[FoldEvent]] = defaultdict(list)
            for key, event in tail(self.store, after=start, until=head):
                pending[key].append(event)
            counts = self._counts(follow.conn, list(pending), head)
            bound = self._on(follow.conn)
            for key, events in pending.items():
                new = self._advance(bound, key, events, head, counts.get(key, 0))
                self._save(follow.conn, key, new)
            follow.advance(head)
        return head - start

    def _advance(
        self, bound: EventStore, key: str, events: list[FoldEvent], head: int, count: int
    ) -> _Folded:
        # The stored state is thawed straight from its JSON, and the new one written
        # straight from the builder (StateBuilder.from_json, build_json): a busy pair's
        # state was decoded into models and encoded from them again per batch.
        text = stored_states.load_text(bound.conn, key)
        busy = count >= snapshots.spacing().from_events
        if text is not None and snapshots.indexed(bound, head):
            # Late news folded in by the facts it touches (tracker.late_facts).
            thawed = self._thawed(key, text)
            folded = late_facts.fold_batch(bound.conn, thawed, events, head)
            if folded is not None:
                # The snapshots a late fact spoils are written again by extend once every
                # so many events (not per late fact); until then their readers fold the
                # late facts in (snapshots.state_as_of).
                if busy:
                    snapshots.extend(bound, key, head, count)
                return self._built(key, folded, keep=busy)
            self._keep(key, text, thawed)  # untouched: a retraction folds the pair again
        builder = None if text is None else self._thawed(key, text)
        if builder is None or not all(follows_key(builder.last_key, e) for e in events):
            if busy:  # from the nearest snapshot before the news
                return _frozen(snapshots.refold(bound, key, head, write=False))
            return _frozen(fold(key, relationship_events(self.store, key, until_position=head)))
        builder.narrate = False
        for event in _sorted_facts(events):
            builder.add(event)
        batch = {e.event_id for e in events}
        if any(note.subject not in batch for note in builder.unresolved):
            # A note of an event the stored facts left out (tracker.late_facts reads
            # their events through the dedup index, which lags): fold again.
            return _frozen(fold(key, relationship_events(self.store, key, until_position=head)))
        if busy:
            snapshots.extend(bound, key, head, count)
        return self._built(key, builder, keep=busy)

    def _thawed(self, key: str, text: str) -> StateBuilder:
        """Stored state ``text`` of ``key`` as a builder: the one this process kept when it
        wrote that very text (:meth:`_built`), else thawed from it."""
        with self._lock:
            kept = self._kept.pop(key, None)
        if kept is not None and kept[0] == text:
            return kept[1]
        return StateBuilder.from_json(text)

    def _built(self, key: str, builder: StateBuilder, *, keep: bool) -> _Folded:
        """The state to store, from ``builder``; ``keep`` (a busy pair): the builder is
        kept, as its thawed state, to fold the pair's next batch into. Whoever writes the
        stored state next (another process, a rebuild) changes its text, and the kept
        builder is passed over; so is one whose transaction did not commit."""
        folded = _built(builder)
        if keep:
            builder.as_thawed()
            self._keep(key, folded[0], builder)
        return folded

    def _keep(self, key: str, text: str, builder: StateBuilder) -> None:
        with self._lock:
            self._kept[key] = (text, builder)
            self._kept.move_to_end(key)
            while len(self._kept) > _KEPT_BUILDERS:
                self._kept.popitem(last=False)

    @staticmethod
    def _counts(conn: SqlConnection, keys: list[str], head: int) -> dict[str, int]:
        """How many events each of ``keys`` has (whether it is busy enough for snapshots)."""
        busy = snapshots.spacing().from_events  # counted up to this: a pair's count is O(n)
        return {key: snapshot_rows.count_after(conn, key, 0, head, busy) for key in keys}

    def rebuild(
        self, progress: Progress | None = None, meanwhile: Callable[[], object] | None = None
    ) -> int:
        """Replay the whole log into a fresh table and swap it in; return events folded.

        ``progress(done, total)`` is called as relationships are folded (events counted);
        ``meanwhile`` once, on this connection, while worker processes fold (if any).
        """
        head = self.head()
        counts = self.store.relationship_counts(head)
        total = sum(count for _, count in counts)
        table = f"{_NEXT}_{os.getpid()}_{threading.get_ident()}"
        # On a server one rebuild at a time, on any machine: the tables it finds are left
        # by rebuilds that crashed (a file finds them by their process ids).
        with side.exclusive(self.conn, _NEXT):
            for orphan in [_NEXT, *_orphans(self.conn)]:
                self.conn.execute(f"DROP TABLE IF EXISTS {orphan}")
            self.conn.execute(f"DROP TABLE IF EXISTS {table}")
            self.conn.execute(table_ddl(table, self.dialect))
            folded = 0
            written: list[snapshots.SnapshotRow] = []  # the busy pairs' (SQLite's workers)
            for rows in self._fold_ranges(head, counts, meanwhile):
                with side.write_transaction_of(self.conn) as conn:
                    conn.executemany(
                        f"INSERT INTO {table} (relationship, state, last_occurred) "
                        "VALUES (?, ?, ?)",
                        [row[:3] for row in rows],
                    )
                folded += sum(row[3] for row in rows)
                written += [snapshot for row in rows for snapshot in row[4]]
                if progress is not None:
                    progress(folded, total)
            with self.store.following(PROJECTION) as follow:
                follow.conn.execute(f"DROP TABLE {TABLE}")
                _rename(follow.conn, self.dialect, table, TABLE)
                follow.conn.execute(f"DELETE FROM {SNAPSHOTS}")
                snapshots.insert(follow.conn, written)
                follow.advance(head)
        # Events appended while the rebuild ran are folded in the usual way.
        self.catch_up()
        if self.dialect == "sqlite" and self.checkpoint() == head:
            # The workers wrote every busy pair's snapshots as of head, as write_snapshots
            # would; its index catch-up is still owed (a snapshot's reader needs it).
            fingerprints.catch_up(self.store)
        else:
            self.write_snapshots()
        return folded

    def _fold_ranges(
        self, head: int, counts: list[tuple[str, int]], meanwhile: Callable[[], object] | None
    ) -> Iterator[list[FoldedRow]]:
        """The states of every relationship to ``head``: SQLite folds ranges of keys in
        worker processes over the file; a server's log is folded here, a share at a time."""
        if self.dialect == "sqlite":
            yield from fold_ranges(self.conn, head, counts, meanwhile=meanwhile)
            return
        if meanwhile is not None:
            meanwhile()
        rows: list[FoldedRow] = []
        for key, events in by_relationship(self.store, until=head):
            state, last = fold_json(key, events)
            rows.append((key, state, last.isoformat() if last else None, len(events), []))
            if len(rows) >= _WRITE_EVERY:
                yield rows
                rows = []
        if rows:
            yield rows

    def write_snapshots(self) -> None:
        """Write the snapshots of every busy relationship afresh (:mod:`tracker.snapshots`)."""
        fingerprints.catch_up(self.store)  # a snapshot's fold reads notes through it
        with self.store.following(PROJECTION) as follow:
            busy = snapshots.spacing().from_events
            bound = self._on(follow.conn)
            for key, count in self.store.relationship_counts(follow.position):
                if count >= busy:
                    snapshots.refold(bound, key, follow.position)

    def check(self) -> ProjectionCheck:
        """Fold the log up to the checkpoint afresh and compare with every stored state."""
        at = self.checkpoint()
        stored = {s.relationship: s for s in self.load_all()}
        rebuilt = {key: fold(key, events) for key, events in by_relationship(self.store, until=at)}
        differ = sorted(
            k for k in stored.keys() | rebuilt.keys() if stored.get(k) != rebuilt.get(k)
        )
        # A sample of snapshots, each against a fold from the start at its own position.
        differ += [f"snapshot {wrong}" for wrong in snapshots.check(self._on(self.conn))]
        return ProjectionCheck(not differ, at, len(rebuilt), tuple(differ))

    @staticmethod
    def _save(conn: SqlConnection, key: str, folded: _Folded) -> None:
        text, last = folded
        conn.execute(
            f"INSERT INTO {TABLE} (relationship, state, last_occurred) VALUES (?, ?, ?) "
            "ON CONFLICT (relationship) DO UPDATE SET state = excluded.state, "
            "last_occurred = excluded.last_occurred",
            (key, text, _text(last)),
        )


# A state to store: its JSON and its latest fact's valid date.
_Folded = tuple[str, date | None]


def _built(builder: StateBuilder) -> _Folded:
    last = builder.last_key
    return builder.build_json(), None if last is None else last[0]


def _frozen(state: RelationshipState) -> _Folded:
    return state.model_dump_json(), state.last_occurred


def _orphans(conn: SqlConnection) -> list[str]:
    """Rebuild tables left by rebuilds that crashed. On a server, every one (the caller
    holds the rebuild's lock); in a file, those whose process is gone (POSIX only)."""
    found = side.tables_like(conn, f"{_NEXT}_")
    if side.dialect(conn) != "sqlite":
        return found
    if os.name != "posix":
        return []
    orphans = []
    for name in found:
        pid = name.removeprefix(f"{_NEXT}_").split("_")[0]
        if pid.isdigit() and not _alive(int(pid)):
            orphans.append(name)
    return orphans


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: asks whether the process exists, sends nothing
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


def _text(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _sorted_facts(events: list[FoldEvent]) -> list[FoldEvent]:
    # Within one batch the new events must themselves be folded in fold order.
    return sorted(events, key=fold_key)
