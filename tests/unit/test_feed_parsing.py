"""Pure pieces of the feed pipeline: entity stripping, HTML to text, identity, intervals."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from events import ArticleIngested
from tracker.errors import FeedError, UsageError
from tracker.feeds.feedlist import format_interval, name_from_url, parse_interval, validate_url
from tracker.feeds.identity import entry_key, event_id_for, normalize_link
from tracker.feeds.sanitize import Stripped, prepare_document, strip_internal_subset
from tracker.feeds.text import html_to_text, truncate_text


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
    for bad in ("ftp://x.org/feed", "not a url", "https:///feed", "https://[x.org/feed"):
        with pytest.raises(UsageError):
            validate_url(bad)
    with pytest.raises(UsageError):
        parse_interval("soon")


def test_doctype_is_found_after_junk_and_in_the_charset_the_server_names() -> None:
    bomb = '<!DOCTYPE r [\n<!ENTITY a "b">\n]>\n<r>&a;</r>'
    junk = f'<?xml version="1.0"?>\nnoise <!-- <x --> <!y>\n{bomb}'.encode()
    assert b"ENTITY" not in strip_internal_subset(junk).body
    for codec, charset in (("cp037", "ebcdic-cp-us"), ("utf-16-le", "utf-16le")):
        headers = {"Content-Type": f"application/rss+xml; charset={charset}"}
        prepared = prepare_document(bomb.encode(codec), headers)
        assert prepared.removed and b"ENTITY" not in prepared.body, codec
        assert b"<r>&a;</r>" in prepared.body  # now UTF-8, and the headers say so
        assert prepared.headers["content-type"] == "application/rss+xml; charset=utf-8"


def test_an_event_stored_before_published_basis_still_decodes() -> None:
    old = {
        "event_id": "6f1c1c7e-7a0e-4d0b-9f8e-2f0c4f1c1a11",
        "article_id": "a",
        "feed": "f",
        "content_hash": "h",
    }
    assert ArticleIngested.model_validate(old).published_basis == "feed"


def test_truncate_text_cuts_at_a_word() -> None:
    assert truncate_text("short", 10) == "short"
    cut = truncate_text("one two three four five six", 16)
    assert len(cut) <= 16 and cut == "one two [...]"
