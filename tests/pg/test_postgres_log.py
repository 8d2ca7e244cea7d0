"""The log on PostgreSQL: the same rows and hashes as SQLite, append-only, retries, followers."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from events import AgreementSigned, EventRetracted, MeetingHeld, VisitMade
from tests.factories import article, diplomatic
from tracker.errors import CheckpointMovedError, ConcurrencyError, StoreError
from tracker.store import Checkpoint, EventStore, NewEvent
from tracker.store.hashing import ROW_COLUMNS
from tracker.store.postgres_store import PostgresStore

pytestmark = pytest.mark.postgresql


def _clock() -> Iterator[datetime]:
    moment = datetime(2025, 3, 1, tzinfo=UTC)
    while True:
        moment += timedelta(seconds=1)
        yield moment


@pytest.fixture
def pg(pg_database: str) -> Iterator[PostgresStore]:
    with PostgresStore.open(pg_database) as store:
        yield store


def _batches() -> list[list[NewEvent]]:
    signed = diplomatic(AgreementSigned)
    return [
        [NewEvent(signed, metadata={"feed": "f", "b": 1})],
        [NewEvent(diplomatic(VisitMade)), NewEvent(diplomatic(MeetingHeld, target="FRA"))],
        [NewEvent(article())],
        [NewEvent(EventRetracted(subject=signed.event_id, reason="misread", by="analyst"))],
    ]


def test_rows_hash_the_same_bytes_as_on_sqlite(pg_database: str, tmp_path: Path) -> None:
    batches = _batches()
    clock_a, clock_b = _clock(), _clock()
    with (
        EventStore.open(tmp_path / "t.db", clock=lambda: next(clock_a)) as lite,
        PostgresStore.open(pg_database, clock=lambda: next(clock_b)) as pg,
    ):
        for batch in batches:
            assert [r.position for r in lite.append(batch)] == [
                r.position for r in pg.append(batch)
            ]
        columns = ", ".join(ROW_COLUMNS)
        expected = lite.conn.execute(f"SELECT {columns} FROM events ORDER BY position").fetchall()
        with psycopg.connect(pg_database) as raw:
            got = raw.execute(f"SELECT {columns} FROM events ORDER BY position").fetchall()
            parties = raw.execute("SELECT party, position FROM event_parties ORDER BY 2, 1")
            pg_parties = parties.fetchall()
        lite_parties = lite.conn.execute(
            "SELECT party, position FROM event_parties ORDER BY 2, 1"
        ).fetchall()
        assert got == expected
        assert pg_parties == lite_parties
        assert pg.verify().ok and pg.verify().events == 5
        assert pg.relationships() == lite.relationships()
        assert list(pg.read(relationship="ARM-USA")) == list(lite.read(relationship="ARM-USA"))


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE events SET payload = '{}'",
        "DELETE FROM events",
        "TRUNCATE events",
        "DELETE FROM event_parties",
        "UPDATE event_relationships SET relationship = 'X-Y'",
    ],
)
def test_the_server_refuses_update_delete_and_truncate(
    pg: PostgresStore, pg_database: str, statement: str
) -> None:
    pg.append([diplomatic(AgreementSigned)])
    with psycopg.connect(pg_database) as raw, pytest.raises(psycopg.Error, match="append-only"):
        raw.execute(statement)
    assert pg.verify().ok


def test_verify_finds_a_changed_row_and_a_stale_head(pg: PostgresStore, pg_database: str) -> None:
    pg.append([diplomatic(AgreementSigned) for _ in range(5)])
    with psycopg.connect(pg_database) as raw:
        raw.execute("ALTER TABLE events DISABLE TRIGGER events_no_update")
        raw.execute("UPDATE events SET payload = replace(payload, 'ARM', 'AZE') WHERE position = 3")
    result = pg.verify()
    assert (result.ok, result.broken_at, result.events) == (False, 3, 2)
    with psycopg.connect(pg_database) as raw:
        raw.execute("UPDATE log_head SET position = 4")
    assert pg.verify().reason is not None


def test_a_retried_guarded_append_is_a_no_op(pg: PostgresStore) -> None:
    stream = "relationship-ARM-USA"
    first = [NewEvent(diplomatic(AgreementSigned), stream, expected_version=0)]
    first.append(NewEvent(diplomatic(VisitMade), stream))
    assert len(pg.append(first)) == 2
    assert pg.append(first) == []  # the reply was lost; the client sends it again
    assert pg.head() == 2
    partly = [first[0], NewEvent(diplomatic(MeetingHeld), stream)]
    with pytest.raises(ConcurrencyError) as info:
        pg.append(partly)
    assert "1 of this batch's 2 events are in the log already" in str(info.value)
    assert pg.head() == 2


def test_a_checkpoint_moves_with_the_append_or_refuses_it(pg: PostgresStore) -> None:
    pg.append([article()])
    moved = pg.append([diplomatic(AgreementSigned)], checkpoint=Checkpoint("extraction", 0, 1))
    assert [r.position for r in moved] == [2]
    assert pg.checkpoint("extraction") == 1
    with pytest.raises(CheckpointMovedError):
        pg.append([diplomatic(VisitMade)], checkpoint=Checkpoint("extraction", 0, 1))
    assert pg.head() == 2


def test_a_follower_holds_its_checkpoint_against_a_second_process(pg: PostgresStore) -> None:
    pg.append([diplomatic(AgreementSigned) for _ in range(3)])
    applied: list[tuple[int, int]] = []
    entered = threading.Event()

    def second() -> None:
        entered.wait()
        with pg.following("projection") as f:
            applied.append((f.position, f.head))
            f.advance(f.head)

    other = threading.Thread(target=second)
    other.start()
    with pg.following("projection") as f:
        entered.set()
        other.join(timeout=0.5)
        assert other.is_alive()  # waiting for the row this transaction holds
        applied.append((f.position, f.head))
        f.advance(f.head)
    other.join(timeout=10)
    assert applied == [(0, 3), (3, 3)]
    assert pg.checkpoint("projection") == 3


def test_a_wrong_server_is_a_store_error_naming_it() -> None:
    with pytest.raises(StoreError, match="could not connect to postgresql://127.0.0.1:9/"):
        PostgresStore.open("postgresql://nobody:secret@127.0.0.1:9/tracker")


def test_sqlite_paths_never_import_psycopg(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from tracker.cli import main; "
        "from tracker.cli import state_commands, log_commands, migrate_command; "
        "from tracker.app import Tracker; from tracker.store import EventStore; "
        f"EventStore.open({str(tmp_path / 'x.db')!r}).close(); "
        "print(sorted(m for m in sys.modules if m.startswith('psycopg')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_an_append_waiting_past_lock_timeout_is_refused_in_words(
    pg: PostgresStore, pg_database: str
) -> None:
    import time

    pg.append([diplomatic(AgreementSigned)])
    impatient_url = pg_database + "?options=-c%20lock_timeout%3D300"  # the URL's own setting
    with psycopg.connect(pg_database) as holder:
        holder.execute("UPDATE log_head SET position = position")  # a writer mid-append
        with PostgresStore.open(impatient_url, pool_size=1) as impatient:
            started = time.monotonic()
            with pytest.raises(StoreError, match="held the log longer than lock_timeout"):
                impatient.append([diplomatic(VisitMade)])
            assert time.monotonic() - started < 10  # not the default 30 s
        holder.rollback()
    assert pg.head() == 1 and pg.verify().ok
