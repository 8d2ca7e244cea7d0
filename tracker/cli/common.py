"""Options and output helpers shared by the subcommands."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

import click

from tracker.errors import UsageError
from tracker.timeparse import EARLIEST, LATEST, parse_date, parse_timestamp

__all__ = [
    "EARLIEST",
    "LATEST",
    "counted",
    "db_option",
    "require_database",
    "echo_json",
    "json_option",
    "parse_date",
    "parse_timestamp",
]

F = TypeVar("F", bound=Callable[..., Any])


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

    if not Path(db).exists():
        raise UsageError(f"no tracker database at {db}: run `tracker demo` or `tracker init`")
