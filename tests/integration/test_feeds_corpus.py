"""The shared corpus: feedparser's 2,107 fixtures and five real news feeds, none crashing.

Every fixture is either ingested (with articles, or an empty but valid feed) or rejected
with a recorded reason. The fixtures are parsed offline; two real feeds go through the local
HTTP server and the whole poll.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tracker.app import Tracker
from tracker.errors import FeedError
from tracker.feeds.feedlist import FeedList
from tracker.feeds.ingest import ingest_bytes
from tracker.feeds.poll import poll_feed

_NOT_FEEDS = {"SOURCE.txt", "SOURCE_COMMIT.txt", "SOURCES.md", "LICENSE"}


def corpus_files(root: Path) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and p.name not in _NOT_FEEDS and not p.name.endswith(".README.txt")
    )


def test_every_fixture_is_ingested_or_rejected_with_a_reason(
    shared: Path, tracker: Tracker
) -> None:
    files = corpus_files(shared / "feeds-corpus" / "feedparser")
    assert len(files) > 2000
    counts: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    for path in files:
        name = path.relative_to(shared / "feeds-corpus").as_posix()
        try:
            result = ingest_bytes(tracker, name, path.read_bytes())
        except FeedError as exc:
            assert str(exc), name
            counts["rejected"] += 1
            reasons[str(exc).split(" (")[0][:70]] += 1
            continue
        counts["ingested with articles" if result.entries else "valid feed, no entries"] += 1
        counts["articles"] += result.appended
    print(f"\ncorpus: {len(files)} fixtures: {dict(counts)}")
    for reason, n in reasons.most_common():
        print(f"  rejected {n:4}: {reason}")
    assert counts["rejected"] + counts["ingested with articles"] + counts[
        "valid feed, no entries"
    ] == len(files)
    assert tracker.verify().ok


@pytest.mark.parametrize("name", ["guardian-us_2018-01-31.rss", "uol-noticias_2018-09-24.rss"])
def test_real_feeds_through_the_local_server(
    shared: Path, tracker: Tracker, httpserver: HTTPServer, name: str
) -> None:
    body = (shared / "feeds-corpus" / "news" / name).read_bytes()
    httpserver.expect_request(f"/{name}").respond_with_data(
        body, content_type="application/rss+xml"
    )
    feed = FeedList(tracker.store.conn).add(httpserver.url_for(f"/{name}"), name="real")
    result = poll_feed(tracker, feed)
    assert result.outcome == "ingested" and result.ingest is not None
    assert result.ingest.new == result.ingest.entries > 10
    texts = [r.event for r in tracker.log(types=["ArticleIngested"])]
    assert all(getattr(e, "title", "") for e in texts)
