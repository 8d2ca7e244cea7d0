"""`tracker fetch`, `tracker daemon`, `tracker status`: poll now, poll forever, how it goes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import click

from tracker.cli.common import db_option, echo_json, json_option, require_database

__all__ = ["daemon", "fetch", "status"]


def _fetch_options(fn: Any) -> Any:
    fn = click.option(
        "--timeout",
        type=click.FloatRange(min=0.1),
        default=60.0,
        show_default=True,
        help="Overall deadline of one fetch, in seconds (connect and read are capped by it).",
    )(fn)
    return click.option(
        "--max-bytes",
        type=click.IntRange(min=1024),
        default=8 * 1024 * 1024,
        show_default=True,
        help="Largest body accepted, after decompression.",
    )(fn)


def _policy(timeout: float, max_bytes: int) -> Any:
    from tracker.feeds.fetch import FetchPolicy

    return FetchPolicy(
        connect_timeout=min(10.0, timeout),
        read_timeout=min(30.0, timeout),
        deadline=timeout,
        max_bytes=max_bytes,
    )


@click.command()
@click.option("--feed", "names", multiple=True, help="Only this feed (repeatable).")
@click.option(
    "--ok-if-some",
    is_flag=True,
    help="Exit 0 when at least one feed was polled, even if others failed (for cron).",
)
@_fetch_options
@db_option
@json_option
def fetch(
    names: tuple[str, ...],
    ok_if_some: bool,
    timeout: float,
    max_bytes: int,
    db: str,
    as_json: bool,
) -> None:
    """Poll the feeds once, now, and ingest what is new.

    Disabled feeds are skipped unless named with --feed. Exit status: 0 when every feed
    was polled, 1 when any failed (what each failure was is in the table, or --json).
    With --ok-if-some, 1 only when every feed failed: a news site that is down for an
    hour then does not make a cron job report an error.

    Example:

        tracker fetch --feed civilnet
    """
    from tracker.app import Tracker
    from tracker.cli.render import progress_bar
    from tracker.feeds.feedlist import FeedList
    from tracker.feeds.poll import poll_feed
    from tracker.feeds.tables import feed_db

    results = []
    with Tracker.open(db) as t:
        feed_list = FeedList(feed_db(t.store))
        chosen = [feed_list.get(n) for n in names] if names else feed_list.all(enabled_only=True)
        policy = _policy(timeout, max_bytes)
        with progress_bar(transient=as_json) as bar:
            task = bar.add_task("polling", total=len(chosen))
            for feed in chosen:
                bar.update(task, description=f"polling {feed.name}")
                results.append(poll_feed(t, feed, policy=policy))
                bar.advance(task)
            bar.update(task, description="extracting and folding the new articles")
            t.run_followers()
    if as_json:
        echo_json([r.fields() for r in results])
    elif not chosen:
        click.echo("no feeds to poll: `tracker feeds add URL` or `tracker feeds seed`")
    else:
        _results_table(results)
    failed = [r for r in results if r.error]
    if failed and not (ok_if_some and len(failed) < len(results)):
        raise SystemExit(1)


def _results_table(results: list[Any]) -> None:
    from rich.table import Table

    from tracker.cli.render import console, problem_lines

    table = Table()
    table.add_column("feed", overflow="ellipsis", no_wrap=True, max_width=30)
    for column in ("outcome", "HTTP", "new", "revised", "unchanged"):
        table.add_column(column, no_wrap=True)
    for r in results:
        ing = r.ingest
        counts = [str(ing.new), str(ing.revised), str(ing.unchanged)] if ing else ["", "", ""]
        table.add_row(r.feed, r.outcome, str(r.status or ""), *counts)
    console.print(table)
    problem_lines([(r.feed, r.error) for r in results if r.error])


@click.command()
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="One line per poll on stderr, as text or JSON.",
)
@click.option(
    "--reconcile-every",
    type=click.FloatRange(min=0.1),
    default=15.0,
    show_default=True,
    help="Seconds between re-reading the feed list (and writing the heartbeat).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 32),
    default=4,
    show_default=True,
    help="Feeds polled at the same time.",
)
@click.option(
    "--lease",
    type=click.FloatRange(min=0.5),
    default=None,
    help="PostgreSQL: seconds a claimed feed stays this daemon's [default: --timeout plus 35 s].",
)
@_fetch_options
@db_option
def daemon(
    log_format: str,
    reconcile_every: float,
    workers: int,
    lease: float | None,
    timeout: float,
    max_bytes: int,
    db: str,
) -> None:
    """Poll every feed on its schedule, in the foreground, until SIGTERM or Ctrl-C.

    Feeds added or removed while it runs are picked up within --reconcile-every seconds.
    Only one daemon may run per SQLite file. On PostgreSQL any number share the feeds:
    every --reconcile-every seconds each claims the due feeds for its idle workers, with a
    lease (--lease) that fences its writes. Run it under systemd: see the README.

    Example:

        tracker daemon --db /var/lib/tracker/tracker.db --log-format json
    """
    from tracker.daemon.logs import configure_logging
    from tracker.daemon.runner import DaemonSettings, run_daemon

    settings = DaemonSettings(
        reconcile_every=reconcile_every,
        workers=workers,
        policy=_policy(timeout, max_bytes),
        lease=lease,
    )
    raise SystemExit(run_daemon(db, settings, configure_logging(log_format)))


@click.command()
@db_option
@json_option
def status(db: str, as_json: bool) -> None:
    """Whether the daemon runs (pid, heartbeat) and each feed's health.

    On PostgreSQL: every daemon that ran on the server (host, pid, heartbeat), and which
    holds each feed's lease.

    Example:

        tracker status --json
    """
    from tracker.daemon.heartbeat import read_heartbeat
    from tracker.daemon.lock import running_pid
    from tracker.feeds.feedlist import FeedList
    from tracker.feeds.health import all_health
    from tracker.store import EventStore
    from tracker.store.postgres import is_url

    require_database(db)
    if is_url(db):
        report = _shared_status(db)
        echo_json(report) if as_json else _status_tables(report)
        return
    with EventStore.open(db) as store:
        feeds = FeedList(store.conn).all()
        health = all_health(store.conn)
        beat = read_heartbeat(store.conn)
        from tracker.watches import WatchBook

        watches = WatchBook(store).report()
    pid = running_pid(db)
    report = {
        "daemon": {
            "running": pid is not None,
            "pid": pid if pid and pid > 0 else (beat.pid if beat and pid else None),
            "started_at": beat.started_at if beat else None,
            "heartbeat_at": beat.heartbeat_at if beat else None,
            "heartbeat_age_s": round(beat.age(), 1) if beat else None,
            "stopped_at": beat.stopped_at if beat else None,
            "polls": beat.polls if beat else 0,
        },
        "feeds": [
            {
                "name": f.name,
                "url": f.url,
                "enabled": f.enabled,
                "disabled_reason": f.disabled_reason,
                "interval_s": f.interval_seconds,
                **_health_fields(health.get(f.name)),
            }
            for f in feeds
        ],
        "watches": watches,
    }
    if as_json:
        echo_json(report)
        return
    _status_tables(report)


def _shared_status(db: str) -> dict[str, Any]:
    """``tracker status`` on PostgreSQL: every daemon, and each feed with its lease."""
    from tracker.daemon.registry import daemons
    from tracker.feeds.feedlist import FeedList
    from tracker.feeds.health import all_health
    from tracker.feeds.leases import leases
    from tracker.feeds.tables import open_feed_db
    from tracker.store.side import open_store
    from tracker.watches import WatchBook

    with open_feed_db(db) as feed_db:
        feeds = FeedList(feed_db).all()
        health = all_health(feed_db)
        held = leases(feed_db)
        rows = daemons(feed_db)
    with open_store(db) as store:
        watches = WatchBook(store).report()
    return {
        "daemons": [
            {
                "id": d.id,
                "host": d.host,
                "pid": d.pid,
                "running": d.running,
                "started_at": d.started_at,
                "heartbeat_at": d.heartbeat_at,
                "heartbeat_age_s": round(d.age(), 1),
                "stopped_at": d.stopped_at,
                "polls": d.polls,
                "leases": sorted(feed for feed, (holder, _) in held.items() if holder == d.id),
            }
            for d in rows
        ],
        "feeds": [
            {
                "name": f.name,
                "url": f.url,
                "enabled": f.enabled,
                "disabled_reason": f.disabled_reason,
                "interval_s": f.interval_seconds,
                "leased_by": held[f.name][0] if f.name in held else None,
                "leased_until": held[f.name][1] if f.name in held else None,
                **_health_fields(health.get(f.name)),
            }
            for f in feeds
        ],
        "watches": watches,
    }


def _daemon_lines(report: dict[str, Any]) -> None:
    if "daemons" in report:
        if not report["daemons"]:
            click.echo("daemons: none has run on this server")
        for d in report["daemons"]:
            if d["running"]:
                state = f"running, last heartbeat {d['heartbeat_age_s']}s ago"
            elif d["stopped_at"]:
                state = f"stopped {_minute(d['stopped_at'])}"
            else:
                state = f"silent since {_minute(d['heartbeat_at'])} (died, or cut off)"
            click.echo(f"daemon {d['host']} pid {d['pid']}: {state}, {d['polls']} polls")
            if d["leases"]:
                click.echo(f"  polling now (leased): {', '.join(d['leases'])}")
        return
    d = report["daemon"]
    if d["running"]:
        age = d["heartbeat_age_s"]
        click.echo(
            f"daemon: running, pid {d['pid']}, last heartbeat {age}s ago, {d['polls']} polls"
        )
    elif d["heartbeat_at"] and not d["stopped_at"]:
        click.echo(
            f"daemon: not running (it died without stopping; last heartbeat {d['heartbeat_at']})"
        )
    else:
        click.echo("daemon: not running")


def _health_fields(h: Any) -> dict[str, Any]:
    if h is None:
        return {"last_outcome": None, "polls": 0}
    fields = dict(h.__class__.__dataclass_fields__)
    return {name: getattr(h, name) for name in fields if name != "feed"}


def _status_tables(report: dict[str, Any]) -> None:
    from rich.table import Table

    from tracker.cli.render import console, problem_lines

    _daemon_lines(report)
    for w in report["watches"]:
        said = f"watch {w['name']}: {w['delivered']} delivered, {w['waiting']} waiting"
        if w["failing"]:
            said += (
                f"; failing after {w['attempts']} tries ({w['last_error']}), next {w['next_try']}"
            )
        click.echo(said)
    if not report["feeds"]:
        click.echo("no feeds: `tracker feeds seed` adds the bundled list")
        return
    table = Table()
    table.add_column("feed", overflow="ellipsis", no_wrap=True, max_width=24)
    for column in ("on", "last poll (UTC)", "outcome", "fails", "next run", "articles"):
        table.add_column(column, no_wrap=True)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    problems = []
    for f in report["feeds"]:
        next_run = str(f.get("next_run_at") or "")
        table.add_row(
            f["name"],
            "yes" if f["enabled"] else "no",
            _minute(f.get("last_polled_at")) or "never",
            f.get("last_outcome") or "",
            str(f.get("consecutive_failures") or 0),
            _minute(next_run) if next_run > now else "",
            str(f.get("articles_ingested") or 0),
        )
        problem = f.get("last_error") or f.get("disabled_reason") or f.get("last_warning")
        if problem:
            problems.append((f["name"], problem))
    console.print(table)
    problem_lines(problems)


def _minute(moment: Any) -> str:
    """A timestamp to the minute, "2025-01-14 10:05" (seconds and offset are in --json)."""
    if not moment:
        return ""
    text = moment.isoformat() if isinstance(moment, datetime) else str(moment)
    return text[:16].replace("T", " ")
