"""Bundled samples from any directory, and bench's sections in its help."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import cli


def test_samples_print_paths_that_exist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # not the checkout: the paths come from the package
    listed = json.loads(CliRunner().invoke(cli, ["samples", "--json"]).output)
    assert {s["name"] for s in listed} == {"feed", "timeline", "gold"}
    assert all(os.path.isfile(s["path"]) for s in listed)


def test_import_and_evaluate_take_the_bundled_sample(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    imported = CliRunner().invoke(cli, ["import", "--sample", "timeline", "--db", "t.db", "--json"])
    assert imported.exit_code == 0, imported.output
    assert json.loads(imported.stdout)["appended"] > 0
    neither = CliRunner().invoke(cli, ["import", "--db", "t.db"])
    assert neither.exit_code == 2 and "--sample timeline" in neither.output
    scored = CliRunner().invoke(cli, ["evaluate", "--sample", "--json"])
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.stdout)["overall"]["f1"] > 0.5


def test_bench_help_lists_its_sections() -> None:
    help_text = CliRunner().invoke(cli, ["bench", "--help"]).output
    assert "log|feeds|projection|extract|web" in help_text
    wrong = CliRunner().invoke(cli, ["bench", "--only", "nope"])
    assert wrong.exit_code == 2 and "'log'" in wrong.output
