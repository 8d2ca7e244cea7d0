"""A file whose marks were written before their index by relationship and day, and before
relations established counted as a contact, gets the index and its marks walked again."""

from __future__ import annotations

from pathlib import Path

import seeds
from tracker.app import Tracker
from tracker.changes import stored
from tracker.event_json import read_jsonl
from tracker.store import positions


def _indexes(t: Tracker) -> set[str]:
    sql = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'change_marks'"
    return {name for (name,) in t.store.conn.execute(sql)}


def test_the_index_by_pair_and_day_is_added_and_the_marks_walked_again(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with Tracker.open(path) as t:
        t.append(list(read_jsonl(Path(str(seeds.path("timeline.jsonl"))))))
        t.run_followers()
        stored.catch_up(t.store)
        marks = t.store.conn.execute("SELECT * FROM change_marks ORDER BY 1, 2, 3").fetchall()
        assert marks and "change_marks_pair_day" in _indexes(t)
        # As a file written before the index: the index absent, the component at version 1.
        with t.store.conn:
            t.store.conn.execute("DROP INDEX change_marks_pair_day")
            t.store.conn.execute(
                "UPDATE schema_versions SET version = 1 WHERE component = 'change_marks'"
            )
        walked_to = positions.checkpoint(t.store.conn, stored.FOLLOWER)
    with Tracker.open(path) as t:
        assert not stored.current(t.store)  # behind its schema: readers walk for themselves
        stored.catch_up(t.store)
        assert "change_marks_pair_day" in _indexes(t)
        # Walked again to the log's head (the seed's marks are the same either way).
        assert positions.checkpoint(t.store.conn, stored.FOLLOWER) == walked_to
        again = t.store.conn.execute("SELECT * FROM change_marks ORDER BY 1, 2, 3").fetchall()
        assert again == marks
        assert stored.current(t.store)
