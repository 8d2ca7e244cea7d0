"""`tracker state` answers from the stored projection when it can (tracker.stored_states):
the same answer the tracker folds, never a stale one, and without the event vocabulary."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from events import MeetingHeld
from tests.conftest import ROOT
from tests.factories import diplomatic
from tracker.app import Tracker
from tracker.cli import cli
from tracker.stored_states import stored_view

DAYS = [date(2024, 1, 1), date(2025, 1, 13), date(2025, 1, 15), date(2025, 6, 1), None]


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    path = tmp_path / "seeded.db"
    result = CliRunner().invoke(
        cli, ["import", str(ROOT / "seeds" / "timeline.jsonl"), "--db", str(path)]
    )
    assert result.exit_code == 0, result.output
    return path


def test_a_stored_answer_is_the_folded_answer(seeded: Path) -> None:
    answered = 0
    with Tracker.open(seeded) as t:
        for a, b in [("ARM", "USA"), ("Armenia", "CSTO"), ("ARM", "EU"), ("USA", "FRA")]:
            for day in DAYS:
                stored = stored_view(seeded, a, b, day)
                if stored is not None:
                    answered += 1
                    assert stored == t.state(a, b, as_of=day)
    assert answered >= 5  # the days after each relationship's last event, and today


def test_days_before_the_last_event_are_left_to_the_fold(seeded: Path) -> None:
    assert stored_view(seeded, "ARM", "USA", date(2025, 1, 13)) is None
    assert stored_view(seeded, "ARM", "USA", date(2030, 1, 1)) is not None


def test_a_lagging_projection_is_never_read(seeded: Path) -> None:
    # An event appended behind the projection's back (a crash before its catch-up).
    with Tracker.open(seeded) as t:
        t.store.append([diplomatic(MeetingHeld, occurred="2029-01-01", level="head_of_state")])
    assert stored_view(seeded, "ARM", "USA", date(2030, 1, 1)) is None
    with Tracker.open(seeded) as t:  # opening catches up
        folded = t.state("ARM", "USA", as_of=date(2030, 1, 1))
    stored = stored_view(seeded, "ARM", "USA", date(2030, 1, 1))
    assert stored == folded and stored.last_contact is not None
    assert stored.last_contact.date == "2029-01-01"


def test_a_database_needing_a_migration_is_left_to_the_tracker(seeded: Path) -> None:
    with sqlite3.connect(seeded) as conn:
        conn.execute("UPDATE schema_versions SET version = 2 WHERE component = 'projection'")
    assert stored_view(seeded, "ARM", "USA") is None
    with sqlite3.connect(seeded) as conn:
        conn.execute("DROP TABLE schema_versions")
    assert stored_view(seeded, "ARM", "USA") is None


def test_the_stored_path_loads_no_event_vocabulary(seeded: Path) -> None:
    code = (
        "import sys; from tracker.cli import main; "
        f"sys.argv = ['tracker', 'state', 'ARM', 'USA', '--json', '--db', {str(seeded)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('loaded:', sorted(m for m in sys.modules if m.split('.')[0] == 'events'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert '"relationship": "ARM-USA"' in out.stdout
    assert out.stdout.strip().endswith("loaded: []")
    # A date before the last event is folded, which needs the vocabulary.
    past = (date(2025, 1, 14) - timedelta(days=1)).isoformat()
    folded = code.replace("'--json'", f"'--json', '--as-of', {past!r}")
    out = subprocess.run([sys.executable, "-c", folded], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "loaded: []" not in out.stdout
