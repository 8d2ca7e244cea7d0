"""A rebuild's folding, split by relationship across the machine's cores.

Relationships fold independently, so a rebuild cuts the sorted relationship keys into
contiguous ranges and folds each range in a worker process with its own read-only
connection; the caller writes the folded states as ranges finish. A small log is folded in
this process: starting workers costs more than it saves.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from functools import cache
from itertools import starmap

from tracker import snapshots
from tracker.db import MMAP_BYTES
from tracker.gc_pause import cyclic_gc_paused
from tracker.projections import fold_json, from_row
from tracker.snapshots import SnapshotRow
from tracker.store.fold_rows import relationship_keys, relationship_rows

__all__ = ["FoldedRow", "fold_ranges"]

# (relationship, state JSON, last_occurred, events folded): a row of the projection table,
# and the snapshots its fold wrote on the way (a busy pair's: tracker.snapshots).
FoldedRow = tuple[str, str, str | None, int, list[SnapshotRow]]

# Below this many events a rebuild stays in one process.
_PARALLEL_FROM = 50_000


def fold_ranges(
    conn: sqlite3.Connection,
    until: int,
    counts: list[tuple[str, int]],
    *,
    parallel: bool | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> Iterator[list[FoldedRow]]:
    """Fold every relationship with events up to position ``until``, a range at a time.

    ``counts`` are the store's ``relationship_counts(until)``; ``parallel`` (default: for a log of
    50,000 events or more, on a machine with two cores or more) folds in worker processes.
    ``meanwhile`` is called in this process (on ``conn``, say) while the workers fold, before
    the first range is given: other work of a rebuild, done where this process would wait.
    """
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    workers = min(os.cpu_count() or 1, 8)
    if parallel is None:
        parallel = sum(count for _, count in counts) >= _PARALLEL_FROM and workers >= 2
    if not parallel or not path:
        if meanwhile is not None:
            meanwhile()
        yield fold_range(path, until, None, None, conn)
        return
    workers = max(workers, 2)
    # Forked workers that die with this process (see tracker.worker_pool); they open their
    # own connections and never touch the parent's. Imported here, not at the top:
    # `tracker state` imports this module and must start fast.
    from concurrent.futures import as_completed

    from tracker.worker_pool import key_ranges, process_pool

    # Several ranges per worker, so one slow range does not leave a core idle.
    ranges = key_ranges(counts, workers * 4)
    with process_pool(workers) as pool:
        futures = [pool.submit(fold_range, path, until, lo, hi) for lo, hi in ranges]
        if meanwhile is not None:
            meanwhile()
        # Written as each range finishes, whatever its place in the order.
        for future in as_completed(futures):
            yield future.result()


def fold_range(
    path: str,
    until: int,
    low: str | None,
    high: str | None,
    conn: sqlite3.Connection | None = None,
) -> list[FoldedRow]:
    """Fold the relationships ``low <= key < high`` (in a worker, through its own connection)."""
    reader = _worker_reader(path, os.getpid()) if conn is None else conn
    # Reading in relationship order jumps about the file: map it into memory.
    reader.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    rows: list[FoldedRow] = []
    busy = snapshots.spacing().from_events
    with cyclic_gc_paused():
        # A query per relationship, its rows straight into the fold's records: grouping
        # one query's rows by key cost a rebuild a row's slice and a Python step each.
        for key in relationship_keys(reader, until, low, high):
            folded = list(starmap(from_row, relationship_rows(reader, key, until_position=until)))
            if len(folded) < busy:
                state, last = fold_json(key, folded)
                rows.append((key, state, last.isoformat() if last else None, len(folded), []))
                continue
            # A busy pair: its snapshots written by the same fold (the rebuilding process
            # would fold it again, alone, once the workers are done).
            builder, written = snapshots.walk_from_start(key, folded, until)
            key_ = builder.last_key
            day = key_[0].isoformat() if key_ else None
            rows.append((key, builder.build_json(), day, len(folded), written))
    return rows


@cache
def _worker_reader(path: str, pid: int) -> sqlite3.Connection:
    """A worker's read-only connection, kept for all the ranges it folds.

    A range's events lie all over the file, so a new connection's memory map faults most
    of the file in again: about 15,000 page faults a range on a 1M-event log (~0.1 s of
    system time). Keyed by process id as well, so a forked worker never uses a connection
    it inherited; the worker's exit closes it.
    """
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
