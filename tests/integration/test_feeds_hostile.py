"""Hostile and unlucky feeds through a real local HTTP server: entity bombs in every guise,
oversized entries, impossible dates, a feed that moves and a move that fails."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from urllib.parse import urljoin

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from events import ArticleIngested
from tracker.app import Tracker
from tracker.feeds.feedlist import FeedList
from tracker.feeds.fetch import FetchPolicy
from tracker.feeds.ingest import ingest_parsed
from tracker.feeds.limits import intake_limits
from tracker.feeds.parse import ParsedEntry, ParsedFeed
from tracker.feeds.poll import PollResult, poll_feed

POLICY = FetchPolicy(connect_timeout=2, read_timeout=5, deadline=10)

# One 20 KB entity referenced 2,000 times: about 45 KB of XML, 40 MB once expanded.
_ENTITY = "a" * 20_000
_DTD = f'<!DOCTYPE rss [\n<!ENTITY big "{_ENTITY}">\n]>\n'
_BODY = (
    '<rss version="2.0"><channel><title>bomb</title><item><guid>b-1</guid><title>t</title>'
    f"<description>{'&big;' * 2000}</description></item></channel></rss>"
)


def _variants() -> dict[str, tuple[bytes, str]]:
    """Each bomb's bytes and the Content-Type it is served with."""
    xml = "application/rss+xml"
    return {
        "plain": (f'<?xml version="1.0"?>\n{_DTD}{_BODY}'.encode(), xml),
        # Text before the DOCTYPE made the old stripper give up; feedparser does not.
        "junk before the doctype": (f'<?xml version="1.0"?>\njunk\n{_DTD}{_BODY}'.encode(), xml),
        "element-like junk": (f"\ufeff<!-- <rss -->\n<!x>\n{_DTD}{_BODY}".encode(), xml),
        # UTF-16 without a BOM or declaration, named only by the HTTP charset.
        "utf-16 by charset": ((_DTD + _BODY).encode("utf-16-le"), f"{xml}; charset=utf-16le"),
        "utf-16-be by charset": ((_DTD + _BODY).encode("utf-16-be"), f"{xml}; charset=utf-16be"),
        # EBCDIC: no ASCII byte of '<!DOCTYPE' is where a byte scanner looks for it.
        "ebcdic by charset": ((_DTD + _BODY).encode("cp037"), f"{xml}; charset=ebcdic-cp-us"),
        "utf-16 with a bom, junk": (
            ('<?xml version="1.0" encoding="utf-16"?>\njunk\n' + _DTD + _BODY).encode("utf-16"),
            xml,
        ),
    }


VARIANTS = _variants()


def add(tracker: Tracker, url: str, name: str = "test") -> None:
    FeedList(tracker.store.conn).add(url, name=name, interval=60)


def poll(tracker: Tracker, name: str = "test") -> PollResult:
    return poll_feed(tracker, FeedList(tracker.store.conn).get(name), policy=POLICY)


def articles(tracker: Tracker) -> list[ArticleIngested]:
    events = [r.event for r in tracker.log(types=["ArticleIngested"])]
    return [e for e in events if isinstance(e, ArticleIngested)]


def largest_payload(tracker: Tracker) -> int:
    row = tracker.store.conn.execute(
        "SELECT MAX(LENGTH(CAST(payload AS BLOB))) FROM events WHERE type = 'ArticleIngested'"
    ).fetchone()
    return int(row[0] or 0)


