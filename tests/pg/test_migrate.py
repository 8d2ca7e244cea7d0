"""`tracker migrate --to postgresql://...`: the same log, states, timeline and verify."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

import seeds
from events import AgreementSigned, MeetingHeld
from tests.factories import article, diplomatic
from tracker.app import Tracker
from tracker.cli import cli
from tracker.event_json import read_jsonl
from tracker.projections import fold
from tracker.queries.rows import relationship_events
from tracker.queries.timeline import timeline
from tracker.store import Checkpoint, EventStore, LogStore
from tracker.store.postgres_store import PostgresStore

pytestmark = pytest.mark.postgresql


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "source.db"
    with EventStore.open(path) as store:
        store.append(list(read_jsonl(Path(str(seeds.path("timeline.jsonl"))))))
    return path


def _migrate(source: Path, url: str) -> dict[str, object]:
    result = CliRunner().invoke(cli, ["migrate", "--db", str(source), "--to", url, "--json"])
    assert result.exit_code == 0, result.output
    found: dict[str, object] = json.loads(result.stdout)
    return found


def _answers(store: LogStore) -> list[object]:
    answers: list[object] = []
    for key in store.relationships():
        for day in (date(2025, 1, 13), date(2025, 6, 30), date(2026, 1, 1)):
            answers.append(fold(key, relationship_events(store, key, as_of=day), as_of=day))
        answers.append(timeline(store, key))
    return answers


def test_a_migrated_log_gives_the_same_states_timeline_and_verify(
    source: Path, pg_database: str
) -> None:
    report = _migrate(source, pg_database)
    with EventStore.open(source) as lite, PostgresStore.open(pg_database) as pg:
        head = lite.head()
        assert report["copied"] == head and report["ok"] is True
        assert (
            report["source"]
            == report["target"]
            == {
                "ok": True,
                "events": head,
                "broken_at": None,
                "reason": None,
            }
        )
        assert list(pg.read()) == list(lite.read())
        assert pg.relationships() == lite.relationships()
        assert _answers(pg) == _answers(lite)


def test_migrating_again_continues_where_it_stopped(source: Path, pg_database: str) -> None:
    first = _migrate(source, pg_database)
    with EventStore.open(source) as lite:
        lite.append([diplomatic(MeetingHeld), diplomatic(AgreementSigned)])
        head = lite.head()
    again = _migrate(source, pg_database)
    assert (again["from_position"], again["copied"], again["head"]) == (first["head"], 2, head)
    assert _migrate(source, pg_database)["copied"] == 0
    with PostgresStore.open(pg_database) as pg:
        # The target is a live log: appends continue its chain.
        pg.append([diplomatic(MeetingHeld)])
        assert pg.verify().ok and pg.head() == head + 1


def test_a_target_holding_another_log_is_refused(
    source: Path, pg_database: str, tmp_path: Path
) -> None:
    with PostgresStore.open(pg_database) as pg:
        pg.append([diplomatic(MeetingHeld)])
    result = CliRunner().invoke(cli, ["migrate", "--db", str(source), "--to", pg_database])
    assert result.exit_code == 1
    assert "another log" in result.output
    with psycopg.connect(pg_database) as conn:
        assert conn.execute("SELECT COUNT(*) FROM events").fetchone() == (1,)


def test_a_file_path_as_target_is_bad_input(source: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["migrate", "--db", str(source), "--to", str(tmp_path / "x.db")]
    )
    assert result.exit_code == 2
    assert "give a PostgreSQL URL" in result.output


def test_extraction_s_checkpoint_comes_along_and_the_projection_s_does_not(
    tmp_path: Path, pg_database: str
) -> None:
    path = tmp_path / "articles.db"
    with EventStore.open(path) as lite:
        lite.append([article(), diplomatic(MeetingHeld)])
        lite.append([], checkpoint=Checkpoint("extraction", 0, 1))
        lite.append([], checkpoint=Checkpoint("projection", 0, 2))
    _migrate(path, pg_database)
    with PostgresStore.open(pg_database) as pg:
        assert (pg.checkpoint("extraction"), pg.checkpoint("projection")) == (1, 0)


def test_extraction_runs_on_postgresql_from_its_checkpoint(
    demo_db: Path, tmp_path: Path, pg_database: str
) -> None:
    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    with sqlite3.connect(path) as conn:  # as if extraction had never run on this log
        conn.execute("DELETE FROM processor_checkpoints WHERE name = 'extraction'")
    _migrate(path, pg_database)
    with Tracker.open(pg_database) as t:
        head = t.store.head()
        last_article = [r.position for r in t.log(types=["ArticleIngested"])][-1]
        # Every article read again on PostgreSQL: the same events, already in the log.
        assert t.run_followers() == []
        assert t.store.head() == head
        assert t.store.checkpoint("extraction") == last_article
