"""Event ids as a person types them: a prefix of 8 or more characters, marks in the log."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from tracker.cli import cli


def invoke(*args: str, db: Path) -> Result:
    return CliRunner().invoke(cli, [*args, "--db", str(db)])


def signed(tmp_path: Path, event_id: str, agreement: str) -> Path:
    path = tmp_path / f"{agreement}.json"
    event = {
        "type": "AgreementSigned",
        "event_id": event_id,
        "source": "ARM",
        "target": "USA",
        "occurred": "2025-01-14",
        "agreement": agreement,
    }
    path.write_text(json.dumps(event), encoding="utf-8")
    return path


def test_retract_and_confirm_take_a_prefix_and_the_log_marks_them(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    first = "1234abcd-0000-4000-8000-000000000001"
    second = "5678ef01-0000-4000-8000-000000000002"
    for event_id, name in ((first, "Charter"), (second, "Accord")):
        assert (
            invoke("record", "--file", str(signed(tmp_path, event_id, name)), db=db).exit_code == 0
        )

    retracted = invoke("retract", "1234ABCD", "--reason", "misread", db=db)
    assert retracted.exit_code == 0, retracted.output
    assert f"retracted {first}" in retracted.output
    confirmed = invoke("confirm", "5678ef01-00", db=db)
    assert confirmed.exit_code == 0, confirmed.output

    log = invoke("log", db=db).output
    assert "[retracted]" in log and "[confirmed]" in log
    assert "Armenia and the" in log and "AgreementSigned" not in log


def test_a_short_unknown_or_ambiguous_prefix_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    for n, name in enumerate(("Charter", "Accord")):
        event_id = f"aaaabbbb-0000-4000-8000-00000000000{n}"
        assert (
            invoke("record", "--file", str(signed(tmp_path, event_id, name)), db=db).exit_code == 0
        )

    short = invoke("retract", "aaaa", "--reason", "x", db=db)
    assert short.exit_code == 2 and "at least 8 characters" in short.output
    unknown = invoke("confirm", "ffffffff", db=db)
    assert unknown.exit_code == 2 and "no event id starts with 'ffffffff'" in unknown.output
    ambiguous = invoke("retract", "aaaabbbb", "--reason", "x", db=db)
    assert ambiguous.exit_code == 2
    assert "more than one event id" in ambiguous.output
    assert "aaaabbbb-0000-4000-8000-000000000000" in ambiguous.output
    assert "aaaabbbb-0000-4000-8000-000000000001" in ambiguous.output


def test_record_suggests_the_closest_type_and_lists_them_in_help(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    typo = invoke("record", "AgreementSiged", "--source", "ARM", "--target", "USA", db=db)
    assert typo.exit_code == 2
    assert "did you mean AgreementSigned" in typo.output
    help_text = CliRunner().invoke(cli, ["record", "--help"], terminal_width=80).output
    assert "Event types:" in help_text and "VisitMade" in help_text
    assert max(len(line) for line in help_text.splitlines()) <= 80
    for command in ("retract", "confirm"):
        described = CliRunner().invoke(cli, [command, "--help"]).output
        assert "Who does it" in described
