"""The CLI run in-process, on real files, as a user runs it: exit status, stdout and stderr.

A run in a process of its own costs a second of interpreter and imports; the behaviour a
command shows (its output, its exit status, its error messages) is the same in-process, so
only what needs a process (signals, kill -9, the daemon, what a fresh interpreter imports)
runs as one (tests/e2e/test_daemon*.py, the demo's smoke test).
"""

from __future__ import annotations

from contextlib import chdir
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import ROOT
from tracker.cli import cli


@dataclass(frozen=True)
class Ran:
    """What a user saw of one command."""

    returncode: int
    stdout: str
    stderr: str


def run(*args: str, db: Path | None = None, cwd: Path | None = None) -> Ran:
    """``tracker ARGS [--db DB]`` in ``cwd`` (the checkout by default).

    An exception the CLI did not turn into a message would be a traceback on the user's
    terminal: it fails the test with its own traceback.
    """
    command = [*args, *(["--db", str(db)] if db is not None else [])]
    with chdir(cwd or ROOT):
        result = CliRunner().invoke(cli, command)
    error = result.exception
    if error is not None and not isinstance(error, SystemExit):
        raise error
    return Ran(result.exit_code, result.stdout, result.stderr)
