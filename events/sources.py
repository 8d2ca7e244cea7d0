"""Sources: the articles the tracker has read."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Literal

from pydantic import Field

from events.base import DomainEvent
from events.dates import FuzzyDate

__all__ = ["ArticleIngested"]


class ArticleIngested(DomainEvent):
    """An article was read from a feed (or a revision of one already read)."""

    event_type: ClassVar[str] = "ArticleIngested"

    article_id: str = Field(min_length=1)
    feed: str
    url: str | None = None
    guid: str | None = None
    title: str = ""
    published: datetime | None = None
    text: str = ""
    content_hash: str
    # 1 for the first version seen; an edited entry is appended again as revision 2, 3, ...
    revision: int = Field(default=1, ge=1)
    # "fetched": the feed's date named no real day or lay in the future, so the time the
    # tracker fetched the entry stands in. Events stored before this field read as "feed".
    published_basis: Literal["feed", "fetched"] = "feed"

    def valid_time(self) -> FuzzyDate | None:
        return FuzzyDate.day(self.published.date()) if self.published else None

    def default_stream(self) -> str:
        return f"article-{self.article_id}"
