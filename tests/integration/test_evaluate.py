"""``tracker evaluate``: the sample gold in full, the peer gold sets when ../shared is here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

import seeds
from tests.cli import run as run_cli
from tracker.cli import cli, main

SAMPLE_GOLD = str(seeds.path("sample_gold.jsonl"))


def run(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(cli, ["evaluate", *args, "--json"])
    assert result.exit_code == 0, result.output
    report: dict[str, object] = json.loads(result.output)
    return report


def test_sample_gold_every_event_with_parties_root_date_and_modality() -> None:
    report = run(SAMPLE_GOLD)
    overall = report["overall"]
    assert isinstance(overall, dict)
    assert (overall["fp"], overall["fn"]) == (0, 0) and overall["tp"] >= 20
    assert report["errors"] == []


def test_missing_gold_file_is_a_clear_error_without_traceback(tmp_path: Path) -> None:
    code = _exit_code(["evaluate", str(tmp_path / "absent.jsonl")])
    assert code == 2


def test_malformed_line_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "date": "2025-01-01", "expected": []}\n{"text": \n')
    proc = run_cli("evaluate", str(bad))
    assert proc.returncode == 2
    assert "line 2" in proc.stderr and "Traceback" not in proc.stderr


def test_peer_gold_sets(shared: Path) -> None:
    mapping = str(shared / "reference" / "CAMEO2PLOVER-2021.txt")
    petr = run(str(shared / "eval" / "petr2_gsr.jsonl"))
    plover = run(str(shared / "eval" / "plover_gsr.jsonl"), "--plover-map", mapping)
    for report in (petr, plover):
        overall = report["overall"]
        assert isinstance(overall, dict) and overall["tp"] > 0
    # Figures are reported in the engineer's note; this guards against a collapse.
    plover_overall = plover["overall"]
    assert isinstance(plover_overall, dict) and plover_overall["precision"] >= 0.75


def test_status_commands_do_not_import_spacy() -> None:
    code = (
        "import sys; import tracker.cli, tracker.app, tracker.cli.extract_commands; "
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _exit_code(argv: list[str]) -> int:
    try:
        main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0
