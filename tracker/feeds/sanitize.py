"""Strip the DOCTYPE's internal subset (entity declarations) before a feed is parsed.

feedparser keeps entity declarations whose value holds no reference as "safe" and its loose
parser expands them: a "quadratic blowup" feed (one 20 KB entity referenced a thousand
times) grows from kilobytes of XML to tens of megabytes in memory. No real feed needs its own
entities, so the whole ``[ ... ]`` subset goes; an external-ID-only DOCTYPE (Netscape RSS
0.91) stays, since feedparser reads the version from it.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from tracker.errors import FeedError

__all__ = ["Stripped", "strip_internal_subset"]

# Encodings whose bytes are not ASCII-compatible: the DOCTYPE must be found in decoded text.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (codecs.BOM_UTF16_LE, "utf-16"),
)
_WIDE_PREFIXES = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
)
_QUOTES = b"\"'"
_GT, _OPEN, _CLOSE = ord(">"), ord("["), ord("]")


@dataclass(frozen=True, slots=True)
class Stripped:
    """The document without its internal subset, and whether one was removed."""

    body: bytes
    removed: bool


def strip_internal_subset(body: bytes) -> Stripped:
    """Remove the DOCTYPE's ``[...]`` internal subset, keeping the document's encoding."""
    codec = _wide_codec(body)
    if codec is None:
        cleaned, removed = _strip(body)
        return Stripped(cleaned, removed)
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        raise FeedError(f"the feed's bytes are not valid {codec}: {exc.reason}") from exc
    cleaned_text, removed = _strip_text(text)
    if not removed:
        return Stripped(body, False)
    return Stripped(cleaned_text.encode(codec), True)


def _wide_codec(body: bytes) -> str | None:
    for bom, codec in _WIDE_BOMS:
        if body.startswith(bom):
            return codec
    for prefix, codec in _WIDE_PREFIXES:
        if body.startswith(prefix):
            return codec
    return None


def _strip_text(text: str) -> tuple[str, bool]:
    # Work on an ASCII-compatible encoding of the text so one scanner serves both cases.
    cleaned, removed = _strip(text.encode("utf-8"))
    return cleaned.decode("utf-8"), removed


def _strip(data: bytes) -> tuple[bytes, bool]:
    start = _doctype_start(data)
    if start < 0:
        return data, False
    i, quote = start + len(b"<!DOCTYPE"), 0
    while i < len(data):
        ch = data[i]
        if quote:
            quote = 0 if ch == quote else quote
        elif ch in _QUOTES:
            quote = ch
        elif ch == _GT:
            return data, False
        elif ch == _OPEN:
            subset_end = _subset_end(data, i + 1)
            return data[:i] + data[subset_end + 1 :], True
        i += 1
    raise FeedError("the feed's DOCTYPE never ends: not a well-formed document")


def _subset_end(data: bytes, i: int) -> int:
    """Index of the ``]`` closing an internal subset, skipping quoted text and comments."""
    quote = 0
    while i < len(data):
        ch = data[i]
        if quote:
            quote = 0 if ch == quote else quote
        elif data.startswith(b"<!--", i):
            close = data.find(b"-->", i + 4)
            if close < 0:
                break
            i = close + 3
            continue
        elif ch in _QUOTES:
            quote = ch
        elif ch == _CLOSE:
            return i
        i += 1
    raise FeedError("the feed's DOCTYPE internal subset never ends: not a well-formed document")


def _doctype_start(data: bytes) -> int:
    """Where the DOCTYPE starts, walking the prologue's PIs and comments; -1 if none."""
    i = 3 if data.startswith(codecs.BOM_UTF8) else 0
    while True:
        while i < len(data) and data[i] in b" \t\r\n":
            i += 1
        if data.startswith(b"<?", i):
            end, skip = data.find(b"?>", i + 2), 2
        elif data.startswith(b"<!--", i):
            end, skip = data.find(b"-->", i + 4), 3
        elif data[i : i + 9].upper() == b"<!DOCTYPE":
            return i
        else:
            return -1
        if end < 0:
            return -1
        i = end + skip
