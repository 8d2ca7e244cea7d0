"""Bad input and bad files on the command line: a message and an exit code, never a traceback.

Usage errors exit 2, a file the tracker cannot use exits 1; the message says what was wrong
and what to do, and quotes at most ~80 characters of what was typed.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import ROOT
from tracker.cli import cli
from tracker.errors import QUOTE_LIMIT, quoted


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def refused(result: Result, code: int, *words: str) -> None:
    """Ended by a message (every word in it) and ``code``, not by an exception."""
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output, result.output


@pytest.fixture
def db(seed_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy.db"
    shutil.copy(seed_db, copy)
    return copy


def _ids(db: Path) -> list[str]:
    result = run("log", "--db", str(db), "--json")
    assert result.exit_code == 0, result.output
    return [row["event_id"] for row in json.loads(result.output)]


@pytest.mark.parametrize(
    "args",
    [
        ("state", "ARM", "USA", "--as-of", "0001-01-01"),
        ("state", "ARM", "USA", "--as-of", "9999-12-31"),
        ("relations", "--as-of", "0001-01-02"),
        ("state", "ARM", "USA", "--known-at", "0001-01-01T00:00+01:00"),
        ("state", "ARM", "USA", "--known-at", "9999-12-31T23:00-05:00"),
        ("log", "--known-at", "0001-01-01T00:30+14:00"),
    ],
)
def test_dates_past_the_calendar_are_refused(db: Path, args: tuple[str, ...]) -> None:
    refused(run(*args, "--db", str(db)), 2, "outside the dates", "1000-01-01 to 9998-12-31")


@pytest.mark.parametrize("position", ["1e30", "99999999999999999999999", "-1"])
def test_a_position_no_log_can_reach_is_refused(db: Path, position: str) -> None:
    refused(run("replay", "--until-position", position, "--db", str(db)), 2, "--until-position")


def test_an_import_with_a_line_not_in_utf8_names_the_line(db: Path, tmp_path: Path) -> None:
    lines = (ROOT / "seeds" / "timeline.jsonl").read_bytes().splitlines(keepends=True)
    events = [line for line in lines if line.startswith(b"{")]
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(events[0] + events[1].replace(b"Armenia", b"Armenia\xff\xfe", 1))
    before = len(_ids(db))
    refused(run("import", str(bad), "--db", str(db)), 2, "bad.jsonl:2:", "not UTF-8")
    assert len(_ids(db)) == before  # all or nothing


def test_an_import_naming_an_unknown_actor_is_refused_like_record(db: Path, tmp_path: Path) -> None:
    event = {
        "type": "MeetingHeld",
        "source": "ARM",
        "target": "XYZ",
        "occurred": "2025-03-01",
    }
    (tmp_path / "one.jsonl").write_text(json.dumps(event) + "\n", encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps(event), encoding="utf-8")
    before = len(_ids(db))
    refused(
        run("import", str(tmp_path / "one.jsonl"), "--db", str(db)),
        2,
        "one.jsonl:1:",
        "target: unknown actor 'XYZ'",
    )
    refused(
        run("record", "--file", str(tmp_path / "one.json"), "--db", str(db)),
        2,
        "unknown actor 'XYZ'",
    )
    flags = ("--source", "ARM", "--target", "XYZ", "--date", "2025-03-01")
    refused(run("record", "MeetingHeld", *flags, "--db", str(db)), 2, "unknown actor 'XYZ'")
    assert len(_ids(db)) == before


def test_an_alias_written_as_a_code_is_refused_with_its_code(db: Path, tmp_path: Path) -> None:
    event = {"type": "MeetingHeld", "source": "ARM", "target": "DRC", "occurred": "2025-03-01"}
    (tmp_path / "one.jsonl").write_text(json.dumps(event) + "\n", encoding="utf-8")
    refused(run("import", str(tmp_path / "one.jsonl"), "--db", str(db)), 2, "(COD)?")


def test_a_retraction_needs_a_reason(db: Path) -> None:
    subject = _ids(db)[0]
    for reason in ("", "   "):
        refused(run("retract", subject, "--reason", reason, "--db", str(db)), 2, "reason")


def test_an_event_is_retracted_once_and_a_retraction_never(db: Path) -> None:
    subject = _ids(db)[0]
    first = run("retract", subject, "--reason", "misread", "--db", str(db), "--json")
    assert first.exit_code == 0, first.output
    retraction = json.loads(first.output)["event_id"]
    count = len(_ids(db))

    refused(run("retract", subject, "--reason", "again", "--db", str(db)), 2, "retracted already")
    refused(
        run("retract", retraction, "--reason", "undo", "--db", str(db)),
        2,
        "is a retraction, which cannot be retracted",
    )
    assert len(_ids(db)) == count  # nothing appended


def test_messages_quote_at_most_80_characters_of_the_input(db: Path) -> None:
    typed = "Armenia" * 300
    result = run("state", typed, "USA", "--db", str(db))
    refused(result, 2, "unknown actor", "\u2026")
    assert typed[:QUOTE_LIMIT] not in result.output and len(result.output) < 400
    result = run("state", "ARM", "USA", "--as-of", "2025-" * 100, "--db", str(db))
    refused(result, 2, "is not a date", "\u2026")
    assert len(quoted("x" * 1000)) == QUOTE_LIMIT + 2  # the quotes around it


def _damage(db: Path, table: str = "events") -> None:
    """Overwrite the root page of ``table`` with bytes SQLite cannot read."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    conn.close()
    with db.open("r+b") as handle:
        handle.seek((root[0] - 1) * page_size)
        handle.write(b"\xde\xad\xbe\xef" * (page_size // 4))


def test_verify_reports_a_damaged_file_as_damaged(db: Path) -> None:
    _damage(db)
    result = run("verify", "--db", str(db))
    refused(result, 1, "DAMAGED", "integrity check", ".recover")
    as_json = run("verify", "--db", str(db), "--json")
    assert as_json.exit_code == 1
    report = json.loads(as_json.output)
    assert report["damaged"] is True and report["integrity_check"]


@pytest.mark.parametrize("args", [("state", "ARM", "USA"), ("log",), ("replay",)])
def test_commands_over_a_damaged_file_say_so(db: Path, args: tuple[str, ...]) -> None:
    _damage(db)
    refused(run(*args, "--db", str(db)), 1, "is damaged", "tracker verify")


def test_a_sound_file_passes_the_integrity_check(db: Path) -> None:
    result = run("verify", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "DAMAGED" not in result.output


def test_writing_a_read_only_database_is_explained(db: Path) -> None:
    from tracker.store.failures import database_error

    # SQLite's own refusal, from a connection it opened read-only (root writes any file, so
    # the permission bits alone cannot show it everywhere; the test below does where they can).
    reader = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as caught:
        reader.execute("INSERT INTO schema_versions VALUES ('x', 1)")
    reader.close()
    error = database_error("tracker.db", caught.value)
    assert error is not None and "tracker.db cannot be written" in str(error)
    assert "writable" in str(error)


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes read-only files"
)
@pytest.mark.parametrize("args", [("status",), ("record", "MeetingHeld")])
def test_a_read_only_database_is_refused_with_a_message(
    seed_db: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "ro.db"
    shutil.copy(seed_db, db)
    flags = ("--source", "ARM", "--target", "USA", "--date", "2025-03-01")
    db.chmod(0o444)
    folder.chmod(0o555)
    try:
        extra = flags if args[0] == "record" else ()
        refused(run(*args, *extra, "--db", str(db)), 1, "cannot be written", "writable")
    finally:
        folder.chmod(0o755)
