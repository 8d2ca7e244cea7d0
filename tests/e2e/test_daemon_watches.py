"""A watch delivered by a real daemon process, across a kill -9 in the middle of delivery."""

from __future__ import annotations

import signal
import sqlite3
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from events import AgreementSigned
from tests.cli import run
from tests.e2e.test_daemon import add_feed, start_daemon, wait_for
from tests.factories import diplomatic
from tracker.app import Tracker
from tracker.changes import ChangeFilter, learned

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("serial")]

# Each delivery takes a while, so that a kill lands while one is under way.
RECEIVER = """\
import os, sys, time
sys.stdin.read()
with open(sys.argv[1], "a") as out:
    out.write(os.environ["TRACKER_CHANGE_ID"] + "\\n")
time.sleep(0.3)
"""


def outbox(db: Path) -> tuple[int, int]:
    """(changes delivered, changes queued) for the watch, as committed in the file."""
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT count(delivered_at), count(*) FROM watch_outbox").fetchone()
    return int(row[0]), int(row[1])


def lines(path: Path) -> list[str]:
    return path.read_text().split() if path.exists() else []


def test_a_watch_gets_every_change_across_a_kill_9_and_none_acknowledged_twice(
    db_path: Path, tmp_path: Path, httpserver: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    script, out = tmp_path / "receive.py", tmp_path / "received.txt"
    script.write_text(RECEIVER)
    httpserver.expect_request("/feed").respond_with_data(make_rss([]))
    with Tracker.open(db_path) as t:
        t.run_followers()
    add_feed(db_path, httpserver.url_for("/feed"), "empty")
    added = run(
        "watch", "add", "agreements", "--kind", "agreement", "--exec",
        f"{sys.executable} {script} {out}", db=db_path,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    moment = datetime.now(UTC)
    with Tracker.open(db_path) as t:
        for i in range(8):
            day = date(2025, 1, 1) + timedelta(days=i)
            t.record(diplomatic(AgreementSigned, occurred=day.isoformat(), agreement=f"Accord {i}"))
    daemon = start_daemon(db_path)
    try:
        wait_for(lambda: len(lines(out)) >= 3, timeout=60)
    finally:
        daemon.kill()  # SIGKILL: mid-delivery, while the receiver of the next change sleeps
        daemon.communicate(timeout=30)
    delivered, queued = outbox(db_path)
    assert queued == 8 and 2 <= delivered < 8  # the third was under way
    daemon = start_daemon(db_path)
    try:
        wait_for(lambda: outbox(db_path)[0] == 8, timeout=90)
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.communicate(timeout=30)
    received = lines(out)
    with Tracker.open(db_path) as t:
        expected = {
            c.id for c in learned(t.store, t.projection, moment, ChangeFilter(kinds=("agreement",)))
        }
    assert len(expected) == 8
    assert set(received) == expected  # nothing lost
    # Nothing acknowledged came again: only a delivery the kill cut short is repeated (at
    # most one, with the same id, by which a receiver can drop it).
    assert len(received) - len(expected) <= 1
    status = run("status", "--json", db=db_path)
    assert '"delivered": 8' in status.stdout and '"waiting": 0' in status.stdout
