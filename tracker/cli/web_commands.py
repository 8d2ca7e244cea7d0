"""``tracker serve`` (the web page, read-only) and ``tracker views`` (SQL views for datasette).

FastAPI and uvicorn are imported inside ``serve`` only, so no other command pays for them.
"""

from __future__ import annotations

import socket

import click

from tracker.cli.common import db_option
from tracker.errors import UsageError

__all__ = ["serve", "views"]

_LOOPBACK = ("127.0.0.1", "::1", "localhost")


def _check_port_free(host: str, port: int) -> None:
    """Fail with a message, not uvicorn's log line, when the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise UsageError(
                f"cannot listen on {host}:{port} ({exc.strerror}); choose another --port"
            ) from None


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8765, show_default=True, type=click.IntRange(1, 65535), help="TCP port."
)
@db_option
def serve(host: str, port: int, db: str) -> None:
    """Serve the relationship pages and their JSON API over the database, read-only.

    Pages: / (every relationship), /relations/ARM-USA?as_of=2025-01-13 (one relationship's
    state, timeline and sources); JSON under /api, schema at /openapi.json. The log is
    opened read-only; on startup the projection is caught up and the SQL views created.
    Listens on loopback unless --host says otherwise.

    Example:

        tracker demo && tracker serve --db demo.db
    """
    from tracker.store.postgres import is_url
    from tracker.web.prepare import prepare

    prepared = prepare(db)
    if prepared.problem:
        click.secho(
            f"Warning: {prepared.problem}; serving the log as it is.", err=True, fg="yellow"
        )
    _check_port_free(host, port)
    import uvicorn

    from tracker.web.app import create_app

    app = create_app(db)
    if host not in _LOOPBACK:
        click.secho(f"Warning: listening on {host}, beyond this machine.", err=True, fg="yellow")
    shown = f"[{host}]" if ":" in host else host
    served = db
    if is_url(db):  # the server and database, never the URL's password
        from tracker.store.postgres.connection import describe

        served = describe(db)
    click.echo(f"Serving {served} read-only at http://{shown}:{port}/  (Ctrl+C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.command()
@db_option
def views(db: str) -> None:
    """Create or refresh the SQL views, so that `datasette tracker.db` is useful on its own.

    Views: relationship_states_now, timeline_with_sources, feed_status (once feeds exist).

    Example:

        tracker views --db demo.db && datasette demo.db
    """
    from tracker.store.postgres import is_url
    from tracker.web.prepare import prepare

    if is_url(db):
        raise UsageError(
            "the SQL views are for datasette, which reads SQLite files: on PostgreSQL query "
            "the tables themselves (events, projection_states) with psql, or serve the page "
            "with `tracker serve`"
        )
    prepared = prepare(db)
    if prepared.problem:
        raise UsageError(prepared.problem)
    click.echo(f"Views in {db}: {', '.join(prepared.views)}")
    click.echo(f"Browse them with: datasette {db}")
