"""The README's example sessions print what the README shows (tests/readme.py)."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from tests.readme import README, normalized, run_all, sessions
from tracker.cli.render import console


@pytest.fixture(autouse=True)
def eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    # The README's width, whatever width the process's console was made with.
    monkeypatch.setattr(console, "_width", 80)


def test_the_readme_has_checked_sessions() -> None:
    found = sessions(README.read_text(encoding="utf-8").splitlines())
    commands = [c.text for s in found for c in s.commands]
    assert len(found) >= 6 and len(commands) >= 15
    assert "uv run tracker demo" in commands


def test_every_checked_session_prints_what_the_readme_shows(demo_db: Path) -> None:
    if shutil.which("jq") is None:
        pytest.skip("jq is not installed: the sessions piping through it cannot run")
    differences = []
    for session, outcomes in run_all(demo_db):
        for outcome in outcomes:
            if not outcome.matches:
                diff = difflib.unified_diff(
                    normalized(outcome.shown).splitlines(),
                    normalized(outcome.printed).splitlines(),
                    "README",
                    "printed",
                    lineterm="",
                )
                line = session.start + 1
                differences.append(
                    f"README.md:{line}: {' '.join(outcome.lines)}\n" + "\n".join(diff)
                )
    assert not differences, (
        "The README shows what the commands no longer print; after checking the new output, "
        "rewrite it with `uv run python -m tests.readme --update`:\n\n" + "\n\n".join(differences)
    )
