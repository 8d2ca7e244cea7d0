"""Bench section ``scale``: what one relationship's size costs (issue 17).

Logs whose busy pair has 500, 5,000 and 50,000 events (see :mod:`tracker.bench.pair_log`:
evidence on every fact, several sources each; ``--quick``: 500 and 5,000). For each size:

- ``state --as-of`` a past date (p50 over random dates), beside the raw read of the pair's
  rows to that date (SELECT + ``json.loads``);
- ``state`` as of today (the stored projection), beside the same raw read to today;
- a late append: one event dated before the pair's last, appended and folded in
  (``Tracker.append`` + the projection's catch-up), beside a raw INSERT of one log row;
- a 5-article poll's dedup and append: 25 extracted events (15 further sources of known
  events, 10 new) through :func:`tracker.extract.dedup.plan_appends` and the append, beside
  a raw INSERT of as many rows. The coder's own reading of the articles does not depend on
  the pair and is measured by the ``extract`` section;
- read and decode of the pair's events (rate), beside the raw SELECT + ``json.loads``;
- the size of the pair's stored state (the projection's JSON), beside the size of its
  events' payloads in the log.

The relationship page, served: p50 and p99 over requests with a new past date each, beside
the same server's trivial route.

Every figure is a median of several runs and is printed beside its raw baseline; for 5k and
50k a second figure sets it beside the 500-event one ("growth", the target: within 1.5x).
"""

from __future__ import annotations

import json
import random
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tracker.bench.figures import Figure, timed
from tracker.bench.pair_log import PAIR, fact, pair_log
from tracker.bench.web_bench import pair_page
from tracker.store.baselines import insert_like_last, pair_rows, pair_rows_as_of

__all__ = ["run"]

SECTION = "scale"
_KEY = "-".join(PAIR)


def run(quick: bool) -> list[Figure]:
    """Every figure of the section."""
    sizes = (500, 5_000) if quick else (500, 5_000, 50_000)
    runs = 3 if quick else 7
    measured: dict[int, _Measured] = {}
    for size in sizes:
        path = pair_log(size)
        # The page last, served by another process (tracker.bench.web_bench).
        measured[size] = {**_measure(path, runs), **pair_page(path, 50 if quick else 200)}
    figures: list[Figure] = []
    first = measured[sizes[0]]
    for size in sizes:
        for name, (value, unit, base, base_name) in measured[size].items():
            label = f"{name} ({size:,}-event pair)"
            figures.append(Figure(SECTION, label, value, unit, base, base_name))
            if size == sizes[0]:
                continue
            rate = unit == "events/s"
            figures.append(
                Figure(
                    SECTION,
                    f"growth: {label}",
                    value,
                    unit,
                    first[name][0],
                    f"the {sizes[0]:,}-event pair",
                    2 / 3 if rate else 1.5,
                    "ratio>=" if rate else "ratio<=",
                    note="flat: ratio near 1",
                )
            )
    return figures


_Measured = dict[str, tuple[float, str, float, str]]


def _measure(path: Path, runs: int) -> _Measured:
    from tracker.app import Tracker

    rng = random.Random(7)
    with Tracker.open(path) as t:
        # A log cached before a migration of a follower's tables (the dedup index) is
        # brought up to date first: once per database, no figure's cost.
        t.run_followers()
        conn = t.store.conn
        a, b = PAIR
        last = _last_day(t)
        as_of, raw_as_of = _latency(
            runs * 5,
            lambda: _past(rng, last),
            lambda day: t.state(a, b, as_of=day),
            lambda day: _raw_read(conn, day),
        )
        today, raw_today = _latency(
            runs * 5,
            lambda: date.today(),
            lambda day: t.state(a, b),
            lambda day: _raw_read(conn, day),
        )
        late, raw_one = _appends(t, rng, last, runs)
        poll, raw_poll = _polls(t, rng, runs)
        read, raw_read = _read_rates(t, runs)
        size, raw_size = _sizes(conn)
    return {
        "state as-of a past date p50": (as_of, "ms", raw_as_of, "raw SELECT+json.loads"),
        "state as of today p50": (today, "ms", raw_today, "raw SELECT+json.loads"),
        "late append + fold": (late, "ms", raw_one, "raw INSERT of one row"),
        "5-article poll: dedup + append": (poll, "ms", raw_poll, "raw INSERT of its rows"),
        "read+decode of the pair": (read, "events/s", raw_read, "raw SELECT+json.loads"),
        "size of the stored state": (size, "KB", raw_size, "the pair's payloads in the log"),
    }


