"""Commands over what changed: `tracker changes` (a window of valid or transaction time, as
text, JSON or an Atom feed) and `tracker diff` (two states of a pair side by side)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import click

from tracker.cli.common import (
    db_option,
    echo_json,
    json_option,
    parse_date,
    parse_timestamp,
    require_database,
)
from tracker.errors import UsageError, quoted

if TYPE_CHECKING:
    from tracker.app import Tracker
    from tracker.changes import ChangeFilter

__all__ = ["change_filter", "changes", "diff"]


@click.command()
@click.option("--since", help="Changes that took effect after this date, or 7d, 2w, 1m back.")
@click.option("--until", help="...and up to this date (YYYY-MM-DD); default today (UTC).")
@click.option(
    "--learned-since",
    help="Instead: what the log learned after this moment (timestamp, or 7d, 2w, 1m back).",
)
@click.option("--actor", "actors", multiple=True, help="Only this actor's relationships (repeat).")
@click.option("--relationship", help="Only this relationship, e.g. ARM-USA.")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(
        ["label", "agreement", "membership", "relations", "commitment", "contact", "area", "tone"]
    ),
    help="Only changes of this kind (repeat).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "atom"]),
    default="text",
    show_default=True,
    help="Words, JSON (identifiers), or an Atom 1.0 feed.",
)
@db_option
@json_option
def changes(
    since: str | None,
    until: str | None,
    learned_since: str | None,
    actors: tuple[str, ...],
    relationship: str | None,
    kinds: tuple[str, ...],
    fmt: str,
    db: str,
    as_json: bool,
) -> None:
    """Show what changed in every relationship (or the ones named), newest first, with sources.

    --since/--until: what happened between two dates (valid time), as known now.
    --learned-since: what the log learned since a moment (transaction time), late news about
    the past and retractions included, and commitments the calendar made overdue. Without
    either: what happened in the last 7 days.

    Example:

        tracker changes --since 7d --actor Armenia

        tracker changes --learned-since 1d --format atom > changes.atom
    """
    from tracker.changes import happened, learned
    from tracker.changes.durations import day_back, moment_back
    from tracker.stored_states import today_utc

    if learned_since is not None and (since is not None or until is not None):
        raise UsageError(
            "--learned-since asks what the log learned (transaction time); --since/--until "
            "what happened (valid time): give one or the other"
        )
    today, now = today_utc(), datetime.now(UTC)
    moment = moment_back(learned_since, "--learned-since", now)
    start = day_back(since or "7d", "--since", today)
    end = parse_date(until, "--until") or today
    wanted = change_filter(actors, relationship, kinds)
    require_database(db)
    from tracker.app import Tracker

    with Tracker.open(db) as t:
        if moment is not None:
            found = learned(t.store, t.projection, moment, wanted, today)
            heading = f"Learned since {moment:%Y-%m-%d %H:%M} UTC"
        else:
            assert start is not None
            _catch_up_marks(t)
            found = happened(t.store, start, end, wanted)
            heading = f"Happened after {start} up to {end}"
    if as_json or fmt == "json":
        echo_json([c.model_dump(mode="json") for c in found])
    elif fmt == "atom":
        from tracker.changes.atom import atom_feed

        click.echo(atom_feed(found, title=f"policy-tracker: {heading}", self_url="changes.atom"))
    else:
        from tracker.cli.changes_render import change_lines

        click.echo("\n".join(change_lines(found, heading)))


def _catch_up_marks(t: Tracker) -> None:
    """Bring the marks the changes are read from up to the log, with a bar when that is long
    (the first time on a big log: every relationship is walked)."""
    from tracker.changes import stored
    from tracker.cli.render import progress_bar

    if stored.current(t.store):
        return
    with progress_bar(transient=True) as bar:
        task = bar.add_task("reading the log's changes", total=None)
        stored.catch_up(t.store, lambda done, total: bar.update(task, completed=done, total=total))


def change_filter(
    actors: tuple[str, ...], relationship: str | None, kinds: tuple[str, ...]
) -> ChangeFilter:
    """The filter of --actor, --relationship and --kind, actors resolved to their codes."""
    from tracker.actors import resolve_actor
    from tracker.changes import ChangeFilter
    from tracker.stored_states import relationship_key

    pair = None
    if relationship is not None:
        parts = relationship.replace(",", "-").split("-")
        if len(parts) != 2:
            raise UsageError(
                f"--relationship {quoted(relationship)}: write two actors joined by '-', "
                "e.g. ARM-USA"
            )
        pair = relationship_key(parts[0], parts[1])
    return ChangeFilter(
        actors=tuple(resolve_actor(a) for a in actors),
        relationship=pair,
        kinds=kinds,
    )


@click.command()
@click.argument("actor_a")
@click.argument("actor_b")
@click.option("--from", "start", required=True, help="The first valid date (YYYY-MM-DD).")
@click.option("--to", "end", required=True, help="The second valid date (YYYY-MM-DD).")
@click.option("--known-at", help="Both as the log knew them at this time (ISO timestamp).")
@db_option
@json_option
def diff(
    actor_a: str,
    actor_b: str,
    start: str,
    end: str,
    known_at: str | None,
    db: str,
    as_json: bool,
) -> None:
    """Show a relationship's state on two dates side by side, and what changed between them.

    Example:

        tracker diff ARM USA --from 2025-01-01 --to 2025-06-30
    """
    first, second = parse_date(start, "--from"), parse_date(end, "--to")
    assert first is not None and second is not None
    moment = parse_timestamp(known_at, "--known-at")
    require_database(db)
    from tracker.app import Tracker
    from tracker.changes.windows import between
    from tracker.stored_states import relationship_key

    key = relationship_key(actor_a, actor_b)
    with Tracker.open(db) as t:
        result = between(t.store, key, first, second, moment, t.projection)
    if as_json:
        echo_json(result.model_dump(mode="json"))
        return
    from tracker.cli.changes_render import diff_lines

    click.echo("\n".join(diff_lines(result)))
