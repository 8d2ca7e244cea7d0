"""`tracker follow`: followers woken by an append's NOTIFY on PostgreSQL."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from events import ArticleIngested, DiplomaticEvent, RecordedEvent
from tracker.cli import cli
from tracker.postgres_app import PostgresTracker
from tracker.store import EventStore
from tracker.store.postgres_store import PostgresStore

pytestmark = [pytest.mark.postgresql, pytest.mark.xdist_group("serial")]


def _until(condition: Callable[[], object], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_an_append_wakes_the_follower_which_extracts_the_article(
    demo_db: Path, pg_database: str
) -> None:
    with EventStore.open(demo_db) as demo:
        article = next(demo.read(types=[ArticleIngested.event_type], limit=1)).event
    rounds: list[list[RecordedEvent]] = []
    stop = threading.Event()
    t = PostgresTracker.open(pg_database)
    # A poll far longer than the test: only the append's notification can wake it.
    follower = threading.Thread(
        target=t.follow, args=(stop,), kwargs={"poll": 600, "each": rounds.append}
    )
    follower.start()
    try:
        _until(lambda: rounds, 20)
        assert rounds == [[]]  # the first run, before any append: nothing to read
        with PostgresStore.open(pg_database) as writer:
            writer.append([article])
            _until(lambda: len(rounds) > 1, 60)
            assert writer.checkpoint("extraction") == 1
        assert rounds[1]
        for r in rounds[1]:  # the article's events, as extraction found them in the demo
            assert isinstance(r.event, DiplomaticEvent)
            assert r.event.evidence[0].article_id == article.article_id  # type: ignore[attr-defined]
    finally:
        stop.set()
        with psycopg.connect(pg_database, autocommit=True) as conn:
            conn.execute("SELECT pg_notify('tracker_log', '0')")  # wakes it to see the stop
        follower.join(timeout=20)
        t.close()
    assert not follower.is_alive()
    # Extraction's own append woke it once more, with nothing left to read.
    assert all(not appended for appended in rounds[2:])


def test_follow_is_for_a_log_on_postgresql(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["follow", "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 2
    assert "tracker daemon" in result.output


def test_sigterm_stops_tracker_follow_at_once(pg_database: str) -> None:
    command = [sys.executable, "-m", "tracker", "follow", "--db", pg_database, "--poll", "600"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        assert "following the log at position 0" in process.stderr.readline()
        time.sleep(0.5)  # into its wait for a notification
        stopped_at = time.monotonic()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        assert time.monotonic() - stopped_at < 10  # not the 600 s poll
    finally:
        process.kill()
        process.wait()
