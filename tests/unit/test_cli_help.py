"""Every command's help shows how to use it: a description and at least one example."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from tracker.cli import COMMANDS, cli


def _commands() -> list[tuple[str, ...]]:
    """Every command's path, subcommands of groups included: ("feeds", "add"), ..."""
    found: list[tuple[str, ...]] = [()]
    context = click.Context(cli)
    for name in sorted(COMMANDS):
        command = cli.get_command(context, name)
        assert command is not None, name
        found.append((name,))
        if isinstance(command, click.Group):
            found += [(name, sub) for sub in sorted(command.commands)]
    return found


@pytest.mark.parametrize("path", _commands(), ids=lambda p: " ".join(p) or "tracker")
def test_every_command_s_help_has_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    described, _, rest = result.output.partition("Example:")
    assert rest, f"tracker {' '.join(path)} --help has no Example:"
    example = rest.split("Options:")[0]
    # The example runs the command it documents, with its subcommand.
    assert f"tracker {' '.join(path)}".strip() in example, example
    assert len(described.split("\n\n", 1)[-1].split()) >= 3  # a description before it
