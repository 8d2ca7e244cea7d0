"""One poll of one feed: fetch, parse, ingest, and fold the outcome into its health.

The HTTP status decides what happens: 304 costs no parse; 301/308 move the stored URL, but
only once the new location answered with a feed (ingested, or 304); 410 disables the feed;
429/503 wait for Retry-After; any other failure backs off exponentially. A poll never
raises for what a feed does: it records it and returns.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import httpx

from tracker.app import Tracker
from tracker.errors import FeedError
from tracker.feeds.feedlist import Feed, FeedList
from tracker.feeds.fetch import FetchPolicy, FetchResult, fetch
from tracker.feeds.health import (
    RETRY_AFTER_CAP,
    FeedHealth,
    PollRecord,
    backoff_delay,
    delay_until,
    load_health,
    record_poll,
)
from tracker.feeds.ingest import IngestResult, ingest_bytes
from tracker.feeds.tables import feed_db

if TYPE_CHECKING:
    from tracker.feeds.leases import Lease

__all__ = ["PollResult", "poll_feed"]

_THROTTLED = frozenset({429, 503})


@dataclass(frozen=True, slots=True)
class PollResult:
    """What one poll did, for the log line and the CLI."""

    feed: str
    outcome: str  # ingested, not_modified, moved, gone, throttled, failed
    status: int | None
    seconds: float
    health: FeedHealth
    ingest: IngestResult | None = None
    error: str | None = None

    def fields(self) -> dict[str, object]:
        """Flat fields for one log line."""
        data: dict[str, object] = {
            "feed": self.feed,
            "outcome": self.outcome,
            "status": self.status,
            "ms": round(self.seconds * 1000),
        }
        if self.ingest is not None:
            data.update(
                entries=self.ingest.entries,
                new=self.ingest.new,
                revised=self.ingest.revised,
                unchanged=self.ingest.unchanged,
                already_stored=self.ingest.already_stored,
            )
        if self.error:
            data["error"] = self.error
        if self.health.next_run_at and self.health.consecutive_failures:
            data["next_run_at"] = self.health.next_run_at
        return data


def poll_feed(
    tracker: Tracker,
    feed: Feed,
    *,
    policy: FetchPolicy | None = None,
    client: httpx.Client | None = None,
    lease: Lease | None = None,
) -> PollResult:
    """Poll ``feed`` once now; every outcome is recorded in its health, none raised.

    With a daemon's ``lease`` on the feed (PostgreSQL), what the poll found is written only
    while the lease holds: past it, :class:`~tracker.errors.LeaseLostError` and nothing.
    """
    started = time.monotonic()
    conn = feed_db(tracker.store)
    health = load_health(conn, feed.name)
    try:
        response = fetch(
            feed.url,
            etag=health.etag,
            last_modified=health.last_modified,
            policy=policy,
            client=client,
        )
    except FeedError as exc:
        return _failed(tracker, feed, health, None, str(exc), started, lease)
    result = _handle(tracker, feed, health, response, started, lease)
    if response.moved_to and result.outcome in ("ingested", "not_modified"):
        FeedList(conn).move(feed.name, response.moved_to)
    return result


def _handle(
    tracker: Tracker,
    feed: Feed,
    health: FeedHealth,
    response: FetchResult,
    started: float,
    lease: Lease | None,
) -> PollResult:
    conn = feed_db(tracker.store)
    status = response.status
    if status == 304:
        record = PollRecord("not_modified", status)
        return _done(feed, record, record_poll(conn, feed.name, record, lease=lease), started)
    if status == 410:
        reason = f"410 Gone at {datetime.now(UTC):%Y-%m-%d %H:%M}Z: the feed was removed"
        FeedList(conn).disable(feed.name, reason)
        record = PollRecord("gone", status, failed=True, error=reason)
        return _done(
            feed, record, record_poll(conn, feed.name, record, lease=lease), started, error=reason
        )
    if status in _THROTTLED and response.retry_after is not None:
        wait = min(response.retry_after, RETRY_AFTER_CAP)
        error = f"HTTP {status}: asked to retry after {wait:g}s"
        record = PollRecord(
            "throttled",
            status,
            failed=True,
            error=error,
            next_run_at=delay_until(datetime.now(UTC), wait),
        )
        return _done(
            feed, record, record_poll(conn, feed.name, record, lease=lease), started, error=error
        )
    if not 200 <= status < 300:
        return _failed(tracker, feed, health, status, f"HTTP {status}", started, lease)
    try:
        result = ingest_bytes(
            tracker,
            feed.name,
            response.body,
            url=response.url,
            headers=response.headers,
            previous_urls=(feed.url, *FeedList(conn).earlier_urls(feed.name)),
            lease=lease,
        )
    except FeedError as exc:
        return _failed(tracker, feed, health, status, str(exc), started, lease)
    record = PollRecord(
        "ingested",
        status,
        warning=result.warning,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        items=result.entries,
        articles=result.appended,
    )
    new_health = record_poll(conn, feed.name, record, lease=lease)
    return _done(feed, record, new_health, started, ingest=result)


def _failed(
    tracker: Tracker,
    feed: Feed,
    health: FeedHealth,
    status: int | None,
    error: str,
    started: float,
    lease: Lease | None,
) -> PollResult:
    wait = backoff_delay(feed.interval_seconds, health.consecutive_failures + 1)
    record = PollRecord(
        "failed", status, failed=True, error=error, next_run_at=delay_until(datetime.now(UTC), wait)
    )
    new_health = record_poll(feed_db(tracker.store), feed.name, record, lease=lease)
    return _done(feed, record, new_health, started, error=error)


def _done(
    feed: Feed,
    record: PollRecord,
    health: FeedHealth,
    started: float,
    *,
    ingest: IngestResult | None = None,
    error: str | None = None,
) -> PollResult:
    return PollResult(
        feed=feed.name,
        outcome=record.outcome,
        status=record.status,
        seconds=time.monotonic() - started,
        health=health,
        ingest=ingest,
        error=error,
    )
