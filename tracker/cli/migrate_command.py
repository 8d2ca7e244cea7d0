"""``tracker migrate --to postgresql://...``: the log of a SQLite file copied into PostgreSQL."""

from __future__ import annotations

import click

from tracker.cli.common import db_option, echo_json, json_option, require_database
from tracker.errors import UsageError, quoted

__all__ = ["migrate"]


@click.command()
@click.option(
    "--to",
    "target",
    required=True,
    metavar="URL",
    help="The PostgreSQL database to copy into: postgresql://USER@HOST[:PORT]/DATABASE.",
)
@db_option
@json_option
def migrate(target: str, db: str, as_json: bool) -> None:
    """Copy the log into PostgreSQL in position order, then verify both chains.

    Rows are copied as stored, so the target's hash chain is the source's. Run it again to
    continue where it stopped: it copies what the source gained since (a daemon may keep
    writing to the file meanwhile), after checking that the target's last event is the
    source's. Exits 1 unless the target verifies as the source does. The log, the
    extraction's checkpoint, and the feed tables (the feed list, each feed's health and
    its entries' cache; run again, they are brought up to date): the materialized states
    and the watches stay in the file.

    Example:

        tracker migrate --db tracker.db --to postgresql://tracker@localhost/tracker
    """
    from tracker.extract.checkpoint import EXTRACTION
    from tracker.feeds.tables import copy_feed_tables
    from tracker.store import EventStore
    from tracker.store.postgres.connection import describe, is_postgres_url

    if not is_postgres_url(target):
        raise UsageError(
            f"--to {quoted(target)}: give a PostgreSQL URL such as "
            "postgresql://tracker@localhost/tracker"
        )
    require_database(db)
    from tracker.store.postgres_store import PostgresStore

    with EventStore.open(db) as source, PostgresStore.open(target) as log:
        # Extraction keeps nothing but its checkpoint: it goes on on PostgreSQL from there.
        result = log.copy_from(
            source, followers=[EXTRACTION], progress=None if as_json else _progress
        )
        feeds = copy_feed_tables(source.conn, log.feed_db())
        source_check, target_check = source.verify(), log.verify()
    same = source_check == target_check
    if as_json:
        echo_json(
            {
                "ok": same and target_check.ok,
                "copied": result.copied,
                "from_position": result.started_at,
                "head": result.head,
                "feed_tables": feeds,
                "source": _verified(source_check),
                "target": _verified(target_check),
            }
        )
    else:
        click.echo(
            f"copied {result.copied} events to {describe(target)} "
            f"(positions {result.started_at + 1}..{result.head})"
            if result.copied
            else f"nothing to copy: {describe(target)} holds all {result.head} events"
        )
        if feeds:
            click.echo(
                f"feed tables: {feeds.get('feeds', 0)} feeds, "
                f"{feeds.get('feed_entries', 0)} entries seen, health of "
                f"{feeds.get('feed_health', 0)}"
            )
        words = "ok, hash chain intact" if target_check.ok else f"BROKEN: {target_check.reason}"
        click.echo(f"verify: source {source_check.events} events, target {target_check.events} "
                   f"events, {words}")  # fmt: skip
        if not same:
            click.secho(
                "the target does not verify as the source does: run the migration again, "
                "or `tracker verify` on both",
                fg="red",
                err=True,
            )
    if not (same and target_check.ok):
        raise SystemExit(1)


def _progress(done: int, total: int) -> None:
    click.echo(f"  {done} of {total} events copied", err=True)


def _verified(result: object) -> dict[str, object]:
    from dataclasses import asdict, is_dataclass

    assert is_dataclass(result) and not isinstance(result, type)
    return asdict(result)
