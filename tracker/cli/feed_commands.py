"""``tracker feeds``: the feed list (add, list, remove, seed, import-opml, export-opml)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import click

from tracker.cli.common import counted, db_option, echo_json, json_option, require_database
from tracker.feeds.feedlist import FeedList

__all__ = ["feeds"]

_SEED_FILE = "feeds.toml"


@contextmanager
def _feed_list(db: str) -> Iterator[FeedList]:
    """The feed list of ``db``, a file or a server (the feed tables need no more)."""
    from tracker.feeds.tables import open_feed_db

    with open_feed_db(db) as feed_db:
        yield FeedList(feed_db)


@click.group()
def feeds() -> None:
    """Manage the feeds the daemon polls.

    Example:

        tracker feeds add https://www.civilnet.am/en/feed/ --name civilnet --interval 30m
    """


@feeds.command("add")
@click.argument("url")
@click.option("--name", help="A short name (default: the URL's host).")
@click.option("--interval", default="30m", show_default=True, help="How often: 90s, 30m, 2h.")
@db_option
@json_option
def add(url: str, name: str | None, interval: str, db: str, as_json: bool) -> None:
    """Add a feed to poll.

    Example:

        tracker feeds add https://oc-media.org/feed/ --name oc-media --interval 1h
    """
    from tracker.feeds.feedlist import format_interval, parse_interval

    seconds = parse_interval(interval)
    with _feed_list(db) as feed_list:
        feed = feed_list.add(url, name=name, interval=seconds)
    if as_json:
        echo_json(asdict(feed))
    else:
        click.echo(f"added {feed.name}: {feed.url} every {format_interval(seconds)}")


@feeds.command("list")
@db_option
@json_option
def list_feeds(db: str, as_json: bool) -> None:
    """List the feeds, with their interval and whether they are polled.

    Example:

        tracker feeds list --json
    """
    from rich.table import Table

    from tracker.cli.render import console, problem_lines
    from tracker.feeds.feedlist import format_interval

    require_database(db)
    with _feed_list(db) as feed_list:
        rows = feed_list.all()
    if as_json:
        echo_json([asdict(f) for f in rows])
        return
    if not rows:
        click.echo("no feeds yet: `tracker feeds seed` adds the bundled list")
        return
    # One line per feed: a long name or URL is cut (--json has it whole), and why a feed
    # is not polled goes on a line of its own beneath the table.
    table = Table()
    widest = min(24, max(len(f.name) for f in rows))
    table.add_column("name", overflow="ellipsis", no_wrap=True, min_width=widest, max_width=24)
    table.add_column("url", overflow="ellipsis")
    for column in ("every", "polled"):
        table.add_column(column, no_wrap=True)
    for f in rows:
        polled = "yes" if f.enabled else "no"
        table.add_row(f.name, f.url, format_interval(f.interval_seconds), polled)
    console.print(table)
    problem_lines([(f.name, f.disabled_reason or "disabled") for f in rows if not f.enabled])


@feeds.command("remove")
@click.argument("name")
@db_option
@json_option
def remove(name: str, db: str, as_json: bool) -> None:
    """Stop polling a feed and forget its health (its articles stay in the log).

    Example:

        tracker feeds remove civilnet
    """

    require_database(db)
    with _feed_list(db) as feed_list:
        feed = feed_list.remove(name)
    echo_json(asdict(feed)) if as_json else click.echo(f"removed {feed.name} ({feed.url})")


@feeds.command("seed")
@click.option(
    "--file",
    "file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A TOML feed list (default: the bundled seeds/feeds.toml).",
)
@db_option
@json_option
def seed(file: Path | None, db: str, as_json: bool) -> None:
    """Add the bundled feed list (CivilNet and other South Caucasus outlets).

    Feeds already present (by name or URL) are left as they are.

    Example:

        tracker feeds seed && tracker fetch
    """
    import seeds
    from tracker.feeds.feedlist import load_seed_file

    source = file or Path(str(seeds.path(_SEED_FILE)))
    listed = load_seed_file(source)
    with _feed_list(db) as feed_list:
        added, skipped = feed_list.seed(listed)
    unchecked = [s.name for s in listed if not s.checked]
    if as_json:
        echo_json(
            {
                "added": [f.name for f in added],
                "skipped": [s.name for s in skipped],
                "unchecked": unchecked,
            }
        )
        return
    click.echo(f"{counted(len(added), 'feed')} added, {len(skipped)} already present")
    if unchecked:
        click.echo(f"not yet checked by anyone: {', '.join(unchecked)} (see `tracker status`)")


@feeds.command("import-opml")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--interval", default="30m", show_default=True, help="Interval for new feeds.")
@db_option
@json_option
def import_opml(file: Path, interval: str, db: str, as_json: bool) -> None:
    """Add every feed of an OPML file (as exported by feed readers).

    Example:

        tracker feeds import-opml subscriptions.opml --interval 1h
    """
    from tracker.errors import UsageError
    from tracker.feeds.feedlist import parse_interval
    from tracker.feeds.opml import read_opml

    seconds = parse_interval(interval)
    found = read_opml(file)
    added: list[str] = []
    skipped: list[dict[str, str]] = []
    with _feed_list(db) as feed_list:
        for item in found:
            try:
                added.append(feed_list.add(item.url, name=item.name, interval=seconds).name)
            except UsageError as exc:
                skipped.append({"name": item.name, "url": item.url, "reason": str(exc)})
    if as_json:
        echo_json({"added": added, "skipped": skipped})
        return
    click.echo(f"{counted(len(added), 'feed')} added from {file}, {len(skipped)} skipped")
    for skip in skipped:
        click.echo(f"  skipped {skip['name']}: {skip['reason']}", err=True)


@feeds.command("export-opml")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE."
)
@db_option
def export_opml(output: Path | None, db: str) -> None:
    """Write the feed list as OPML (to stdout, or to --output FILE).

    Example:

        tracker feeds export-opml -o feeds.opml
    """
    from tracker.errors import UsageError
    from tracker.feeds.opml import write_opml

    require_database(db)
    with _feed_list(db) as feed_list:
        document = write_opml(feed_list.all())
    if output is None:
        click.echo(document, nl=False)
        return
    try:
        output.write_text(document, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror}") from exc
    click.echo(f"wrote {output}", err=True)
