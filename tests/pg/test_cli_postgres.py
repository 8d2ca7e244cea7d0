"""The CLI with ``--db postgresql://...``: the same answers as on the SQLite file it came from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import seeds
from tracker.cli import cli
from tracker.event_json import read_jsonl
from tracker.store import EventStore

pytestmark = pytest.mark.postgresql

COMMANDS = [
    ["log", "--json"],
    ["log", "--relationship", "ARM-USA", "--json"],
    ["verify", "--json"],
    ["state", "ARM", "USA", "--as-of", "2025-01-13", "--json"],
    ["state", "ARM", "USA", "--as-of", "2025-06-30", "--known-at", "2030-01-01T00:00Z", "--json"],
    ["timeline", "ARM", "USA", "--json"],
    ["relations", "--json"],
    ["relations", "--actor", "ARM", "--as-of", "2025-01-13", "--json"],
    ["state", "ARM", "USA", "--json"],  # today: the stored state
    ["diff", "ARM", "USA", "--from", "2025-01-01", "--to", "2025-06-30", "--json"],
    ["changes", "--since", "2024-01-01", "--until", "2025-12-31", "--json"],
]


@pytest.fixture
def both(tmp_path: Path, pg_database: str) -> tuple[str, str]:
    path = tmp_path / "source.db"
    with EventStore.open(path) as store:
        store.append(list(read_jsonl(Path(str(seeds.path("timeline.jsonl"))))))
    result = CliRunner().invoke(cli, ["migrate", "--db", str(path), "--to", pg_database])
    assert result.exit_code == 0, result.output
    return str(path), pg_database


def _run(args: list[str], db: str) -> object:
    result = CliRunner().invoke(cli, [*args, "--db", db])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_a_command_answers_on_postgresql_as_on_sqlite(
    both: tuple[str, str], args: list[str]
) -> None:
    lite, pg = both
    answer = _run(args, pg)
    assert answer == _run(args, lite)
    assert answer  # the seed timeline has events, states and entries to show


def test_tracker_db_names_the_server_too(both: tuple[str, str]) -> None:
    lite, pg = both
    result = CliRunner().invoke(cli, ["verify"], env={"TRACKER_DB": pg})
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: ")


def test_views_for_datasette_say_they_are_for_a_file(both: tuple[str, str]) -> None:
    result = CliRunner().invoke(cli, ["views", "--db", both[1]])
    assert result.exit_code == 2, result.output
    assert "datasette" in result.output and "psql" in result.output


def test_the_demo_says_it_builds_a_file(both: tuple[str, str]) -> None:
    result = CliRunner().invoke(cli, ["demo", "--db", both[1]])
    assert result.exit_code == 2, result.output
    assert "tracker migrate --db demo.db" in result.output


def test_an_analyst_records_and_retracts_on_postgresql(both: tuple[str, str]) -> None:
    pg = both[1]
    runner = CliRunner()
    recorded = runner.invoke(
        cli,
        ["record", "MeetingHeld", "--source", "ARM", "--target", "USA", "--date", "2025-07-01",
         "--url", "https://example.org/m", "--db", pg],
    )  # fmt: skip
    assert recorded.exit_code == 0, recorded.output
    event_id = recorded.output.split()[2]
    retracted = runner.invoke(cli, ["retract", event_id, "--reason", "misread", "--db", pg])
    assert retracted.exit_code == 0, retracted.output
    log = _run(["log", "--json"], pg)
    assert isinstance(log, list)
    assert [e["type"] for e in log[-2:]] == ["MeetingHeld", "EventRetracted"]
    verified = _run(["verify", "--json"], pg)
    assert isinstance(verified, dict) and verified["ok"] is True
