"""Parse a feed document with feedparser into plain entries, or say why it is not a feed.

An entry keeps its guid as the feed wrote it (feedparser is given no base URL, so a relative
guid is not resolved against wherever the feed happens to live today); its links are
resolved here against the feed's URL. What an entry may append is capped
(:mod:`tracker.feeds.limits`), and a publication date that names no real day or lies in the
future is refused: the entry is dated by the fetch instead, and says so.
"""

from __future__ import annotations

import hashlib
import io
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

import feedparser

from tracker.errors import FeedError
from tracker.feeds.dates import plausible_published
from tracker.feeds.identity import resolve_url
from tracker.feeds.limits import IntakeLimits, intake_limits
from tracker.feeds.sanitize import prepare_document
from tracker.feeds.text import html_to_text, normalize_text, truncate_text

__all__ = ["ParsedEntry", "ParsedFeed", "parse_feed"]

_DATE_KEYS = ("published", "updated", "created")
# Where an entry's date came from: the feed, or (the feed's being impossible) the fetch.
Basis = Literal["feed", "fetched"]
_HTML_MARKERS = (b"<!doctype html", b"<html")


@dataclass(frozen=True, slots=True)
class ParsedEntry:
    """One entry, reduced to what the log keeps."""

    guid: str | None  # as the feed wrote it
    link: str | None  # resolved against the feed's URL
    title: str
    published: datetime | None
    text: str
    # "fetched": the feed's date was impossible and the time of fetch stands in.
    published_basis: Basis = "feed"
    written_link: str | None = None  # the link as the feed wrote it (relative or not)


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A parsed feed: its entries, and a warning when the document was not well formed."""

    version: str
    title: str
    link: str | None
    entries: list[ParsedEntry] = field(default_factory=list)
    warning: str | None = None


def parse_feed(
    body: bytes,
    *,
    url: str | None = None,
    headers: Mapping[str, str] | None = None,
    fetched_at: datetime | None = None,
) -> ParsedFeed:
    """Parse ``body`` (the feed's bytes) after stripping entity declarations.

    ``url`` resolves relative links; ``headers`` (the HTTP response's) give the charset;
    ``fetched_at`` (default: now) dates entries whose own date is impossible.
    Raises :class:`FeedError` with the reason when the bytes are not a usable feed.
    """
    if not body.strip():
        raise FeedError("the response was empty: no feed document")
    prepared = prepare_document(body, headers)
    try:
        result = feedparser.parse(io.BytesIO(prepared.body), response_headers=prepared.headers)
    except Exception as exc:  # feedparser is meant never to raise; a crash is still a bad feed
        raise FeedError(f"the feed parser failed: {type(exc).__name__}: {exc}") from exc
    version = str(result.get("version") or "")
    raw_entries = result.get("entries") or []
    problem = _bozo_reason(result)
    if not version and not raw_entries:
        raise FeedError(_not_a_feed(body, prepared.headers, problem))
    meta = result.get("feed") or {}
    reading = _Reading(intake_limits(), url, fetched_at or datetime.now(UTC).replace(microsecond=0))
    entries = [reading.entry(raw) for raw in raw_entries]
    warnings = [prepared.encoding_note, problem, _stripped_note(prepared.removed)]
    return ParsedFeed(
        version=version or "unknown",
        title=truncate_text(html_to_text(str(meta.get("title") or "")), 1000),
        link=resolve_url(url, _clean(meta.get("link"))),
        entries=entries,
        warning="; ".join(w for w in [*warnings, *reading.notes()] if w) or None,
    )


class _Reading:
    """Turns feedparser's entries into capped, plausibly dated entries, counting what it cut."""

    def __init__(self, limits: IntakeLimits, url: str | None, fetched_at: datetime) -> None:
        self.limits = limits
        self.url = url
        self.fetched_at = fetched_at
        self.cut = 0
        self.refused_dates: list[str] = []

    def entry(self, raw: Mapping[str, Any]) -> ParsedEntry:
        written = self._reference(_clean(raw.get("link")), drop=True)
        title = html_to_text(str(raw.get("title") or ""))
        text = _body_text(raw)
        capped_title = truncate_text(title, self.limits.max_title_chars)
        capped_text = truncate_text(text, self.limits.max_text_chars)
        self.cut += capped_title != title or capped_text != text
        published, basis = self._published(raw)
        return ParsedEntry(
            guid=self._reference(_clean(raw.get("id")), drop=False),
            link=self._reference(resolve_url(self.url, written), drop=True),
            title=capped_title,
            published=published,
            text=capped_text,
            published_basis=basis,
            written_link=written,
        )

    def notes(self) -> list[str]:
        notes = []
        if self.cut:
            notes.append(
                f"{self.cut} entries cut to the per-article cap "
                f"({self.limits.max_text_chars:,} characters of text, "
                f"{self.limits.max_title_chars} of title)"
            )
        if self.refused_dates:
            shown = ", ".join(repr(d[:40]) for d in self.refused_dates[:3])
            notes.append(
                f"{len(self.refused_dates)} entries with an impossible publication date "
                f"({shown}) dated by the time of fetch"
            )
        return notes

    def _reference(self, value: str | None, *, drop: bool) -> str | None:
        """A guid or link within the cap: a longer link is dropped, a longer guid hashed."""
        if value is None or len(value) <= self.limits.max_reference_chars:
            return value
        if drop:
            return None
        return "sha256:" + hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()

    def _published(self, raw: Mapping[str, Any]) -> tuple[datetime | None, Basis]:
        refused = None
        for key in _DATE_KEYS:
            # A plain dict lookup: FeedParserDict.get maps a missing published_parsed to
            # updated_parsed with a DeprecationWarning.
            parsed = _plain_get(raw, f"{key}_parsed")
            if not isinstance(parsed, time.struct_time):
                continue
            written = str(_plain_get(raw, key) or "")
            try:
                moment = datetime(*parsed[:6], tzinfo=UTC)
            except (TypeError, ValueError, OverflowError):
                refused = refused or written
                continue
            if plausible_published(written, moment, self.fetched_at, self.limits):
                return moment, "feed"
            refused = refused or written
        if refused is None:
            # A date feedparser could not read at all ("Mon, 45 Jan 2025") is refused too.
            refused = next((str(w) for k in _DATE_KEYS if (w := _plain_get(raw, k))), None)
        if refused is not None:
            self.refused_dates.append(refused)
            return self.fetched_at, "fetched"
        return None, "feed"


def _plain_get(raw: Mapping[str, Any], key: str) -> Any:
    return dict.get(raw, key) if isinstance(raw, dict) else raw.get(key)


def _body_text(raw: Mapping[str, Any]) -> str:
    """The longest content block, else the summary, as clean text."""
    best: tuple[int, str, str] = (-1, "", "")
    for block in raw.get("content") or []:
        value = str(block.get("value") or "")
        if len(value) > best[0]:
            best = (len(value), value, str(block.get("type") or ""))
    if best[0] <= 0:
        summary_type = (raw.get("summary_detail") or {}).get("type", "text/html")
        best = (0, str(raw.get("summary") or ""), str(summary_type))
    value, kind = best[1], best[2]
    return normalize_text(value) if kind == "text/plain" else html_to_text(value)


def _clean(value: object) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _bozo_reason(result: Mapping[str, Any]) -> str | None:
    if not result.get("bozo"):
        return None
    exc = result.get("bozo_exception")
    detail = f"{type(exc).__name__}: {exc}" if exc is not None else "unknown problem"
    return f"not well formed ({detail[:200]})"


def _not_a_feed(body: bytes, headers: Mapping[str, str], problem: str | None) -> str:
    content_type = headers.get("content-type", "")
    head = body[:512].lstrip().lower()
    if "html" in content_type or head.startswith(_HTML_MARKERS):
        return "not a feed: the URL serves an HTML page; use the page's RSS or Atom link instead"
    return f"not a feed: no RSS, Atom or JSON feed found ({problem or 'no entries, no version'})"


def _stripped_note(removed: bool) -> str | None:
    return "entity declarations in the DOCTYPE were removed before parsing" if removed else None