def per_article_cap_bytes() -> int:
    """The most one ArticleIngested payload may take: the capped fields, UTF-8, plus a margin."""
    limits = intake_limits()
    chars = limits.max_text_chars + limits.max_title_chars + 2 * limits.max_reference_chars
    return 4 * chars + 2048


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_entity_bomb_variants_expand_nothing(
    tracker: Tracker, httpserver: HTTPServer, variant: str
) -> None:
    body, content_type = VARIANTS[variant]
    httpserver.expect_request("/feed").respond_with_data(body, content_type=content_type)
    add(tracker, httpserver.url_for("/feed"))
    result = poll(tracker)
    assert result.outcome == "ingested", result.error
    assert "entity declarations" in (result.health.last_warning or "")
    [article] = articles(tracker)
    # Expanded, the description is 40 MB; unexpanded the references come to nothing.
    assert len(article.text) < 10_000, len(article.text)
    assert largest_payload(tracker) < per_article_cap_bytes()


def test_no_entry_appends_more_than_the_per_article_cap(
    tracker: Tracker, httpserver: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    limits = intake_limits()
    huge = "<p>" + "Armenia and Azerbaijan met again. " * 20_000 + "</p>"  # 680 KB of text
    items = [
        {"guid": "big", "title": "T " * 5000, "description": huge},
        {"guid": "g" * 10_000, "link": "https://news.example/" + "x" * 10_000, "title": "ok"},
    ]
    httpserver.expect_request("/feed").respond_with_data(make_rss(items))
    add(tracker, httpserver.url_for("/feed"))
    policy = FetchPolicy(max_bytes=4 * 1024 * 1024, deadline=10)
    result = poll_feed(tracker, FeedList(tracker.store.conn).get("test"), policy=policy)
    assert result.ingest is not None and result.ingest.new == 2
    assert "per-article cap" in (result.health.last_warning or "")
    big, refs = sorted(articles(tracker), key=lambda a: a.title)
    assert len(big.text) <= limits.max_text_chars and big.text.endswith("[...]")
    assert len(big.title) <= limits.max_title_chars
    assert refs.guid is not None and refs.guid.startswith("sha256:") and refs.url is None
    assert largest_payload(tracker) < per_article_cap_bytes()
    assert poll_feed(tracker, FeedList(tracker.store.conn).get("test"), policy=policy).ingest
    assert len(articles(tracker)) == 2  # the cut entries are the same entries next time


def test_impossible_dates_fall_back_to_the_fetch(
    tracker: Tracker, httpserver: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    future = (datetime.now(UTC) + timedelta(days=365 * 12)).strftime("%Y-%m-%dT%H:%M:%SZ")
    dates = {
        "month-13": "2025-13-45",
        "feb-30": "2025-02-30T10:00:00Z",
        "future": future,
        "day-45": "Mon, 45 Jan 2025 10:00:00 GMT",
        "good": "Tue, 14 Jan 2025 10:00:00 GMT",
    }
    items = [{"guid": k, "title": k, "pubDate": v} for k, v in dates.items()]
    httpserver.expect_request("/feed").respond_with_data(make_rss(items))
    add(tracker, httpserver.url_for("/feed"))
    before = datetime.now(UTC).replace(microsecond=0)
    result = poll(tracker)
    assert "impossible publication date" in (result.health.last_warning or "")
    by_guid = {a.guid: a for a in articles(tracker)}
    good = by_guid.pop("good")
    assert good.published == datetime(2025, 1, 14, 10, tzinfo=UTC)
    assert good.published_basis == "feed"
    for guid, article in by_guid.items():
        assert article.published_basis == "fetched", guid
        assert article.published is not None
        assert before <= article.published <= datetime.now(UTC), (guid, article.published)


def test_a_301_followed_by_a_failure_does_not_move_the_feed(
    tracker: Tracker, httpserver: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    old, new = httpserver.url_for("/old"), httpserver.url_for("/new")
    httpserver.expect_request("/old").respond_with_data("", status=301, headers={"Location": new})
    answers = [
        Response("boom", status=500),
        Response("<html><body>not a feed</body></html>", content_type="text/html"),
        Response(make_rss([{"guid": "1", "title": "t"}]), content_type="application/rss+xml"),
    ]
    httpserver.expect_request("/new").respond_with_handler(lambda request: answers.pop(0))
    add(tracker, old)
    feeds = FeedList(tracker.store.conn)
    assert poll(tracker).outcome == "failed"
    assert feeds.get("test").url == old
    assert poll(tracker).outcome == "failed"  # the new location answers, but with no feed
    assert feeds.get("test").url == old
    assert poll(tracker).outcome == "ingested"
    assert feeds.get("test").url == new


ITEMS = [
    {"guid": "post-1", "title": "A relative guid, which is also its link"},
    {"guid": "post-2", "link": "stories/2", "title": "A relative guid and a relative link"},
    {"link": "stories/3", "title": "No guid, a relative link"},
    {"guid": "https://news.example/4", "title": "An absolute guid"},
]


def _moving_server(httpserver: HTTPServer, body: bytes) -> tuple[str, str]:
    """The feed at /v1/feed; from its second request on, a 301 sends it to /v2/feed."""
    old, new = httpserver.url_for("/v1/feed"), httpserver.url_for("/v2/feed")
    answers = [Response(body, content_type="application/rss+xml")]

    def first_here_then_moved(request: object) -> Response:
        return answers.pop(0) if answers else Response("", 301, {"Location": new})

    httpserver.expect_request("/v1/feed").respond_with_handler(first_here_then_moved)
    httpserver.expect_request("/v2/feed").respond_with_data(body)
    return old, new


def test_a_feed_that_moves_stores_nothing_twice(
    tracker: Tracker, httpserver: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    old, new = _moving_server(httpserver, make_rss(ITEMS))
    add(tracker, old)
    assert poll(tracker).ingest.new == 4  # type: ignore[union-attr]
    moved = poll(tracker)  # through the 301: every entry is the one already stored
    assert moved.ingest is not None and (moved.ingest.new, moved.ingest.unchanged) == (0, 4)
    assert FeedList(tracker.store.conn).get("test").url == new
    assert poll(tracker).ingest.unchanged == 4  # type: ignore[union-attr]
    tracker.store.conn.execute("DELETE FROM feed_entries")  # the cache is only a shortcut
    assert poll(tracker).ingest.new == 0  # type: ignore[union-attr]
    assert len(articles(tracker)) == 4


@pytest.mark.parametrize("cache", ["kept", "lost"])
def test_articles_stored_by_the_old_identity_are_not_stored_again(
    tracker: Tracker, httpserver: HTTPServer, make_rss: Callable[..., bytes], cache: str
) -> None:
    old, new = httpserver.url_for("/v1/feed"), httpserver.url_for("/v2/feed")
    httpserver.expect_request("/v1/feed").respond_with_data(
        "", status=301, headers={"Location": new}
    )
    httpserver.expect_request("/v2/feed").respond_with_data(make_rss(ITEMS))
    add(tracker, old)
    # What earlier versions stored from /v1/feed: guids and links resolved against it.
    legacy = ParsedFeed(
        version="rss20",
        title="Test feed",
        link="https://news.example/",
        entries=[
            ParsedEntry(
                guid=_legacy_guid(old, item.get("guid")),
                link=_legacy_link(old, item),
                title=item["title"],
                published=None,
                text="",
            )
            for item in ITEMS
        ],
    )
    assert ingest_parsed(tracker, "test", legacy, feed_url=old).new == 4
    if cache == "lost":
        tracker.store.conn.execute("DELETE FROM feed_entries")
    moved = poll(tracker)  # the first poll by this version is through the move
    assert moved.ingest is not None and moved.ingest.new == 0, moved.ingest
    assert FeedList(tracker.store.conn).get("test").url == new
    assert poll(tracker).ingest.new == 0  # type: ignore[union-attr]
    assert len(articles(tracker)) == 4


def _legacy_guid(base: str, guid: str | None) -> str | None:
    return urljoin(base, guid) if guid else None


def _legacy_link(base: str, item: dict[str, str]) -> str | None:
    written = item.get("link") or item.get("guid")
    return urljoin(base, written) if written else None
