"""What the pages and the JSON API show, built from the state queries (no web framework here).

:func:`relation_page` answers "the state between A and B on D, known at T, and why": the
state (from :func:`tracker.queries.state`), and every event of the relationship as known at
T, over all valid time, each with the change it made, so the page can show what is still to
come after D as well as what led up to it.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from tracker.projections import (
    Agreement,
    Change,
    FoldEvent,
    Ref,
    RelationshipView,
    SourceRef,
    StateBuilder,
    fold,
    view,
)
from tracker.projections import select as select_events
from tracker.queries import RelationSummary, relations, today_utc
from tracker.queries.rows import relationship_events
from tracker.web.readonly import ReadOnlyDatabase
from tracker.web.sources import Article, CitedSource, articles, cite
from tracker.words import quad_words

__all__ = [
    "CACHE_SIZE",
    "EventItem",
    "RelationPage",
    "relation_list",
    "relation_page",
]

CACHE_SIZE = 64  # answers kept per kind (pages, lists); a page of 500 events is ~0.5 MB


class EventItem(BaseModel):
    """One diplomatic event of the relationship, for the chart and the event list."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    event_id: str
    event_type: str
    family: str
    source: str
    target: str
    symmetric: bool  # an act with no direction (a meeting, talks)
    occurred: str  # as precise as the news was: 2025-01-14, 2025-02 or 2025
    start: date
    modality: str
    name: str
    note: str | None
    goldstein: float
    quad_class: int
    quad_name: str
    changes: tuple[Change, ...]  # in words: tracker.narrate.change_words
    sources: tuple[SourceRef, ...]  # its own evidence and every corroboration's
    cited: tuple[CitedSource, ...]  # the same, one per article, with outlet and headline
    after_as_of: bool  # had not happened yet on the as-of date


class RelationPage(BaseModel):
    """Everything the relationship page shows."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    state: RelationshipView
    events: tuple[EventItem, ...]
    # Agreements over all valid time (as known at T): their whole lifecycle, for the chart.
    lifecycles: tuple[Agreement, ...]
    dates: tuple[date, ...]  # the as-of slider's stops: event dates, the as-of date, today
    today: date


def relation_page(
    db: ReadOnlyDatabase,
    a: str,
    b: str,
    *,
    as_of: date | None = None,
    known_at: datetime | None = None,
) -> RelationPage:
    """The relationship of actor codes ``a`` and ``b`` as of ``as_of``, known at ``known_at``."""
    today = today_utc()
    key = "-".join(sorted((a, b)))
    return _relation_page(db, db.head(), key, as_of or today, known_at, today)


# The log only grows: an answer is a pure function of the question and the log's last
# position, so answers are kept by (question, position) and a new event retires them all.
# Moving back and forth in time on a page is then one read of the log's head.
@lru_cache(maxsize=CACHE_SIZE)
def _relation_page(
    db: ReadOnlyDatabase,
    head: int,
    key: str,
    day: date,
    known_at: datetime | None,
    today: date,
) -> RelationPage:
    # One read of the relationship serves both the state as of D and the whole timeline;
    # the state is folded as tracker.queries.state folds it (a test holds them equal).
    known = relationship_events(db.store(), key, known_at=known_at)
    seen = view(fold(key, known, as_of=day, known_at=known_at), day, known_at)
    builder = StateBuilder(key)
    facts: list[tuple[FoldEvent, tuple[Change, ...]]] = []
    extra_sources: dict[str, list[SourceRef]] = {}
    for event in select_events(known, known_at=known_at):
        changes = tuple(builder.add(event))
        if event.kind == "fact":
            facts.append((event, changes))
        elif event.kind == "corroborated" and event.subject is not None:
            extra_sources.setdefault(event.subject, []).extend(map(_source, event.sources))
    ids = {ref.article_id for event, _ in facts for ref in event.sources if ref.article_id}
    ids.update(ref.article_id for refs in extra_sources.values() for ref in refs if ref.article_id)
    known_articles = articles(db.store(), ids, known_at)
    items = tuple(
        _item(event, changes, extra_sources.get(event.event_id, []), day, known_articles)
        for event, changes in facts
    )
    stops = sorted({item.start for item in items if item.start <= today} | {today, day})
    return RelationPage(
        state=seen,
        events=items,
        lifecycles=builder.build().agreements,
        dates=tuple(stops),
        today=today,
    )


def _source(ref: Ref) -> SourceRef:
    return SourceRef(
        event_id=ref.event_id, url=ref.url, article_id=ref.article_id, sentence=ref.sentence
    )


def _item(
    event: FoldEvent,
    changes: tuple[Change, ...],
    corroborations: list[SourceRef],
    day: date,
    known_articles: dict[str, Article],
) -> EventItem:
    own = [_source(ref) for ref in event.sources]
    return EventItem(
        event_id=event.event_id,
        event_type=event.event_type,
        family=event.family,
        source=event.source,
        target=event.target,
        symmetric=event.symmetric,
        occurred=event.occurred,
        start=event.occurred_start,
        modality=event.modality,
        name=event.name,
        note=event.note,
        goldstein=event.goldstein,
        quad_class=event.quad_class,
        quad_name=quad_words(event.quad_class),
        changes=changes,
        sources=tuple(own + corroborations),
        cited=cite(own + corroborations, known_articles),
        after_as_of=event.occurred_start > day,
    )


def _sort_value(summary: RelationSummary, key: str) -> tuple[bool, str | float | int]:
    # (missing, value): relationships without the figure sort last whatever the order.
    if key == "label":
        return (False, summary.label)
    if key == "last_contact":
        contact = summary.last_contact
        return (contact is None, contact.date if contact else "")
    if key == "tone":
        mean = summary.tone.recent.mean_goldstein
        if mean is None:
            mean = summary.tone.overall.mean_goldstein
        return (mean is None, mean if mean is not None else 0.0)
    if key == "events":
        return (False, summary.events)
    return (False, summary.relationship)


def relation_list(
    db: ReadOnlyDatabase,
    *,
    actor: str | None = None,
    as_of: date | None = None,
    sort: str = "relationship",
    descending: bool = False,
) -> list[RelationSummary]:
    """Every relationship (of actor code ``actor``) as of ``as_of``, sorted by ``sort``."""
    found = _summaries(db, db.head(), actor, as_of or today_utc())
    present = [s for s in found if not _sort_value(s, sort)[0]]
    missing = [s for s in found if _sort_value(s, sort)[0]]
    present.sort(key=lambda s: _sort_value(s, sort)[1], reverse=descending)
    return present + missing


@lru_cache(maxsize=CACHE_SIZE)
def _summaries(
    db: ReadOnlyDatabase, head: int, actor: str | None, day: date
) -> tuple[RelationSummary, ...]:
    # Cached like _relation_page: summarising thousands of relationships takes seconds.
    return tuple(relations(db.store(), db.projection(), actor=actor, as_of=day))
