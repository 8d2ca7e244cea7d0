"""Several `tracker daemon` processes sharing the feeds of one PostgreSQL server, against a
real local feed server: they claim disjoint feeds and store every article once; a daemon cut
off from the server (its connections terminated) loses its feeds to the other once its
leases run out, and its late writes are refused."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import psycopg
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import ROOT
from tests.e2e.test_daemon import items, wait_for
from tracker.feeds.feedlist import FeedList
from tracker.store.postgres_store import PostgresStore

pytestmark = [pytest.mark.postgresql, pytest.mark.slow, pytest.mark.xdist_group("serial")]

FEEDS = 10
PER_FEED = 3


@pytest.fixture
def feed_server() -> Iterator[HTTPServer]:
    """A local feed server answering many requests at once (the daemons poll in parallel)."""
    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        server.stop()


def _named(url: str, name: str) -> str:
    """``url`` with an application_name, so the test can find that daemon's backends."""
    return f"{url}?application_name={name}"


@contextmanager
def _daemon(url: str, log: Path, *extra: str) -> Iterator[subprocess.Popen[str]]:
    with log.open("w") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "tracker", "daemon", "--db", url, "--log-format", "json",
             "--reconcile-every", "0.2", "--timeout", "30", *extra],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=err,
            text=True,
        )  # fmt: skip
        try:
            yield process
        finally:
            process.send_signal(signal.SIGCONT)
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=60)


def _polls(log: Path) -> list[dict[str, object]]:
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    return [line for line in lines if line.get("event") == "poll"]


def _feeds(url: str, server: HTTPServer, serve: Callable[[Request], Response]) -> None:
    with PostgresStore.open(url) as store:
        feed_list = FeedList(store.feed_db())
        for i in range(FEEDS):
            server.expect_request(f"/f{i}").respond_with_handler(serve)
            feed_list.add(server.url_for(f"/f{i}"), name=f"f{i}", interval=3600)


def _rows(url: str, sql: str) -> list[tuple[object, ...]]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql).fetchall()  # type: ignore[arg-type]


def _articles(url: str) -> tuple[int, int]:
    ((count, distinct),) = _rows(
        url,
        "SELECT COUNT(*), COUNT(DISTINCT payload::json->>'article_id') FROM events "
        "WHERE type = 'ArticleIngested'",
    )
    return int(str(count)), int(str(distinct))


def _polled_once(url: str) -> bool:
    polls = _rows(url, "SELECT polls FROM feed_health")
    leased = _rows(url, "SELECT 1 FROM feeds WHERE leased_by IS NOT NULL")
    return len(polls) == FEEDS and all(p == (1,) for p in polls) and not leased


def _body(request: Request, make_rss: Callable[..., bytes]) -> Response:
    name = request.path.strip("/")
    return Response(make_rss(items(name, PER_FEED)), content_type="application/rss+xml")


def test_two_daemons_claim_disjoint_feeds_and_store_each_article_once(
    tmp_path: Path, pg_database: str, feed_server: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    served = threading.Event()

    def serve(request: Request) -> Response:
        served.wait(0.3)  # a poll takes a while, so both daemons have feeds in hand at once
        return _body(request, make_rss)

    _feeds(pg_database, feed_server, serve)
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    with (
        _daemon(_named(pg_database, "daemon_a"), logs[0], "--workers", "2") as a,
        _daemon(_named(pg_database, "daemon_b"), logs[1], "--workers", "2") as b,
    ):
        wait_for(lambda: _polled_once(pg_database), timeout=120)
        status = subprocess.run(
            [sys.executable, "-m", "tracker", "status", "--db", pg_database, "--json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        daemons = json.loads(status.stdout)["daemons"]
        assert {(d["pid"], d["running"]) for d in daemons} == {(a.pid, True), (b.pid, True)}
    for process in (a, b):
        assert process.returncode == 0, (logs[0].read_text(), logs[1].read_text())
    polled = [{str(p["feed"]) for p in _polls(log)} for log in logs]
    print(f"daemon a polled {sorted(polled[0])}, daemon b {sorted(polled[1])}")
    assert not polled[0] & polled[1]  # disjoint: each feed polled by one daemon, once
    assert polled[0] | polled[1] == {f"f{i}" for i in range(FEEDS)}
    assert all(p["outcome"] == "ingested" for log in logs for p in _polls(log))
    assert _articles(pg_database) == (FEEDS * PER_FEED, FEEDS * PER_FEED)
    assert _polled_once(pg_database)  # no feed polled again after the daemons stopped


def test_a_daemon_cut_off_loses_its_feeds_to_the_other_after_its_lease(
    tmp_path: Path, pg_database: str, feed_server: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    gate = threading.Event()
    asked: list[str] = []

    def serve(request: Request) -> Response:
        asked.append(request.path)
        gate.wait(60)  # daemon a's fetches hang until the test lets them through
        return _body(request, make_rss)

    _feeds(pg_database, feed_server, serve)
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    lease = 3.0
    with _daemon(
        _named(pg_database, "daemon_a"), logs[0], "--workers", str(FEEDS), "--lease", str(lease)
    ) as a:
        # a claims every feed and hangs in their fetches.
        wait_for(
            lambda: (
                len(_rows(pg_database, "SELECT 1 FROM feeds WHERE leased_by IS NOT NULL")) == FEEDS
                and len(asked) == FEEDS
            )
        )
        ((until,),) = _rows(pg_database, "SELECT max(leased_until) FROM feeds")
        assert isinstance(until, datetime)
        # Cut a off: stalled (SIGSTOP), its connections killed by the server.
        a.send_signal(signal.SIGSTOP)
        killed = _rows(
            pg_database,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = 'daemon_a'",
        )
        assert killed and all(k == (True,) for k in killed)
        gate.set()
        with _daemon(_named(pg_database, "daemon_b"), logs[1], "--workers", "4") as b:
            wait_for(lambda: _polled_once(pg_database), timeout=120)
            # a wakes with answers to polls it no longer holds: it may not write them.
            a.send_signal(signal.SIGCONT)
            wait_for(lambda: len(_polls(logs[0])) == FEEDS, timeout=60)
        assert b.returncode == 0, logs[1].read_text()
    assert {p["feed"] for p in _polls(logs[1])} == {f"f{i}" for i in range(FEEDS)}
    # b claimed nothing before a's leases ran out.
    first = min(str(p[0]) for p in _rows(pg_database, "SELECT last_polled_at FROM feed_health"))
    assert datetime.fromisoformat(first) >= until.replace(microsecond=0)
    assert _articles(pg_database) == (FEEDS * PER_FEED, FEEDS * PER_FEED)
    assert _polled_once(pg_database)  # a's late polls changed no feed's health
    # Every late poll of a's was refused (its lease ran out, its connection was gone).
    assert {p["outcome"] for p in _polls(logs[0])} == {"crashed"}
