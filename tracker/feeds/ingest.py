"""Turn a parsed feed into ``ArticleIngested`` events: new articles, revisions, nothing twice.

Deciding what is new. ``Tracker.append`` owns its transaction, so the entry cache
(``feed_entries``) cannot be written inside it; the cache is therefore only a shortcut and
the log is the authority. An entry whose cached content hash matches is unchanged without
touching the log. Otherwise the article's stream is read: no event yet means revision 1; an
earlier event from this feed with another hash means a revision n+1; events only from other
feeds mean the article was syndicated and is already stored. Each event's id is
``uuid5(article, revision, content hash)`` and carries ``expected_version``, so:

- a crash between the append and the cache write re-plans the same events on restart, and
  the log skips them (same id, same payload): nothing is duplicated;
- two pollers racing on one feed either append identical events (skipped) or collide on
  the stream version (:class:`ConcurrencyError`, or :class:`DuplicateEventError` when the
  two copies differ only in their time of fetch), and the loser plans again.

After a feed moves (a 301, http to https), its entries must keep their identity. The entry
key is the guid as written (no base URL can change it), else the resolved link. Entries
stored before the move, or by a version that resolved relative guids against the feed's
URL, are found under their old keys and article ids: each is computed again against the
feed's previous URL (``previous_urls``) and looked up in the cache, then in the log.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from events import ArticleIngested
from tracker.app import Tracker
from tracker.errors import ConcurrencyError, DuplicateEventError, FeedError
from tracker.feeds.identity import (
    article_id_for,
    content_hash,
    entry_key,
    event_id_for,
    normalize_link,
    resolve_url,
)
from tracker.feeds.parse import ParsedEntry, ParsedFeed, parse_feed
from tracker.feeds.schema import ensure_feed_tables
from tracker.feeds.tables import FeedDb, feed_db
from tracker.store import NewEvent

if TYPE_CHECKING:
    from tracker.feeds.leases import Lease
    from tracker.store.postgres_store import PostgresStore

__all__ = ["IngestResult", "ingest_bytes", "ingest_file", "ingest_parsed"]

_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What one ingest did with a feed's entries."""

    entries: int
    new: int = 0
    revised: int = 0
    unchanged: int = 0
    already_stored: int = 0
    warning: str | None = None

    @property
    def appended(self) -> int:
        return self.new + self.revised


@dataclass(frozen=True, slots=True)
class _Candidate:
    key: str
    article_id: str
    digest: str
    entry: ParsedEntry
    # The keys and article ids earlier versions, or the feed at its earlier URL, gave it.
    old_keys: tuple[str, ...] = ()
    old_article_ids: tuple[str, ...] = ()


@dataclass
class _Plan:
    events: list[NewEvent]
    cache_rows: list[tuple[str, str, str, str, str]]
    counts: Counter[str]


def ingest_parsed(
    tracker: Tracker,
    feed: str,
    parsed: ParsedFeed,
    *,
    feed_url: str | None = None,
    previous_urls: tuple[str, ...] = (),
    lease: Lease | None = None,
) -> IngestResult:
    """Append the new and changed entries of ``parsed`` as one transaction.

    ``feed_url`` is where the document came from; ``previous_urls`` where the feed lived
    before (its stored URL before a redirect), to find entries stored from there. With a
    daemon's ``lease`` on the feed (PostgreSQL), the append commits only while the lease
    holds, moving the feed's next poll on (:class:`~tracker.errors.LeaseLostError` else).
    """
    db = feed_db(tracker.store)
    ensure_feed_tables(db)
    bases = tuple(dict.fromkeys(u for u in (feed_url, *previous_urls) if u))
    candidates = _candidates(feed, parsed, bases)
    for attempt in range(_ATTEMPTS):
        plan = _plan(tracker, db, feed, candidates, feed_url)
        try:
            if lease is None:
                tracker.append(plan.events)
            else:
                cast("PostgresStore", tracker.store).append(plan.events, fence=lease.fence)
            break
        except (ConcurrencyError, DuplicateEventError):
            # Another poller wrote one of these articles first: read the log again.
            if attempt == _ATTEMPTS - 1:
                raise
    with db.transaction():
        db.executemany(
            "INSERT INTO feed_entries (feed, entry_key, article_id, content_hash, seen_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (feed, entry_key) DO UPDATE SET "
            "article_id = excluded.article_id, content_hash = excluded.content_hash, "
            "seen_at = excluded.seen_at",
            plan.cache_rows,
        )
    return IngestResult(
        entries=len(parsed.entries),
        new=plan.counts["new"],
        revised=plan.counts["revised"],
        unchanged=plan.counts["unchanged"],
        already_stored=plan.counts["already_stored"],
        warning=parsed.warning,
    )


def ingest_bytes(
    tracker: Tracker,
    feed: str,
    body: bytes,
    *,
    url: str | None = None,
    headers: dict[str, str] | None = None,
    previous_urls: tuple[str, ...] = (),
    lease: Lease | None = None,
) -> IngestResult:
    """Parse a feed document and ingest it; :class:`FeedError` if it is not a feed."""
    parsed = parse_feed(body, url=url, headers=headers)
    return ingest_parsed(
        tracker, feed, parsed, feed_url=url, previous_urls=previous_urls, lease=lease
    )


