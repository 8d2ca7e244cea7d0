"""``tracker demo``: the main job on the bundled sample data, in a fresh demo database.

The sample feed (``seeds/sample_feed.xml``, ten articles written for the project) goes
through the same path as a polled feed: parse, identify entries, append one
``ArticleIngested`` per article, extract diplomatic events with their evidence, fold them
into relationship states. Then the states are shown as of two dates, with the timeline.
"""

from __future__ import annotations

from datetime import date
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
    """Run the whole pipeline on the bundled US-Armenia sample feed and show the result.

    Example:

        tracker demo && tracker state ARM USA --as-of 2025-01-13 --db demo.db
    """
    import seeds
    from tracker.app import Tracker
    from tracker.cli.render import console
    from tracker.feeds.ingest import ingest_file

    path = Path(db)
    _fresh(path)
    with Tracker.open(path) as t:
        t.store.conn.execute("CREATE TABLE demo_mark (note TEXT)")
        t.store.conn.execute("INSERT INTO demo_mark VALUES (?)", (DEMO_MARK,))
        feed = Path(str(seeds.path("sample_feed.xml")))
        console.rule("[bold]Ingesting the sample feed as the daemon would")
        with console.status("parsing, appending, extracting (loads the NLP pipeline once)"):
            before = t.store.head()
            result = ingest_file(t, feed, feed="sample")
        _summarize(t, before, result.appended)
        _show_states(t)
        chain, projection = t.verify(), t.verify_projection()
    console.rule("[bold]verify")
    console.print(f"hash chain: {'intact' if chain.ok else 'BROKEN'} over {chain.events} events")
    console.print(
        f"projection: {'equals a rebuild' if projection.ok else 'DIFFERS from a rebuild'} "
        f"({projection.relationships} relationships)"
    )
    console.print(f"\nThe demo database is {path}. Try:")
    console.print(f"  tracker state ARM USA --as-of 2025-01-13 --db {path}")
    console.print(f"  tracker timeline ARM CSTO --db {path}")
    console.print(f"  tracker export --relationship ARM-USA --db {path}")
    console.print(
        f"See it in a browser: tracker serve --db {path}  then open "
        "http://127.0.0.1:8765/relations/ARM-USA"
    )


def _summarize(t: Tracker, before: int, articles: int) -> None:
    from collections import Counter

    from tracker.cli.render import console

    added = Counter(r.event.event_type for r in t.log(after=before))
    diplomatic = sum(n for kind, n in added.items() if kind not in _NOT_DIPLOMATIC)
    console.print(
        f"{articles} articles appended; extraction found {diplomatic} diplomatic events and "
        f"{added['EventCorroborated']} further sources of events already known "
        f"(EventCorroborated); {sum(added.values())} events in the log."
    )


_NOT_DIPLOMATIC = {"ArticleIngested", "EventCorroborated", "EventRetracted", "EventConfirmed"}


def _show_states(t: Tracker) -> None:
    """US-Armenia before the Charter and today, Armenia-CSTO, the timeline and a replay."""
    from tracker.cli.render import console
    from tracker.cli.state_render import replay_lines, state_panel, timeline_table

    console.rule("[bold]US-Armenia as of 2025-01-13 (the day before the Charter)")
    console.print(state_panel(t.state("ARM", "USA", as_of=date(2025, 1, 13))))
    console.rule("[bold]US-Armenia today")
    console.print(state_panel(t.state("ARM", "USA")))
    console.rule("[bold]Armenia-CSTO today")
    console.print(state_panel(t.state("ARM", "CSTO")))
    console.rule("[bold]Timeline of US-Armenia (tracker timeline ARM USA)")
    console.print(timeline_table(t.timeline("ARM", "USA"), "ARM-USA"))
    console.rule("[bold]Replay of Armenia-CSTO (tracker replay --relationship ARM-CSTO)")
    for step in t.replay(relationship=("ARM", "CSTO")):
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
