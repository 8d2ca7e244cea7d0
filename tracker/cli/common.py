"""Options and output helpers shared by the subcommands."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, TypeVar

import click

from tracker.errors import UsageError, quoted

__all__ = [
    "EARLIEST",
    "LATEST",
    "db_option",
    "require_database",
    "echo_json",
    "json_option",
    "parse_date",
    "parse_timestamp",
]

F = TypeVar("F", bound=Callable[..., Any])

# The dates a query may name. The calendar ends at years 1 and 9999, and the queries count
# windows of days back and forth from a date; nothing the tracker records lies near either
# end, so a margin of years keeps that arithmetic inside the calendar.
EARLIEST, LATEST = date(1000, 1, 1), date(9998, 12, 31)


def _remember_db(ctx: click.Context, _param: click.Parameter, value: str) -> str:
    # The command group names the file when SQLite reports it damaged or read-only.
    ctx.meta["tracker.db"] = value
    return value


def db_option(fn: F) -> F:
    return click.option(
        "--db",
        "db",
        envvar="TRACKER_DB",
        default="tracker.db",
        show_default=True,
        type=click.Path(dir_okay=False),
        callback=_remember_db,
        help="The tracker database file (env TRACKER_DB).",
    )(fn)


def json_option(fn: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(
        fn
    )


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    return str(value)


def echo_json(data: Any) -> None:
    """Print data as indented JSON on stdout."""
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=_default)
    sys.stdout.write("\n")


def parse_date(text: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option value, or a :class:`UsageError` that names the option."""
    if text is None:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"{option} {quoted(text)} is not a date: write YYYY-MM-DD, e.g. 2025-01-14"
        ) from None
    return _within_calendar(day, text, option)


def parse_timestamp(text: str | None, option: str) -> datetime | None:
    """An ISO 8601 timestamp (a bare date means its midnight, UTC); naive times are UTC."""
    if text is None:
        return None
    cleaned = text.strip()
    if cleaned.endswith(("Z", "z")):
        cleaned = cleaned[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(cleaned)
    except ValueError:
        raise UsageError(
            f"{option} {quoted(text)} is not a timestamp: write e.g. 2025-02-01T00:00Z or "
            "2025-02-01"
        ) from None
    # Checked before the shift to UTC, which an offset could carry past the calendar's end.
    _within_calendar(moment.date(), text, option)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _within_calendar(day: date, text: str, option: str) -> date:
    if not EARLIEST <= day <= LATEST:
        raise UsageError(
            f"{option} {quoted(text)} is outside the dates the tracker handles: give one "
            f"from {EARLIEST.isoformat()} to {LATEST.isoformat()}"
        )
    return day


def require_database(db: str) -> None:
    """Refuse to read a database that does not exist (a typo must not create an empty one)."""
    from pathlib import Path

    if not Path(db).exists():
        raise UsageError(f"no tracker database at {db}: run `tracker demo` or `tracker init`")
