"""Re-running the current extractor over stored articles, and reconciling the log with it.

Events the extractor no longer finds are retracted (with the reason and version); events it
finds anew are appended (or corroborate what the log knows); an event it still finds but
now reads differently is retracted and appended again under a new id. Running it again
with no change to the extractor appends nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import uuid5

from events import ArticleIngested, DiplomaticEvent, EventRetracted
from tracker.app import Tracker
from tracker.extract.dedup import plan_appends
from tracker.extract.ingest import article_events, extraction_metadata
from tracker.extract.version import EXTRACTOR_NAME, EXTRACTOR_VERSION
from tracker.store import NewEvent

__all__ = ["ReextractResult", "reextract"]


@dataclass(frozen=True, slots=True)
class ReextractResult:
    articles: int
    appended: int
    retracted: int


def _content(event: DiplomaticEvent) -> dict[str, Any]:
    # What the extractor read, without who read it (a new version reading the same is same).
    data = event.model_dump(mode="json", exclude={"event_id", "evidence"})
    data["sentences"] = [e.sentence for e in event.evidence]
    return data


def _stored(
    tracker: Tracker,
) -> tuple[dict[str, ArticleIngested], dict[str, list[DiplomaticEvent]]]:
    """The latest revision of each article, and the live extracted events of each."""
    articles: dict[str, ArticleIngested] = {}
    extracted: dict[str, list[DiplomaticEvent]] = {}
    retracted: set[str] = set()
    for recorded in tracker.store.read():
        item = recorded.event
        if isinstance(item, ArticleIngested):
            articles[item.article_id] = item
        elif isinstance(item, EventRetracted):
            retracted.add(str(item.subject))
        elif isinstance(item, DiplomaticEvent) and item.evidence:
            first = item.evidence[0]
            if first.extractor == EXTRACTOR_NAME and first.article_id:
                extracted.setdefault(first.article_id, []).append(item)
    live = {
        key: [e for e in events if str(e.event_id) not in retracted]
        for key, events in extracted.items()
    }
    return articles, live


def _renamed(event: DiplomaticEvent) -> DiplomaticEvent:
    return event.model_copy(update={"event_id": uuid5(event.event_id, EXTRACTOR_VERSION)})


def reextract(tracker: Tracker, since: date | None = None) -> ReextractResult:
    """Reconcile the log with what the current extractor reads in the stored articles."""
    articles, extracted = _stored(tracker)
    reason = f"no longer found by {EXTRACTOR_NAME} {EXTRACTOR_VERSION}"
    retractions: list[NewEvent] = []
    candidates: list[tuple[DiplomaticEvent, dict[str, Any]]] = []
    chosen = [
        a
        for a in articles.values()
        if since is None or (a.published is not None and a.published.date() >= since)
    ]
    for article in chosen:
        metadata = {**extraction_metadata(article), "reextract": True}
        fresh = {str(e.event_id): e for e in article_events(article)}
        # An event appended under a renamed id by an earlier run is found by that id too.
        renamed_ids = {str(_renamed(e).event_id): e for e in fresh.values()}
        for old in extracted.get(article.article_id, []):
            new = fresh.get(str(old.event_id)) or renamed_ids.get(str(old.event_id))
            if new is not None and _content(new) == _content(old):
                continue
            note = EventRetracted(subject=old.event_id, reason=reason, by=EXTRACTOR_NAME)
            retractions.append(NewEvent(note, metadata=metadata))
            if new is not None:
                # Read differently now: the corrected event needs an id of its own.
                fresh[str(new.event_id)] = _renamed(new)
        candidates += [(event, metadata) for event in fresh.values()]
    recorded = tracker.append(retractions) if retractions else []
    appended = tracker.append(plan_appends(tracker.store, candidates))
    return ReextractResult(len(chosen), len(appended), len(recorded))
