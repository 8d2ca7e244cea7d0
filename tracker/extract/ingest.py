"""Extraction after ingest: new articles in, diplomatic events (or corroborations) out.

:meth:`tracker.app.Tracker.run_followers` calls :func:`extract_pending` when articles wait
past the extraction checkpoint (see :mod:`tracker.extract.checkpoint`); this module is imported
only then, so commands that never see an article never load spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import Any

from events import ArticleIngested, DiplomaticEvent, RecordedEvent
from tracker.errors import CheckpointMovedError
from tracker.extract import checkpoint
from tracker.extract.build import coding_event
from tracker.extract.coder import Coder
from tracker.extract.dedup import plan_appends
from tracker.extract.version import EXTRACTOR_NAME, EXTRACTOR_VERSION
from tracker.store import Checkpoint, EventStore, NewEvent

__all__ = ["article_events", "extract_pending", "extract_recorded", "shared_coder"]


@cache
def shared_coder() -> Coder:
    """One coder per process (the pipeline and gazetteer take about a second to load)."""
    return Coder()


def article_events(
    article: ArticleIngested, coder: Coder | None = None, *, learned: date | None = None
) -> list[DiplomaticEvent]:
    """The diplomatic events an article reports (without looking at the log).

    Relative dates resolve against the publication date; an entry that gave none is read
    as of ``learned`` (the day the log recorded it), since it was news no later than that.
    """
    published = article.published.date() if article.published else learned
    if published is None or not article.text.strip():
        return []
    codings = (coder or shared_coder()).code(article.text, published, title=article.title)
    return [e for e in (coding_event(article, c) for c in codings) if e is not None]


def extraction_metadata(article: ArticleIngested) -> dict[str, Any]:
    return {
        "extractor": EXTRACTOR_NAME,
        "extractor_version": EXTRACTOR_VERSION,
        "source_article": article.article_id,
        "feed": article.feed,
    }


def extract_recorded(store: EventStore, recorded: Iterable[RecordedEvent]) -> list[NewEvent]:
    """The events to append for these recorded articles (deduplicated against the log)."""
    candidates: list[tuple[DiplomaticEvent, dict[str, Any]]] = []
    for item in recorded:
        if isinstance(item.event, ArticleIngested):
            metadata = extraction_metadata(item.event)
            learned = item.recorded_at.date()
            candidates += [(e, metadata) for e in article_events(item.event, learned=learned)]
    return plan_appends(store, candidates)


def extract_pending(store: EventStore, batch_size: int = 50) -> list[RecordedEvent]:
    """Read every article past the checkpoint; append its events with the new checkpoint.

    The read and the extraction hold no transaction; the append commits only if the
    checkpoint is still where this run read from. If another process moved it first, its
    results stand and this run reads on from there.
    """
    appended: list[RecordedEvent] = []
    while True:
        after = checkpoint.position(store)
        articles = list(
            store.read(after=after, types=[ArticleIngested.event_type], limit=batch_size)
        )
        if not articles:
            return appended
        planned = extract_recorded(store, articles)
        moved = Checkpoint(checkpoint.EXTRACTION, after, articles[-1].position)
        try:
            appended += store.append(planned, checkpoint=moved)
        except CheckpointMovedError:
            continue  # another process extracted these articles meanwhile
