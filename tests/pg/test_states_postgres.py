"""The tables beside the log on PostgreSQL: materialized states, snapshots, the dedup index.

Each is held equal to what SQLite keeps for the same log, and to a fold from the start.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

import seeds
from events import DiplomaticEvent, DomainEvent, EventCorroborated, EventRetracted, Evidence
from tests.factories import diplomatic
from tests.histories import random_fact
from tests.unit.test_projection_properties import DIPLOMATIC
from tracker import snapshots
from tracker.app import Tracker
from tracker.cli import cli
from tracker.errors import StoreError
from tracker.event_json import read_jsonl
from tracker.projections import fold
from tracker.queries.rows import relationship_events
from tracker.store import fingerprints, side

pytestmark = pytest.mark.postgresql

START = date(2025, 1, 1)
KEY = "ARM-USA"
CONTACTS = [c for c in DIPLOMATIC if c.family == "contact"]


def _contacts(first: int, count: int, step: int = 9) -> list[DiplomaticEvent]:
    return [
        diplomatic(
            CONTACTS[i % len(CONTACTS)],
            occurred=(START + timedelta(days=step * i)).isoformat(),
            level="official",
        )
        for i in range(first, first + count)
    ]


def _batches() -> list[list[DomainEvent]]:
    """Batches in order, a late one about the past, a corroboration and a retraction."""
    early = _contacts(0, 20)
    evidence = Evidence(url="https://second.example.org/a")
    return [
        list(read_jsonl(Path(str(seeds.path("timeline.jsonl"))))),
        early,
        _contacts(3, 2, step=5),  # dated before what the states hold: a refold
        [
            EventCorroborated(subject=early[4].event_id, evidence=evidence),
            EventRetracted(subject=early[7].event_id, reason="misread", by="analyst"),
        ],
    ]


def _history(t: Tracker, batches: list[list[DomainEvent]] | None = None) -> None:
    """The batches appended, the followers run after each (as the daemon and the commands
    run them)."""
    for batch in batches or _batches():
        t.append(batch)
        t.run_followers()


def _index(conn: side.SqlConnection) -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    facts = conn.execute("SELECT relationship, type, bucket, position FROM event_fingerprints")
    notes = conn.execute("SELECT subject, position FROM event_notes")
    return {tuple(r) for r in facts.fetchall()}, {tuple(r) for r in notes.fetchall()}


def test_the_follower_on_postgresql_stores_what_sqlite_stores(
    tmp_path: Path, pg_database: str
) -> None:
    with Tracker.open(tmp_path / "t.db") as lite, Tracker.open(pg_database) as pg:
        batches = _batches()
        _history(lite, batches)
        _history(pg, batches)
        stored = dict(pg.projection.stored_texts())
        assert stored == dict(lite.projection.stored_texts())
        assert len(stored) >= 4
        assert _index(pg.store.tables) == _index(lite.store.conn)  # type: ignore[attr-defined]
        for key in stored:
            assert pg.projection.load(key) == fold(key, relationship_events(pg.store, key))
        assert pg.verify_projection().ok


def test_a_rebuild_on_postgresql_equals_the_followers_states(pg_database: str) -> None:
    with Tracker.open(pg_database) as t:
        _history(t)
        followed = dict(t.projection.stored_texts())
        index = _index(t.store.tables)  # type: ignore[attr-defined]
        with psycopg.connect(pg_database, autocommit=True) as conn:  # a crashed rebuild's
            conn.execute("CREATE TABLE projection_states_next_4242_1 (relationship TEXT)")
        result = CliRunner().invoke(cli, ["replay", "--rebuild", "--db", pg_database])
        assert result.exit_code == 0, result.output
        assert side.tables_like(t.store.tables, "projection_states_next") == []  # type: ignore[attr-defined]
        assert dict(t.projection.stored_texts()) == followed
        assert _index(t.store.tables) == index  # type: ignore[attr-defined]
        assert t.projection.checkpoint() == t.store.head()
        assert t.verify_projection().ok


def test_verify_on_postgresql_finds_a_changed_state_and_a_lost_index_row(
    pg_database: str,
) -> None:
    with Tracker.open(pg_database) as t:
        _history(t)
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(
            "UPDATE projection_states SET state = replace(state, 'official', 'minister') "
            "WHERE relationship = %s",
            (KEY,),
        )
        conn.execute("DELETE FROM event_fingerprints WHERE position = (SELECT MIN(position) "
                     "FROM event_fingerprints)")  # fmt: skip
    result = CliRunner().invoke(cli, ["verify", "--json", "--db", pg_database])
    assert result.exit_code == 1, result.output
    assert KEY in result.output
    assert "dedup index" in result.output


def test_a_busy_pair_on_postgresql_is_answered_from_its_snapshots(
    pg_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshots, "spacing", lambda: snapshots.Spacing(10, 4))
    with Tracker.open(pg_database) as t:
        t.append(_contacts(0, 40))
        t.run_followers()
        count = t.store.tables.execute(  # type: ignore[attr-defined]
            f"SELECT COUNT(*) FROM {snapshots.TABLE}"
        ).fetchone()
        assert count[0] >= 3
        as_of = date(2025, 8, 20)
        log = relationship_events(t.store, KEY)
        assert t.projection.from_snapshot(KEY, as_of) == fold(KEY, log, as_of=as_of)
        t.append(_contacts(2, 1, step=31))  # dated in March: spoils the snapshots after it
        t.run_followers()
        log = relationship_events(t.store, KEY)
        assert t.projection.load(KEY) == fold(KEY, log)
        assert t.projection.from_snapshot(KEY, as_of) == fold(KEY, log, as_of=as_of)
        known = t.store.last_recorded_at()
        assert t.state("ARM", "USA", as_of=as_of).model_dump(exclude={"known_at"}) == t.state(
            "ARM", "USA", as_of=as_of, known_at=known
        ).model_dump(exclude={"known_at"})
        assert t.verify_projection().ok


def test_late_news_since_a_snapshot_on_postgresql_is_folded_in_by_its_readers(
    pg_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As tests/integration/test_snapshots.py on SQLite: late news of every family with the
    # snapshots not written again; a reader folds it into the snapshot before the day.
    monkeypatch.setattr(snapshots, "spacing", lambda: snapshots.Spacing(1, 6))
    rng = random.Random(3)
    with Tracker.open(pg_database) as t:
        t.append([random_fact(rng) for _ in range(60)])
        t.run_followers()
        monkeypatch.setattr(snapshots, "extend", lambda *args: None)
        for _ in range(3):
            t.append([random_fact(rng) for _ in range(3)])
            t.run_followers()
        log = relationship_events(t.store, KEY)
        answered = 0
        for day in range(0, 360, 29):
            as_of = START + timedelta(days=day)
            read = t.projection.from_snapshot(KEY, as_of)
            assert read is None or read == fold(KEY, log, as_of=as_of), as_of
            answered += read is not None
        assert answered > 5


def test_the_dedup_index_on_postgresql_finds_the_candidates_sqlite_finds(
    tmp_path: Path, pg_database: str
) -> None:
    with Tracker.open(tmp_path / "t.db") as lite, Tracker.open(pg_database) as pg:
        contacts = _contacts(0, 30, step=3)
        for t in (lite, pg):
            t.append(contacts)
            fingerprints.catch_up(t.store)
        tables = (lite.store.conn, pg.store.tables)  # type: ignore[attr-defined]
        kind = CONTACTS[0].event_type
        for start, precision in ((date(2025, 1, 10), "day"), (date(2025, 2, 1), "month")):
            found = [
                [e.position for e in fingerprints.candidates(c, KEY, kind, start, precision)]
                for c in tables
            ]
            assert found[0] == found[1]
        assert fingerprints.candidates(tables[1], KEY, kind, date(2025, 2, 1), "month")
        assert fingerprints.check(tables[1]) is None


def test_the_tables_connection_comes_back_after_the_server_closed_it(pg_database: str) -> None:
    with Tracker.open(pg_database) as t:
        t.append(_contacts(0, 5))
        t.run_followers()
        tables = t.store.tables  # type: ignore[attr-defined]
        with psycopg.connect(pg_database, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (tables.raw.info.backend_pid,))
        with pytest.raises(StoreError, match="closed the connection|could not connect"):
            t.projection.load(KEY)  # the statement that finds it closed fails, in words
        assert t.projection.load(KEY) == fold(KEY, relationship_events(t.store, KEY))
