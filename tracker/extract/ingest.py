"""Extraction after ingest: new articles in, diplomatic events (or corroborations) out.

:meth:`tracker.app.Tracker.append` calls :func:`extract_recorded` with the articles it has
just appended; this module is imported only then, so commands that never see an article
never load spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from events import ArticleIngested, DiplomaticEvent, RecordedEvent
from tracker.extract.build import coding_event
from tracker.extract.coder import Coder
from tracker.extract.dedup import plan_appends
from tracker.extract.version import EXTRACTOR_NAME, EXTRACTOR_VERSION
from tracker.store import EventStore, NewEvent

__all__ = ["article_events", "extract_recorded", "shared_coder"]


@cache
def shared_coder() -> Coder:
    """One coder per process (the pipeline and gazetteer take about a second to load)."""
    return Coder()


def article_events(article: ArticleIngested, coder: Coder | None = None) -> list[DiplomaticEvent]:
    """The diplomatic events an article reports (without looking at the log)."""
    published = article.published.date() if article.published else None
    if published is None or not article.text.strip():
        return []
    codings = (coder or shared_coder()).code(article.text, published)
    return [e for e in (coding_event(article, c) for c in codings) if e is not None]


def extraction_metadata(article: ArticleIngested) -> dict[str, Any]:
    return {
        "extractor": EXTRACTOR_NAME,
        "extractor_version": EXTRACTOR_VERSION,
        "source_article": article.article_id,
        "feed": article.feed,
    }


def extract_recorded(store: EventStore, recorded: Iterable[RecordedEvent]) -> list[NewEvent]:
    """The events to append for the articles just recorded (deduplicated against the log)."""
    candidates: list[tuple[DiplomaticEvent, dict[str, Any]]] = []
    for item in recorded:
        if isinstance(item.event, ArticleIngested):
            metadata = extraction_metadata(item.event)
            candidates += [(event, metadata) for event in article_events(item.event)]
    return plan_appends(store, candidates)
