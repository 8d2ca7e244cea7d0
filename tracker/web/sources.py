"""A fact's sources as a reader cites them: outlet, headline and date, each article once.

The outlet is the article's site (one feed may carry several outlets' articles), else the
name of the feed it came from.

An event's evidence names an article by id and url; what the article was (its feed, its
headline, when it was published) is in the log's ``ArticleIngested`` event of that id, read
here in one query for a whole page. An analyst's source with a url but no ingested article
is named by its site; one with neither was recorded by hand and shows its sentence alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache
from typing import Protocol
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict

from tracker.projections.trusted import construct
from tracker.store.protocol import LogStore

__all__ = ["Article", "CitedSource", "Reported", "articles", "cite", "safe_url"]


class Article(BaseModel):
    """What the log knows of an ingested article."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    feed: str
    url: str | None
    title: str
    published: date | None


class CitedSource(BaseModel):
    """One article behind a fact (or one hand-recorded source), listed once."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    outlet: str | None  # the article's site, else the name of the feed it came from
    feed: str | None  # the feed it was read from (None: an analyst's source)
    headline: str | None
    published: date | None
    url: str | None
    article_id: str | None
    sentences: tuple[str, ...]  # each distinct sentence read from it, in order


def articles(
    store: LogStore, ids: Iterable[str], known_at: datetime | None = None
) -> dict[str, Article]:
    """The latest revision (recorded by ``known_at``) of each ingested article of ``ids``."""
    streams = sorted({f"article-{i}" for i in ids})
    found: dict[str, tuple[int, Article]] = {}
    for version, payload in store.article_payloads(streams, known_at):
        data = json.loads(payload)
        article_id = data.get("article_id")
        if not article_id or found.get(article_id, (0,))[0] >= version:
            continue
        published = data.get("published")
        found[article_id] = (
            version,
            Article(
                feed=data.get("feed") or "",
                url=data.get("url"),
                title=data.get("title") or "",
                published=datetime.fromisoformat(published).date() if published else None,
            ),
        )
    return {article_id: article for article_id, (_, article) in found.items()}


def safe_url(url: str) -> bool:
    """Whether ``url`` may be linked: only http(s) ones are (a feed could carry
    ``javascript:`` URLs, or one that does not parse: an unbalanced "[" in its host)."""
    try:
        return urlsplit(url).scheme in ("http", "https")
    except ValueError:
        return False


def _site(url: str | None) -> str | None:
    """The url's host, without "www.". A host is all of the authority, which ends at the
    first "/" after the "//": the url up to there names the same host, and a page cites a
    few sites many times over, so the split is made once per site."""
    if not url:
        return None
    authority = url.find("//")
    end = url.find("/", authority + 2) if authority >= 0 else -1
    return _host(url[:end] if end >= 0 else url)


@lru_cache(maxsize=4096)
def _host(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:  # a feed's url may not parse (an unbalanced "["): no site then
        return None
    return host.removeprefix("www.") if host else None


class Reported(Protocol):
    """A report of an event: a source of a state's fact (``projections.SourceRef``) or of
    an event as the fold holds it (``projections.Ref``)."""

    @property
    def event_id(self) -> str: ...
    @property
    def url(self) -> str | None: ...
    @property
    def article_id(self) -> str | None: ...
    @property
    def sentence(self) -> str | None: ...


def cite(refs: Iterable[Reported], known: dict[str, Article]) -> tuple[CitedSource, ...]:
    """``refs`` grouped by article (by url, else article id), in order of first mention."""
    grouped: dict[str, list[Reported]] = {}
    for ref in refs:
        key = ref.url or ref.article_id or f"event {ref.event_id}"
        grouped.setdefault(key, []).append(ref)
    cited = []
    for group in grouped.values():
        first = group[0]
        article = known.get(first.article_id or "")
        url = first.url or (article.url if article else None)
        sentences = tuple(dict.fromkeys(r.sentence for r in group if r.sentence))
        # From stored values of their declared types: not validated again (a busy pair's
        # page cites a few hundred).
        cited.append(
            construct(
                CitedSource,
                {
                    "outlet": _site(url) or (article.feed if article else None) or None,
                    "feed": article.feed or None if article else None,
                    "headline": article.title or None if article else None,
                    "published": article.published if article else None,
                    "url": url,
                    "article_id": first.article_id,
                    "sentences": sentences,
                },
            )
        )
    return tuple(cited)
