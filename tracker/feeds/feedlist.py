"""The feed list: which feeds to poll and how often, in the ``feeds`` table."""

from __future__ import annotations

import difflib
import re
import sqlite3
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tracker.errors import UsageError
from tracker.feeds.schema import ensure_feed_tables
from tracker.feeds.tables import FeedDb, portable

__all__ = [
    "DEFAULT_INTERVAL",
    "Feed",
    "FeedList",
    "SeedFeed",
    "format_interval",
    "load_seed_file",
    "name_from_url",
    "parse_interval",
    "validate_url",
]

DEFAULT_INTERVAL = 30 * 60.0
# Sub-second intervals exist for tests and benchmarks against a local server only.
MIN_INTERVAL = 0.05
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


@dataclass(frozen=True, slots=True)
class Feed:
    """One row of the feed list."""

    name: str
    url: str
    interval_seconds: float
    enabled: bool = True
    disabled_reason: str | None = None


@dataclass(frozen=True, slots=True)
class SeedFeed:
    """A feed named in ``seeds/feeds.toml``; ``checked`` is False when nobody could fetch it."""

    name: str
    url: str
    interval_seconds: float
    checked: bool
    note: str = ""


def parse_interval(text: str | float) -> float:
    """``"30m"``, ``"1h"``, ``"90s"``, ``"250ms"`` or a number of seconds, as seconds."""
    if isinstance(text, int | float):
        seconds = float(text)
    else:
        match = _INTERVAL.match(text)
        if match is None:
            raise UsageError(f"interval {text!r}: write a number and a unit, e.g. 30m, 1h, 90s")
        seconds = float(match.group(1)) * _UNITS[match.group(2) or "s"]
    if seconds < MIN_INTERVAL:
        raise UsageError(f"interval {text!r} is too short; the least is {MIN_INTERVAL}s")
    return seconds


def format_interval(seconds: float) -> str:
    """The shortest exact spelling of an interval: 1800 -> ``30m``."""
    for unit in ("d", "h", "m", "s"):
        size = _UNITS[unit]
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"


def validate_url(url: str) -> str:
    """The URL, stripped, if it is an absolute http(s) URL; else a :class:`UsageError`."""
    cleaned = url.strip()
    try:
        parts = urlsplit(cleaned)
        host = parts.hostname
    except ValueError:  # an unbalanced "[" or "]" in the host: "Invalid IPv6 URL"
        host = None
    if host is None or parts.scheme.lower() not in ("http", "https"):
        raise UsageError(
            f"{url!r} is not a feed URL: give an absolute http(s) URL, "
            "e.g. https://www.civilnet.am/en/feed/"
        )
    return cleaned


def name_from_url(url: str) -> str:
    """A feed name from its host: ``https://www.civilnet.am/en/feed/`` -> ``civilnet.am``."""
    host = (urlsplit(url).hostname or "feed").lower()
    return host.removeprefix("www.")[:64]


