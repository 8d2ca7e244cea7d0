"""``tracker demo``: the main job on the bundled sample data, in a fresh demo database.

The sample feed (``seeds/sample_feed.xml``, ten articles written for the project) goes
through the same path as a polled feed: parse, identify entries, append one
``ArticleIngested`` per article, extract diplomatic events with their evidence, fold them
into relationship states. The log learns in steps, as it would from a daemon: a first poll
sees the articles up to the Charter's day, a second poll a moment later sees the rest, and
an analyst then retracts an event. The instants between the steps are printed, and the
same state is shown as known after the first poll and as known now (the second time
axis), then as of two dates (the first), with the timeline.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tracker.cli.common import instant_after, stamp
from tracker.errors import UsageError

if TYPE_CHECKING:
    from tracker.app import Tracker

__all__ = ["demo"]

DEMO_MARK = "policy-tracker demo"
# The first poll sees the articles published up to the end of the Charter's day.
FIRST_POLL_UNTIL = datetime(2025, 1, 15, tzinfo=UTC)
# The analyst's correction: an event read from a commentary that only speculates.
CORRECTION = (
    "NegotiationsOpened",
    "the commentary speculates about talks on a 123 Agreement; no source announces them",
)


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
    from tracker.feeds.ingest import ingest_bytes
    from tracker.store.postgres import is_url

    if is_url(db):
        raise UsageError(
            "the demo builds a SQLite file of its own (and replaces it when run again): run "
            f"`tracker demo --db demo.db`, then `tracker migrate --db demo.db --to {db}`"
        )
    path = Path(db)
    _fresh(path)
    with Tracker.open(path) as t:
        started = instant_after(None)  # before the log learned anything
        t.store.conn.execute("CREATE TABLE demo_mark (note TEXT)")
        t.store.conn.execute("INSERT INTO demo_mark VALUES (?)", (DEMO_MARK,))
        body = Path(str(seeds.path("sample_feed.xml"))).read_bytes()
        console.rule("[bold]First poll of the sample feed, as the daemon would")
        with console.status("parsing, appending, extracting (loads the NLP pipeline once)"):
            result = ingest_bytes(t, "sample", _published_until(body, FIRST_POLL_UNTIL))
            t.run_followers()
        _summarize(t, 0, result.appended)
        first = instant_after(t.store.last_recorded_at())
        console.print(f"The log now knows this much; call the instant [bold]{stamp(first)}[/]")
        console.rule("[bold]Second poll, a moment later: the later articles arrive")
        before = t.store.head()
        result = ingest_bytes(t, "sample", body)
        t.run_followers()
        _summarize(t, before, result.appended)
        second = instant_after(t.store.last_recorded_at())
        console.print(f"The instant after the second poll: [bold]{stamp(second)}[/]")
        _correct(t)
        _show_known(t, first, second)
        _show_states(t)
        _show_changes(t, started)
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
    console.print(f"  tracker changes --learned-since 1d --db {path}")
    console.print(
        f"See it in a browser: tracker serve --db {path}  then open "
        "http://127.0.0.1:8765/relations/ARM-USA"
    )


def _published_until(body: bytes, until: datetime) -> bytes:
    """The feed as it stood before ``until``: the items published earlier."""
    text = body.decode("utf-8")

    def keep(item: re.Match[str]) -> str:
        published = re.search(r"<pubDate>(.*?)</pubDate>", item.group(0))
        early = published is None or parsedate_to_datetime(published.group(1)) < until
        return item.group(0) if early else ""

    return re.sub(r"<item>.*?</item>\s*", keep, text, flags=re.DOTALL).encode("utf-8")


def _correct(t: Tracker) -> None:
    """The analyst's correction: retract the event the commentary only speculated about."""
    from tracker.cli.render import console
    from tracker.describe import describe

    event_type, reason = CORRECTION
    found = next(iter(t.log(types=[event_type])), None)
    if found is None:
        return
    console.rule("[bold]An analyst's correction")
    t.retract(str(found.event.event_id), reason, by="analyst")
    t.run_followers()
    event_id = str(found.event.event_id)[:8]
    console.print(f"retracted {event_id} ({describe(found.event)}): {reason}")
    console.print(f'  tracker retract {event_id} --reason "..." does this by hand')


def _show_known(t: Tracker, first: datetime, second: datetime) -> None:
    """The same state, as the log knew it after the first poll and as it knows it now."""
    from tracker.cli.render import console
    from tracker.cli.state_render import state_panel

    console.rule(f"[bold]US-Armenia as known at {stamp(first)} (after the first poll)")
    console.print(state_panel(t.state("ARM", "USA", known_at=first)))
    console.rule("[bold]US-Armenia as known now (second poll and correction)")
    console.print(state_panel(t.state("ARM", "USA")))
    console.print(
        f"Before the correction: tracker state ARM USA --known-at {stamp(second)}",
        soft_wrap=True,
    )


def _summarize(t: Tracker, before: int, articles: int) -> None:
    from collections import Counter

    from tracker.cli.render import console

    added = Counter(r.event.event_type for r in t.log(after=before))
    diplomatic = sum(n for kind, n in added.items() if kind not in _NOT_DIPLOMATIC)
    console.print(
        f"{articles} articles appended; extraction found {diplomatic} diplomatic events and "
        f"{added['EventCorroborated']} further sources of events already known; "
        f"{sum(added.values())} events in the log."
    )


_NOT_DIPLOMATIC = {"ArticleIngested", "EventCorroborated", "EventRetracted", "EventConfirmed"}


def _show_states(t: Tracker) -> None:
    """US-Armenia before the Charter, Armenia-CSTO, the timeline and a replay."""
    from tracker.cli.render import console
    from tracker.cli.state_render import replay_lines, state_panel, timeline_table

    console.rule("[bold]US-Armenia as of 2025-01-13 (the day before the Charter)")
    console.print(state_panel(t.state("ARM", "USA", as_of=date(2025, 1, 13))))
    console.rule("[bold]Armenia-CSTO today")
    console.print(state_panel(t.state("ARM", "CSTO")))
    console.rule("[bold]Timeline of US-Armenia (tracker timeline ARM USA)")
    console.print(timeline_table(t.timeline("ARM", "USA"), "Armenia – United States"))
    console.rule("[bold]Replay of Armenia-CSTO (tracker replay --relationship ARM-CSTO)")
    for step in t.replay(relationship=("ARM", "CSTO")):
        console.print(replay_lines(step))


def _show_changes(t: Tracker, started: datetime) -> None:
    """What the sample feed taught: every change learned since the demo began."""
    from tracker.changes import learned
    from tracker.cli.changes_render import change_lines
    from tracker.cli.render import console

    console.rule("[bold]What the sample feed taught")
    console.print(f"tracker changes --learned-since {stamp(started)}", soft_wrap=True)
    found = learned(t.store, t.projection, started)
    console.print("\n".join(change_lines(found, "Learned since the demo began")), soft_wrap=True)


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
