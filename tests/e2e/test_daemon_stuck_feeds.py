"""`tracker daemon` as a real process with four feeds that trickle one byte at a time and
nine healthy ones: the healthy keep their schedule, the heartbeat stays fresh, and SIGTERM
ends the process within seconds, with ``stopped_at`` written."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import ROOT
from tests.e2e.test_daemon import add_feed, tracker_cmd
from tests.trickle import trickling, url_for

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("serial")]

HEALTHY = 9
DEADLINE = 2  # --timeout: each trickling poll holds a worker this long, then fails


def heartbeat(db: Path) -> tuple[float, str | None]:
    """(seconds since the last beat, stopped_at) as the file says."""
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT heartbeat_at, stopped_at FROM daemon_heartbeat").fetchone()
    if row is None:
        return 0.0, None
    age = (datetime.now(UTC) - datetime.fromisoformat(row[0])).total_seconds()
    return age, row[1]


def test_stuck_feeds_hold_no_healthy_feed_heartbeat_or_sigterm(
    db_path: Path, httpserver: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    polled: dict[str, list[float]] = defaultdict(list)
    lock = threading.Lock()

    def healthy(request: Request) -> Response:
        with lock:
            polled[request.path].append(time.monotonic())
        return Response(make_rss([{"guid": request.path, "title": "t"}]))

    for i in range(HEALTHY):
        httpserver.expect_request(f"/ok/{i}").respond_with_handler(healthy)
    with trickling("headers", pause=0.2) as heads, trickling("body", pause=0.2) as bodies:
        for i, server in enumerate((heads, heads, bodies, bodies)):
            add_feed(db_path, url_for(server, f"/slow/{i}"), f"slow-{i}")
        for i in range(HEALTHY):
            add_feed(db_path, httpserver.url_for(f"/ok/{i}"), f"ok-{i}")
        daemon = subprocess.Popen(
            tracker_cmd("daemon", "--db", str(db_path), "--reconcile-every", "0.5")
            + ["--timeout", str(DEADLINE), "--workers", "4", "--log-format", "json"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            ages = _watch(db_path, polled, lock, seconds=10)
            watched_until = time.monotonic()
            # Stop while a trickling poll is in flight: SIGTERM must not wait it out.
            seen = len(heads.connections) + len(bodies.connections)
            deadline = time.monotonic() + 20
            while len(heads.connections) + len(bodies.connections) == seen:
                assert time.monotonic() < deadline, "no trickling feed was polled again"
                time.sleep(0.05)
            time.sleep(0.3)
            signalled = time.monotonic()
            daemon.send_signal(signal.SIGTERM)
            _, stderr = daemon.communicate(timeout=30)
            exit_s = time.monotonic() - signalled
        finally:
            if daemon.poll() is None:
                daemon.kill()
                daemon.communicate()
    # A feed starved at the end shows as a gap up to the end of the watch.
    gaps = {path: _max_gap([*times, watched_until]) for path, times in polled.items()}
    print(
        f"\nhealthy feeds: {sum(len(t) for t in polled.values())} polls, largest gap "
        f"{max(gaps.values()):.1f}s; heartbeat at most {max(ages):.1f}s old; "
        f"exit {exit_s:.1f}s after SIGTERM"
    )
    assert len(polled) == HEALTHY, sorted(polled)
    # Interval 1 s: a healthy feed waits at most for a worker a trickling poll frees at
    # its deadline. Generous bounds; without the deadline the gaps were over a minute.
    assert max(gaps.values()) < 4 * DEADLINE + 2, gaps
    assert max(ages) < 5, ages
    assert exit_s < 15 and daemon.returncode == 0, stderr[-2000:]
    assert heartbeat(db_path)[1] is not None, "stopped_at was not written"
    assert "Traceback" not in stderr


def _watch(
    db: Path, polled: dict[str, list[float]], lock: threading.Lock, seconds: float
) -> list[float]:
    """Let the daemon run; sample the heartbeat's age meanwhile."""
    ages: list[float] = []
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        time.sleep(0.5)
        with lock:
            started = bool(polled)
        if started:  # ages count once the daemon is up and polling
            ages.append(heartbeat(db)[0])
    return ages or [0.0]


def _max_gap(times: list[float]) -> float:
    ordered = sorted(times)
    return max((b - a for a, b in zip(ordered, ordered[1:], strict=False)), default=0.0)
