"""The state commands on the seeded US-Armenia timeline, as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tests.cli import run
from tests.conftest import ROOT
from tracker.cli import cli


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the hand-recorded seed timeline (seeds/timeline.jsonl)."""
    path = tmp_path_factory.mktemp("seeded") / "seeded.db"
    result = invoke("import", str(ROOT / "seeds" / "timeline.jsonl"), "--db", str(path))
    assert result.exit_code == 0, result.output
    return path


def state(db: Path, *args: str) -> dict[str, Any]:
    result = invoke("state", *args, "--db", str(db), "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def by_name(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["name"]: item for item in items}


def test_state_json_has_every_key(demo_db: Path) -> None:
    data = state(demo_db, "ARM", "USA")
    for key in (
        "relationship",
        "as_of",
        "known_at",
        "label",
        "agreements",
        "memberships",
        "commitments",
        "last_contact",
        "last_high_level_contact",
        "areas",
        "tone",
        "sources",
    ):
        assert key in data
    for fact in data["agreements"] + data["commitments"]:
        assert {"name", "status", "status_date"} <= fact.keys()
        assert {"confidence", "independent_sources"} <= fact.keys()
        assert fact["independent_sources"] >= 1


def test_before_the_charter_there_is_no_charter(demo_db: Path) -> None:
    data = state(demo_db, "Armenia", "united states", "--as-of", "2025-01-13")
    assert data["relationship"] == "ARM-USA"
    assert "Charter on Strategic Partnership" not in by_name(data["agreements"])
    assert data["label"] != "strategic partnership"


def test_the_day_after_the_charter_is_signed(demo_db: Path) -> None:
    data = state(demo_db, "USA", "ARM", "--as-of", "2025-01-15")
    charter = by_name(data["agreements"])["Charter on Strategic Partnership"]
    assert (charter["status"], charter["status_date"]) == ("signed", "2025-01-14")
    assert charter["sources"][0]["article_id"] == "seed-000"
    assert charter["event_ids"] == ["0608d43f-84cc-5752-9957-9c69fce8be04"]
    assert data["label"] == "strategic partnership"


def test_the_border_team_visit_commitment_ends_failed(demo_db: Path) -> None:
    during = by_name(state(demo_db, "ARM", "USA", "--as-of", "2025-01-20")["commitments"])
    assert during["VisitMade USA->ARM"]["status"] == "pending"
    visit = by_name(state(demo_db, "ARM", "USA")["commitments"])["VisitMade USA->ARM"]
    assert (visit["status"], visit["status_date"]) == ("failed", "2025-02")


def test_known_at_before_the_log_learned_anything(demo_db: Path) -> None:
    data = state(demo_db, "ARM", "USA", "--known-at", "2000-01-01T00:00Z")
    assert data["agreements"] == [] and data["label"] == "no recorded relations"


def test_human_output_is_a_panel(demo_db: Path) -> None:
    result = invoke("state", "ARM", "USA", "--as-of", "2025-01-15", "--db", str(demo_db))
    assert result.exit_code == 0
    assert "strategic partnership" in result.output
    assert "Charter on Strategic" in result.output
    assert "last contact: 14 Jan 2025, agreement signed: Charter on Strategic" in " ".join(
        result.output.replace("│", " ").split()
    )


def test_relations_timeline_and_replay(demo_db: Path) -> None:
    rows = json.loads(
        invoke("relations", "--actor", "Armenia", "--json", "--db", str(demo_db)).output
    )
    labels = {r["relationship"]: r["label"] for r in rows}
    assert labels["ARM-USA"] == "strategic partnership" and labels["ARM-CSTO"] == "leaving"
    entries = json.loads(invoke("timeline", "ARM", "USA", "--json", "--db", str(demo_db)).output)
    assert [e["occurred"] for e in entries] == sorted(e["occurred"] for e in entries)
    # JSON keeps the identifiers: the visit's commitment failed.
    failed = [c for e in entries for c in e["changes"] if c["kind"] == "commitment"]
    assert ("pending", "failed", "planned") in {
        (c["before"], c["after"], c["commitment"]) for c in failed
    }
    steps = json.loads(
        invoke("replay", "--until-position", "5", "--json", "--db", str(demo_db)).output
    )
    assert [s["position"] for s in steps] == [1, 2, 3, 4, 5]
    rebuilt = json.loads(invoke("replay", "--rebuild", "--json", "--db", str(demo_db)).output)
    assert rebuilt["checkpoint"] == 12
    assert invoke("verify", "--db", str(demo_db)).exit_code == 0


def test_bad_input_gets_a_message_not_a_traceback(demo_db: Path, tmp_path: Path) -> None:
    for args, words in [
        (("state", "Armenya", "USA"), "Armenia (ARM)"),
        (("state", "ARM", "ARM"), "two different actors"),
        (("state", "ARM", "USA", "--as-of", "13/01/2025"), "--as-of"),
        (("replay", "--rebuild", "--until", "2025-01-01"), "--rebuild"),
    ]:
        result = run(*args, "--db", str(demo_db))
        assert result.returncode == 2, result.stderr
        assert words in result.stderr and "Traceback" not in result.stderr
    missing = run("state", "ARM", "USA", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 2 and "tracker demo" in missing.stderr


def test_state_path_imports_no_feed_scheduler_or_nlp() -> None:
    code = (
        "import sys, tracker.cli, tracker.cli.state_commands, tracker.app, tracker.queries, "
        "tracker.cli.state_render; "
        "heavy = ('httpx', 'apscheduler', 'spacy', 'feedparser', 'fastapi'); "
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
