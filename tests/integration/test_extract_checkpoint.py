"""Extraction is a checkpointed processor: a crash after an article's append loses nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from events import AgreementSigned, ArticleIngested
from tracker.app import Tracker
from tracker.extract import checkpoint
from tracker.store import EventStore

TEXT = (
    "Armenian Foreign Minister Ararat Mirzoyan and US Secretary of State Antony Blinken "
    "signed a charter on strategic partnership in Washington on Tuesday."
)


def _article(article_id: str, published: datetime | None) -> ArticleIngested:
    return ArticleIngested(
        article_id=article_id,
        feed="https://news.example.org/feed.xml",
        url=f"https://news.example.org/{article_id}",
        title="Charter signed",
        published=published,
        text=TEXT,
        content_hash=article_id * 4,
    )


def test_an_article_left_unread_by_a_crash_is_read_by_the_next_append(db_path: Path) -> None:
    with Tracker.open(db_path):
        pass  # creates the tables, as a first run would
    # The crash: the article is committed, the process dies before extraction runs.
    with EventStore.open(db_path) as store:
        store.append([_article("a1", datetime(2025, 1, 15, 9, tzinfo=UTC))])
        assert checkpoint.pending(store)
    with Tracker.open(db_path) as t:
        appended = t.run_followers()
        signed = [r.event for r in appended if isinstance(r.event, AgreementSigned)]
        assert len(signed) == 1
        assert str(signed[0].occurred) == "2025-01-14"  # the Tuesday before publication
        assert not checkpoint.pending(t.store)
        assert checkpoint.position(t.store) == 1
        # Reading again finds nothing new.
        assert t.run_followers() == []


def test_an_undated_entry_is_read_as_of_the_day_it_was_recorded(db_path: Path) -> None:
    with Tracker.open(db_path) as t:
        appended = t.append([_article("a2", None)]) + t.run_followers()
    signed = [r for r in appended if isinstance(r.event, AgreementSigned)]
    assert len(signed) == 1
    learned = appended[0].recorded_at.date()
    assert signed[0].event.occurred.end <= learned  # type: ignore[attr-defined]
