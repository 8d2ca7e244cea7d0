"""The ``tracker`` command: a thin layer over :mod:`tracker.app`.

Subcommands load lazily (see ``COMMANDS``) so that ``tracker state`` never imports the feed
fetcher, the scheduler or the NLP pipeline. A :class:`~tracker.errors.TrackerError`, or SQLite
finding the database read-only or damaged, ends a command with a message and an exit code
(2 for bad input), never a traceback: the group turns them into click's own errors, so a
test's ``CliRunner`` sees what a user sees.
"""

from __future__ import annotations

import importlib
import os
import sqlite3
import sys
from typing import Any

import click

from tracker.errors import TrackerError

# pydantic looks for plugins in the entry points of every installed distribution when it
# builds its first validator: 50-100 ms of `tracker state`'s start with spaCy's dependencies
# installed, for plugins no command uses. Whoever wants one sets this variable themselves.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

__all__ = ["COMMANDS", "BadInput", "CommandFailed", "cli", "main"]

# name -> "module:function"; each area of the tracker owns its own module.
COMMANDS: dict[str, str] = {
    "init": "tracker.cli.log_commands:init",
    "record": "tracker.cli.analyst_commands:record",
    "retract": "tracker.cli.analyst_commands:retract",
    "confirm": "tracker.cli.analyst_commands:confirm",
    "log": "tracker.cli.log_commands:log",
    "verify": "tracker.cli.log_commands:verify",
    "import": "tracker.cli.log_commands:import_events",
    "migrate": "tracker.cli.migrate_command:migrate",
    "follow": "tracker.cli.follow_command:follow",
    "demo": "tracker.cli.demo:demo",
    "bench": "tracker.cli.bench:bench",
    "samples": "tracker.cli.samples:samples",
    "reextract": "tracker.cli.extract_commands:reextract",
    "export": "tracker.cli.extract_commands:export",
    "evaluate": "tracker.cli.extract_commands:evaluate",
    "explain": "tracker.cli.explain_commands:explain",
    "state": "tracker.cli.state_commands:state",
    "relations": "tracker.cli.state_commands:relations",
    "timeline": "tracker.cli.state_commands:timeline",
    "replay": "tracker.cli.state_commands:replay",
    "feeds": "tracker.cli.feed_commands:feeds",
    "fetch": "tracker.cli.daemon_commands:fetch",
    "daemon": "tracker.cli.daemon_commands:daemon",
    "status": "tracker.cli.daemon_commands:status",
    "serve": "tracker.cli.web_commands:serve",
    "views": "tracker.cli.web_commands:views",
    "changes": "tracker.cli.changes_commands:changes",
    "diff": "tracker.cli.changes_commands:diff",
    "watch": "tracker.cli.watch_commands:watch",
}


class CommandFailed(click.ClickException):
    """A TrackerError as click shows an error: ``Error: ...`` on stderr, exit 1."""

    exit_code = 1

    def show(self, file: Any = None) -> None:
        click.secho(f"Error: {self.format_message()}", err=True, fg="red", file=file)


class BadInput(CommandFailed):
    """A UsageError (or another error of the user's input): exit 2, as click's own."""

    exit_code = 2


def _failed(error: TrackerError) -> CommandFailed:
    return (BadInput if error.exit_code == BadInput.exit_code else CommandFailed)(str(error))


class LazyGroup(click.Group):
    """A group whose subcommands are imported only when invoked (or listed in --help)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TrackerError as exc:
            raise _failed(exc) from exc
        except sqlite3.DatabaseError as exc:
            from tracker.store.failures import database_error

            known = database_error(ctx.meta.get("tracker.db"), exc)
            if known is None:
                raise  # a programming error: its traceback is what the bug report needs
            raise _failed(known) from exc

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="policy-tracker")
def cli() -> None:
    """Track relations between states from the news, in a bitemporal event log.

    Example:

        tracker demo && tracker state ARM USA --as-of 2025-01-13 --db demo.db
    """


def main(argv: list[str] | None = None) -> Any:
    """Entry point: user errors become a message and a non-zero exit, never a traceback."""
    try:
        return cli.main(args=argv, standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except TrackerError as exc:
        click.secho(f"Error: {exc}", err=True, fg="red")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
