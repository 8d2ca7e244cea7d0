"""The feeds on PostgreSQL: `tracker feeds`, `fetch`, `status` and `migrate` with a server's
--db, against a real local feed server; a lease that ran out refuses the write."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from tracker.app import Tracker
from tracker.cli import cli
from tracker.daemon.registry import register
from tracker.errors import LeaseLostError, UsageError
from tracker.feeds.feedlist import Feed, FeedList
from tracker.feeds.health import PollRecord, all_health, load_health, record_poll
from tracker.feeds.leases import claim_due, renew
from tracker.feeds.poll import poll_feed
from tracker.feeds.tables import FeedDb, SqliteFeedDb, feed_db
from tracker.store import EventStore
from tracker.store.postgres_store import PostgresStore

pytestmark = pytest.mark.postgresql  # (the SQLite half of the last test needs no server)


def _items(prefix: str, n: int) -> list[dict[str, str]]:
    return [
        {
            "guid": f"{prefix}-{i}",
            "link": f"https://news.example/{prefix}/{i}",
            "title": f"Story {i} of {prefix}",
            "description": f"<p>Armenia and the US, part {i}</p>",
        }
        for i in range(n)
    ]


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _articles(url: str) -> tuple[int, int]:
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT payload::json->>'article_id') FROM events "
            "WHERE type = 'ArticleIngested'"
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def test_init_adds_the_bundled_feeds_on_a_server(pg_database: str) -> None:
    said = _cli("init", "--db", pg_database)
    assert "feeds added from the bundled list" in said
    assert "0 feeds added" in _cli("feeds", "seed", "--db", pg_database)  # all there already
    listed = json.loads(_cli("feeds", "list", "--json", "--db", pg_database))
    assert "civilnet" in {f["name"] for f in listed}


def test_feeds_fetch_and_status_on_a_server(
    pg_database: str, httpserver: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    httpserver.expect_request("/one").respond_with_data(make_rss(_items("one", 4)))
    _cli("feeds", "add", httpserver.url_for("/one"), "--name", "one", "--db", pg_database)
    listed = json.loads(_cli("feeds", "list", "--json", "--db", pg_database))
    assert [(f["name"], f["url"]) for f in listed] == [("one", httpserver.url_for("/one"))]

    polled = json.loads(_cli("fetch", "--json", "--db", pg_database))
    assert [(p["feed"], p["outcome"], p["new"]) for p in polled] == [("one", "ingested", 4)]
    again = json.loads(_cli("fetch", "--json", "--db", pg_database))
    assert [(p["new"], p["unchanged"]) for p in again] == [(0, 4)]  # the entries' cache
    assert _articles(pg_database) == (4, 4)

    status = json.loads(_cli("status", "--json", "--db", pg_database))
    assert status["daemons"] == []
    (feed,) = status["feeds"]
    assert (feed["name"], feed["polls"], feed["articles_ingested"]) == ("one", 2, 4)
    assert feed["leased_by"] is None
    assert "daemons: none has run" in _cli("status", "--db", pg_database)
    _cli("feeds", "remove", "one", "--db", pg_database)
    assert json.loads(_cli("feeds", "list", "--json", "--db", pg_database)) == []


def test_migrate_copies_the_feed_tables(
    tmp_path: Path, pg_database: str, httpserver: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    httpserver.expect_request("/one").respond_with_data(make_rss(_items("one", 3)))
    lite = str(tmp_path / "tracker.db")
    _cli("feeds", "add", httpserver.url_for("/one"), "--name", "one", "--db", lite)
    _cli("fetch", "--db", lite)
    answer = json.loads(_cli("migrate", "--db", lite, "--to", pg_database, "--json"))
    assert answer["feed_tables"] == {
        "feeds": 1,
        "feed_health": 1,
        "feed_entries": 3,
        "feed_moves": 0,
    }
    # Run again: the rows are brought up to date, none doubled.
    _cli("migrate", "--db", lite, "--to", pg_database)
    status = json.loads(_cli("status", "--json", "--db", pg_database))
    assert [(f["name"], f["polls"], f["articles_ingested"]) for f in status["feeds"]] == [
        ("one", 1, 3)
    ]
    # On the server, the cached entries are known: nothing new, nothing appended twice.
    polled = json.loads(_cli("fetch", "--json", "--db", pg_database))
    assert [(p["new"], p["unchanged"]) for p in polled] == [(0, 3)]
    assert _articles(pg_database) == (3, 3)


@pytest.mark.xdist_group("serial")
def test_a_poll_whose_lease_ran_out_writes_nothing(
    pg_database: str, httpserver: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    httpserver.expect_request("/one").respond_with_data(make_rss(_items("one", 2)))
    with Tracker.open(pg_database) as tracker:
        db = feed_db(tracker.store)
        FeedList(db).add(httpserver.url_for("/one"), name="one", interval=3600)
        ((feed, late),) = claim_due(db, "late:1", limit=10, seconds=0.5)
        assert claim_due(db, "other:2", limit=10, seconds=60) == []  # leased: not twice
        time.sleep(0.6)  # the lease runs out (a hung server, a cut connection)
        ((_, current),) = claim_due(db, "other:2", limit=10, seconds=60)
        with pytest.raises(LeaseLostError, match="ran out"):
            poll_feed(tracker, feed, lease=late)
        assert _articles(pg_database) == (0, 0)
        assert load_health(db, "one").polls == 0
        # The holder of the lease polls, writes, and gives the lease back.
        result = poll_feed(tracker, feed, lease=current)
        assert (result.outcome, result.ingest and result.ingest.new) == ("ingested", 2)
        assert _articles(pg_database) == (2, 2)
        with psycopg.connect(pg_database) as conn:
            row = conn.execute(
                "SELECT leased_by, next_poll_at > now() + interval '59 minutes' FROM feeds"
            ).fetchone()
        assert row == (None, True)
        assert claim_due(db, "other:2", limit=10, seconds=60) == []  # not due for an hour


@pytest.mark.xdist_group("serial")
def test_a_long_poll_keeps_its_lease_while_its_daemon_renews_it(
    pg_database: str, httpserver: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    httpserver.expect_request("/one").respond_with_data(make_rss(_items("one", 2)))
    with Tracker.open(pg_database) as tracker:
        db = feed_db(tracker.store)
        FeedList(db).add(httpserver.url_for("/one"), name="one", interval=3600)
        FeedList(db).add(httpserver.url_for("/two"), name="two", interval=3600)
        me = register(db)
        ((feed, lease), (_, lost)) = claim_due(db, me, limit=10, seconds=0.5)
        # `tracker status` names the daemon and the feeds it holds.
        status = json.loads(_cli("status", "--json", "--db", pg_database))
        assert [(d["id"], d["leases"]) for d in status["daemons"]] == [(me, ["one", "two"])]
        assert "polling now (leased): one, two" in _cli("status", "--db", pg_database)
        assert renew(db, me, ["one"], seconds=60) == ["one"]  # its poll still runs
        time.sleep(0.6)  # past the first lease: "one" is still held, "two" ran out
        assert renew(db, me, ["two"], seconds=60) == []  # too late: not renewed
        assert [f.name for f, _ in claim_due(db, "other:2", limit=10, seconds=60)] == ["two"]
        result = poll_feed(tracker, feed, lease=lease)  # the long poll writes at last
        assert (result.outcome, result.ingest and result.ingest.new) == ("ingested", 2)
        with pytest.raises(LeaseLostError):
            lost.finish(db, None)


@pytest.fixture(params=["sqlite", "postgresql"])
def feed_tables(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[FeedDb]:
    """The feed tables on each backend in turn, through the one portable layer."""
    if request.param == "sqlite":
        with EventStore.open(tmp_path / "tracker.db") as store:
            yield SqliteFeedDb(store.conn)
        return
    url = request.getfixturevalue("pg_database")
    with PostgresStore.open(url) as server:
        yield server.feed_db()


def test_the_feed_tables_answer_alike_on_both_backends(feed_tables: FeedDb) -> None:
    feeds = FeedList(feed_tables)
    feeds.add("http://news.example/feed", name="one", interval=60)
    with pytest.raises(UsageError, match="already has"):
        feeds.add("http://news.example/feed", name="two")
    for url in ("https://news.example/feed", "http://news.example/feed"):
        feeds.move("one", url)
    feeds.move("one", "https://news.example/feed")  # an earlier URL already known: kept once
    assert sorted(feeds.earlier_urls("one")) == [
        "http://news.example/feed",
        "https://news.example/feed",
    ]
    first = record_poll(feed_tables, "one", PollRecord("ingested", 200, etag='"a"', items=3))
    second = record_poll(feed_tables, "one", PollRecord("failed", 500, failed=True, error="x"))
    assert (first.polls, second.polls, second.etag, second.consecutive_failures) == (1, 2, '"a"', 1)
    assert all_health(feed_tables) == {"one": load_health(feed_tables, "one")}
    feeds.disable("one", "410 Gone")
    assert feeds.all() == [
        Feed("one", "https://news.example/feed", 60.0, enabled=False, disabled_reason="410 Gone")
    ]
    assert feeds.all(enabled_only=True) == []
    feeds.remove("one")
    assert (feeds.all(), all_health(feed_tables), feeds.earlier_urls("one")) == ([], {}, [])