def _sizes(conn: sqlite3.Connection) -> tuple[float, float]:
    """The pair's stored state and its events' payloads, in KB."""
    from tracker.stored_states import TABLE

    sql = f"SELECT length(state) FROM {TABLE} WHERE relationship = ?"
    (state,) = conn.execute(sql, (_KEY,)).fetchone()
    payloads = sum(len(row[4]) for row in pair_rows(conn, _KEY))
    return state / 1000, payloads / 1000


def _last_day(t: Any) -> date:
    from events import DiplomaticEvent

    found = (r.event for r in t.store.read(relationship=_KEY))
    return max(e.occurred.start for e in found if isinstance(e, DiplomaticEvent))


def _past(rng: random.Random, last: date) -> date:
    return last - timedelta(days=rng.randrange(30, 9_000))


def _raw_read(conn: sqlite3.Connection, day: date) -> None:
    for row in pair_rows_as_of(conn, _KEY, day.isoformat()):
        json.loads(row[4])


def _latency(
    count: int,
    pick: Callable[[], date],
    ours: Callable[[date], Any],
    raw: Callable[[date], Any],
) -> tuple[float, float]:
    """p50 in ms of ``ours`` and of ``raw`` over ``count`` days, timed back to back."""
    mine, base = [], []
    for _ in range(count):
        day = pick()
        start = time.perf_counter()
        ours(day)
        middle = time.perf_counter()
        raw(day)
        mine.append((middle - start) * 1000)
        base.append((time.perf_counter() - middle) * 1000)
    return statistics.median(mine), statistics.median(base)


def _raw_insert(conn: sqlite3.Connection, count: int) -> float:
    return timed(lambda: insert_like_last(conn, count)) * 1000


def _appends(t: Any, rng: random.Random, last: date, runs: int) -> tuple[float, float]:
    mine, base = [], []
    for n in range(runs):
        event = fact(rng, PAIR, 10**9 + n, day=_past(rng, last))
        start = time.perf_counter()
        t.append([event])
        t.projection.catch_up()
        mine.append((time.perf_counter() - start) * 1000)
        base.append(_raw_insert(t.store.conn, 1))
    return statistics.median(mine), statistics.median(base)


def _poll_events(t: Any, rng: random.Random, n: int) -> list[Any]:
    """What 5 articles' extraction yields: further sources of 15 known events, 10 new."""
    from events import DiplomaticEvent, Evidence

    known = [
        r.event
        for r in t.store.read(relationship=_KEY, limit=2_000)
        if isinstance(r.event, DiplomaticEvent)
    ]
    events = []
    for i, old in enumerate(rng.sample(known, 15)):
        source = Evidence(
            article_id=f"poll-{n}-{i}",
            url=f"https://poll.example.org/{n}/{i}",
            sentence=old.evidence[0].sentence,
            extractor="policy-tracker-coder",
        )
        fresh = fact(rng, PAIR, 2 * 10**9 + n * 100 + i)
        events.append(old.model_copy(update={"event_id": fresh.event_id, "evidence": [source]}))
    events += [fact(rng, PAIR, 3 * 10**9 + n * 100 + i) for i in range(10)]
    return events


def _polls(t: Any, rng: random.Random, runs: int) -> tuple[float, float]:
    from tracker.extract.dedup import plan_appends

    mine, base = [], []
    for n in range(runs):
        candidates = [(e, {"feed": "bench"}) for e in _poll_events(t, rng, n)]
        start = time.perf_counter()
        planned = plan_appends(t.store, candidates)
        t.store.append(planned)
        mine.append((time.perf_counter() - start) * 1000)
        base.append(_raw_insert(t.store.conn, len(planned)))
        t.projection.catch_up()  # not timed: the late append's figure times the fold
    return statistics.median(mine), statistics.median(base)


def _read_rates(t: Any, runs: int) -> tuple[float, float]:
    count = sum(1 for _ in t.store.read(relationship=_KEY))
    # Streamed, each event dropped once decoded, as the log section reads the whole log:
    # a list of every event would time the cyclic GC's passes over it, not the decoding.
    ours = [timed(lambda: _streamed(t.store.read(relationship=_KEY))) for _ in range(runs)]
    raw = [timed(lambda: _raw_pair(t.store.conn)) for _ in range(runs)]
    return count / statistics.median(ours), count / statistics.median(raw)


def _streamed(events: Iterator[Any]) -> int:
    return sum(1 for _ in events)


def _raw_pair(conn: sqlite3.Connection) -> None:
    for row in pair_rows(conn, _KEY):
        json.loads(row[4])
