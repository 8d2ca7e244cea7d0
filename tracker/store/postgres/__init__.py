"""The log in PostgreSQL: its schema, its connections, and the helpers of its store.

:class:`tracker.store.postgres_store.PostgresStore` is the store itself; nothing here is
imported on a SQLite path, so ``tracker state`` on a file never loads psycopg.
"""

__all__ = ["NOT_ON_POSTGRESQL", "is_url"]

# What a command that needs the tables still kept in the SQLite file only says.
NOT_ON_POSTGRESQL = (
    "this command needs the readings', watches' or materialized states' tables, which are "
    "in the SQLite file only so far (on PostgreSQL there are the log and the feeds): run it "
    "with --db on the file; `tracker log`, `verify`, `state`, `timeline`, `replay`, "
    "`record`, `retract`, `confirm`, `follow`, `init`, `feeds`, `fetch`, `status` and "
    "`daemon` run on PostgreSQL"
)


def is_url(target: object) -> bool:
    """True when ``--db`` names a PostgreSQL server rather than a file."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))
