"""`changes --since`: the fast path (a quiet window read from the stored state, a few
families refolded; a busy pair from its nearest snapshot) answers as folding every
relationship from its log does; so does a pair neither quiet nor snapshotted, folded from
the events dated by the window's start alone."""

from __future__ import annotations

import random
import zlib
from datetime import timedelta
from pathlib import Path

import pytest

from tracker.app import Tracker
from tracker.bench.synthetic import build_synthetic_log
from tracker.changes import happened
from tracker.changes.quiet import quiet_window


@pytest.mark.parametrize("pairs", [8, 1])
def test_the_fast_path_answers_as_the_full_fold(tmp_path: Path, pairs: int) -> None:
    # Every family, corroborations and retractions, learned out of order: 4,000 events
    # over 8 pairs (each month of 2000-2025 has a few facts per pair), or over one busy
    # pair, which has snapshots (seeds/snapshots.toml).
    path = build_synthetic_log(tmp_path / "log.db", 4_000, relationships=pairs, seed=3)
    rng = random.Random(5)
    quiet = refolded = 0
    with Tracker.open(path) as t:
        t.run_followers()
        keys = t.store.relationships()
        last = max(h.last_occurred for h in t.projection.load_heads() if h.last_occurred)
        for n in range(16):
            # Windows ending after the last fact (the stored states answer: the fast path)
            # and a few in the past (the fold).
            end = last + timedelta(days=rng.randrange(40)) if n % 4 else last - timedelta(300)
            since = end - timedelta(days=rng.choice((3, 7, 30, 60, 120, 400)))
            fast = happened(t.store, t.projection, since, end)
            folded = happened(t.store, t.projection, since, end, fast=False)
            assert [c.model_dump() for c in fast] == [c.model_dump() for c in folded]
            for key in keys:
                after = t.projection.stored_answer(key, end)
                if after is None:
                    continue
                before = quiet_window(t.store, key, since, after)
                quiet += before is not None
                refolded += before is None and t.projection.from_snapshot(key, since) is None
        snapshots = t.store.conn.execute("SELECT state FROM state_snapshots").fetchall()
    assert quiet > 0  # the fast path was taken, not only the fold
    if pairs == 8:
        assert refolded > 0  # and the fold from the window's start (no snapshots)
    if pairs == 1:
        assert snapshots and all(zlib.decompress(s) for (s,) in snapshots)
