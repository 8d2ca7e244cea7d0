"""Pure pieces of the feed pipeline: entity stripping, HTML to text, identity, intervals."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tracker.errors import FeedError, UsageError
from tracker.feeds.feedlist import format_interval, name_from_url, parse_interval, validate_url
from tracker.feeds.identity import entry_key, event_id_for, normalize_link
from tracker.feeds.sanitize import Stripped, strip_internal_subset
from tracker.feeds.text import html_to_text


def test_internal_subset_is_stripped_and_external_doctype_kept() -> None:
    doc = b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "x]y"> <!-- ] -->]><rss/>'
    assert strip_internal_subset(doc).body == b'<?xml version="1.0"?><!DOCTYPE rss ><rss/>'
    netscape = b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "x"><rss/>'
    assert strip_internal_subset(netscape) == Stripped(netscape, False)


def test_internal_subset_is_stripped_in_utf16() -> None:
    doc = '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE r [<!ENTITY a "b">]><r/>'
    stripped = strip_internal_subset(doc.encode("utf-16"))
    assert stripped.removed and "ENTITY" not in stripped.body.decode("utf-16")


def test_unterminated_doctype_is_a_feed_error() -> None:
    with pytest.raises(FeedError, match="never ends"):
        strip_internal_subset(b'<!DOCTYPE rss [<!ENTITY a "b">')


def test_html_to_text() -> None:
    html = "<p>One &amp; two</p><script>x()</script><ul><li>a</li><li>b</li></ul>c<br>d"
    assert html_to_text(html) == "One & two\n\na\n\nb\n\nc\nd"
    assert html_to_text("  plain   text ") == "plain text"


def test_identity() -> None:
    when = datetime(2025, 1, 14, tzinfo=UTC)
    assert entry_key("g", "l", "t", when, "x") == "guid:g"
    assert entry_key(None, "l", "t", when, "x") == "link:l"
    assert entry_key(None, None, "t", when, "x") != entry_key(None, None, "t", None, "x")
    assert normalize_link("HTTPS://Ex.org:443/a?utm_source=x&id=2#f") == "https://ex.org/a?id=2"
    assert normalize_link("mailto:a@b") is None
    assert event_id_for("a", 1, "h") == event_id_for("a", 1, "h") != event_id_for("a", 2, "h")


def test_intervals_and_urls() -> None:
    assert parse_interval("30m") == 1800 and parse_interval("250ms") == 0.25
    assert format_interval(1800) == "30m" and format_interval(0.25) == "0.25s"
    assert name_from_url("https://www.civilnet.am/en/feed/") == "civilnet.am"
    for bad in ("ftp://x.org/feed", "not a url", "https:///feed"):
        with pytest.raises(UsageError):
            validate_url(bad)
    with pytest.raises(UsageError):
        parse_interval("soon")