def ingest_file(tracker: Tracker, path: str | Path, *, feed: str | None = None) -> IngestResult:
    """Ingest a feed file from disk (the demo's bundled sample feed); feed name: file stem."""
    source = Path(path)
    try:
        body = source.read_bytes()
    except OSError as exc:
        raise FeedError(f"cannot read the feed file {source}: {exc.strerror}") from exc
    return ingest_bytes(tracker, feed or source.stem, body)


def _candidates(feed: str, parsed: ParsedFeed, bases: tuple[str, ...]) -> list[_Candidate]:
    """One candidate per distinct entry key, first occurrence wins."""
    links = [normalize_link(e.link) for e in parsed.entries]
    # A link shared by several entries (or the site's home page) names no single article.
    shared = Counter(links)
    home = normalize_link(parsed.link)

    def article_link(link: str | None) -> str | None:
        return link if link and shared[link] <= 1 and link != home else None

    seen: set[str] = set()
    result = []
    for entry, link in zip(parsed.entries, links, strict=True):
        key = entry_key(entry.guid, entry.link, entry.title, entry.published, entry.text)
        if key in seen:
            continue
        seen.add(key)
        article = article_id_for(feed, key, article_link(link))
        old_keys: dict[str, None] = {}
        old_ids: dict[str, None] = {}
        for base in bases:
            # What the entry was called when relative guids and links were resolved here.
            old_link = resolve_url(base, entry.written_link)
            old_guid = resolve_url(base, entry.guid)
            for guid in dict.fromkeys((entry.guid, old_guid)):
                old = entry_key(guid, old_link, entry.title, entry.published, entry.text)
                old_keys[old] = None
                old_ids[article_id_for(feed, old, article_link(normalize_link(old_link)))] = None
        old_keys.pop(key, None)
        old_ids.pop(article, None)
        digest = content_hash(entry.title, entry.text)
        result.append(_Candidate(key, article, digest, entry, tuple(old_keys), tuple(old_ids)))
    return result


def _plan(
    tracker: Tracker, db: FeedDb, feed: str, candidates: list[_Candidate], feed_url: str | None
) -> _Plan:
    cache = {
        row[0]: (row[1], row[2])
        for row in db.execute(
            "SELECT entry_key, article_id, content_hash FROM feed_entries WHERE feed = ?", (feed,)
        )
    }
    now = datetime.now(UTC).isoformat(timespec="seconds")
    plan = _Plan([], [], Counter())
    planned: set[str] = set()
    for c in candidates:
        cached = next((cache[k] for k in (c.key, *c.old_keys) if k in cache), None)
        if cached is not None and cached[1] == c.digest:
            plan.counts["unchanged"] += 1
            if c.key not in cache:  # found under an old key: remember it under the new one
                plan.cache_rows.append((feed, c.key, cached[0], c.digest, now))
            continue
        article_id = cached[0] if cached is not None else _stored_id(tracker, feed, c)
        plan.cache_rows.append((feed, c.key, article_id, c.digest, now))
        if article_id in planned:
            plan.counts["already_stored"] += 1
            continue
        planned.add(article_id)
        outcome, event = _decide(tracker, feed, article_id, c, feed_url)
        plan.counts[outcome] += 1
        if event is not None:
            plan.events.append(event)
    return plan


def _stored_id(tracker: Tracker, feed: str, c: _Candidate) -> str:
    """The article id under which the log already holds this feed's entry, else the new one."""
    for article_id in (c.article_id, *c.old_article_ids):
        for recorded in tracker.store.read(stream=f"article-{article_id}"):
            if isinstance(recorded.event, ArticleIngested) and recorded.event.feed == feed:
                return article_id
    return c.article_id


def _decide(
    tracker: Tracker, feed: str, article_id: str, c: _Candidate, feed_url: str | None
) -> tuple[str, NewEvent | None]:
    stream = f"article-{article_id}"
    history = [
        r.event for r in tracker.store.read(stream=stream) if isinstance(r.event, ArticleIngested)
    ]
    mine = [e for e in history if e.feed == feed]
    if mine and max(mine, key=lambda e: e.revision).content_hash == c.digest:
        return "unchanged", None
    if history and not mine:
        return "already_stored", None
    revision = max((e.revision for e in history), default=0) + 1
    event = ArticleIngested(
        event_id=event_id_for(article_id, revision, c.digest),
        article_id=article_id,
        feed=feed,
        url=c.entry.link,
        guid=c.entry.guid,
        title=c.entry.title,
        published=c.entry.published,
        text=c.entry.text,
        content_hash=c.digest,
        revision=revision,
        published_basis=c.entry.published_basis,
    )
    metadata = {"feed": feed, "feed_url": feed_url, "entry_key": c.key}
    outcome = "revised" if revision > 1 else "new"
    return outcome, NewEvent(
        event, expected_version=tracker.store.stream_version(stream), metadata=metadata
    )
