"""Parse a feed document with feedparser into plain entries, or say why it is not a feed."""

from __future__ import annotations

import io
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import feedparser

from tracker.errors import FeedError
from tracker.feeds.sanitize import strip_internal_subset
from tracker.feeds.text import html_to_text, normalize_text

__all__ = ["ParsedEntry", "ParsedFeed", "parse_feed"]

_DATE_KEYS = ("published_parsed", "updated_parsed", "created_parsed")
_HTML_MARKERS = (b"<!doctype html", b"<html")


@dataclass(frozen=True, slots=True)
class ParsedEntry:
    """One entry, reduced to what the log keeps."""

    guid: str | None
    link: str | None
    title: str
    published: datetime | None
    text: str


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A parsed feed: its entries, and a warning when the document was not well formed."""

    version: str
    title: str
    link: str | None
    entries: list[ParsedEntry] = field(default_factory=list)
    warning: str | None = None


def parse_feed(
    body: bytes, *, url: str | None = None, headers: Mapping[str, str] | None = None
) -> ParsedFeed:
    """Parse ``body`` (the feed's bytes) after stripping entity declarations.

    ``url`` resolves relative links; ``headers`` (the HTTP response's) give the charset.
    Raises :class:`FeedError` with the reason when the bytes are not a usable feed.
    """
    if not body.strip():
        raise FeedError("the response was empty: no feed document")
    stripped = strip_internal_subset(body)
    response_headers = {key.lower(): value for key, value in (headers or {}).items()}
    if url:
        response_headers["content-location"] = url
    try:
        result = feedparser.parse(io.BytesIO(stripped.body), response_headers=response_headers)
    except Exception as exc:  # feedparser is meant never to raise; a crash is still a bad feed
        raise FeedError(f"the feed parser failed: {type(exc).__name__}: {exc}") from exc
    version = str(result.get("version") or "")
    raw_entries = result.get("entries") or []
    problem = _bozo_reason(result)
    if not version and not raw_entries:
        raise FeedError(_not_a_feed(body, response_headers, problem))
    warnings = [w for w in (problem, _stripped_note(stripped.removed)) if w]
    meta = result.get("feed") or {}
    return ParsedFeed(
        version=version or "unknown",
        title=html_to_text(str(meta.get("title") or "")),
        link=_clean(meta.get("link")),
        entries=[_entry(raw) for raw in raw_entries],
        warning="; ".join(warnings) or None,
    )


def _entry(raw: Mapping[str, Any]) -> ParsedEntry:
    return ParsedEntry(
        guid=_clean(raw.get("id")),
        link=_clean(raw.get("link")),
        title=html_to_text(str(raw.get("title") or "")),
        published=_published(raw),
        text=_body_text(raw),
    )


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


def _published(raw: Mapping[str, Any]) -> datetime | None:
    for key in _DATE_KEYS:
        # A plain dict lookup: FeedParserDict.get maps a missing published_parsed to
        # updated_parsed with a DeprecationWarning.
        parsed = dict.get(raw, key) if isinstance(raw, dict) else raw.get(key)
        if isinstance(parsed, time.struct_time):
            try:
                return datetime(*parsed[:6], tzinfo=UTC)
            except (TypeError, ValueError, OverflowError):
                continue
    return None


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
