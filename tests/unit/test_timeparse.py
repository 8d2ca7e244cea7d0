"""Dates and timestamps as typed: one module below the CLI and the page."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime

import pytest

from tracker.errors import UsageError
from tracker.timeparse import parse_date, parse_timestamp


def test_a_date_and_a_timestamp_parse() -> None:
    assert parse_date("2025-01-14", "--as-of") == date(2025, 1, 14)
    assert parse_timestamp("2025-02-01T00:00Z", "--known-at") == datetime(2025, 2, 1, tzinfo=UTC)


def test_a_bad_value_names_its_option() -> None:
    with pytest.raises(UsageError, match="--as-of"):
        parse_date("14/01/2025", "--as-of")


def test_the_page_parses_dates_without_importing_the_cli() -> None:
    code = (
        "import sys, tracker.web.params; "
        "print(any(m.startswith('tracker.cli') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
