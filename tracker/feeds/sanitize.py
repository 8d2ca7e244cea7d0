"""Take entity declarations out of a feed before it is parsed, decoded as feedparser decodes it.

feedparser keeps entity declarations whose value holds no reference as "safe" and its loose
parser expands them: a "quadratic blowup" feed (one 20 KB entity referenced a thousand
times) grows from kilobytes of XML to tens of megabytes in memory. No real feed needs its own
entities, so every DOCTYPE's ``[ ... ]`` subset and every stray ``<!ENTITY>`` before the root
element go; an external-ID-only DOCTYPE (Netscape RSS 0.91) stays, since feedparser reads the
version from it.

The search must see what feedparser sees. So :func:`prepare_document` first decodes the
bytes with feedparser's own ``convert_to_utf8`` (HTTP charset, BOM, XML declaration, in
its order), which catches EBCDIC and BOM-less UTF-16 named only by the HTTP charset, then
scans everything before the root element, whatever junk precedes the DOCTYPE. It hands back
UTF-8 bytes and headers whose charset says so.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from feedparser.encodings import convert_to_utf8

from tracker.errors import FeedError

__all__ = ["Prepared", "Stripped", "prepare_document", "strip_internal_subset"]

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
# feedparser's own idea of where the root element starts (sanitizer.replace_doctype).
_FEEDPARSER_ROOT = re.compile(rb"<\w")
_ENTITY_DECL = re.compile(rb"<!ENTITY[^>]*>", re.IGNORECASE)
_ROOT = re.compile(rb"<[A-Za-z_:\x80-\xff]")
_CHARSET = re.compile(r";\s*charset\s*=\s*[^;]*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Stripped:
    """The document without its internal subset, and whether one was removed."""

    body: bytes
    removed: bool


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document ready for feedparser: UTF-8, no entity declarations, matching headers."""

    body: bytes
    headers: dict[str, str]
    removed: bool
    # What decoding had to guess (a charset that did not fit the bytes), for the warning.
    encoding_note: str | None = None


def prepare_document(body: bytes, headers: Mapping[str, str] | None = None) -> Prepared:
    """Decode ``body`` as feedparser would, strip entity declarations, re-encode as UTF-8."""
    lowered = {key.lower(): value for key, value in (headers or {}).items()}
    outcome: dict[str, Any] = {}
    try:
        utf8 = convert_to_utf8(dict(lowered), body, outcome)
    except Exception as exc:  # feedparser's decoder is meant never to raise
        raise FeedError(f"the feed's encoding could not be read: {type(exc).__name__}") from exc
    if isinstance(utf8, str):  # defensive: the decoder gave up and returned text
        utf8 = utf8.encode("utf-8", "replace")
    cleaned, removed = _strip(utf8)
    if "content-type" in lowered:
        # The body is UTF-8 now: feedparser must not decode it a second time as EBCDIC.
        mime = _CHARSET.sub("", lowered["content-type"]).strip()
        lowered["content-type"] = f"{mime}; charset=utf-8"
    return Prepared(cleaned, lowered, removed, _encoding_note(outcome))


def _encoding_note(outcome: dict[str, Any]) -> str | None:
    # Only what the second decoding (of UTF-8) can no longer see: a charset that did not fit.
    problem = outcome.get("bozo_exception")
    if problem is None or "CharacterEncoding" not in type(problem).__name__:
        return None
    return f"{type(problem).__name__}: {problem}"[:200]


def strip_internal_subset(body: bytes) -> Stripped:
    """Remove internal subsets and entity declarations, keeping the document's encoding.

    For a document in hand without HTTP headers (an OPML file); a feed from the web goes
    through :func:`prepare_document`.
    """
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
    cleaned, removed = _strip(text.encode("utf-8", "surrogatepass"))
    return cleaned.decode("utf-8", "surrogatepass"), removed


def _strip(data: bytes) -> tuple[bytes, bool]:
    """Walk the prologue up to the root element; drop every subset and entity declaration."""
    out: list[bytes] = []
    removed = False
    i = kept = 0
    while True:
        lt = data.find(b"<", i)
        if lt < 0 or _ROOT.match(data, lt):
            break
        if data.startswith(b"<?", lt):
            end = _after(data, lt + 2, b"?>")
        elif data.startswith(b"<!--", lt):
            end = _after(data, lt + 4, b"-->")
        elif data[lt : lt + 9].upper() == b"<!DOCTYPE":
            end, subset = _doctype(data, lt)
            if subset is not None:
                out.append(data[kept : subset[0]])
                kept, removed = subset[1], True
        elif data[lt : lt + 8].upper() == b"<!ENTITY":
            out.append(data[kept:lt])
            end = _declaration_end(data, lt + 8) + 1
            kept, removed = end, True
        else:
            end = lt + 1
        if end < 0:
            break
        i = end
    out.append(data[kept:])
    cleaned = b"".join(out) if removed else data
    return _leftover_entities(cleaned, removed)


def _leftover_entities(data: bytes, removed: bool) -> tuple[bytes, bool]:
    # Whatever feedparser's own head (up to its first "<\w") still holds, it must not find.
    match = _FEEDPARSER_ROOT.search(data)
    head_end = match.start() + 1 if match else len(data)
    head = data[:head_end]
    if b"<!" not in head.upper() or not _ENTITY_DECL.search(head):
        return data, removed
    return _ENTITY_DECL.sub(b"", head) + data[head_end:], True


def _after(data: bytes, start: int, close: bytes) -> int:
    end = data.find(close, start)
    return end + len(close) if end >= 0 else -1


def _doctype(data: bytes, start: int) -> tuple[int, tuple[int, int] | None]:
    """The end of the DOCTYPE at ``start`` and the span of its ``[...]`` subset, if any."""
    i, quote = start + len(b"<!DOCTYPE"), 0
    while i < len(data):
        ch = data[i]
        if quote:
            quote = 0 if ch == quote else quote
        elif ch in _QUOTES:
            quote = ch
        elif ch == _GT:
            return i + 1, None
        elif ch == _OPEN:
            subset_end = _subset_end(data, i + 1)
            return _declaration_end(data, subset_end + 1) + 1, (i, subset_end + 1)
        i += 1
    raise FeedError("the feed's DOCTYPE never ends: not a well-formed document")


def _declaration_end(data: bytes, i: int) -> int:
    """Index of the ``>`` ending a declaration, skipping quoted text."""
    quote = 0
    while i < len(data):
        ch = data[i]
        if quote:
            quote = 0 if ch == quote else quote
        elif ch in _QUOTES:
            quote = ch
        elif ch == _GT:
            return i
        i += 1
    raise FeedError("a declaration in the feed's prologue never ends: not a well-formed document")


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
