"""The parallel rebuild folds exactly what the in-process one does."""

from __future__ import annotations

from pathlib import Path

from events import AgreementSigned, EventRetracted, MeetingHeld, VisitMade
from tests.factories import diplomatic
from tracker.app import Tracker
from tracker.projection_rebuild import fold_ranges


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
        # An event count above the threshold forces the worker processes.
        parallel = [row for rows in fold_ranges(t.store.conn, head, 10**9) for row in rows]
        single = [row for rows in fold_ranges(t.store.conn, head, 0) for row in rows]
        assert sorted(parallel) == sorted(single)
        assert {row[0] for row in parallel} == {"-".join(sorted(p)) for p in pairs}
        assert t.rebuild_projection() == sum(row[3] for row in single)
        assert t.verify_projection().ok
