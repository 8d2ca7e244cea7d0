"""Polling a feed against a real local HTTP server: every status the daemon must handle."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tracker.app import Tracker
from tracker.feeds.feedlist import Feed, FeedList
from tracker.feeds.fetch import FetchPolicy
from tracker.feeds.poll import PollResult, poll_feed

ITEMS = [
    {"guid": "a-1", "link": "https://news.example/a-1", "title": "Armenia and US sign charter"},
    {"guid": "a-2", "link": "https://news.example/a-2", "title": "Talks held in Washington"},
]
FAST = FetchPolicy(connect_timeout=1, read_timeout=0.5, deadline=1.0, max_bytes=64 * 1024)


def articles(tracker: Tracker) -> int:
    return sum(1 for _ in tracker.log(types=["ArticleIngested"]))


def add_feed(tracker: Tracker, url: str, name: str = "test", interval: float = 60) -> Feed:
    return FeedList(tracker.store.conn).add(url, name=name, interval=interval)


def poll(tracker: Tracker, name: str = "test", policy: FetchPolicy = FAST) -> PollResult:
    return poll_feed(tracker, FeedList(tracker.store.conn).get(name), policy=policy)


def test_200_ingests_and_sends_a_user_agent(
    tracker: Tracker, httpserver: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    httpserver.expect_request("/feed").respond_with_data(
        make_rss(ITEMS), content_type="application/rss+xml"
    )
    add_feed(tracker, httpserver.url_for("/feed"))
    result = poll(tracker)
    assert (result.outcome, result.status) == ("ingested", 200)
    assert result.ingest is not None and result.ingest.new == 2
    assert articles(tracker) == 2
    request, _ = httpserver.log[0]
    assert request.headers["User-Agent"].startswith("policy-tracker/")
    assert poll(tracker).ingest.unchanged == 2  # type: ignore[union-attr]
    assert articles(tracker) == 2


def _conditional(validator: str, header: str, value: str, body: bytes) -> Callable[..., Response]:
    def handler(request: Request) -> Response:
        if request.headers.get(validator) == value:
            return Response(status=304)
        return Response(body, headers={header: value}, content_type="application/rss+xml")

    return handler


def test_304_with_etag_costs_no_parse(
    tracker: Tracker, httpserver: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    handler = _conditional("If-None-Match", "ETag", '"v1"', make_rss(ITEMS))
    httpserver.expect_request("/feed").respond_with_handler(handler)
    add_feed(tracker, httpserver.url_for("/feed"))
    assert poll(tracker).outcome == "ingested"
    second = poll(tracker)
    assert (second.outcome, second.status, second.ingest) == ("not_modified", 304, None)
    assert second.health.etag == '"v1"' and second.health.consecutive_failures == 0


def test_304_with_last_modified(
    tracker: Tracker, httpserver: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    stamp = "Tue, 14 Jan 2025 10:00:00 GMT"
    handler = _conditional("If-Modified-Since", "Last-Modified", stamp, make_rss(ITEMS))
    httpserver.expect_request("/feed").respond_with_handler(handler)
    add_feed(tracker, httpserver.url_for("/feed"))
    poll(tracker)
    assert poll(tracker).outcome == "not_modified"
    assert articles(tracker) == 2


def test_a_redirect_to_an_address_that_does_not_parse_is_a_failed_poll(tracker: Tracker) -> None:
    # urljoin raises on an unbalanced "[" in the host: the poll fails, saying so. A bare
    # server: werkzeug's own refuses to send such a Location.
    class Redirect(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(302)
            self.send_header("Location", "http://[news.example.org/feed")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        add_feed(tracker, f"http://127.0.0.1:{server.server_port}/feed")
        result = poll(tracker)
    finally:
        server.shutdown()
        server.server_close()
    assert result.outcome == "failed"
    assert result.error is not None and "does not parse" in result.error


def test_301_stores_the_new_url_and_302_does_not(
    tracker: Tracker, httpserver: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    new_url = httpserver.url_for("/new")
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": new_url}
    )
    httpserver.expect_request("/temp").respond_with_data(
        "", status=302, headers={"Location": "/new"}
    )
    httpserver.expect_request("/new").respond_with_data(make_rss(ITEMS))
    add_feed(tracker, httpserver.url_for("/old"), name="moved")
    add_feed(tracker, httpserver.url_for("/temp"), name="temporary")
    assert poll(tracker, "moved").outcome == "ingested"
    assert poll(tracker, "temporary").outcome == "ingested"
    feeds = FeedList(tracker.store.conn)
    assert feeds.get("moved").url == new_url
    assert feeds.get("temporary").url == httpserver.url_for("/temp")
    assert articles(tracker) == 2  # the same two articles through both feeds, stored once


def test_410_disables_the_feed(tracker: Tracker, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed").respond_with_data("gone", status=410)
    add_feed(tracker, httpserver.url_for("/feed"))
    result = poll(tracker)
    assert result.outcome == "gone"
    feed = FeedList(tracker.store.conn).get("test")
    assert not feed.enabled and "410" in (feed.disabled_reason or "")
    assert FeedList(tracker.store.conn).all(enabled_only=True) == []


def test_429_honours_retry_after(tracker: Tracker, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "120"}
    )
    add_feed(tracker, httpserver.url_for("/feed"))
    result = poll(tracker)
    assert result.outcome == "throttled"
    assert result.health.next_run_at is not None
    wait = datetime.fromisoformat(result.health.next_run_at) - datetime.now(UTC)
    assert 100 < wait.total_seconds() <= 120
    assert result.health.backing_off(datetime.now(UTC))


def test_500_backs_off_exponentially(tracker: Tracker, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed").respond_with_data("boom", status=500)
    add_feed(tracker, httpserver.url_for("/feed"), interval=60)
    waits = []
    for _ in range(3):
        result = poll(tracker)
        assert result.outcome == "failed" and result.error == "HTTP 500"
        moment = datetime.fromisoformat(result.health.next_run_at or "")
        waits.append((moment - datetime.now(UTC)).total_seconds())
    assert result.health.consecutive_failures == 3
    assert 110 < waits[0] <= 120 and 230 < waits[1] <= 240 and 470 < waits[2] <= 480


@pytest.mark.xdist_group("serial")
def test_slow_server_hits_the_timeout(tracker: Tracker, httpserver: HTTPServer) -> None:
    done = threading.Event()

    def slow(request: Request) -> Response:
        time.sleep(1.5)
        done.set()
        return Response("<rss/>")

    httpserver.expect_request("/feed").respond_with_handler(slow)
    add_feed(tracker, httpserver.url_for("/feed"))
    started = time.monotonic()
    result = poll(tracker)
    assert time.monotonic() - started < 1.4
    assert result.outcome == "failed" and "timed out" in (result.error or "")
    done.wait(5)  # the test server is single-threaded: let it finish before the next test


def test_oversized_body_is_refused_unparsed(
    tracker: Tracker, httpserver: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    big = make_rss([{"guid": str(i), "title": "x" * 1000} for i in range(100)])
    httpserver.expect_request("/feed").respond_with_data(big)
    add_feed(tracker, httpserver.url_for("/feed"))
    result = poll(tracker)
    assert result.outcome == "failed" and "cap" in (result.error or "")
    assert articles(tracker) == 0


def test_gzip_is_decoded_and_a_gzip_bomb_refused(
    tracker: Tracker, httpserver: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    httpserver.expect_request("/feed").respond_with_data(
        gzip.compress(make_rss(ITEMS)), headers={"Content-Encoding": "gzip"}
    )
    bomb = gzip.compress(b"<rss>" + b" " * (50 * 1024 * 1024))  # 50 MB inflated, ~50 KB sent
    httpserver.expect_request("/bomb").respond_with_data(bomb, headers={"Content-Encoding": "gzip"})
    add_feed(tracker, httpserver.url_for("/feed"))
    add_feed(tracker, httpserver.url_for("/bomb"), name="bomb")
    assert poll(tracker).ingest.new == 2  # type: ignore[union-attr]
    result = poll(tracker, "bomb")
    assert result.outcome == "failed" and "cap" in (result.error or "")


def test_html_page_is_a_feed_error_with_reason(tracker: Tracker, httpserver: HTTPServer) -> None:
    page = "<!DOCTYPE html><html><head><title>News</title></head><body><p>Hi</p></body></html>"
    httpserver.expect_request("/page").respond_with_data(page, content_type="text/html")
    add_feed(tracker, httpserver.url_for("/page"))
    result = poll(tracker)
    assert result.outcome == "failed" and "HTML page" in (result.error or "")
    assert result.health.last_error == result.error


def test_malformed_feed_is_stored_when_usable(tracker: Tracker, httpserver: HTTPServer) -> None:
    broken = (
        b"<rss version='2.0'><channel><title>Broken & co</title>"
        b"<item><guid>m-1</guid><title>Unclosed ampersand & tag</title>"
        b"<description>Text <b>bold</description></item></channel>"
    )
    httpserver.expect_request("/feed").respond_with_data(broken)
    add_feed(tracker, httpserver.url_for("/feed"))
    result = poll(tracker)
    assert result.outcome == "ingested" and result.ingest is not None
    assert result.ingest.new == 1 and "not well formed" in (result.health.last_warning or "")


def test_garbage_is_rejected_with_reason(tracker: Tracker, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed").respond_with_data(b"\x00\xff\xfe garbage", status=200)
    httpserver.expect_request("/empty").respond_with_data(b"", status=200)
    add_feed(tracker, httpserver.url_for("/feed"))
    add_feed(tracker, httpserver.url_for("/empty"), name="empty")
    assert "not a feed" in (poll(tracker).error or "")
    assert "empty" in (poll(tracker, "empty").error or "")


def test_empty_feed_is_fine(
    tracker: Tracker, httpserver: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    httpserver.expect_request("/feed").respond_with_data(make_rss([]))
    add_feed(tracker, httpserver.url_for("/feed"))
    result = poll(tracker)
    assert result.outcome == "ingested" and result.ingest is not None
    assert result.ingest.entries == 0 and result.health.consecutive_failures == 0
