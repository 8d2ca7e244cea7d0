"""Ingesting feed documents: identity, revisions, syndication, idempotency after a crash."""

from __future__ import annotations

from collections.abc import Callable

from events import ArticleIngested
from tracker.app import Tracker
from tracker.feeds.ingest import ingest_bytes


def ingested(tracker: Tracker) -> list[ArticleIngested]:
    events = [r.event for r in tracker.log(types=["ArticleIngested"])]
    return [e for e in events if isinstance(e, ArticleIngested)]


def test_entries_without_guid_link_or_date(
    tracker: Tracker, make_rss: Callable[..., bytes]
) -> None:
    feed = make_rss(
        [
            {"link": "https://news.example/only-link", "title": "Has only a link"},
            {"title": "Nothing but a title", "description": "<p>Some <b>text</b></p>"},
            {"title": "Another bare one", "description": "other text"},
        ]
    )
    result = ingest_bytes(tracker, "bare", feed)
    assert result.new == 3
    assert ingest_bytes(tracker, "bare", feed).unchanged == 3
    events = ingested(tracker)
    assert len(events) == 3 and all(e.published is None and e.guid is None for e in events)
    assert {e.text for e in events} >= {"Some text"}
    assert tracker.verify().ok


def test_same_article_in_two_feeds_is_stored_once(
    tracker: Tracker, make_rss: Callable[..., bytes]
) -> None:
    item = {"guid": "x", "link": "https://news.example/story?utm_source=rss#top", "title": "T"}
    ingest_bytes(tracker, "first", make_rss([item]))
    other = {**item, "guid": "other-guid", "link": "https://NEWS.example/story"}
    second = ingest_bytes(tracker, "second", make_rss([{**other, "description": "longer"}]))
    assert (second.new, second.already_stored) == (0, 1)
    # Polling both again changes nothing: no flip-flopping revisions between the copies.
    ingest_bytes(tracker, "first", make_rss([item]))
    ingest_bytes(tracker, "second", make_rss([{**other, "description": "longer"}]))
    assert len(ingested(tracker)) == 1


def test_edited_entry_is_a_revision_on_the_same_stream(
    tracker: Tracker, make_rss: Callable[..., bytes]
) -> None:
    item = {"guid": "e-1", "link": "https://news.example/e-1", "title": "Visit planned"}
    ingest_bytes(tracker, "news", make_rss([item]))
    result = ingest_bytes(tracker, "news", make_rss([{**item, "title": "Visit postponed"}]))
    assert (result.new, result.revised) == (0, 1)
    rows = list(tracker.log(types=["ArticleIngested"]))
    assert [r.version for r in rows] == [1, 2] and rows[0].stream == rows[1].stream
    first, second = (r.event for r in rows)
    assert isinstance(first, ArticleIngested) and isinstance(second, ArticleIngested)
    assert first.article_id == second.article_id and second.revision == 2
    assert ingest_bytes(tracker, "news", make_rss([{**item, "title": "Visit postponed"}])).unchanged


def test_lost_cache_after_a_crash_duplicates_nothing(
    tracker: Tracker, make_rss: Callable[..., bytes]
) -> None:
    items = [{"guid": str(i), "title": f"Story {i}"} for i in range(20)]
    ingest_bytes(tracker, "news", make_rss(items))
    # A kill -9 between the log's commit and the cache write leaves the cache behind.
    tracker.store.conn.execute("DELETE FROM feed_entries")
    again = ingest_bytes(tracker, "news", make_rss(items))
    assert (again.new, again.unchanged) == (0, 20)
    assert len(ingested(tracker)) == 20 and tracker.verify().ok


def test_duplicate_entries_in_one_feed_and_a_shared_home_link(
    tracker: Tracker, make_rss: Callable[..., bytes]
) -> None:
    home = "https://news.example/"
    items = [
        {"guid": "d-1", "link": home, "title": "One"},
        {"guid": "d-1", "link": home, "title": "One again"},
        {"guid": "d-2", "link": home, "title": "Two"},
    ]
    result = ingest_bytes(tracker, "news", make_rss(items))
    # The repeated guid is one entry; the links all name the home page, not one article.
    assert result.new == 2 and len({e.article_id for e in ingested(tracker)}) == 2


def test_broken_encoding_still_ingests(tracker: Tracker) -> None:
    body = (
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        b"<item><guid>enc-1</guid><title>Caf\xe9 diplomacy in Yerevan</title></item>"
        b"</channel></rss>"
    )
    result = ingest_bytes(tracker, "latin", body)
    assert result.new == 1 and "Yerevan" in ingested(tracker)[0].title
