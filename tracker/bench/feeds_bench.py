"""Bench section "feeds": ingest rate of a 500-item feed, and the daemon's memory over polls.

- Ingest (parse, dedupe, append through ``Tracker.append``, then the followers: extraction
  and the projection, as a daemon's poll runs them) into a fresh database, beside
  ``feedparser.parse`` alone on the same bytes.
- Re-poll of the same, unchanged feed: the dedupe path, beside the same parse baseline.
- The daemon's resident memory (``/proc/PID/status`` VmRSS) after many polls of local feeds
  served by a thread in this process, beside a bare python importing the daemon's modules,
  and its growth from the first few polls to the last.
"""

from __future__ import annotations

import http.server
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

import feedparser

from tracker.app import Tracker
from tracker.bench.figures import Figure, median_rate, timed
from tracker.feeds.feedlist import FeedList
from tracker.feeds.ingest import ingest_bytes
from tracker.store import EventStore

__all__ = ["run", "synthetic_feed"]

_SECTION = "feeds"
_DAEMON_FEEDS = 10
_BARE_IMPORTS = (
    "import httpx, feedparser, apscheduler.schedulers.background, tracker.app, "
    "tracker.daemon.runner, tracker.feeds.poll"
)


def synthetic_feed(count: int, prefix: str = "item") -> bytes:
    """An RSS 2.0 feed of ``count`` distinct items with HTML descriptions."""
    items = "".join(
        f"<item><guid>{prefix}-{i}</guid><link>https://news.example/{prefix}/{i}</link>"
        f"<title>Armenia and the United States, story {i}</title>"
        f"<pubDate>Tue, 14 Jan 2025 10:{i % 60:02d}:00 GMT</pubDate>"
        f"<description>&lt;p&gt;Officials met in Yerevan on day {i} to discuss energy and "
        f"security cooperation.&lt;/p&gt;</description></item>"
        for i in range(count)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench</title>'
        f"<link>https://news.example/</link>{items}</channel></rss>"
    ).encode()


def run(quick: bool) -> list[Figure]:
    """The section's figures (smaller workloads with ``quick``)."""
    return [*_ingest_figures(100 if quick else 500, 1 if quick else 3), *_daemon_figures(quick)]


def _ingest(t: Tracker, body: bytes, feed: str = "bench") -> None:
    """One poll's work on a fetched feed, as the daemon does it."""
    ingest_bytes(t, feed, body)
    t.run_followers()


def _ingest_figures(count: int, runs: int) -> list[Figure]:
    body = synthetic_feed(count)
    parse_runs = [timed(lambda: feedparser.parse(body)) for _ in range(runs)]
    first_runs, again_runs = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp, Tracker.open(Path(tmp) / "b.db") as t:
            _ingest(t, synthetic_feed(2, "warm"), "warm-up")  # lazy imports, not timed
            first_runs.append(timed(partial(_ingest, t, body)))
            again_runs.append(timed(partial(_ingest, t, body)))
    baseline = median_rate(count, parse_runs)
    return [
        Figure(
            _SECTION,
            f"ingest {count}-item feed (new)",
            median_rate(count, first_runs),
            "items/s",
            baseline,
            "feedparser.parse alone",
            note="parse + dedupe + Tracker.append, then the followers (extraction, projection)",
        ),
        Figure(
            _SECTION,
            f"re-poll {count}-item feed (unchanged)",
            median_rate(count, again_runs),
            "items/s",
            baseline,
            "feedparser.parse alone",
            note="parse + dedupe, no append",
        ),
    ]


class _FeedHandler(http.server.BaseHTTPRequestHandler):
    body = synthetic_feed(20, "daemon")

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: object) -> None:
        return


def _daemon_figures(quick: bool) -> list[Figure]:
    target = 300 if quick else 1000
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FeedHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            warm, final, polls = _daemon_rss(Path(tmp) / "d.db", server.server_port, target)
    finally:
        server.shutdown()
    bare = _bare_rss()
    return [
        Figure(
            _SECTION,
            f"daemon RSS after {polls} polls",
            final,
            "MB",
            bare,
            "bare python importing the feed stack",
            note="VmRSS from /proc; the daemon also loads what its followers run",
        ),
        Figure(
            _SECTION,
            f"daemon RSS growth, {target // 2} -> {polls} polls",
            final - warm,
            "MB",
            target=20.0,
            target_kind="value<=",
            note="flat memory: no growth per poll",
        ),
    ]


def _daemon_rss(db: Path, port: int, target: int) -> tuple[float, float, int]:
    with EventStore.open(db) as store:
        feeds = FeedList(store.conn)
        for i in range(_DAEMON_FEEDS):
            feeds.add(f"http://127.0.0.1:{port}/feed/{i}", name=f"local-{i}", interval=0.1)
    command = [
        sys.executable,
        "-m",
        "tracker",
        "daemon",
        "--db",
        str(db),
        "--reconcile-every",
        "0.2",
    ]
    daemon = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # Warm: halfway, once the first append's one-time loads (the extractor's) are done.
        _wait_polls(db, target // 2)
        warm = _rss_mb(daemon.pid)
        polls = _wait_polls(db, target)
        return warm, _rss_mb(daemon.pid), polls
    finally:
        daemon.terminate()
        daemon.wait(60)


def _wait_polls(db: Path, target: int) -> int:
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        with sqlite3.connect(db) as conn:
            row = conn.execute("SELECT polls FROM daemon_heartbeat WHERE id = 1").fetchone()
        if row and row[0] >= target:
            return int(row[0])
        time.sleep(0.2)
    raise TimeoutError(f"the daemon did not reach {target} polls in 10 minutes")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def _bare_rss() -> float:
    code = f"{_BARE_IMPORTS}; import os; print(open('/proc/self/status').read())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    for line in out.stdout.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in the baseline's /proc/self/status")
