"""The log's followers: Tracker.append only appends; extraction and the projection follow.

Each follower keeps its place in ``processor_checkpoints`` and commits its results with it;
databases written before that table existed keep their checkpoints when first opened.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from events import AgreementSigned, VisitMade
from tests.factories import diplomatic
from tracker.app import Tracker
from tracker.extract import checkpoint as extraction
from tracker.stored_states import PROJECTION


def test_append_only_appends_and_the_followers_catch_up(tracker: Tracker) -> None:
    recorded = tracker.append([diplomatic(AgreementSigned)])
    assert [r.position for r in recorded] == [1]
    # Nothing folded yet: a state query folds from the log meanwhile, and says the same.
    assert tracker.projection.checkpoint() == 0 and list(tracker.projection.load_all()) == []
    before = tracker.state("ARM", "USA")
    assert tracker.run_followers() == []  # no article: nothing extracted
    assert tracker.store.checkpoint(PROJECTION) == tracker.projection.checkpoint() == 1
    assert [s.relationship for s in tracker.projection.load_all()] == ["ARM-USA"]
    assert tracker.state("ARM", "USA") == before


def test_a_second_run_of_the_followers_writes_nothing(tracker: Tracker) -> None:
    tracker.append([diplomatic(AgreementSigned)])
    tracker.run_followers()
    version = tracker.store.conn.execute("PRAGMA data_version").fetchone()[0]
    changes = tracker.store.conn.total_changes
    assert tracker.run_followers() == []
    assert tracker.store.conn.total_changes == changes
    assert tracker.store.conn.execute("PRAGMA data_version").fetchone()[0] == version


def test_two_trackers_fold_each_event_once(db_path: Path) -> None:
    with Tracker.open(db_path) as first, Tracker.open(db_path) as second:
        first.append([diplomatic(AgreementSigned)])
        first.run_followers()
        second.append([diplomatic(VisitMade, occurred="2025-02-01")])
        # Each catches up from the shared checkpoint: the second's run folds only its event.
        assert second.projection.catch_up() == 1
        assert first.projection.catch_up() == 0
        assert first.verify_projection().ok


def _as_an_older_program_left_it(path: Path, extracted: int, folded: int) -> None:
    """The checkpoints in the tables of their own that came before processor_checkpoints."""
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE processor_checkpoints")
        conn.execute(
            "CREATE TABLE extraction_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), "
            "position INTEGER NOT NULL)"
        )
        conn.execute("INSERT INTO extraction_checkpoint VALUES (1, ?)", (extracted,))
        conn.execute(
            "CREATE TABLE projection_checkpoints (name TEXT PRIMARY KEY, position INTEGER)"
        )
        conn.execute("INSERT INTO projection_checkpoints VALUES (?, ?)", (PROJECTION, folded))
        for component, version in (("log", 2), ("extraction", 1), ("projection", 5)):
            conn.execute(
                "UPDATE schema_versions SET version = ? WHERE component = ?", (version, component)
            )


def test_an_older_database_keeps_its_checkpoints(db_path: Path) -> None:
    with Tracker.open(db_path) as t:
        t.append([diplomatic(AgreementSigned), diplomatic(VisitMade, occurred="2025-02-01")])
        t.run_followers()
        states = list(t.projection.load_all())
    _as_an_older_program_left_it(db_path, extracted=2, folded=2)
    with Tracker.open(db_path) as t:
        assert extraction.position(t.store) == 2
        assert t.projection.checkpoint() == 2  # not reset: no refold of the whole log
        assert list(t.projection.load_all()) == states
        tables = {r[0] for r in t.store.conn.execute("SELECT name FROM sqlite_master")}
        assert not {"extraction_checkpoint", "projection_checkpoints"} & tables
        assert t.verify_projection().ok
