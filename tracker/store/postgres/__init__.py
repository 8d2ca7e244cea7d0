"""The log in PostgreSQL: its schema, its connections, and the helpers of its store.

:class:`tracker.store.postgres_store.PostgresStore` is the store itself; nothing here is
imported on a SQLite path, so ``tracker state`` on a file never loads psycopg.
"""
