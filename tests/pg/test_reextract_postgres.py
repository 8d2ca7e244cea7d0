"""``tracker reextract`` on a PostgreSQL log: the same reconciliation as on the SQLite file it
was migrated from, its readings recorded on the server with each article's transaction."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from tests.integration.test_reextract import stale_log
from tracker.app import Tracker
from tracker.cli import cli
from tracker.extract.reextract import reextract
from tracker.store import side
from tracker.store.readings import versions

pytestmark = pytest.mark.postgresql


def _log(t: Tracker) -> list[tuple[str, str]]:
    return [(str(r.event.event_id), r.event_type) for r in t.store.read()]


def test_reextract_on_postgresql_reconciles_as_on_sqlite(tmp_path: Path, pg_database: str) -> None:
    path = tmp_path / "stale.db"
    stale_log(path, 6)
    migrated = CliRunner().invoke(cli, ["migrate", "--db", str(path), "--to", pg_database])
    assert migrated.exit_code == 0, migrated.output
    with Tracker.open(path) as lite, Tracker.open(pg_database) as pg:
        on_file, on_server = reextract(lite), reextract(pg)
        assert on_server == on_file
        assert on_server.appended and on_server.retracted  # the stale log had work to do
        assert _log(pg) == _log(lite)
        assert dict(pg.projection.stored_texts()) == dict(lite.projection.stored_texts())
        recorded = versions(side.table_connection(pg.store))
        assert recorded == versions(lite.store.conn)
        assert len(recorded) == 6
        assert reextract(pg).articles == 0  # read by this version already
    verified = CliRunner().invoke(cli, ["verify", "--json", "--db", pg_database])
    assert verified.exit_code == 0, verified.output
    assert json.loads(verified.output)["ok"] is True
    # A reading whose recorded codings are not those live: verify says so, as on SQLite.
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute("UPDATE readings SET codings = '[]' WHERE article_id = 'art-0'")
    verified = CliRunner().invoke(cli, ["verify", "--json", "--db", pg_database])
    assert verified.exit_code == 1, verified.output
    assert "differ from their last reading" in json.loads(verified.output)["reason"]
