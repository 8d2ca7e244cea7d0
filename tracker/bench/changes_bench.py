"""Bench section ``changes``: `tracker changes` on a big log, beside the plain state query.

The synthetic log (:mod:`tracker.bench.synthetic`, 1,000,000 events over 2,000
relationships; ``--quick`` 20,000 over 40) has valid dates up to the end of 2025, so the
window is the last 30 days of its valid time, not of today's calendar (which would find
nothing). Figures, each beside a baseline from the same run:

- `tracker changes --since 30d` as typed today: the synthetic log has no news in it, so
  this is the cost of finding which relationships could have changed (the stored states'
  heads), beside the same plain query;
- changes that happened in the log's last 30 days, beside every relationship's state as of the
  window's end (`tracker relations`, the plain state query over every pair) and the raw
  SELECT+json.loads of the rows those states rest on;
- changes learned since a moment (the last 1% of the log's positions), beside the same raw
  read;
- the marks the changes are read from (:mod:`tracker.changes.stored`) written afresh, as
  `replay --rebuild` writes them after the states, beside the raw read of the whole log;
- the marks brought up to a 10-event poll on a busy pair of 500, 5,000 and 50,000 events
  (:mod:`tracker.bench.pair_log`): news of the pair's last days, and late news of some
  weeks before; beside a raw INSERT of as many rows, and at 5k and 50k beside the 500-event
  figure (flatness).
"""

from __future__ import annotations

import json
import statistics
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tracker.bench.figures import Figure, timed
from tracker.bench.synthetic import synthetic_log
from tracker.store.baselines import pair_rows_as_of

__all__ = ["run"]

SECTION = "changes"


