"""Who an entry is: its key within a feed, the article it reports, its content's hash.

- Entry key (unique per feed): the guid, else the link, else a hash of title, date and text.
- Article id (shared across feeds): from the entry's normalized link, so one article
  syndicated in two feeds is stored once; an entry with no usable link is an article of its
  feed alone.
- Event id: ``uuid5(article id, revision, content hash)``. Appending the same revision twice
  (a retry after kill -9, two pollers racing) is then a no-op in the log.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit
from uuid import UUID, uuid5

__all__ = [
    "ARTICLE_NAMESPACE",
    "article_id_for",
    "content_hash",
    "entry_key",
    "event_id_for",
    "normalize_link",
    "resolve_url",
]

ARTICLE_NAMESPACE = UUID("5d7b1c52-3a39-4f0e-9a55-9d6f2a8d4c11")
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def content_hash(title: str, text: str) -> str:
    """SHA-256 over what a reader sees: a change in either is a new revision."""
    return _digest(title, text)


def normalize_link(link: str | None) -> str | None:
    """An http(s) link without fragment, tracking parameters or case in scheme and host."""
    if not link:
        return None
    try:
        parts = urlsplit(link.strip())
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not host:
        return None
    if port and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k)]
    )
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


def resolve_url(base: str | None, reference: str | None) -> str | None:
    """``reference`` resolved against ``base`` (as feedparser resolves it), if both are given."""
    if not reference or not base:
        return reference
    try:
        return urljoin(base, reference) or None
    except ValueError:
        return reference


def _tracking(key: str) -> bool:
    return key.lower().startswith(_TRACKING)


def entry_key(
    guid: str | None, link: str | None, title: str, published: datetime | None, text: str
) -> str:
    """The entry's identity within its feed: guid, else link, else a content hash."""
    if guid:
        return f"guid:{guid}"
    if link:
        return f"link:{link}"
    stamp = published.isoformat() if published else ""
    return f"hash:{_digest(title, stamp, text)}"


def article_id_for(feed: str, key: str, shared_link: str | None) -> str:
    """The article's id: from its normalized link when that names one article, else per feed."""
    basis = f"url:{shared_link}" if shared_link else f"feed:{feed}\x1f{key}"
    return _digest(basis)[:32]


def event_id_for(article_id: str, revision: int, digest: str) -> UUID:
    """Deterministic event id, so appending one revision twice is a no-op."""
    return uuid5(ARTICLE_NAMESPACE, f"{article_id}/{revision}/{digest}")
