"""The parallel rebuild folds exactly what the in-process one does."""

from __future__ import annotations

import random
import subprocess
import sys
import threading
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from events import (
    AgreementSigned,
    EventCorroborated,
    EventRetracted,
    Evidence,
    MeetingHeld,
    VisitMade,
)
from tests.factories import diplomatic
from tests.unit.test_projection_properties import DIPLOMATIC
from tracker import projection_rebuild, snapshots
from tracker.app import Tracker
from tracker.projection_rebuild import fold_ranges
from tracker.projections import fold
from tracker.queries.rows import relationship_events


def test_worker_processes_fold_the_same_states_as_one_process(db_path: Path) -> None:
    pairs = [("ARM", "USA"), ("ARM", "AZE"), ("AZE", "TUR"), ("ARM", "CSTO"), ("FRA", "DEU")]
    with Tracker.open(db_path) as t:
        events = [
            diplomatic(kind, source=a, target=b, occurred=f"2025-0{1 + i % 9}-1{i % 10}")
            # Skewed, as news is: one relationship holds most of the log.
            for i, (a, b) in enumerate(pairs * 8 + [("USA", "ARM")] * 40)
            for kind in (AgreementSigned, MeetingHeld, VisitMade)
            if not (kind is VisitMade and b == "CSTO")
        ]
        t.append(events)
        t.append([EventRetracted(subject=events[3].event_id, reason="misread")])
        head = t.store.head()
        counts = t.store.relationship_counts(head)
        assert (
            sum(c for _, c in counts)
            == t.store.conn.execute("SELECT COUNT(*) FROM event_relationships").fetchone()[0]
        )
        conn = t.store.conn
        parallel = [row for rows in fold_ranges(conn, head, counts, parallel=True) for row in rows]
        single = [row for rows in fold_ranges(conn, head, counts, parallel=False) for row in rows]
        assert sorted(parallel) == sorted(single)
        assert {row[0] for row in parallel} == {"-".join(sorted(p)) for p in pairs}
        assert t.rebuild_projection() == sum(row[3] for row in single)
        assert t.verify_projection().ok


def test_rebuilds_in_two_threads_each_fill_their_own_table(db_path: Path) -> None:
    """Two processes (or threads) opening a reset projection both rebuild it, safely."""
    with Tracker.open(db_path) as t:
        t.append([diplomatic(AgreementSigned, occurred=f"2025-01-{d:02d}") for d in (1, 2, 3)])
    errors: list[BaseException] = []

    def rebuild() -> None:
        try:
            with Tracker.open(db_path) as mine:
                for _ in range(5):
                    mine.rebuild_projection()
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=rebuild) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Tracker.open(db_path) as t:
        assert t.verify_projection().ok
        assert _rebuild_tables(t) == []


def test_a_rebuild_drops_the_tables_of_rebuilds_that_crashed(db_path: Path) -> None:
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead_pid = int(gone.stdout)
    with Tracker.open(db_path) as t:
        t.append([diplomatic(AgreementSigned)])
        for name in (f"projection_states_next_{dead_pid}_1", "projection_states_next"):
            t.store.conn.execute(f"CREATE TABLE {name} (relationship TEXT, state TEXT)")
        t.rebuild_projection()
        assert _rebuild_tables(t) == []
        assert t.verify_projection().ok


def _rebuild_tables(t: Tracker) -> list[str]:
    rows = t.store.conn.execute(
        "SELECT name FROM sqlite_master WHERE name LIKE 'projection_states_next%'"
    )
    return [row[0] for row in rows]


def test_the_rebuild_writes_the_dedup_index_while_the_workers_fold(db_path: Path) -> None:
    """The caller's other work (the dedup index) runs once, here, before any range comes."""
    import os

    from tracker.store import fingerprints

    with Tracker.open(db_path) as t:
        t.append([diplomatic(MeetingHeld, occurred=f"2025-0{m}-01") for m in range(1, 10)])
        head = t.store.head()
        counts = t.store.relationship_counts(head)
        for parallel in (True, False):
            calls: list[tuple[int, int]] = []

            def meanwhile(calls: list[tuple[int, int]] = calls) -> None:
                calls.append((os.getpid(), len(calls)))

            ranges = fold_ranges(t.store.conn, head, counts, parallel=parallel, meanwhile=meanwhile)
            first = next(ranges)
            assert calls == [(os.getpid(), 0)] and first
            assert sum(len(rows) for rows in ranges) + len(first) == len(counts)
        assert t.rebuild_projection() == head  # builds the index the first time
        t.store.conn.execute("DELETE FROM event_fingerprints")  # then it is lost, say
        assert fingerprints.check(t.store.conn) is not None
        assert t.rebuild_projection() == head
        assert fingerprints.check(t.store.conn) is None
        assert t.verify_projection().ok


def test_the_workers_write_a_busy_pairs_snapshots_as_write_snapshots_does(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A busy pair's snapshots come from the worker that folds it, equal to writing them
    afresh afterwards (which folds the pair again from the log), and so does its state."""
    monkeypatch.setattr(snapshots, "spacing", lambda: snapshots.Spacing(10, 4))
    monkeypatch.setattr(projection_rebuild, "_PARALLEL_FROM", 0)  # workers for a small log
    rng = random.Random(5)
    facts = []
    for i in range(120):
        cls = DIPLOMATIC[i % len(DIPLOMATIC)]
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(400))
        fields: dict[str, Any] = {
            "occurred": day.isoformat(),
            "modality": rng.choice(["realized", "realized", "planned", "negated"]),
        }
        if cls.family == "agreement":
            fields["agreement"] = rng.choice(["Charter", "123 Agreement"])
        if cls.family == "commitment":
            fields["commitment"] = rng.choice(["border team visit", "aid package"])
        facts.append(diplomatic(cls, **fields))
    quiet = [diplomatic(MeetingHeld, source="FRA", target="DEU") for _ in range(3)]
    with Tracker.open(db_path) as t:
        t.append(facts + quiet)
        t.append(
            [
                EventCorroborated(
                    subject=facts[n].event_id,
                    evidence=Evidence(url=f"https://second.example.org/{n}"),
                )
                for n in range(0, 120, 7)
            ]
        )
        t.retract(facts[3].event_id, "misread")
        t.confirm(facts[10].event_id)
        t.rebuild_projection()
        sql = f"SELECT relationship, month, built_at, state FROM {snapshots.TABLE} ORDER BY 1, 2"
        by_workers = t.store.conn.execute(sql).fetchall()
        busy = {row[0] for row in by_workers}
        assert "ARM-USA" in busy and "DEU-FRA" not in busy and len(by_workers) >= 5
        states = {s.relationship: s for s in t.projection.load_all()}
        t.projection.write_snapshots()
        assert t.store.conn.execute(sql).fetchall() == by_workers
        for key, state in states.items():
            assert state == fold(key, relationship_events(t.store, key))
        assert t.verify_projection().ok
