"""`tracker changes` and `tracker diff` as a user runs them (in-process, real files)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import feedparser

from events import AgreementSigned
from tests.cli import run
from tests.factories import diplomatic
from tracker.app import Tracker
from tracker.changes.durations import day_back, moment_back
from tracker.cli.common import instant_after, stamp

TODAY = datetime.now(UTC).date()


def _log(path: Path) -> str:
    """A log with a signing learned now about last month; returns a moment before it."""
    with Tracker.open(path) as t:
        t.record(diplomatic(AgreementSigned, occurred="2024-06-01", agreement="Trade Accord"))
        t.run_followers()
        moment = instant_after(t.store.last_recorded_at())
        late = (TODAY - timedelta(days=30)).isoformat()
        t.record(
            diplomatic(AgreementSigned, occurred=late, agreement="Charter on Strategic Partnership")
        )
        t.run_followers()
    return stamp(moment)


def test_learned_since_and_since_answer_different_questions(db_path: Path) -> None:
    _log(db_path)
    learned = run("changes", "--learned-since", "1d", db=db_path)
    assert learned.returncode == 0, learned.stderr
    assert "the Charter on Strategic Partnership: signed" in learned.stdout
    assert "now strategic partnership" in learned.stdout
    happened = run("changes", "--since", "1d", db=db_path)
    assert happened.returncode == 0
    assert "Charter" not in happened.stdout and ": 0 changes" in happened.stdout
    month = run("changes", "--since", "2m", "--json", db=db_path)
    rows = json.loads(month.stdout)
    assert {r["kind"] for r in rows} >= {"agreement", "label"}
    assert all(r["relationship"] == "ARM-USA" for r in rows)
    assert "signed" in {r["change"]["after"] for r in rows}
    sources = [s for r in rows for s in r["sources"]]
    assert sources and sources[0]["url"] == "https://news.example.org/a1"


def test_filters_and_bad_input(db_path: Path) -> None:
    moment = _log(db_path)
    only = run("changes", "--learned-since", moment, "--kind", "agreement", "--json", db=db_path)
    assert [r["change"]["name"] for r in json.loads(only.stdout)] == [
        "Charter on Strategic Partnership"
    ]
    other = run("changes", "--since", "1y", db=db_path)
    assert other.returncode == 2 and "neither a date nor a duration" in other.stderr
    both = run("changes", "--since", "7d", "--learned-since", "1d", db=db_path)
    assert both.returncode == 2 and "one or the other" in both.stderr
    nobody = run("changes", "--actor", "Atlantis", db=db_path)
    assert nobody.returncode == 2
    pair = run("changes", "--relationship", "ARM", db=db_path)
    assert pair.returncode == 2 and "ARM-USA" in pair.stderr
    assert run(
        "changes", "--relationship", "ARM-FRA", "--since", "1m", db=db_path
    ).stdout.startswith("Happened")


def test_atom_feed_parses_and_keeps_its_ids_across_a_rebuild(db_path: Path) -> None:
    moment = _log(db_path)
    first = run("changes", "--learned-since", moment, "--format", "atom", db=db_path)
    feed = feedparser.parse(first.stdout)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert len(feed.entries) >= 2
    entry = next(e for e in feed.entries if "Charter" in e.title)
    assert entry.id.startswith("urn:uuid:")
    assert "Armenia and the United States" in entry.title
    assert any(link.href == "https://news.example.org/a1" for link in entry.links)
    assert run("replay", "--rebuild", db=db_path).returncode == 0
    again = feedparser.parse(
        run("changes", "--learned-since", moment, "--format", "atom", db=db_path).stdout
    )
    assert [e.id for e in again.entries] == [e.id for e in feed.entries]
    assert [e.updated for e in again.entries] == [e.updated for e in feed.entries]


def test_diff_shows_both_states_and_the_changes(seed_db: Path) -> None:
    shown = run("diff", "ARM", "USA", "--from", "2024-12-31", "--to", "2025-06-30", db=seed_db)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0] == "Armenia – United States"
    assert "2024-12-31" in lines[2] and "2025-06-30" in lines[2]
    assert any(line.startswith("label") for line in lines)
    assert "From 2024-12-31 to 2025-06-30:" in shown.stdout
    data = json.loads(
        run(
            "diff", "USA", "ARM", "--from", "2024-12-31", "--to", "2025-06-30", "--json", db=seed_db
        ).stdout
    )
    assert data["before"]["as_of"] == "2024-12-31" and data["after"]["as_of"] == "2025-06-30"
    assert data["changes"]
    bad = run("diff", "ARM", "USA", "--from", "June", "--to", "2025-06-30", db=seed_db)
    assert bad.returncode == 2 and "--from" in bad.stderr


def test_durations() -> None:
    today = date(2025, 3, 31)
    assert day_back("7d", "--since", today) == date(2025, 3, 24)
    assert day_back("2w", "--since", today) == date(2025, 3, 17)
    assert day_back("1m", "--since", today) == date(2025, 2, 28)
    assert day_back("2025-01-01", "--since", today) == date(2025, 1, 1)
    now = datetime(2025, 3, 31, 12, tzinfo=UTC)
    assert moment_back("1d", "--learned-since", now) == datetime(2025, 3, 30, 12, tzinfo=UTC)
    assert moment_back("2025-03-01T00:00Z", "--learned-since", now) == datetime(
        2025, 3, 1, tzinfo=UTC
    )
