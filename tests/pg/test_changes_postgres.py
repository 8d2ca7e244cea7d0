"""The marks of the changes (tracker.changes.stored) on PostgreSQL: what SQLite keeps for the
same log, rebuilt alike, checked by verify, and read into the same changes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from tests.pg.test_states_postgres import KEY, _batches, _history
from tracker.app import Tracker
from tracker.changes import happened
from tracker.changes import stored as stored_marks
from tracker.cli import cli
from tracker.store import side

pytestmark = pytest.mark.postgresql


def _marks(conn: side.SqlConnection) -> list[tuple[object, ...]]:
    rows = conn.execute(
        "SELECT relationship, fact, day, value, record FROM change_marks "
        "ORDER BY relationship, fact, day"
    )
    return [tuple(r) for r in rows.fetchall()]


def test_the_marks_on_postgresql_are_those_sqlite_keeps_and_give_the_same_changes(
    tmp_path: Path, pg_database: str
) -> None:
    with Tracker.open(tmp_path / "t.db") as lite, Tracker.open(pg_database) as pg:
        batches = _batches()
        _history(lite, batches)
        _history(pg, batches)
        marks = _marks(pg.store.tables)  # type: ignore[attr-defined]
        assert marks == _marks(lite.store.conn)
        assert len(marks) > 20
        assert stored_marks.current(pg.store)
        window = (date(2024, 12, 1), date(2025, 6, 30))
        on_pg = happened(pg.store, *window)
        on_file = happened(lite.store, *window)
        # The same changes (each log learned them at its own moment).
        assert [c.model_dump(exclude={"learned_at"}) for c in on_pg] == [
            c.model_dump(exclude={"learned_at"}) for c in on_file
        ]
        assert {"agreement", "contact", "label"} <= {c.kind for c in on_pg}
        walked = happened(pg.store, *window, fast=False)
        assert [c.model_dump() for c in walked] == [c.model_dump() for c in on_pg]


def test_a_rebuild_on_postgresql_writes_the_followers_marks_and_verify_checks_them(
    pg_database: str,
) -> None:
    with Tracker.open(pg_database) as t:
        _history(t)
        followed = _marks(t.store.tables)  # type: ignore[attr-defined]
        result = CliRunner().invoke(cli, ["replay", "--rebuild", "--db", pg_database])
        assert result.exit_code == 0, result.output
        assert _marks(t.store.tables) == followed  # type: ignore[attr-defined]
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(
            "UPDATE change_marks SET value = 'hostile' WHERE relationship = %s AND fact = 'label'",
            (KEY,),
        )
    result = CliRunner().invoke(cli, ["verify", "--json", "--db", pg_database])
    assert result.exit_code == 1, result.output
    assert f"changes of {KEY}" in result.output
