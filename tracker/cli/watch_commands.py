"""`tracker watch add|list|remove`: the changes a reader follows, delivered by the daemon."""

from __future__ import annotations

import click

from tracker.cli.common import db_option, echo_json, json_option, require_database

__all__ = ["watch"]

_KINDS = ["label", "agreement", "membership", "relations", "commitment", "contact", "area", "tone"]


@click.group()
def watch() -> None:
    """Watch for changes: the daemon sends each new one that matches, once, to a command or a
    webhook (see `tracker status` for failed deliveries).

    Example:

        tracker watch add armenia --actor ARM --exec "notify-send tracker"
    """


@watch.command("add")
@click.argument("name")
@click.option("--actor", "actors", multiple=True, help="Only this actor's relationships (repeat).")
@click.option("--relationship", help="Only this relationship, e.g. ARM-USA.")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(_KINDS), help="Only this kind.")
@click.option("--exec", "exec_cmd", help="A shell command: the change as JSON on stdin.")
@click.option("--webhook", help="A URL: the change POSTed as JSON.")
@db_option
def add(
    name: str,
    actors: tuple[str, ...],
    relationship: str | None,
    kinds: tuple[str, ...],
    exec_cmd: str | None,
    webhook: str | None,
    db: str,
) -> None:
    """Add a watch; it tells the changes from now on.

    The command gets the change as JSON on stdin and TRACKER_WATCH, TRACKER_CHANGE_ID,
    TRACKER_CHANGE_KIND, TRACKER_RELATIONSHIP and TRACKER_CHANGE_SUMMARY in its
    environment; exit 0 acknowledges it. A webhook acknowledges with a 2xx answer; the id
    comes in the Idempotency-Key header too.

    Example:

        tracker watch add eu-talks --relationship ARM-EU --webhook https://example.org/hook
    """
    from tracker.cli.changes_commands import change_filter
    from tracker.store.side import open_store
    from tracker.watches import WatchBook

    require_database(db)
    wanted = change_filter(actors, relationship, kinds)
    with open_store(db) as store:
        added = WatchBook(store).add(name, wanted, exec_cmd=exec_cmd, webhook=webhook)
    click.echo(f"watch {added.name} added: it sends {_wanted(added.wanted)} from now on")


@watch.command("list")
@db_option
@json_option
def list_watches(db: str, as_json: bool) -> None:
    """List the watches and how their deliveries went.

    Example:

        tracker watch list --json
    """
    from tracker.store.side import open_store
    from tracker.watches import WatchBook

    require_database(db)
    with open_store(db) as store:
        book = WatchBook(store)
        watches, report = book.all(), {r["name"]: r for r in book.report()}
    if as_json:
        echo_json([{**w.model_dump(mode="json"), **report[w.name]} for w in watches])
        return
    if not watches:
        click.echo("no watches: `tracker watch add NAME --exec CMD` adds one")
    for w in watches:
        r = report[w.name]
        click.echo(f"{w.name}: {_wanted(w.wanted)} -> {r['sends_to']}")
        click.echo(f"  {r['delivered']} delivered, {r['waiting']} waiting")
        if r["failing"]:
            click.echo(f"  failing after {r['attempts']} tries: {r['last_error']}")


@watch.command("remove")
@click.argument("name")
@db_option
def remove(name: str, db: str) -> None:
    """Remove a watch and its undelivered changes.

    Example:

        tracker watch remove armenia
    """
    from tracker.store.side import open_store
    from tracker.watches import WatchBook

    require_database(db)
    with open_store(db) as store:
        WatchBook(store).remove(name)
    click.echo(f"watch {name} removed")


def _wanted(wanted: object) -> str:
    from tracker.changes import ChangeFilter

    assert isinstance(wanted, ChangeFilter)
    parts = []
    if wanted.kinds:
        parts.append(" and ".join(wanted.kinds) + " changes")
    else:
        parts.append("every change")
    if wanted.relationship:
        parts.append(f"of {wanted.relationship}")
    if wanted.actors:
        parts.append(f"involving {', '.join(wanted.actors)}")
    return " ".join(parts)