def run(quick: bool) -> list[Figure]:
    """Every figure of the section."""
    size = 20_000 if quick else 1_000_000
    path = synthetic_log(size, relationships=max(40, size // 500))
    figures = _figures(path, size)
    figures += _rebuild(path, size, 1 if not quick else 2)
    figures += _polls((500, 5_000) if quick else (500, 5_000, 50_000), 3 if quick else 5)
    return figures


def _rebuild(path: Path, size: int, runs: int) -> list[Figure]:
    """The marks written afresh from the whole log, beside the raw read of it."""
    from tracker.changes import stored
    from tracker.store import EventStore
    from tracker.store.baselines import payload_rows

    def raw(conn: Any) -> None:
        for _, payload, _ in payload_rows(conn):
            json.loads(payload)

    with EventStore.open(path) as store:
        ours = [timed(lambda: stored.rebuild(store)) for _ in range(runs)]
        read = [timed(lambda: raw(store.conn)) for _ in range(runs)]
    return [
        Figure(
            SECTION,
            f"marks written afresh ({size:,} events, events/s)",
            size / statistics.median(ours),
            "events/s",
            size / statistics.median(read),
            "raw SELECT+json.loads of the whole log",
        )
    ]


def _polls(sizes: tuple[int, ...], runs: int) -> list[Figure]:
    """The marks brought up to a poll of news on a busy pair, in order and late."""
    measured = {size: _poll_times(size, runs) for size in sizes}
    figures = []
    for size, (news, late, raw) in measured.items():
        for name, value, first in (
            ("news of its last days", news, measured[sizes[0]][0]),
            ("late news of some weeks before", late, measured[sizes[0]][1]),
        ):
            figures.append(
                Figure(
                    SECTION,
                    f"marks after a 10-event poll, {name} ({size:,}-event pair)",
                    value,
                    "ms",
                    raw,
                    "raw INSERT of its rows",
                )
            )
            if size != sizes[0]:
                figures.append(
                    Figure(
                        SECTION,
                        f"  growth: {name}, {size:,} beside {sizes[0]:,} events",
                        value,
                        "ms",
                        first,
                        f"the {sizes[0]:,}-event pair",
                        1.5,
                        "ratio<=",
                    )
                )
    return figures


def _poll_times(size: int, runs: int) -> tuple[float, float, float]:
    """Median ms of the marks' catch-up after 10 events of the pair's last days, after 10
    of some weeks before its last, and of a raw INSERT of 10 rows."""
    import random
    import shutil

    from tracker.app import Tracker
    from tracker.bench.pair_log import PAIR, fact, pair_log
    from tracker.changes import stored
    from tracker.store.baselines import insert_like_last

    fresh = pair_log(size)
    work = fresh.with_name(f"pair-{size}-changes.db")
    shutil.copyfile(fresh, work)
    rng = random.Random(3)
    news: list[float] = []
    late: list[float] = []
    raw: list[float] = []
    with Tracker.open(work) as t:
        t.run_followers()  # the marks of the cached log, once (not timed)
        last = max(h.last_occurred for h in t.projection.load_heads() if h.last_occurred)
        for n in range(runs):
            for times, back in ((news, 0), (late, 20 + n)):
                day = last + timedelta(days=1 + n) - timedelta(days=back)
                batch = [
                    fact(rng, PAIR, 5 * 10**9 + 100 * n + i + back, day=day) for i in range(10)
                ]
                t.append(batch)
                t.projection.catch_up()
                times.append(timed(lambda: stored.catch_up(t.store)) * 1000)
                raw.append(timed(lambda: insert_like_last(t.store.conn, 10)) * 1000)
    work.unlink(missing_ok=True)
    return statistics.median(news), statistics.median(late), statistics.median(raw)


def _figures(path: Path, size: int, runs: int = 3) -> list[Figure]:
    from tracker.app import Tracker
    from tracker.changes import happened, learned, stored
    from tracker.changes.windows import position_after

    with Tracker.open(path) as t:  # folds the projection once, if it is new
        stored.catch_up(t.store)  # and walks the marks once, if they are new (not timed)
        heads = list(t.projection.load_heads())
        end = max(h.last_occurred for h in heads if h.last_occurred is not None)
        start = end - timedelta(days=30)
        keys = [h.relationship for h in heads]
        conn = t.store.conn

        def raw() -> None:
            for key in keys:
                for row in pair_rows_as_of(conn, key, end.isoformat()):
                    json.loads(row[4])

        today = date.today()
        calendar = [
            timed(lambda: happened(t.store, today - timedelta(days=30), today)) for _ in range(runs)
        ]
        window = [timed(lambda: happened(t.store, start, end)) for _ in range(runs)]
        found = len(happened(t.store, start, end))
        plain = [timed(lambda: t.relations(as_of=end)) for _ in range(runs)]
        raw_read = [timed(raw) for _ in range(runs)]
        head = t.store.head()
        # Just before the batch that holds the last 1% of positions (a batch shares a stamp).
        moment = next(t.store.read(after=head - max(1, head // 100), limit=1)).recorded_at
        moment -= timedelta(microseconds=1)
        first = position_after(t.store, moment)
        told = [
            timed(lambda: learned(t.store, t.projection, moment, today=end)) for _ in range(runs)
        ]
        learned_count = len(learned(t.store, t.projection, moment, today=end))
    window_s, plain_s = statistics.median(window), statistics.median(plain)
    return [
        Figure(
            SECTION,
            f"`changes --since 30d` today ({size:,} events; none in the window)",
            statistics.median(calendar),
            "s",
            plain_s,
            "every pair's state as of the end (relations)",
            1.0,
            "value<=",
        ),
        Figure(
            SECTION,
            f"changes in 30 days ({size:,} events, {found:,} changes)",
            window_s,
            "s",
            plain_s,
            "every pair's state as of the end (relations)",
            1.0,
            "value<=",
        ),
        Figure(
            SECTION,
            "changes in 30 days beside the raw read",
            window_s,
            "s",
            statistics.median(raw_read),
            "raw SELECT+json.loads of every pair's rows",
        ),
        Figure(
            SECTION,
            f"changes learned in the last {head - first + 1:,} events ({learned_count:,})",
            statistics.median(told),
            "s",
            statistics.median(raw_read),
            "raw SELECT+json.loads of every pair's rows",
        ),
    ]
