"""The log in PostgreSQL: its schema, its connections, and the helpers of its store.

:class:`tracker.store.postgres_store.PostgresStore` is the store itself; nothing here is
imported on a SQLite path, so ``tracker state`` on a file never loads psycopg.
"""

__all__ = ["NOT_ON_POSTGRESQL", "is_url"]

# What code that reaches for the SQLite file's own connection says on a server.
NOT_ON_POSTGRESQL = (
    "this needs a SQLite file's own connection, which a PostgreSQL log has not: run it with "
    "--db on a file (`tracker migrate` copies a file's log to the server); the tracker's "
    "commands, the daemon and the web page run on PostgreSQL"
)


def is_url(target: object) -> bool:
    """True when ``--db`` names a PostgreSQL server rather than a file."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))
