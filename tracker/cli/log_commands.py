"""Commands over the log itself: init, log, verify, import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from tracker.cli.common import (
    counted,
    db_option,
    echo_json,
    instant_after,
    json_option,
    parse_date,
    parse_timestamp,
    require_database,
    stamp,
)
from tracker.errors import UsageError, quoted

if TYPE_CHECKING:
    from datetime import datetime

    from tracker.app import Tracker

__all__ = ["import_events", "init", "log", "verify"]


@click.command()
@click.option(
    "--no-feeds", is_flag=True, help="Do not add the bundled feed list (seeds/feeds.toml)."
)
@db_option
def init(no_feeds: bool, db: str) -> None:
    """Create a tracker database with the bundled feed list (or bring one up to date).

    The feed list (CivilNet and other outlets on the South Caucasus and diplomacy) is
    added once; feeds already present are left as they are. Nothing is fetched.

    Example:

        tracker init --db tracker.db && tracker daemon --db tracker.db
    """
    from tracker.app import Tracker

    with Tracker.open(db) as t:
        head = t.store.head()
        added = 0 if no_feeds else _seed_feeds(t)
    click.echo(f"{db}: ready, {counted(head, 'event')} in the log")
    if added:
        listed = "`tracker feeds list` shows them"
        click.echo(f"{counted(added, 'feed')} added from the bundled list ({listed})")


def _seed_feeds(t: Tracker) -> int:
    """Add the bundled feeds not yet present; the number added."""
    import seeds
    from tracker.feeds.feedlist import FeedList, load_seed_file
    from tracker.feeds.tables import feed_db

    listed = load_seed_file(Path(str(seeds.path("feeds.toml"))))
    added, _ = FeedList(feed_db(t.store)).seed(listed)
    return len(added)


@click.command()
@click.option("--type", "types", multiple=True, help="Only this event type (repeatable).")
@click.option("--relationship", help="Only events between two actors, e.g. ARM-USA.")
@click.option("--party", help="Only events involving this actor.")
@click.option("--since", help="Valid time from (YYYY-MM-DD).")
@click.option("--until", help="Valid time until (YYYY-MM-DD).")
@click.option("--known-at", help="Only what the log knew at this time (ISO timestamp).")
@click.option("--limit", type=click.IntRange(min=0), help="At most this many events (the newest).")
@db_option
@json_option
def log(
    types: tuple[str, ...],
    relationship: str | None,
    party: str | None,
    since: str | None,
    until: str | None,
    known_at: str | None,
    limit: int | None,
    db: str,
    as_json: bool,
) -> None:
    """Show the log in the order it was learned, newest last.

    Example:

        tracker log --relationship ARM-USA --since 2025-01-01
    """
    from tracker.app import Tracker

    # Every argument is checked before the database is touched.
    relationship_key = _relationship_key(relationship) if relationship else None
    party_code = _actor(party) if party else None
    occurred_from, occurred_to = parse_date(since, "--since"), parse_date(until, "--until")
    recorded_before = parse_timestamp(known_at, "--known-at")
    require_database(db)
    with Tracker.open(db) as t:
        rows = list(
            t.log(
                types=list(types) or None,
                relationship=relationship_key,
                party=party_code,
                occurred_from=occurred_from,
                occurred_to=occurred_to,
                recorded_before=recorded_before,
            )
        )
        marks = _marks(t, recorded_before)
    if limit is not None:
        rows = rows[-limit:] if limit > 0 else []
    if as_json:
        from tracker.event_json import event_to_json

        echo_json(
            [
                {
                    "position": r.position,
                    "stream": r.stream,
                    "version": r.version,
                    "recorded_at": r.recorded_at,
                    "metadata": r.metadata,
                    **event_to_json(r.event),
                }
                for r in rows
            ]
        )
        return
    from tracker.cli.render import log_table

    log_table(rows, marks=marks)


def _marks(t: Tracker, recorded_before: datetime | None) -> dict[str, str]:
    """Event id -> "retracted" or "confirmed", as the log knew at ``recorded_before``."""
    from events import EventRetracted

    marks: dict[str, str] = {}
    for r in t.log(types=["EventConfirmed", "EventRetracted"], recorded_before=recorded_before):
        subject = str(getattr(r.event, "subject", ""))
        if isinstance(r.event, EventRetracted):
            marks[subject] = "retracted"
        else:
            marks.setdefault(subject, "confirmed")
    return marks


def _actor(text: str) -> str:
    from tracker.actors import resolve_actor

    return resolve_actor(text)


def _relationship_key(text: str) -> str:
    parts = text.replace(",", "-").split("-")
    if len(parts) != 2:
        raise UsageError(
            f"--relationship {quoted(text)}: write two actors joined by '-', e.g. ARM-USA"
        )
    return "-".join(sorted(_actor(p) for p in parts))


@click.command()
@db_option
@json_option
def verify(db: str, as_json: bool) -> None:
    """Check the file, the log's hash chain, and that a rebuild equals the projection.

    First SQLite's integrity check of every page: a damaged file is reported as such (and
    nothing else is read). Exits 1 and names what is damaged, the position where the chain
    breaks, or the relationships that differ.

    Example:

        tracker verify --db tracker.db
    """
    from tracker.app import Tracker
    from tracker.store.failures import integrity_problems

    require_database(db)
    # SQLite's page check; a PostgreSQL server checks its own pages.
    damage = [] if db.startswith(("postgresql://", "postgres://")) else integrity_problems(db)
    if damage:
        _report_damage(db, damage, as_json)
        raise SystemExit(1)
    with Tracker.open(db) as t:
        result = t.verify()
        projection = t.verify_projection()
    if as_json:
        echo_json(
            {
                "ok": result.ok and projection.ok,
                "events": result.events,
                "broken_at": result.broken_at,
                "reason": result.reason,
                "projection_ok": projection.ok,
                "projection_mismatched": list(projection.mismatched),
            }
        )
    elif result.ok:
        click.echo(f"ok: {result.events} events, hash chain intact")
    else:
        click.secho(
            f"BROKEN at position {result.broken_at}: {result.reason} "
            f"({result.events} events verified before it)",
            fg="red",
            err=True,
        )
    if not as_json and projection.ok:
        click.echo(
            f"ok: projection of {projection.relationships} relationships equals a rebuild, "
            "and their changes' marks a walk of the log"
        )
    elif not as_json:
        click.secho(
            f"projection differs from a rebuild for {', '.join(projection.mismatched)}: "
            "run `tracker replay --rebuild`",
            fg="red",
            err=True,
        )
    if not (result.ok and projection.ok):
        raise SystemExit(1)


def _report_damage(db: str, problems: list[str], as_json: bool) -> None:
    if as_json:
        echo_json({"ok": False, "damaged": True, "integrity_check": problems})
        return
    click.secho(f"DAMAGED: {db} fails SQLite's integrity check:", fg="red", err=True)
    for problem in problems:
        click.secho(f"  {problem}", fg="red", err=True)
    click.secho(
        "Restore it from a backup, or save what can be read with "
        f"`sqlite3 {db} .recover | sqlite3 recovered.db`",
        err=True,
    )


@click.command("import")
@click.argument(
    "file", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=False
)
@click.option(
    "--sample",
    type=click.Choice(["timeline"]),
    help="Import a bundled sample instead of FILE (`tracker samples` lists them).",
)
@db_option
@json_option
def import_events(file: Path | None, sample: str | None, db: str, as_json: bool) -> None:
    """Append the events of a JSONL file, all or nothing.

    Each line is one event object with its "type" (see `tracker record --file`).
    Events already in the log are skipped, so importing twice is harmless.

    Example:

        tracker import --sample timeline --db tracker.db
    """
    if (file is None) == (sample is None):
        raise UsageError("give a JSONL file or --sample timeline (one of the two)")
    if sample is not None:
        from tracker.cli.samples import sample_path

        file = Path(sample_path(sample))
    assert file is not None
    from tracker.app import Tracker
    from tracker.cli.render import progress_bar
    from tracker.event_json import read_jsonl

    with progress_bar(transient=as_json) as bar:
        task = bar.add_task(f"reading {file.name}", total=None)
        items = []
        for item in read_jsonl(file):
            items.append(item)
            bar.advance(task)
        bar.update(task, total=len(items), completed=len(items))
        append = bar.add_task("appending", total=len(items))
        with Tracker.open(db) as t:
            recorded = t.append(items, progress=lambda n: bar.advance(append, n))
            recorded += t.run_followers()
    skipped = len(items) - len(recorded)
    if as_json:
        echo_json({"read": len(items), "appended": len(recorded), "already_present": skipped})
    else:
        said = f"{counted(len(recorded), 'event')} appended, {skipped} already in the log"
        if recorded:
            # The instant to ask for what the log knew before later corrections.
            known = stamp(instant_after(max(r.recorded_at for r in recorded)))
            said += f"; --known-at {known} shows the log as it is now"
        click.echo(said)
