"""Bench section ``projection``: rebuild rate, state-as-of latency, cold start of ``state``.

Logs (cached, see :mod:`tracker.bench.synthetic`): 1,000,000 events over 2,000 relationships
and a 10x smaller one over 200, so both have ~500 events per relationship; "flat as the log
grows" then means the bigger log costs a query nothing. ``--quick`` uses 20,000 and 2,000.
Baselines, from the same run: the raw SELECT plus ``json.loads`` of the same rows (rebuild
and state), and a bare interpreter start (cold start).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from tracker.bench.figures import Figure, timed
from tracker.bench.synthetic import synthetic_log
from tracker.store.baselines import count_relationship_rows, pair_rows_as_of, rows_by_relationship

__all__ = ["run"]

SECTION = "projection"


def run(quick: bool) -> list[Figure]:
    """Every figure of the section."""
    big_size, small_size = (20_000, 2_000) if quick else (1_000_000, 100_000)
    big = synthetic_log(big_size, relationships=big_size // 500)
    small = synthetic_log(small_size, relationships=small_size // 500)
    figures = [_rebuild(big, big_size)]
    big_p50, big_p95, raw_p50 = _state_latency(big)
    small_p50, small_p95, _ = _state_latency(small)
    figures += [
        Figure(
            SECTION,
            f"state as-of p50 ({big_size:,} events)",
            big_p50,
            "ms",
            raw_p50,
            "raw SELECT+json.loads of its rows",
            10,
            "value<=",
        ),
        Figure(SECTION, f"state as-of p95 ({big_size:,} events)", big_p95, "ms"),
        Figure(SECTION, f"state as-of p50 ({small_size:,} events)", small_p50, "ms"),
        Figure(SECTION, f"state as-of p95 ({small_size:,} events)", small_p95, "ms"),
        Figure(
            SECTION,
            "state p50 growth with a 10x log",
            big_p50,
            "ms",
            small_p50,
            f"p50 on {small_size:,} events",
            note="flat: ratio near 1",
        ),
    ]
    figures += _cold_start(big)
    return figures


def _rebuild(path: Path, size: int) -> Figure:
    from tracker.projection_store import ProjectionStore
    from tracker.store import EventStore

    with EventStore.open(path) as store:
        projection = ProjectionStore(store)
        rows = count_relationship_rows(store.conn)
        conn = store.conn  # the same read settings as the rebuild's (a memory map)

        def raw_read() -> None:
            # Each payload parsed and dropped: a list of a million dicts would time the
            # cyclic GC's passes over it (they made this baseline 5x slower), not the read.
            for row in rows_by_relationship(conn):
                json.loads(row[4])

        raw = [timed(raw_read)]
        runs = 3  # a median: a shared or virtual machine's speed can drift 2x in a minute
        ours = [timed(projection.rebuild) for _ in range(runs)]
    return Figure(
        SECTION,
        f"full rebuild ({rows:,} events)",
        rows / statistics.median(ours),
        "events/s",
        rows / statistics.median(raw),
        "raw SELECT+json.loads",
        100_000,
        "value>=",
    )


def _state_latency(path: Path, queries: int = 200) -> tuple[float, float, float]:
    """p50 and p95 of ``Tracker.state`` as of a random date, and the raw read's p50 (ms)."""
    from tracker.app import Tracker

    rng = random.Random(1)
    with Tracker.open(path) as t:
        keys = t.store.relationships()
        ours, raw = [], []
        for _ in range(queries):
            key = rng.choice(keys)
            a, b = key.split("-")
            as_of = date(2000, 1, 1) + timedelta(days=rng.randrange(26 * 365))
            start = time.perf_counter()
            t.state(a, b, as_of=as_of)
            middle = time.perf_counter()
            [json.loads(r[4]) for r in pair_rows_as_of(t.store.conn, key, as_of.isoformat())]
            ours.append((middle - start) * 1000)
            raw.append((time.perf_counter() - middle) * 1000)
    cuts = statistics.quantiles(ours, n=20)
    return statistics.median(ours), cuts[18], statistics.median(raw)


def _cold_start(path: Path, runs: int = 5) -> list[Figure]:
    """``tracker state A B`` as a fresh process, with the default panel and with --json."""
    from tracker.app import Tracker

    with Tracker.open(path) as t:
        a, b = t.store.relationships()[0].split("-")
    panel = [sys.executable, "-m", "tracker", "state", a, b, "--db", str(path)]
    command = [*panel, "--json"]
    bare = [sys.executable, "-c", "pass"]
    # As on a user's machine: bytecode may be cached (some sandboxes forbid writing it, and
    # then every start recompiles every module, which is not what a user sees).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def once(argv: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=env)
        return time.perf_counter() - start

    once(panel)  # warm-up, not counted: writes the bytecode cache once
    # In turns, so a drift of the machine's speed touches all three alike.
    times: dict[str, list[float]] = {"panel": [], "json": [], "bare": []}
    for _ in range(runs):
        times["panel"].append(once(panel))
        times["json"].append(once(command))
        times["bare"].append(once(bare))
    base = statistics.median(times["bare"])
    return [
        Figure(
            SECTION,
            f"cold start of `tracker state`{suffix}",
            statistics.median(times[key]),
            "s",
            base,
            "bare python start",
            0.5,
            "value<=",
        )
        for key, suffix in (("panel", " (default panel)"), ("json", " --json"))
    ]
