"""Re-running the current extractor over stored articles, and reconciling the log with it.

Events the extractor no longer finds are retracted (with the reason and version); events it
finds anew are appended (or corroborate what the log knows); an event it still finds but
now reads differently is retracted and appended again under a new id. Running it again
with no change to the extractor appends nothing.

Each article is one transaction: its retractions, its new codings and the record of the
reading (:mod:`tracker.store.readings`) commit together, so a crash leaves every article
either as it was or fully re-read, and a second run skips the articles this version has
already read. Reading (the CPU part) runs in a pool of worker processes; one writer, this
process, reconciles the articles in log order, so the log is the same whatever the number
of workers.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from itertools import count
from typing import Any, cast
from uuid import NAMESPACE_URL, UUID, uuid5

from events import ArticleIngested, DiplomaticEvent, EventRetracted, RecordedEvent
from events.registry import json_decoder
from tracker.app import Tracker
from tracker.extract.dedup import plan_appends
from tracker.extract.ingest import article_events, extraction_metadata
from tracker.extract.version import EXTRACTOR_NAME, EXTRACTOR_VERSION
from tracker.store import EventStore, NewEvent, side
from tracker.store.readings import ensure_table, reading_statement, versions

__all__ = ["ReextractResult", "reextract"]

Progress = Callable[[int, int], None]

# Articles sent to a worker at a time, and chunks in flight per worker.
_CHUNK = 4
_AHEAD = 4
# The projection folds in what was appended every this many articles (and at the end).
_CATCH_UP_EVERY = 500
_RETRACTION = uuid5(NAMESPACE_URL, "https://policy-tracker.example.org/reextract-retraction")


@dataclass(frozen=True, slots=True)
class ReextractResult:
    articles: int  # read by the extractor in this run
    skipped: int  # already read by this extractor version
    appended: int
    retracted: int


class _Log:
    """What reconciling needs from the log, kept current by reading past its position."""

    def __init__(self) -> None:
        self.position = 0
        # The latest revision of each article: (its position, the day it was logged, it).
        self.articles: dict[str, tuple[int, date, ArticleIngested]] = {}
        self.codings: dict[str, dict[str, DiplomaticEvent]] = {}  # by article, by id
        self.retracted_by: dict[str, str] = {}  # subject -> who retracted it

    def update(self, store: EventStore) -> None:
        for recorded in store.read(after=self.position):
            item = recorded.event
            if isinstance(item, ArticleIngested):
                self.articles[item.article_id] = (
                    recorded.position,
                    recorded.recorded_at.date(),
                    item,
                )
            elif isinstance(item, EventRetracted):
                self.retracted_by.setdefault(str(item.subject), item.by)
            elif isinstance(item, DiplomaticEvent) and item.evidence:
                first = item.evidence[0]
                if first.extractor == EXTRACTOR_NAME and first.article_id:
                    self.codings.setdefault(first.article_id, {})[str(item.event_id)] = item
            self.position = recorded.position

    def live(self, article_id: str) -> dict[str, DiplomaticEvent]:
        found = self.codings.get(article_id, {})
        return {key: e for key, e in found.items() if key not in self.retracted_by}


class _Planning:
    """The log as :func:`plan_appends` reads it for one article's transaction.

    It reads through the store (a SQLite file's or a server's), less the ``hidden`` codings
    that transaction retracts (a new reading must not be taken for the very coding it
    replaces). A relationship's events are kept from one article to the next and only what
    was appended since is read, so an article's cost does not grow with the log. Reads only.
    """

    def __init__(self, store: EventStore) -> None:
        self._store = store
        self.hidden: set[UUID] = set()
        self._kept: dict[str, tuple[int, list[RecordedEvent]]] = {}

    def get(self, event_id: str) -> RecordedEvent | None:
        return self._store.get(event_id)

    def read(
        self,
        *,
        after: int = 0,
        until: int | None = None,
        stream: str | None = None,
        types: Sequence[str] | None = None,
        party: str | None = None,
        relationship: str | None = None,
        occurred_from: date | None = None,
        occurred_to: date | None = None,
        recorded_before: datetime | None = None,
        limit: int | None = None,
    ) -> Iterator[RecordedEvent]:
        filters = (after, until, stream, types, party, occurred_from, occurred_to)
        if relationship is not None and not any(filters) and not (recorded_before or limit):
            found: Iterable[RecordedEvent] = self._relationship(relationship)
        else:
            found = self._store.read(
                after=after,
                until=until,
                stream=stream,
                types=types,
                party=party,
                relationship=relationship,
                occurred_from=occurred_from,
                occurred_to=occurred_to,
                recorded_before=recorded_before,
                limit=limit,
            )
        hidden = self.hidden
        return (r for r in found if not hidden or r.event.event_id not in hidden)

    def _relationship(self, key: str) -> list[RecordedEvent]:
        position, events = self._kept.get(key, (0, []))
        events += self._store.read(relationship=key, after=position)
        self._kept[key] = (events[-1].position if events else 0, events)
        return events


def _content(event: DiplomaticEvent) -> dict[str, Any]:
    # What the extractor read, without who read it (a new version reading the same is same).
    data = event.model_dump(mode="json", exclude={"event_id", "evidence"})
    data["sentences"] = [e.sentence for e in event.evidence]
    return data


def _renamed(event: DiplomaticEvent, attempt: int) -> DiplomaticEvent:
    # The first rename is the one earlier versions of reextract used, so their logs match.
    salt = EXTRACTOR_VERSION if attempt == 1 else f"{EXTRACTOR_VERSION}|{attempt}"
    return event.model_copy(update={"event_id": uuid5(event.event_id, salt)})


def _place(
    store: _Planning, log: _Log, old: dict[str, DiplomaticEvent], event: DiplomaticEvent
) -> DiplomaticEvent | None:
    """The event under the id it is (or will be) live under; None when an analyst retracted
    this reading. An id already in the log (live with other content, or retracted by the
    extractor) cannot be reused, so the reading takes the next renamed id."""
    for attempt in count():
        candidate = event if attempt == 0 else _renamed(event, attempt)
        key = str(candidate.event_id)
        if key in old:
            if _content(old[key]) == _content(event):
                return old[key]
            continue
        by = log.retracted_by.get(key)
        if by is not None and by != EXTRACTOR_NAME:
            return None  # the analyst's word stands
        if by is None and store.get(key) is None:
            return candidate
    raise AssertionError("unreachable")  # count() never ends


def _reconcile(
    store: _Planning, log: _Log, article: ArticleIngested, fresh: list[DiplomaticEvent]
) -> tuple[list[NewEvent], set[str]]:
    """The article's transaction (retractions, then new codings and corroborations) and the
    ids of its codings live after it."""
    metadata = {**extraction_metadata(article), "reextract": True}
    old = log.live(article.article_id)
    keep: set[str] = set()
    candidates: list[tuple[DiplomaticEvent, dict[str, Any]]] = []
    for event in {str(e.event_id): e for e in fresh}.values():
        placed = _place(store, log, old, event)
        if placed is None:
            continue
        if str(placed.event_id) in old:
            keep.add(str(placed.event_id))
        else:
            candidates.append((placed, metadata))
    gone = set(old) - keep
    reason = f"no longer found by {EXTRACTOR_NAME} {EXTRACTOR_VERSION}"
    retractions = [
        NewEvent(
            EventRetracted(
                # Deterministic, so the log is the same however often a run is resumed.
                event_id=uuid5(_RETRACTION, f"{key}|{EXTRACTOR_VERSION}"),
                subject=old[key].event_id,
                reason=reason,
                by=EXTRACTOR_NAME,
            ),
            metadata=metadata,
        )
        for key in sorted(gone)
    ]
    store.hidden = {old[key].event_id for key in gone}
    planned = plan_appends(cast(EventStore, store), candidates)
    live = keep | {str(p.event.event_id) for p in planned if isinstance(p.event, DiplomaticEvent)}
    return [*retractions, *planned], live


# An event as it crosses between processes: (type, schema version, payload JSON). Events
# are sent as the log stores them: pickling refuses their immutable value objects.
_Wire = tuple[str, int, str]


def _read_chunk(chunk: list[tuple[ArticleIngested, date]]) -> list[list[_Wire]]:
    """A worker's task: the events of each article, with the worker's own coder."""
    return [
        [(e.event_type, e.schema_version, e.payload_json()) for e in events]
        for events in (article_events(article, learned=learned) for article, learned in chunk)
    ]


def _decoded(wire: list[_Wire]) -> list[DiplomaticEvent]:
    events = [json_decoder(kind, version)(payload) for kind, version, payload in wire]
    return [e for e in events if isinstance(e, DiplomaticEvent)]


def _readings(
    items: list[tuple[ArticleIngested, date]], workers: int
) -> Generator[list[DiplomaticEvent], None, None]:
    """Each article's events, in the order given, read by ``workers`` processes."""
    if workers <= 1 or len(items) <= _CHUNK:
        for article, learned in items:
            yield article_events(article, learned=learned)
        return
    from tracker.worker_pool import process_pool

    pool = process_pool(workers)
    window: deque[Future[list[list[_Wire]]]] = deque()
    try:
        for start in range(0, len(items), _CHUNK):
            window.append(pool.submit(_read_chunk, items[start : start + _CHUNK]))
            if len(window) >= workers * _AHEAD:
                yield from map(_decoded, window.popleft().result())
        while window:
            yield from map(_decoded, window.popleft().result())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _is_current(reading: tuple[str, str, int] | None, revision_position: int) -> bool:
    """True when this extractor version has read the article's latest revision."""
    return (
        reading is not None
        and reading[:2] == (EXTRACTOR_NAME, EXTRACTOR_VERSION)
        and (reading[2] >= revision_position)
    )


