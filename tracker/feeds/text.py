"""HTML to clean text: what the extractor reads, and what the content hash is taken over."""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["html_to_text", "normalize_text", "truncate_text"]

ELLIPSIS = " [...]"

# Elements whose end starts a new paragraph or line in the text.
_BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td th thead tr ul".split()
)
_SKIPPED = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Visible text of an HTML fragment: tags dropped, entities decoded, paragraphs kept."""
    if "<" not in html and "&" not in html:
        return normalize_text(html)
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return normalize_text("".join(collector.parts))


def normalize_text(text: str) -> str:
    """Collapse runs of spaces, keep single blank lines between paragraphs, strip the ends."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n"))
    joined = "\n".join(lines)
    return _BLANK_LINES.sub("\n\n", joined).strip()


def truncate_text(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit`` characters, else cut at a word and marked " [...]"."""
    if len(text) <= limit:
        return text
    room = max(0, limit - len(ELLIPSIS))
    cut = text[:room]
    space = cut.rfind(" ")
    if space > room // 2:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS
