"""Parsing what a URL says (a relationship, dates, a sort order) into values, or a clear error.

Every parameter arrives as text and is checked here, so a malformed date or an unknown actor
is a :class:`~tracker.errors.UsageError` (a 4xx with a message), never an exception deeper in.
"""

from __future__ import annotations

from datetime import date, datetime

from tracker.actors import resolve_actor
from tracker.errors import UnknownActorError, UsageError, quoted
from tracker.timeparse import parse_date, parse_timestamp

__all__ = [
    "MAX_PARAM_LENGTH",
    "SORT_KEYS",
    "actor_param",
    "as_of_param",
    "known_at_param",
    "page_param",
    "pair_param",
    "sort_param",
    "until_param",
]

# Longer text is not a date, an actor or a key; refuse it before doing any work.
MAX_PARAM_LENGTH = 100
SORT_KEYS = ("relationship", "label", "last_contact", "tone", "events")


def _bounded(text: str, name: str) -> str:
    if len(text) > MAX_PARAM_LENGTH:
        raise UsageError(f"{name} is too long ({len(text)} characters)")
    return text


def as_of_param(text: str | None) -> date | None:
    """``as_of=2025-01-13`` (empty or absent: today)."""
    if not text:
        return None
    return parse_date(_bounded(text, "as_of"), "as_of")


def until_param(text: str | None) -> date | None:
    """``until=2025-01-13``: the last day of a window of what happened (absent: today)."""
    if not text:
        return None
    return parse_date(_bounded(text, "until"), "until")


def known_at_param(text: str | None) -> datetime | None:
    """``known_at=2025-02-01T00:00Z`` (empty or absent: everything the log knows now)."""
    if not text:
        return None
    return parse_timestamp(_bounded(text, "known_at"), "known_at")


def pair_param(text: str) -> tuple[str, str]:
    """``ARM-USA`` (or ``Armenia-USA``, ``usa-arm``) as two actor codes, in the order given.

    Names may hold a hyphen themselves (Guinea-Bissau), so every hyphen is tried as the split.
    """
    _bounded(text, "relationship")
    splits = [i for i, ch in enumerate(text) if ch == "-"]
    if not splits:
        raise UsageError(f"{quoted(text)} is not a relationship: write two actors as ARM-USA")
    first_error: UnknownActorError | None = None
    for i in splits:
        try:
            a, b = resolve_actor(text[:i]), resolve_actor(text[i + 1 :])
        except UnknownActorError as exc:
            first_error = first_error or exc
            continue
        if a == b:
            raise UsageError(f"a relationship needs two different actors; both are {a}")
        return a, b
    assert first_error is not None
    raise first_error


def actor_param(text: str | None) -> str | None:
    """``actor=Armenia`` as its code (empty or absent: every actor)."""
    if not text:
        return None
    return resolve_actor(_bounded(text, "actor"))


def page_param(text: str | None) -> int | None:
    """``page=2``: a page of the event list, 1 the newest (empty or absent: the as-of date's)."""
    if not text:
        return None
    if not (_bounded(text, "page").isascii() and text.isdigit()) or int(text) < 1:
        raise UsageError(f"page {quoted(text)} is not a page number: write 1, 2, ...")
    return int(text)


def sort_param(text: str | None) -> str:
    """``sort=events`` (default: by relationship key)."""
    if not text:
        return "relationship"
    if text not in SORT_KEYS:
        raise UsageError(f"sort {quoted(text)} is not one of: {', '.join(SORT_KEYS)}")
    return text