def reextract(
    tracker: Tracker,
    since: date | None = None,
    *,
    workers: int = 1,
    force: bool = False,
    progress: Progress | None = None,
) -> ReextractResult:
    """Reconcile the log with what the current extractor reads in the stored articles.

    Articles this extractor version has read already (an earlier, perhaps interrupted, run)
    are skipped unless ``force``. ``workers`` processes read the articles;
    ``progress(done, total)`` is called after each article's transaction.
    """
    store = tracker.store
    tables = side.table_connection(store)  # the file's, or the server's
    ensure_table(tables)
    log = _Log()
    log.update(store)
    done = versions(tables)
    chosen = [
        (position, logged, a)
        for position, logged, a in log.articles.values()
        if since is None or (a.published is not None and a.published.date() >= since)
    ]
    items = [
        (a, logged)
        for position, logged, a in chosen
        if force or not _is_current(done.get(a.article_id), position)
    ]
    planning = _Planning(store)
    appended = retracted = 0
    with closing(_readings(items, workers)) as read:
        for number, ((article, _), fresh) in enumerate(zip(items, read, strict=True), 1):
            log.update(store)
            batch, live = _reconcile(planning, log, article, fresh)
            record = reading_statement(article.article_id, EXTRACTOR_NAME, EXTRACTOR_VERSION, live)
            for written in store.append(batch, also=[record]):
                if isinstance(written.event, EventRetracted):
                    retracted += 1
                else:
                    appended += 1
            if number % _CATCH_UP_EVERY == 0:
                tracker.projection.catch_up()
            if progress is not None:
                progress(number, len(items))
    tracker.projection.catch_up()
    return ReextractResult(len(items), len(chosen) - len(items), appended, retracted)
