"""The ``scale`` bench's workload is what it says: one busy pair, evidence, several sources."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from events import DiplomaticEvent, EventCorroborated
from tracker.app import Tracker
from tracker.bench.pair_log import PAIR, build_pair_log


def test_the_pair_log_holds_one_busy_pair_told_by_several_sources(tmp_path: Path) -> None:
    path = build_pair_log(tmp_path / "pair.db", 400)
    with Tracker.open(path) as t:
        events = [r.event for r in t.log()]
        key = "-".join(PAIR)
        pair = [r.event for r in t.log(relationship=key)]
        assert t.projection.is_current()
        assert t.verify().ok
    assert len(events) == 400
    assert len(pair) > 0.9 * len(events)  # a few events of other pairs beside it
    facts = [e for e in pair if isinstance(e, DiplomaticEvent)]
    notes = Counter(e.subject for e in pair if isinstance(e, EventCorroborated))
    assert all(f.evidence[0].sentence and f.evidence[0].article_id for f in facts)
    # One to three further sources each (the last fact may have lost some to the cut).
    assert len(notes) > 80 and 1.5 <= sum(notes.values()) / len(notes) <= 2.5
    assert max(notes.values()) == 3


def test_the_scale_bench_measures_every_figure_of_every_size(tmp_path: Path) -> None:
    # Not a timed test: each figure is taken, of each size, beside its raw baseline, and the
    # late appends and the poll reach the log and the stored state.
    from tracker.bench import scale_bench

    paths = {size: build_pair_log(tmp_path / f"pair-{size}.db", size) for size in (150, 300)}
    measured = scale_bench._measure(paths, runs=1)
    for size, figures in measured.items():
        assert set(figures) == set(measured[150]), size
        for name, (value, unit, baseline, baseline_name) in figures.items():
            assert value > 0 and baseline > 0 and unit and baseline_name, (size, name)
        planned, _, as_told, _ = figures[scale_bench._PLANNED]
        assert planned > as_told  # each plan is a commitment the state keeps
    with Tracker.open(paths[300]) as t:
        grown = sum(1 for _ in t.log(relationship="-".join(PAIR)))
        assert t.projection.is_current() and t.verify().ok
    assert grown > 300  # 2 x 15 late appends and 3 polls' news folded in


def test_the_pages_of_every_size_are_sampled_in_turn_beside_the_trivial_route(
    tmp_path: Path,
) -> None:
    # Not a timed test: each size's page is served by its own `tracker serve`, the sizes
    # asked in turn; every figure is taken of each, and the servers are gone after.
    from tracker.bench import web_bench

    paths = {size: build_pair_log(tmp_path / f"pair-{size}.db", size) for size in (150, 300)}
    found = web_bench.pair_pages(paths, requests=10)
    assert set(found) == {150, 300}
    for size, figures in found.items():
        assert set(figures) == set(found[150]), size
        assert "page, a new date each request p50" in figures
        for name, (value, unit, baseline, baseline_name) in figures.items():
            # CPU time is counted in clock ticks (10 ms): ten trivial requests may take none.
            least = 0 if "CPU" in name else 1e-9
            assert value >= least and baseline >= least, (size, name)
            assert unit == "ms" and baseline_name, (size, name)
    for path in paths.values():  # the news each server was asked after reached its log
        with Tracker.open(path) as t:
            assert t.verify().ok
