"""``tracker demo``: the main job on the bundled sample data, in a fresh demo database."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from tracker.errors import UsageError

if TYPE_CHECKING:
    from tracker.app import Tracker

__all__ = ["demo"]

DEMO_MARK = "policy-tracker demo"


@click.command()
@click.option(
    "--db",
    "db",
    default="demo.db",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Where to build the demo database (replaced if it is an earlier demo).",
)
def demo(db: str) -> None:
    """Load the bundled US-Armenia timeline into a fresh demo database and show it.

    Example:

        tracker demo && tracker log --db demo.db --relationship ARM-USA
    """
    import seeds
    from tracker.app import Tracker
    from tracker.cli.render import console, log_table
    from tracker.event_json import read_jsonl

    path = Path(db)
    _fresh(path)
    with Tracker.open(path) as t:
        t.store.conn.execute("CREATE TABLE demo_mark (note TEXT)")
        t.store.conn.execute("INSERT INTO demo_mark VALUES (?)", (DEMO_MARK,))
        items = list(read_jsonl(Path(str(seeds.path("timeline.jsonl")))))
        t.append(items)
        console.rule("[bold]The log (order of learning)")
        log_table(list(t.log()))
        result = t.verify()
        _show_state(t)
    console.rule("[bold]verify")
    console.print(f"hash chain: {'intact' if result.ok else 'BROKEN'} over {result.events} events")
    console.print(
        f"\nThe demo database is {path}; try: tracker log --db {path} --relationship ARM-USA"
    )
    console.print(
        f"See it in a browser: tracker serve --db {path}  then open "
        "http://127.0.0.1:8765/relations/ARM-USA"
    )


def _show_state(t: Tracker) -> None:
    """US-Armenia before the Charter and today, and a short replay of how it got there."""
    from datetime import date

    from tracker.cli.render import console
    from tracker.cli.state_render import replay_lines, state_panel

    console.rule("[bold]US-Armenia as of 2025-01-13 (the day before the Charter)")
    console.print(state_panel(t.state("ARM", "USA", as_of=date(2025, 1, 13))))
    console.rule("[bold]US-Armenia today")
    console.print(state_panel(t.state("ARM", "USA")))
    console.rule("[bold]Replay of US-Armenia (tracker replay --relationship ARM-USA)")
    for step in t.replay(relationship=("ARM", "USA")):
        console.print(replay_lines(step))


def _fresh(path: Path) -> None:
    """Remove an earlier demo database; refuse to touch any other file."""
    if not path.exists():
        return
    import sqlite3

    try:
        conn = sqlite3.connect(path)
        mark = conn.execute("SELECT note FROM demo_mark").fetchone()
        conn.close()
    except sqlite3.DatabaseError:
        mark = None
    if not mark or mark[0] != DEMO_MARK:
        raise UsageError(f"{path} exists and is not a demo database; choose another path with --db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
