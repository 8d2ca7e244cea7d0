"""`tracker daemon` as a real process against a local feed server: it polls, follows the feed
list, refuses a second instance, stops cleanly on SIGTERM, and survives kill -9."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import ROOT
from tracker.feeds.feedlist import FeedList
from tracker.store import EventStore

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("serial")]


def tracker_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "tracker", *args]


def start_daemon(db: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        tracker_cmd(
            "daemon", "--db", str(db), "--reconcile-every", "0.5", "--timeout", "10", *extra
        ),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def add_feed(db: Path, url: str, name: str) -> None:
    with EventStore.open(db) as store:
        FeedList(store.conn).add(url, name=name, interval=1.0)


def article_counts(db: Path) -> tuple[int, int]:
    """(ArticleIngested events, distinct articles) as committed in the file."""
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT json_extract(payload, '$.article_id')) "
            "FROM events WHERE type = 'ArticleIngested'"
        ).fetchone()
    return int(row[0]), int(row[1])


def articles_unread(db: Path) -> int:
    """Articles past the extraction follower's checkpoint (what it has still to read)."""
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT COUNT(*) FROM events WHERE type = 'ArticleIngested' AND position > "
            "(SELECT COALESCE(MAX(position), 0) FROM processor_checkpoints "
            "WHERE name = 'extraction')"
        ).fetchone()
    return int(row[0])


def heartbeat_polls(db: Path, pid: int) -> int:
    """Polls done by the daemon ``pid`` as its heartbeat last said (0 before it beats)."""
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT pid, polls FROM daemon_heartbeat WHERE id = 1").fetchone()
    return int(row[1]) if row and row[0] == pid else 0


def wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def items(prefix: str, n: int) -> list[dict[str, str]]:
    return [
        {
            "guid": f"{prefix}-{i}",
            "link": f"https://news.example/{prefix}/{i}",
            "title": f"Story {i} of {prefix}",
            "description": f"<p>Armenia and the US, part {i}</p>",
        }
        for i in range(n)
    ]


def test_daemon_polls_follows_the_feed_list_and_stops_on_sigterm(
    db_path: Path, httpserver: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    httpserver.expect_request("/one").respond_with_data(make_rss(items("one", 10)))
    httpserver.expect_request("/two").respond_with_data(make_rss(items("two", 5)))
    add_feed(db_path, httpserver.url_for("/one"), "one")
    daemon = start_daemon(db_path, "--log-format", "json")
    try:
        wait_for(lambda: article_counts(db_path) == (10, 10))
        add_feed(db_path, httpserver.url_for("/two"), "two")  # no restart needed
        wait_for(lambda: article_counts(db_path) == (15, 15))
        # The daemon runs the log's followers after its polls: extraction reads every article.
        wait_for(lambda: articles_unread(db_path) == 0, timeout=120)

        status = subprocess.run(
            tracker_cmd("status", "--db", str(db_path), "--json"),
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        report = json.loads(status.stdout)
        assert report["daemon"]["running"] and report["daemon"]["pid"] == daemon.pid
        assert {f["name"] for f in report["feeds"]} == {"one", "two"}

        second = subprocess.run(
            tracker_cmd("daemon", "--db", str(db_path)),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert second.returncode != 0 and "already running" in second.stderr
        assert "Traceback" not in second.stderr
    finally:
        daemon.send_signal(signal.SIGTERM)
        _, stderr = daemon.communicate(timeout=30)
    assert daemon.returncode == 0, stderr
    polls = [json.loads(line) for line in stderr.splitlines() if '"poll"' in line]
    assert polls and all(p["outcome"] in ("ingested", "not_modified") for p in polls)
    assert article_counts(db_path) == (15, 15)
    verify = subprocess.run(
        tracker_cmd("verify", "--db", str(db_path)), cwd=ROOT, capture_output=True, text=True
    )
    assert verify.returncode == 0, verify.stderr


def test_kill_9_mid_poll_loses_nothing_and_duplicates_nothing(
    db_path: Path, httpserver: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    total = 1500
    body = make_rss(items("big", total))
    requested = threading.Event()

    def serve(request: Request) -> Response:
        requested.set()
        return Response(body, content_type="application/rss+xml")

    httpserver.expect_request("/big").respond_with_handler(serve)
    add_feed(db_path, httpserver.url_for("/big"), "big")
    committed = 0
    # Kills spread over a poll: in the fetch or parse, in planning or the append, after it.
    for delay in (0.2, 0.9, 1.6, 2.5, 4.0):
        requested.clear()
        daemon = start_daemon(db_path)
        assert requested.wait(30), "the daemon never polled"
        time.sleep(delay)
        daemon.kill()
        daemon.communicate(timeout=30)
        count, distinct = article_counts(db_path)
        assert count == distinct >= committed  # nothing committed was lost, nothing doubled
        committed = count
        print(f"after kill -9: {count} articles committed")
    daemon = start_daemon(db_path)
    try:
        wait_for(lambda: article_counts(db_path)[0] == total, timeout=60)
        # A few more polls of the same feed by this daemon: still nothing new.
        wait_for(lambda: heartbeat_polls(db_path, daemon.pid) >= 2, timeout=60)
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.communicate(timeout=30)
    assert daemon.returncode == 0
    assert article_counts(db_path) == (total, total)
    verify = subprocess.run(
        tracker_cmd("verify", "--db", str(db_path)), cwd=ROOT, capture_output=True, text=True
    )
    assert verify.returncode == 0, verify.stderr
