"""Many writers on the PostgreSQL log: gapless positions, a verified chain, followers that
never skip an event committed late, and LISTEN/NOTIFY waking them."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from events import MeetingHeld, VisitMade
from tests.factories import diplomatic
from tracker.errors import StoreError
from tracker.store.postgres_store import PostgresStore

pytestmark = [pytest.mark.postgresql, pytest.mark.xdist_group("serial")]

ROOT = Path(__file__).resolve().parents[2]

# A writer whose event carries this note sleeps inside its append, holding the log's head.
_SLOW = """CREATE FUNCTION slow_append() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.payload LIKE '%"note":"slow%' THEN PERFORM pg_sleep(%SECONDS%); END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER slow_append BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION slow_append()"""


# An append asleep in the trigger above, holding the head; one waiting for the head.
_SLEEPING = (
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
    "AND wait_event = 'PgSleep' AND query LIKE 'WITH logged%'"
)
_WAITING_FOR_THE_HEAD = (
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
    "AND wait_event_type = 'Lock' AND query LIKE '%tracker_take_head%'"
)


def _wait_for(url: str, sql: str, seconds: float = 20) -> None:
    """Until ``sql`` finds a session (what the server itself says it is doing)."""
    with psycopg.connect(url, autocommit=True) as conn:
        deadline = time.monotonic() + seconds
        while not conn.execute(sql).fetchall():
            assert time.monotonic() < deadline, f"no session matched {sql}"
            time.sleep(0.02)


@pytest.fixture
def pg(pg_database: str) -> Iterator[PostgresStore]:
    with PostgresStore.open(pg_database, pool_size=4) as store:
        yield store


def _slow_appends(url: str, seconds: float) -> None:
    with psycopg.connect(url) as conn:
        conn.execute(_SLOW.replace("%SECONDS%", str(seconds)))


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("CI") != "true" and not os.environ.get("TRACKER_TEST_PG_HEAVY"),
    reason="4 x 10,000 appends take one to two minutes: run under CI=true or "
    "TRACKER_TEST_PG_HEAVY=1",
)
def test_four_processes_of_ten_thousand_appends_leave_a_gapless_verified_log(
    pg: PostgresStore, pg_database: str
) -> None:
    writers, each = 4, 10_000
    start_at = time.time() + 3  # after every process has imported and connected
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.pg.writer",
                pg_database,
                str(each),
                f"w{n}",
                str(start_at),
            ],
            cwd=ROOT,
        )
        for n in range(writers)
    ]
    assert [p.wait(timeout=900) for p in processes] == [0] * writers
    elapsed = time.time() - start_at
    total = writers * each
    with psycopg.connect(pg_database) as conn:
        row = conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT position), MIN(position), MAX(position), "
            "COUNT(DISTINCT version), MAX(version) FROM events"
        ).fetchone()
    assert row == (total, total, 1, total, total, total)
    result = pg.verify()
    assert (result.ok, result.events) == (True, total)
    notes = {str(r.event.note) for r in pg.read()}  # type: ignore[attr-defined]
    assert notes == {f"w{n}-{i}" for n in range(writers) for i in range(each)}
    print(f"\n{total} single-event appends by {writers} processes: {elapsed:.1f} s")


def test_a_follower_reading_while_a_writer_holds_the_head_never_skips(
    pg: PostgresStore, pg_database: str
) -> None:
    pg.append([diplomatic(MeetingHeld) for _ in range(2)])
    _slow_appends(pg_database, 1.5)
    slow_done = threading.Event()

    def slow_writer() -> None:
        pg.append([diplomatic(VisitMade, note="slow")])
        slow_done.set()

    def fast_writer() -> None:
        for _ in range(3):
            pg.append([diplomatic(MeetingHeld)])

    first = threading.Thread(target=slow_writer)
    first.start()
    _wait_for(pg_database, _SLEEPING)  # the slow append holds the head now, for 1.5 s
    second = threading.Thread(target=fast_writer)
    second.start()
    _wait_for(pg_database, _WAITING_FOR_THE_HEAD)
    held = [r.position for r in pg.read(after=2)]
    assert not slow_done.is_set()
    # Nothing after the first two is visible: the waiting writer's events come after the
    # slow one's, never before it (a sequence would have let them commit first).
    assert held == []
    seen = [1, 2]
    deadline = time.monotonic() + 20
    while len(seen) < 6 and time.monotonic() < deadline:
        # A follower as simple as can be: everything after the last position it saw.
        batch = [r.position for r in pg.read(after=seen[-1])]
        assert batch == list(range(len(seen) + 1, len(seen) + 1 + len(batch)))
        seen += batch
        time.sleep(0.02)
    first.join()
    second.join()
    assert seen == [1, 2, 3, 4, 5, 6]
    assert next(pg.read(after=2, limit=1)).event.note == "slow"  # type: ignore[attr-defined]


def test_a_writer_whose_connection_is_killed_holding_the_head_leaves_no_gap(
    pg: PostgresStore, pg_database: str
) -> None:
    pg.append([diplomatic(MeetingHeld)])
    _slow_appends(pg_database, 30)
    failed: list[StoreError] = []

    def slow_writer() -> None:
        with PostgresStore.open(pg_database, pool_size=1) as own:
            try:
                own.append([diplomatic(VisitMade, note="slow")])
            except StoreError as exc:
                failed.append(exc)

    writer = threading.Thread(target=slow_writer)
    writer.start()
    _wait_for(pg_database, _SLEEPING)
    with psycopg.connect(pg_database, autocommit=True) as admin:
        killed = admin.execute(f"SELECT pg_terminate_backend(pid) FROM ({_SLEEPING}) s")
        assert killed.fetchall() == [(True,)]
    writer.join(timeout=20)
    assert len(failed) == 1 and "nothing of it was committed" in str(failed[0])
    # The head went back with the killed transaction: the next append is position 2.
    assert [r.position for r in pg.append([diplomatic(MeetingHeld)])] == [2]
    assert pg.verify().ok


def test_followers_under_three_writers_see_every_position_once_in_order(
    pg: PostgresStore, pg_database: str
) -> None:
    _slow_appends(pg_database, 0.002)
    writers, each = 3, 60

    def writer(n: int) -> None:
        with PostgresStore.open(pg_database, pool_size=1) as own:
            for i in range(each):
                own.append([diplomatic(MeetingHeld, note=f"slow-{n}-{i}" if i % 3 else "")])

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for t in threads:
        t.start()
    seen: list[int] = []
    deadline = time.monotonic() + 120
    while any(t.is_alive() for t in threads) or len(seen) < writers * each:
        assert time.monotonic() < deadline, f"{len(seen)} of {writers * each} seen"
        with pg.following("follower") as f:
            batch = [r.position for r in pg.read(after=f.position)]
            if batch:
                f.advance(batch[-1])
        seen += batch
        if not batch:
            time.sleep(0.005)
    assert seen == list(range(1, writers * each + 1))
    assert pg.checkpoint("follower") == writers * each


def test_listen_wakes_a_follower_at_the_append_s_commit(pg: PostgresStore) -> None:
    with pg.listen() as listener:
        assert listener.wait(timeout=0.1) is None  # nothing appended: the poll's timeout
        timer = threading.Timer(0.2, lambda: pg.append([diplomatic(MeetingHeld)]))
        started = time.monotonic()
        timer.start()
        woken = listener.wait(timeout=10)
        timer.join()
        assert woken == 1
        assert time.monotonic() - started < 5
        pg.append([diplomatic(MeetingHeld), diplomatic(MeetingHeld)])
        assert listener.wait(timeout=10) == 3
