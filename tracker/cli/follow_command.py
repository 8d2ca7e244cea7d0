"""``tracker follow``: the log's followers, run as appends commit on a PostgreSQL server."""

from __future__ import annotations

import signal
import threading
from typing import TYPE_CHECKING

import click

from tracker.cli.common import counted, db_option
from tracker.errors import UsageError

if TYPE_CHECKING:
    from events import RecordedEvent

__all__ = ["follow"]


@click.command()
@click.option(
    "--poll",
    type=click.FloatRange(min=0.1),
    default=5.0,
    show_default=True,
    help="Seconds between runs when no append wakes it (a lost notification).",
)
@db_option
def follow(poll: float, db: str) -> None:
    """Run the followers (extraction) whenever an append commits, until SIGTERM or Ctrl-C.

    For a log on PostgreSQL written from several machines: each append notifies at its
    commit and wakes this process, which reads on from the followers' checkpoints. Several
    can run at once; a follower's checkpoint lets one of them apply each event. On a SQLite
    file the daemon runs the followers after each poll.

    Example:

        tracker follow --db postgresql://tracker@localhost/tracker
    """
    from tracker.store.postgres import is_url

    if not is_url(db):
        raise UsageError(
            "`tracker follow` follows a log on PostgreSQL (--db postgresql://...); on a "
            "SQLite file `tracker daemon` runs the followers after each poll"
        )
    from tracker.postgres_app import PostgresTracker

    # SIGTERM stops it as Ctrl-C does, at once: a run it cuts off rolls back whole (each
    # follower commits its results with its checkpoint), and the next run redoes it.
    signal.signal(signal.SIGTERM, signal.default_int_handler)

    def report(appended: list[RecordedEvent]) -> None:
        if appended:
            click.echo(f"followers appended {counted(len(appended), 'event')}")

    t = PostgresTracker.open(db)
    try:
        click.echo(f"following the log at position {t.store.head()}; Ctrl-C stops", err=True)
        t.follow(threading.Event(), poll=poll, each=report)
    except KeyboardInterrupt:
        pass
    finally:
        t.close()
