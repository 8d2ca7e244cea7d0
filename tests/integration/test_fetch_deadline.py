"""One wall-clock deadline per fetch: a server trickling its headers or its body, one byte
at a time (never long enough apart to trip a read timeout), is cut off at --timeout."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.cli import run
from tests.trickle import trickling, url_for
from tracker.app import Tracker
from tracker.feeds.feedlist import FeedList
from tracker.feeds.fetch import FetchPolicy
from tracker.feeds.poll import poll_feed

pytestmark = pytest.mark.xdist_group("serial")


@pytest.mark.parametrize("mode", ["headers", "body"])
def test_poll_of_a_trickling_server_ends_at_the_deadline(tracker: Tracker, mode: str) -> None:
    policy = FetchPolicy(connect_timeout=1, read_timeout=1.5, deadline=2.0)
    with trickling(mode, pause=0.25) as server:
        feed = FeedList(tracker.store.conn).add(url_for(server), name="slow", interval=60)
        started = time.monotonic()
        result = poll_feed(tracker, feed, policy=policy)
        elapsed = time.monotonic() - started
    # The whole answer would take over a minute; each byte comes well within read_timeout.
    assert elapsed < 5, elapsed
    assert result.outcome == "failed" and "timed out" in (result.error or ""), result.error


@pytest.mark.parametrize("mode", ["headers", "body"])
def test_fetch_command_returns_by_its_timeout(tmp_path: Path, mode: str) -> None:
    db = tmp_path / "tracker.db"
    with trickling(mode, pause=0.25) as server:
        assert run("feeds", "add", url_for(server), "--name", "slow", db=db).returncode == 0
        started = time.monotonic()
        done = run("fetch", "--timeout", "2", "--json", db=db)
        elapsed = time.monotonic() - started
        assert server.connections, "the fetch never reached the server"
    print(f"\nfetch --timeout 2 against a server trickling its {mode}: {elapsed:.1f}s")
    # Generous for a loaded machine; without the deadline this takes minutes.
    assert elapsed < 8, elapsed
    assert done.returncode == 1 and "Traceback" not in done.stderr
    [result] = json.loads(done.stdout)
    assert result["outcome"] == "failed" and "timed out" in result["error"]
