"""Bench section "postgresql": the same workloads on a PostgreSQL server and on SQLite.

Run by ``tracker bench --db postgresql://...``. Each figure is PostgreSQL's rate, its
baseline SQLite's on the same events in the same run (the ratio says what the server costs
or gains): batched appends, one event per append from one writer and from four processes,
reading and decoding the whole log, and a busy pair's state as of a date folded from the
log. The bench creates and drops databases of its own (``tracker_bench_*``) on the named
server, never touching the database the URL names; its role needs CREATEDB.
"""

from __future__ import annotations

import multiprocessing
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import date
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from events import DiplomaticEvent
from tracker.bench.figures import Figure, median_rate, paired_ratio
from tracker.bench.log_bench import synthetic_events
from tracker.projections import fold
from tracker.queries.rows import relationship_events
from tracker.store import EventStore, LogStore
from tracker.store.postgres.connection import connect
from tracker.store.postgres_store import PostgresStore

__all__ = ["run_against"]

_WRITERS = 4


def run_against(url: str, quick: bool) -> list[Figure]:
    """Every figure of the section, on the server ``url`` names."""
    batch_n, single_n, repeats = (2_000, 200, 3) if quick else (20_000, 1_000, 3)
    events = synthetic_events(batch_n)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        opener = _Openers(url, root)
        return [
            _compare(opener, "batched append (1,000 a batch)", events, repeats, _batched),
            _compare(opener, "one event per append, 1 writer", events[:single_n], repeats, _single),
            _compare(
                opener,
                f"one event per append, {_WRITERS} processes",
                events[: single_n * _WRITERS],
                repeats,
                _parallel,
            ),
            *_reads(opener, events),
        ]


class _Openers:
    """A fresh log on each backend for every run: a SQLite file, a PostgreSQL database."""

    def __init__(self, url: str, root: Path) -> None:
        self.url, self.root = url, root

    @contextmanager
    def sqlite(self) -> Iterator[str]:
        yield str(self.root / f"{uuid.uuid4().hex}.db")

    @contextmanager
    def postgresql(self) -> Iterator[str]:
        name = f"tracker_bench_{uuid.uuid4().hex[:12]}"
        with connect(self.url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield urlsplit(self.url)._replace(path=f"/{name}").geturl()
        finally:
            with connect(self.url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _open(target: str) -> LogStore:
    if target.startswith("postgresql://"):
        return PostgresStore.open(target)
    return EventStore.open(target)


# A workload on a fresh log: None (timed from outside) or the seconds it measured itself.
Workload = Callable[[str, list[DiplomaticEvent]], float | None]


def _seconds(work: Workload, target: str, events: list[DiplomaticEvent]) -> float:
    start = time.perf_counter()
    measured = work(target, events)
    return time.perf_counter() - start if measured is None else measured


def _batched(target: str, events: list[DiplomaticEvent]) -> None:
    store = _open(target)
    try:
        for start in range(0, len(events), 1_000):
            store.append(events[start : start + 1_000])
    finally:
        store.close()


def _single(target: str, events: list[DiplomaticEvent]) -> None:
    store = _open(target)
    try:
        for event in events:
            store.append([event])
    finally:
        store.close()


def _parallel(target: str, events: list[DiplomaticEvent]) -> float:
    """Seconds for _WRITERS processes to append ``events`` one at a time, from a common
    start (each process builds its share and opens its store before it)."""
    _open(target).close()  # the schema, before the writers race to create it
    start_at = time.time() + 5  # spawned processes import the tracker first
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(_WRITERS, mp_context=context) as pool:
        args = [(target, len(events), n, start_at) for n in range(_WRITERS)]
        ends = list(pool.map(_writer, *zip(*args, strict=True)))
    return max(ends) - start_at


def _writer(target: str, count: int, n: int, start_at: float) -> float:
    # Events do not pickle (their dates are immutable): each process rebuilds its share.
    share = synthetic_events(count)[n::_WRITERS]
    store = _open(target)
    try:
        time.sleep(max(0.0, start_at - time.time()))
        for event in share:
            store.append([event])
    finally:
        store.close()
    return time.time()


def _compare(
    opener: _Openers, name: str, events: list[DiplomaticEvent], repeats: int, work: Workload
) -> Figure:
    ours: list[float] = []
    lite: list[float] = []
    for _ in range(repeats):
        with opener.postgresql() as url:
            ours.append(_seconds(work, url, events))
        with opener.sqlite() as path:
            lite.append(_seconds(work, path, events))
    return Figure(
        "postgresql",
        name,
        median_rate(len(events), ours),
        "events/s",
        median_rate(len(events), lite),
        "SQLite, same run",
        note="ratio: median of per-run ratios; "
        + ("from a common start" if work is _parallel else "includes opening the store"),
        paired_ratio=paired_ratio(ours, lite),
    )


def _reads(opener: _Openers, events: list[DiplomaticEvent]) -> list[Figure]:
    """Reading the whole log, and the busiest pair's state folded from the log."""
    with opener.postgresql() as url, opener.sqlite() as path:
        _batched(url, events)
        _batched(path, events)
        with PostgresStore.open(url) as pg, EventStore.open(path) as lite:
            counts = dict(lite.relationship_counts(lite.head()))
            key = max(counts, key=lambda k: counts[k])
            day = date(2020, 1, 1)
            read = [_turns(partial(_read_all, s)) for s in (pg, lite)]
            state = [_turns(partial(_state, s, key, day)) for s in (pg, lite)]
    return [
        Figure(
            "postgresql",
            "read and decode whole log",
            median_rate(len(events), read[0]),
            "events/s",
            median_rate(len(events), read[1]),
            "SQLite, same run",
            paired_ratio=paired_ratio(read[0], read[1]),
        ),
        Figure(
            "postgresql",
            f"state as of a date, {key} ({counts[key]} events), folded from the log",
            1_000 * min(state[0]),
            "ms",
            1_000 * min(state[1]),
            "SQLite, same run",
            note="best of 5 runs; lower is better",
        ),
    ]


def _read_all(store: LogStore) -> int:
    return sum(1 for _ in store.read())


def _state(store: LogStore, key: str, day: date) -> object:
    return fold(key, relationship_events(store, key, as_of=day), as_of=day)


def _turns(fn: Callable[[], object], runs: int = 5) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out
