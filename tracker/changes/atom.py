"""The changes as an Atom 1.0 feed (RFC 4287): one entry per change.

An entry's ``id`` is the change's stable id (:func:`tracker.changes.change_id`), so a feed
reader shows a change once however often it polls; ``updated`` is when the log learned it;
the summary says it in words and each source is a link (http and https only: a feed could
carry a ``javascript:`` URL). Written with the standard library's
XML writer, which escapes every text and attribute.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from tracker.changes.model import StateChange
from tracker.narrate import change_words
from tracker.web.sources import safe_url
from tracker.words import pair_words

__all__ = ["FEED_ID", "atom_feed", "entry_title"]

ATOM = "http://www.w3.org/2005/Atom"
# The feed's own id (RFC 4287 4.2.6: an IRI that never changes); a filtered feed adds its
# filter, as a feed of its own.
FEED_ID = "tag:policy-tracker.example,2025:changes"


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def entry_title(change: StateChange) -> str:
    """An entry's title: the pair, then the change in words."""
    first, second = change.relationship.split("-")
    return f"{pair_words(first, second)}: {change_words(change.change)}"


def atom_feed(
    changes: Sequence[StateChange],
    *,
    title: str,
    self_url: str,
    feed_id: str = FEED_ID,
    now: datetime | None = None,
) -> str:
    """The feed of ``changes`` as XML text. ``updated`` of the feed is the latest learned
    (``now`` when there is no change), so the same log gives the same bytes."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", feed_id)
    _text(feed, "title", title)
    latest = max((c.learned_at for c in changes), default=now or datetime.now(UTC))
    _text(feed, "updated", _stamp(latest))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "policy-tracker")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url)
    for change in changes:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", change.id)
        _text(entry, "title", entry_title(change))
        _text(entry, "updated", _stamp(change.learned_at))
        said = change_words(change.change)
        if change.removed:
            said += " (removed: a retraction withdrew the event behind it)"
        _text(entry, "summary", f"{said}; took effect {change.date}")
        cited = [
            " ".join(
                p for p in (s.outlet, f'"{s.headline}"' if s.headline else None, _safe(s.url)) if p
            )
            for s in change.sources
        ]
        _text(entry, "content", "\n".join([f"{said}; took effect {change.date}", *cited]))
        _text(entry, "category", "", term=change.kind)
        for source in change.sources:
            href = _safe(source.url)
            if href:
                link = {"rel": "related", "href": href}
                if source.headline or source.outlet:
                    link["title"] = source.headline or source.outlet or ""
                ET.SubElement(entry, f"{{{ATOM}}}link", link)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode")


def _safe(url: str | None) -> str | None:
    """The url if it may be linked (:func:`tracker.web.sources.safe_url`)."""
    return url if url and safe_url(url) else None


def _text(parent: ET.Element, name: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attributes)
    if text:
        element.text = text
    return element
