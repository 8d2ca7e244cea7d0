"""An article's body as prose: markup, bylines, datelines and boilerplate taken out.

Only what is left is read for events, so a byline ("By Anna Petrosyan"), a dateline
("YEREVAN, Jan 14 (Reuters) -"), a feed footer ("The post ... appeared first on ...") or
a subheading can never make an actor or an event.
"""

from __future__ import annotations

import html
import re

__all__ = ["LIST_ITEM", "paragraphs"]

_TAG = re.compile(r"<[^>]+>")
# What still looks like a tag once entities are decoded ("&lt;img onerror=...&gt;"): such text
# must not survive as markup. A bare "<" in prose ("a < b") is no tag and is kept.
_DECODED_TAG = re.compile(r"</?[A-Za-z!?][^>]*>")
_BLOCK_TAG = re.compile(r"</?(?:p|div|br|li|h\d|blockquote|tr)\b[^>]*>", re.IGNORECASE)
# A dateline: a place in capitals (optionally ", Country" and an agency), then a dash or colon.
_DATELINE = re.compile(
    # "YEREVAN", "VIENNA/DUBAI", "WASHINGTON, Jan 14"
    r"^\s*[A-Z][A-Z .'\u2019/-]{2,40}(?:,\s*[A-Z][A-Za-z .]{1,40})?"
    r"(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?(?:\s*\([A-Za-z .]+\))?\s*(?:[-\u2013\u2014:]|--)\s+"
)
_BOILERPLATE = re.compile(
    r"^\s*(?:by\s+[A-Z]|reporting by|editing by|writing by|additional reporting|photo|image|"
    r"file photo|copyright|\u00a9|all rights reserved|subscribe|sign up|follow us|read more|"
    r"related:|see also|share this|click here|advertisement|the post .* appeared first on|"
    r"viewing all articles|browse latest|quantcast|channel:|this article was|"
    r"this story was|contact the author|newsletter|cookies?\b)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?\u201d\"')\]]\s*$")
# A paragraph that leads into a quote or a list ("Zelensky appealed to the EU countries to
# follow the example of the United States:") is prose too when it is long enough not to be
# a subheading ("What we know:").
_LEAD_IN = re.compile(r"[:\u2026]\s*$")
_LEAD_IN_WORDS = 7
_CUT_WORDS = 10
# A list's item ("• a joint statement on cooperation", an HTML <li>) under a lead-in
# that ends with a colon: kept, marked with LIST_ITEM, for the coder's list reading alone
# (an item is no sentence: its words are read only as what the list names).
LIST_ITEM = "\u2022 "
_BULLET = re.compile(r"^\s*[\u2022\u25aa\u25e6\u25cf\u00b7*\u2013-]\s+")
_LI_TAG = re.compile(r"<li\b[^>]*>", re.IGNORECASE)


def _clean(fragment: str) -> str:
    # Tags out, entities decoded, then tags out again: decoding last would turn an escaped
    # tag in a feed's description into a live one.
    text = _DECODED_TAG.sub(" ", html.unescape(_TAG.sub(" ", fragment)))
    # U+02BC (modifier letter apostrophe) is used for "Armeniaʼs"; read it as an apostrophe.
    return " ".join(text.replace("\u02bc", "\u2019").split())


def _is_prose(line: str) -> bool:
    """A paragraph of prose ends like a sentence and has more than three words ("Russia
    supplied weapons to Armenia." is one; "Read more." and a caption are not)."""
    words = len(line.split())
    return (words >= 4 and bool(_SENTENCE_END.search(line))) or (
        words >= _LEAD_IN_WORDS and bool(_LEAD_IN.search(line))
    )


# The end of a sentence inside a paragraph: a stop (and a closing quote) before a capital.
_INNER_END = re.compile(r"[.!?][\u201d\"')\]]?\s+(?=[\u201c\"A-Z])")


def _prose_before_tail(line: str) -> str:
    """The whole sentences of a paragraph cut off mid-sentence (an embedded post ending
    "The leaders signed the Strategic\u2026 pic.twitter.com/..."): what comes before the
    unfinished tail, or nothing."""
    ends = list(_INNER_END.finditer(line))
    return line[: ends[-1].start() + 1].rstrip() if ends else ""


def paragraphs(text: str, *, headings: bool = False) -> list[str]:
    """The prose paragraphs of an article body, datelines stripped, boilerplate dropped.

    Short lines without a full stop are subheadings and are dropped, unless ``headings``
    (for text known to be prose, such as the sentences of a gold file).
    """
    blocks = _BLOCK_TAG.sub("\n", _LI_TAG.sub("\n" + LIST_ITEM, text))
    kept: list[str] = []
    raws = [r for r in re.split(r"\n\s*\n|\n", blocks) if r.strip()]
    for number, raw in enumerate(raws):
        line = _clean(raw)
        item = _list_item(raw, kept) if not headings else None
        if item is not None:
            kept.append(item)
            continue
        # The text's last paragraph cut off mid-sentence (a stored excerpt, a feed's
        # summary: "The Russian Foreign Ministry dismissed the claim, arguing that") is
        # read as it stands when it is too long to be a subheading.
        cut = False
        if line and not headings and not _is_prose(line):
            cut = number == len(raws) - 1 and len(line.split()) >= _CUT_WORDS
            line = line if cut else _prose_before_tail(line)
        if not line or _BOILERPLATE.match(line) or not (headings or cut or _is_prose(line)):
            continue
        line = _DATELINE.sub("", line, count=1)
        if line:
            kept.append(line)
    return kept


def _list_item(raw: str, kept: list[str]) -> str | None:
    """A list's item that is no sentence, right after a lead-in ending with a colon or
    another item: the item's words, marked as one."""
    bullet = _BULLET.match(raw)
    if bullet is None or not kept or not (kept[-1].endswith(":") or kept[-1].startswith(LIST_ITEM)):
        return None
    item = _clean(raw[bullet.end() :])
    if len(item.split()) < 2 or _is_prose(item):
        return None
    return LIST_ITEM + item
