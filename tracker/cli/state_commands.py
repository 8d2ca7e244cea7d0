"""Commands over relationship state: state, relations, timeline, replay.

Only click and the shared options are imported at module level, so ``tracker state``
starts fast and never loads the feed fetcher, the scheduler or the NLP pipeline.
"""

from __future__ import annotations

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

__all__ = ["relations", "replay", "state", "timeline"]


def _open(db: str) -> Tracker:
    from tracker.app import Tracker

    require_database(db)
    return Tracker.open(db)


@click.command()
@click.argument("actor_a")
@click.argument("actor_b")
@click.option("--as-of", help="Valid date (YYYY-MM-DD); default today (UTC).")
@click.option(
    "--known-at",
    help="As the log knew it at this time (e.g. 2025-02-01T00:00Z); folded from the "
    "relationship's first event (snapshots hold what the log knows now).",
)
@db_option
@json_option
def state(
    actor_a: str, actor_b: str, as_of: str | None, known_at: str | None, db: str, as_json: bool
) -> None:
    """Show the state of the relationship between two actors on a date, and why.

    Actors are codes or names (ARM, Armenia, "United States"), in either order.

    Example:

        tracker state ARM USA --as-of 2025-01-15

        tracker state Armenia "United States" --as-of 2025-03-01 --known-at 2025-02-01T00:00Z
    """
    day, moment = parse_date(as_of, "--as-of"), parse_timestamp(known_at, "--known-at")
    require_database(db)
    # Most questions (today, or any date after the relationship's last event) are answered
    # by the stored projection: one row read, without loading the fold or the event
    # vocabulary. The rest are folded from the log by the tracker.
    from tracker.stored_states import stored_view

    result = stored_view(db, actor_a, actor_b, day) if moment is None else None
    if result is None:
        with _open(db) as t:
            result = t.state(actor_a, actor_b, as_of=day, known_at=moment)
    if as_json:
        echo_json(result.model_dump(mode="json"))
        return
    from tracker.cli.render import console
    from tracker.cli.state_render import state_panel

    console.print(state_panel(result))


@click.command()
@click.option("--actor", help="Only relationships of this actor (code or name).")
@click.option("--as-of", help="Valid date (YYYY-MM-DD); default today (UTC).")
@db_option
@json_option
def relations(actor: str | None, as_of: str | None, db: str, as_json: bool) -> None:
    """List relationships with their label, last high-level contact and tone.

    Example:

        tracker relations --actor Armenia --as-of 2025-06-01
    """
    with _open(db) as t:
        rows = t.relations(actor=actor, as_of=parse_date(as_of, "--as-of"))
    if as_json:
        echo_json([r.model_dump(mode="json") for r in rows])
        return
    from tracker.cli.render import console
    from tracker.cli.state_render import relations_table

    console.print(relations_table(rows))


@click.command()
@click.argument("actor_a")
@click.argument("actor_b")
@click.option("--since", help="Show events from this valid date (YYYY-MM-DD).")
@click.option("--until", help="Show events up to this valid date (YYYY-MM-DD).")
@click.option("--known-at", help="As the log knew it at this time (ISO timestamp).")
@db_option
@json_option
def timeline(
    actor_a: str,
    actor_b: str,
    since: str | None,
    until: str | None,
    known_at: str | None,
    db: str,
    as_json: bool,
) -> None:
    """Show a relationship's events in the order they happened, with the change each made.

    Example:

        tracker timeline ARM USA --since 2025-01-01
    """
    with _open(db) as t:
        entries = t.timeline(
            actor_a,
            actor_b,
            since=parse_date(since, "--since"),
            until=parse_date(until, "--until"),
            known_at=parse_timestamp(known_at, "--known-at"),
        )
    if as_json:
        echo_json([e.model_dump(mode="json") for e in entries])
        return
    from tracker.actors import resolve_actor
    from tracker.cli.render import console
    from tracker.cli.state_render import timeline_table
    from tracker.narrate import party_words

    a, b = (party_words(resolve_actor(actor)) for actor in (actor_a, actor_b))
    console.print(timeline_table(entries, f"Timeline of {a} – {b}"))


@click.command()
@click.option("--until", help="Only events that happened by this valid date (YYYY-MM-DD).")
@click.option(
    "--until-position",
    # SQLite's integers end at 2**63 - 1: a larger one could not be compared with a position.
    type=click.IntRange(0, 2**63 - 1),
    help="Stop after this log position.",
)
@click.option("--known-at", help="Only events the log had recorded by this time.")
@click.option("--relationship", help="Only this relationship, e.g. ARM-USA.")
@click.option("--rebuild", is_flag=True, help="Rebuild the projection tables from the log.")
@db_option
@json_option
def replay(
    until: str | None,
    until_position: int | None,
    known_at: str | None,
    relationship: str | None,
    rebuild: bool,
    db: str,
    as_json: bool,
) -> None:
    """Re-run the log in the order it was learned, narrating each event's change to the state.

    With --rebuild, replay the whole log into fresh projection tables and swap them in.

    Example:

        tracker replay --relationship ARM-USA --until 2025-02-28

        tracker replay --rebuild
    """
    from tracker.cli.render import console, progress_bar

    if rebuild and (until or until_position or known_at or relationship):
        raise UsageError("--rebuild replays the whole log; it takes no --until/--relationship")
    pair = _pair(relationship) if relationship else None
    with _open(db) as t, progress_bar(transient=True) as bar:
        if rebuild:
            task = bar.add_task("rebuilding", total=None)
            folded = t.rebuild_projection(
                lambda done, total: bar.update(task, completed=done, total=total)
            )
            checkpoint = t.projection.checkpoint()
            if as_json:
                echo_json({"rebuilt": True, "events": folded, "checkpoint": checkpoint})
            else:
                console.print(f"rebuilt the projection: {folded} events, checkpoint {checkpoint}")
            return
        task = bar.add_task("replaying", total=until_position or t.store.head())
        steps = []
        for step in t.replay(
            relationship=pair,
            until_position=until_position,
            known_at=parse_timestamp(known_at, "--known-at"),
            until_date=parse_date(until, "--until"),
        ):
            bar.update(task, completed=step.position)
            if as_json:
                steps.append(step.model_dump(mode="json"))
            else:
                from tracker.cli.state_render import replay_lines

                console.print(replay_lines(step))
    if as_json:
        echo_json(steps)


def _pair(text: str) -> tuple[str, str]:
    parts = text.replace(",", "-").split("-")
    if len(parts) != 2:
        raise UsageError(
            f"--relationship {quoted(text)}: write two actors joined by '-', e.g. ARM-USA"
        )
    return parts[0], parts[1]
