"""The log commands as a user runs them: real files, exit codes, no tracebacks (in-process,
tests/cli.py; the demo's smoke test runs as a process of its own)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli import Ran, run
from tests.conftest import ROOT


def ok(result: Ran) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_record_log_retract_verify(db_path: Path) -> None:
    ok(run("init", db=db_path))
    out = ok(
        run(
            "record",
            "AgreementSigned",
            "--source",
            "Armenia",
            "--target",
            "u.s.",
            "--date",
            "2025-01-14",
            "--agreement",
            "Charter on Strategic Partnership",
            "--area",
            "economy",
            "--url",
            "https://news.example.org/a",
            "--json",
            db=db_path,
        )
    )
    event_id = json.loads(out)["event_id"]
    rows = json.loads(ok(run("log", "--json", db=db_path)))
    assert [r["type"] for r in rows] == ["AgreementSigned"]
    assert (rows[0]["source"], rows[0]["target"]) == ("ARM", "USA")
    assert rows[0]["evidence"][0]["url"] == "https://news.example.org/a"
    retraction = json.loads(
        ok(run("retract", event_id, "--reason", "wrong date", "--json", db=db_path))
    )
    assert (retraction["subject"], retraction["type"], retraction["position"]) == (
        event_id,
        "EventRetracted",
        2,
    )
    rows = json.loads(ok(run("log", "--json", "--relationship", "USA-Armenia", db=db_path)))
    assert [r["type"] for r in rows] == ["AgreementSigned", "EventRetracted"]
    assert "2 events, hash chain intact" in ok(run("verify", db=db_path))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [
                "record",
                "AgreementSigned",
                "--source",
                "Armenai",
                "--target",
                "USA",
                "--date",
                "2025-01-14",
                "--agreement",
                "X",
            ],
            "Did you mean",
        ),
        (
            [
                "record",
                "AgreementSigned",
                "--source",
                "ARM",
                "--target",
                "USA",
                "--date",
                "2025-14-01",
                "--agreement",
                "X",
            ],
            "not a calendar date",
        ),
        (
            [
                "record",
                "AgreementSignd",
                "--source",
                "ARM",
                "--target",
                "USA",
                "--date",
                "2025-01-14",
            ],
            "unknown event type",
        ),
        (
            [
                "record",
                "AgreementSigned",
                "--source",
                "ARM",
                "--target",
                "USA",
                "--date",
                "2025-01-14",
            ],
            "agreement",
        ),
        # No database at --db: a typo must not create one (ids: test_cli_event_ids.py).
        (["retract", "not-a-uuid", "--reason", "x"], "no tracker database"),
        (["confirm", "7f2b6c1e-0000-4000-8000-000000000001"], "no tracker database"),
        (["log", "--since", "yesterday"], "not a date"),
        (["log", "--relationship", "ARM"], "two actors"),
    ],
)
def test_bad_input_gets_a_clear_error_and_no_traceback(
    db_path: Path, args: list[str], message: str
) -> None:
    result = run(*args, db=db_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_verify_exits_1_and_names_the_broken_position(db_path: Path) -> None:
    for day in ("10", "11", "12"):
        ok(
            run(
                "record",
                "MeetingHeld",
                "--source",
                "ARM",
                "--target",
                "AZE",
                "--date",
                f"2025-01-{day}",
                db=db_path,
            )
        )
    raw = sqlite3.connect(db_path)
    raw.execute("DROP TRIGGER events_no_update")
    raw.execute("UPDATE events SET recorded_at = '2020-01-01' WHERE position = 2")
    raw.commit()
    raw.close()
    result = run("verify", db=db_path)
    assert result.returncode == 1
    assert "BROKEN at position 2" in result.stderr
    data = json.loads(run("verify", "--json", db=db_path).stdout)
    assert (data["ok"], data["broken_at"]) == (False, 2)


def test_import_is_all_or_nothing(db_path: Path, tmp_path: Path) -> None:
    good = {"type": "MeetingHeld", "source": "ARM", "target": "AZE", "occurred": "2025-01-10"}
    bad = {"type": "MeetingHeld", "source": "ARM", "target": "AZE", "occurred": "2025-99"}
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in [good, good | {"note": "2"}, bad]) + "\n")
    ok(run("init", "--no-feeds", db=db_path))
    result = run("import", str(path), db=db_path)
    assert result.returncode == 2
    assert "events.jsonl:3" in result.stderr
    assert json.loads(ok(run("log", "--json", db=db_path))) == []
    path.write_text("\n".join(json.dumps(x) for x in [good, good | {"note": "2"}]) + "\n")
    assert "2 events appended" in ok(run("import", str(path), db=db_path))


def test_seed_timeline_imports_idempotently(db_path: Path) -> None:
    timeline = str(ROOT / "seeds" / "timeline.jsonl")
    first = json.loads(ok(run("import", timeline, "--json", db=db_path)))
    again = json.loads(ok(run("import", timeline, "--json", db=db_path)))
    assert first["appended"] == first["read"] > 10
    assert (again["appended"], again["already_present"]) == (0, first["read"])


def test_the_demo_runs_as_a_process_of_its_own(tmp_path: Path) -> None:
    # The smoke test of the installed entry point: a fresh interpreter, the NLP pipeline
    # loaded from nothing, the whole pipeline run.
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "demo", "--db", str(tmp_path / "demo.db")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "hash chain: intact" in done.stdout and "Traceback" not in done.stderr


def test_demo_replaces_an_earlier_demo_and_refuses_other_files(
    demo_db: Path, tmp_path: Path
) -> None:
    earlier = tmp_path / "demo.db"
    earlier.write_bytes(demo_db.read_bytes())
    assert "hash chain: intact" in ok(run("demo", "--db", str(earlier)))
    precious = tmp_path / "precious.db"
    sqlite3.connect(precious).execute("CREATE TABLE t (x)").connection.commit()
    result = run("demo", "--db", str(precious))
    assert result.returncode == 2 and "not a demo database" in result.stderr
    assert precious.exists()


def test_init_adds_the_bundled_feed_list_once(db_path: Path, tmp_path: Path) -> None:
    assert "feeds added from the bundled list" in ok(run("init", db=db_path))
    again = ok(run("init", db=db_path))
    assert "feeds added" not in again
    feeds = json.loads(ok(run("feeds", "list", "--json", db=db_path)))
    assert any("civilnet" in f["url"] for f in feeds)
    bare = tmp_path / "bare.db"
    ok(run("init", "--no-feeds", db=bare))
    assert json.loads(ok(run("feeds", "list", "--json", db=bare))) == []


@pytest.mark.parametrize(
    "command",
    [["log"], ["verify"], ["export"], ["status"], ["feeds", "list"], ["timeline", "ARM", "USA"]],
)
def test_reading_a_missing_database_is_an_error_and_creates_nothing(
    tmp_path: Path, command: list[str]
) -> None:
    typo = tmp_path / "trackre.db"
    result = run(*command, db=typo)
    assert result.returncode == 2
    assert "no tracker database at" in result.stderr
    assert not typo.exists()
