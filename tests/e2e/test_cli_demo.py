"""The demo learns in steps, so the second time axis (known at) shows something."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from tracker.cli import cli


def test_the_demo_prints_instants_that_show_what_the_log_knew(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    shown = CliRunner().invoke(cli, ["demo", "--db", db], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    first, second = re.findall(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", shown.output)[:2]
    assert first < second
    assert "retracted" in shown.output and "hash chain: intact" in shown.output

    def state(*args: str) -> dict[str, object]:
        result = CliRunner().invoke(cli, ["state", "ARM", "USA", "--json", "--db", db, *args])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)  # type: ignore[no-any-return]

    def agreements(data: dict[str, object]) -> set[str]:
        return {a["name"] for a in data["agreements"]}  # type: ignore[attr-defined,index]

    after_first, before_correction, now = (
        state("--known-at", first),
        state("--known-at", second),
        state(),
    )
    # The first poll had the Charter only; the second added the 123 Agreement's talks,
    # which the analyst's correction then retracted.
    assert "Charter on Strategic Partnership" in agreements(after_first)
    assert "123 Agreement" not in agreements(after_first)
    assert "123 Agreement" in agreements(before_correction)
    assert "123 Agreement" not in agreements(now)
    assert after_first["last_contact"] != now["last_contact"]