def load_seed_file(path: Path) -> list[SeedFeed]:
    """The feeds listed in a TOML seed file (``[[feed]]`` tables)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"cannot read the seed file {path}: {exc}") from exc
    seeds = []
    for item in data.get("feed", []):
        if not isinstance(item, dict) or "name" not in item or "url" not in item:
            raise UsageError(f"{path}: every [[feed]] needs a name and a url")
        seeds.append(
            SeedFeed(
                name=_valid_name(str(item["name"])),
                url=validate_url(str(item["url"])),
                interval_seconds=parse_interval(item.get("interval", "30m")),
                checked=bool(item.get("checked", False)),
                note=str(item.get("note", "")),
            )
        )
    return seeds


def _valid_name(name: str) -> str:
    if not _NAME.match(name):
        raise UsageError(
            f"feed name {name!r}: use letters, digits, '.', '_' or '-' (at most 64 characters)"
        )
    return name


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class FeedList:
    """The ``feeds`` table over an open connection (SQLite's, or a :class:`FeedDb`)."""

    def __init__(self, conn: sqlite3.Connection | FeedDb) -> None:
        self.db = portable(conn)
        ensure_feed_tables(self.db)

    def all(self, *, enabled_only: bool = False) -> list[Feed]:
        """Every feed, by name."""
        sql = "SELECT name, url, interval_seconds, enabled, disabled_reason FROM feeds"
        if enabled_only:
            sql += " WHERE enabled = 1"
        return [_feed(row) for row in self.db.execute(sql + " ORDER BY name")]

    def get(self, name: str) -> Feed:
        """The feed called ``name``, or a :class:`UsageError` naming close matches."""
        row = self.db.execute(
            "SELECT name, url, interval_seconds, enabled, disabled_reason FROM feeds "
            "WHERE name = ?",
            (name,),
        ).fetchone()
        if row is None:
            names = [f.name for f in self.all()]
            close = difflib.get_close_matches(name, names, n=3)
            hint = f" Did you mean {', '.join(close)}?" if close else ""
            raise UsageError(f"no feed is called {name!r}.{hint} `tracker feeds list` shows them.")
        return _feed(row)

    def add(self, url: str, *, name: str | None = None, interval: float = DEFAULT_INTERVAL) -> Feed:
        """Add a feed; the name defaults to the URL's host. Refuses a taken name or URL."""
        url = validate_url(url)
        name = _valid_name(name or name_from_url(url))
        with self.db.transaction() as conn:
            clash = conn.execute(
                "SELECT name, url FROM feeds WHERE name = ? OR url = ?", (name, url)
            ).fetchone()
            if clash is not None:
                what = f"the name {name!r}" if clash[0] == name else f"the URL {url}"
                raise UsageError(
                    f"feed {clash[0]!r} already has {what}; choose another --name "
                    "or remove it first"
                )
            conn.execute(
                "INSERT INTO feeds (name, url, interval_seconds, added_at) VALUES (?, ?, ?, ?)",
                (name, url, interval, _now()),
            )
        return Feed(name, url, interval)

    def remove(self, name: str) -> Feed:
        """Remove a feed, its health and its entry cache (its articles stay in the log)."""
        feed = self.get(name)
        with self.db.transaction() as conn:
            for table, column in (("feeds", "name"), ("feed_health", "feed")):
                conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (name,))
            conn.execute("DELETE FROM feed_entries WHERE feed = ?", (name,))
            conn.execute("DELETE FROM feed_moves WHERE feed = ?", (name,))
        return feed

    def seed(self, seeds: list[SeedFeed]) -> tuple[list[Feed], list[SeedFeed]]:
        """Add the seed feeds not yet present (by name or URL); return (added, skipped)."""
        added, skipped = [], []
        for seed in seeds:
            try:
                added.append(self.add(seed.url, name=seed.name, interval=seed.interval_seconds))
            except UsageError:
                skipped.append(seed)
        return added, skipped

    def move(self, name: str, url: str) -> None:
        """Store a feed's new URL (after a permanent redirect), remembering the old one."""
        with self.db.transaction() as conn:
            taken = conn.execute("SELECT name FROM feeds WHERE url = ?", (url,)).fetchone()
            if taken is None:
                conn.execute(
                    "INSERT INTO feed_moves (feed, url, moved_at) "
                    "SELECT name, url, ? FROM feeds WHERE name = ? ON CONFLICT DO NOTHING",
                    (_now(), name),
                )
                conn.execute("UPDATE feeds SET url = ? WHERE name = ?", (url, name))

    def earlier_urls(self, name: str) -> list[str]:
        """The URLs the feed had before it moved, most recent first."""
        rows = self.db.execute(
            "SELECT url FROM feed_moves WHERE feed = ? ORDER BY moved_at DESC", (name,)
        )
        return [row[0] for row in rows]

    def disable(self, name: str, reason: str) -> None:
        """Stop polling a feed (e.g. after 410 Gone), keeping why."""
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE feeds SET enabled = 0, disabled_reason = ? WHERE name = ?", (reason, name)
            )


def _feed(row: tuple[Any, ...]) -> Feed:
    return Feed(row[0], row[1], float(row[2]), bool(row[3]), row[4])
