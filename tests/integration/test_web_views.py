"""The SQL views that make `datasette tracker.db` useful, and the serve/views commands."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.cli import run
from tracker.cli import cli
from tracker.db import connect
from tracker.feeds.schema import ensure_feed_tables
from tracker.web.readonly import open_readonly
from tracker.web.views import ensure_views


@pytest.fixture
def demo_copy(seed_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "demo.db"
    shutil.copy(seed_db, copy)
    return copy


def test_views_command_creates_state_and_timeline_views(demo_copy: Path) -> None:
    result = CliRunner().invoke(cli, ["views", "--db", str(demo_copy)])
    assert result.exit_code == 0, result.output
    assert "relationship_states_now, timeline_with_sources" in result.output
    assert f"datasette {demo_copy}" in result.output
    with sqlite3.connect(demo_copy) as conn:
        agreements, events, relations = conn.execute(
            "SELECT agreements, events, diplomatic_relations FROM relationship_states_now "
            "WHERE relationship = 'ARM-USA'"
        ).fetchone()
        assert "Charter on Strategic Partnership: signed 2025-01-14" in agreements
        assert events == 6
        assert relations is None  # no break or restoration of relations is in the timeline
        rows = conn.execute(
            "SELECT event_type, modality, article_id FROM timeline_with_sources "
            "WHERE relationship = 'ARM-USA' ORDER BY occurred_start"
        ).fetchall()
    assert len(rows) == 6 and ("AgreementSigned", "realized", "seed-000") in rows


def test_feed_status_view_appears_once_the_feed_tables_exist(demo_copy: Path) -> None:
    conn = connect(demo_copy)
    assert "feed_status" not in ensure_views(conn)
    ensure_feed_tables(conn)
    conn.execute(
        "INSERT INTO feeds (name, url, interval_seconds, added_at) "
        "VALUES ('azatutyun', 'https://example.org/rss', 900, '2025-01-01')"
    )
    conn.execute("INSERT INTO feed_health (feed, last_error) VALUES ('azatutyun', 'timeout')")
    assert "feed_status" in ensure_views(conn)
    row = conn.execute("SELECT feed, last_error FROM feed_status").fetchone()
    assert row == ("azatutyun", "timeout")
    conn.close()


def test_views_in_place_need_no_write(demo_copy: Path) -> None:
    with connect(demo_copy) as conn:
        ensure_views(conn)
    readonly = open_readonly(demo_copy)
    assert ensure_views(readonly) == ["relationship_states_now", "timeline_with_sources"]


def test_views_leave_retracted_events_visible_but_marked(demo_copy: Path) -> None:
    from tracker.app import Tracker

    with Tracker.open(demo_copy) as tracker:
        signed = next(e for e in tracker.log(types=["AgreementSigned"]))
        tracker.retract(signed.event.event_id, "test")
        ensure_views(tracker.store.conn)
        row = tracker.store.conn.execute(
            "SELECT retracted_at FROM timeline_with_sources WHERE event_type = 'AgreementSigned'"
        ).fetchone()
    assert row[0] is not None


def test_serve_refuses_a_missing_database_without_a_traceback(tmp_path: Path) -> None:
    absent = str(tmp_path / "absent.db")
    done = run("serve", "--db", absent)
    assert done.returncode == 2
    assert "no database at" in done.stderr and "Traceback" not in done.stderr
    assert not Path(absent).exists()  # serving never creates a database


def test_the_web_framework_stays_out_of_every_other_command() -> None:
    modules = [
        "tracker.cli",
        "tracker.cli.state_commands",
        "tracker.cli.web_commands",
        "tracker.app",
        "tracker.web.prepare",
        "tracker.web.data",
        "tracker.web.chart",
    ]
    code = (
        f"import sys, importlib; [importlib.import_module(m) for m in {modules!r}]; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'fastapi', 'starlette', 'uvicorn', 'jinja2'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_timeline_view_reads_the_demo_with_its_corroborations(
    demo_db: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "demo.db"
    shutil.copy(demo_db, copy)
    with connect(copy) as conn:
        assert "feed_status" in ensure_views(conn)  # the demo ingests a sample feed
        rows = conn.execute(
            "SELECT event_type, subject, url FROM timeline_with_sources "
            "WHERE relationship = 'ARM-USA'"
        ).fetchall()
    corroborations = [r for r in rows if r[0] == "EventCorroborated"]
    assert corroborations and all(r[1] and r[2] for r in corroborations)


def test_a_rebuild_keeps_the_views_over_the_table_it_swaps_in(demo_copy: Path) -> None:
    """`tracker serve` (and `tracker views`) leave a view over the stored states; a rebuild
    (`replay --rebuild`, or an upgrade whose projection changed) swaps a fresh table in under
    it. SQLite's rename checks every view against the schema and would fail on the one over
    the table just dropped."""
    assert CliRunner().invoke(cli, ["views", "--db", str(demo_copy)]).exit_code == 0
    result = CliRunner().invoke(cli, ["replay", "--rebuild", "--db", str(demo_copy)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(demo_copy) as conn:
        (events,) = conn.execute(
            "SELECT events FROM relationship_states_now WHERE relationship = 'ARM-USA'"
        ).fetchone()
    assert events == 6
