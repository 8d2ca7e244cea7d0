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
  read.
"""

from __future__ import annotations

import json
import statistics
from datetime import date, timedelta
from pathlib import Path

from tracker.bench.figures import Figure, timed
from tracker.bench.synthetic import synthetic_log
from tracker.store.baselines import pair_rows_as_of

__all__ = ["run"]

SECTION = "changes"


def run(quick: bool) -> list[Figure]:
    """Every figure of the section."""
    size = 20_000 if quick else 1_000_000
    path = synthetic_log(size, relationships=max(40, size // 500))
    return _figures(path, size)


def _figures(path: Path, size: int, runs: int = 3) -> list[Figure]:
    from tracker.app import Tracker
    from tracker.changes import happened, learned
    from tracker.changes.windows import position_after

    with Tracker.open(path) as t:  # folds the projection once, if it is new
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
            timed(lambda: happened(t.store, t.projection, today - timedelta(days=30), today))
            for _ in range(runs)
        ]
        window = [timed(lambda: happened(t.store, t.projection, start, end)) for _ in range(runs)]
        found = len(happened(t.store, t.projection, start, end))
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
