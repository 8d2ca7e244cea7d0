"""The README's example sessions print what the README shows (tests/readme.py)."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from tests.readme import README, Outcome, Session, normalized, run_all, sessions
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


def _differences(checked: list[tuple[Session, list[Outcome]]]) -> list[str]:
    differences = []
    for session, outcomes in checked:
        for outcome in outcomes:
            if outcome.matches:
                continue
            diff = difflib.unified_diff(
                normalized(outcome.shown).splitlines(),
                normalized(outcome.printed).splitlines(),
                "README",
                "printed",
                lineterm="",
            )
            where = f"README.md:{session.start + 1}: {' '.join(outcome.lines)}"
            differences.append(where + "\n" + "\n".join(diff))
    return differences


_HINT = (
    "The README shows what the commands no longer print; after checking the new output, "
    "rewrite it with `uv run python -m tests.readme --update`:\n\n"
)


def test_every_checked_session_prints_what_the_readme_shows(demo_db: Path) -> None:
    checked = run_all(demo_db, jq=False)
    assert len(checked) >= 4
    differences = _differences(checked)
    assert not differences, _HINT + "\n\n".join(differences)


def test_the_sessions_piped_through_jq_print_what_the_readme_shows(demo_db: Path) -> None:
    if shutil.which("jq") is None:
        pytest.skip("jq is not installed: the README's sessions that pipe through it cannot run")
    checked = run_all(demo_db, jq=True)
    assert len(checked) >= 2
    differences = _differences(checked)
    assert not differences, _HINT + "\n\n".join(differences)
