"""Options and output helpers shared by the subcommands."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

import click

from tracker.errors import UsageError
from tracker.timeparse import EARLIEST, LATEST, parse_date, parse_timestamp

__all__ = [
    "EARLIEST",
    "LATEST",
    "counted",
    "db_option",
    "instant_after",
    "stamp",
    "require_database",
    "echo_json",
    "json_option",
    "parse_date",
    "parse_timestamp",
]

F = TypeVar("F", bound=Callable[..., Any])


def instant_after(last: datetime | None) -> datetime:
    """A whole millisecond after ``last`` (an event's recorded_at), once the clock has passed
    it: ``--known-at`` that instant shows everything recorded by then, nothing after."""
    last = last or datetime.now(UTC)
    instant = last.replace(microsecond=last.microsecond // 1000 * 1000) + timedelta(milliseconds=1)
    while datetime.now(UTC) <= instant:
        time.sleep(0.001)
    return instant


def stamp(moment: datetime) -> str:
    """An instant as ``--known-at`` takes it: "2025-01-14T10:05:00.001Z"."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


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


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``3 feeds``, ``1 feed``: a count and its noun in the right number."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def require_database(db: str) -> None:
    """Refuse to read a database that does not exist (a typo must not create an empty one)."""
    from pathlib import Path

    if db.startswith(("postgresql://", "postgres://")):
        return  # a server: opening it says whether it is there
    if not Path(db).exists():
        raise UsageError(f"no tracker database at {db}: run `tracker demo` or `tracker init`")
