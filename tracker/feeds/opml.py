"""OPML, the feed readers' exchange format: import a subscription list, export ours."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

from tracker.errors import FeedError, UsageError
from tracker.feeds.feedlist import Feed, name_from_url
from tracker.feeds.sanitize import strip_internal_subset

__all__ = ["OpmlFeed", "read_opml", "write_opml"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """A subscription found in an OPML file."""

    name: str
    url: str


def read_opml(path: Path) -> list[OpmlFeed]:
    """The feeds (outlines with an ``xmlUrl``) of an OPML file, at any depth."""
    try:
        raw = path.read_bytes()
        # The same entity-bomb guard as for feeds: an OPML file is untrusted input too.
        root = ET.fromstring(strip_internal_subset(raw).body)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from exc
    except (ET.ParseError, FeedError) as exc:
        raise UsageError(f"{path} is not a readable OPML file: {exc}") from exc
    if root.tag.lower() != "opml":
        raise UsageError(f"{path} is XML but not OPML (its root element is <{root.tag}>)")
    feeds = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url:
            continue
        title = outline.get("title") or outline.get("text") or ""
        feeds.append(OpmlFeed(_name(title, url), url))
    return feeds


def _name(title: str, url: str) -> str:
    slug = _UNSAFE.sub("-", title.strip()).strip("-._").lower()[:64]
    return slug or name_from_url(url)


def write_opml(feeds: list[Feed], title: str = "policy-tracker feeds") -> str:
    """An OPML 2.0 document listing ``feeds``."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC))
    body = ET.SubElement(root, "body")
    for feed in feeds:
        ET.SubElement(body, "outline", type="rss", text=feed.name, title=feed.name, xmlUrl=feed.url)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
