"""SQL views over the log and the tables beside it, so ``datasette tracker.db`` is useful alone.

- ``relationship_states_now``: each relationship's materialized state (as of the projection's
  checkpoint, over all valid time): events, last contact, agreements, memberships, the
  level of diplomatic relations, pending commitments, areas. The label needs the
  date-dependent rules of :mod:`tracker.projections.labels`, so it is left to
  ``tracker state`` and the web page.
- ``timeline_with_sources``: every event of every relationship, one row per source, with the
  sentence and the article's url, and when it was retracted if it was; a corroboration
  (one more source for an earlier event) names that event in ``subject``.
- ``feed_status``: each configured feed with its health (last poll, errors, backoff).

A view is created only when the tables under it exist (the feed tables appear with the first
``tracker feeds`` command), and recreated only when its definition changed: calling
:func:`ensure_views` again is cheap and takes no write lock when nothing is to be done.
"""

from __future__ import annotations

import sqlite3

from tracker.db import write_transaction
from tracker.store.log_views import TIMELINE_TABLES, TIMELINE_WITH_SOURCES

__all__ = ["VIEWS", "ensure_views"]

_AGREEMENTS = """(SELECT group_concat(json_extract(a.value, '$.name') || ': ' ||
        json_extract(a.value, '$.status') || ' ' || json_extract(a.value, '$.status_date'), '; ')
        FROM json_each(s.state, '$.agreements') a)"""
_MEMBERSHIPS = """(SELECT group_concat(json_extract(m.value, '$.member') || ' in ' ||
        json_extract(m.value, '$.organisation') || ': ' || json_extract(m.value, '$.status'), '; ')
        FROM json_each(s.state, '$.memberships') m)"""

# name -> (tables it reads, SELECT statement)
VIEWS: dict[str, tuple[tuple[str, ...], str]] = {
    "relationship_states_now": (
        ("projection_states",),
        f"""SELECT
        s.relationship,
        substr(s.relationship, 1, instr(s.relationship, '-') - 1) AS actor_a,
        substr(s.relationship, instr(s.relationship, '-') + 1) AS actor_b,
        json_extract(s.state, '$.facts') AS events,
        json_extract(s.state, '$.last_contact.date') AS last_contact_date,
        json_extract(s.state, '$.last_contact.form') AS last_contact_form,
        json_extract(s.state, '$.last_contact.level') AS last_contact_level,
        {_AGREEMENTS} AS agreements,
        {_MEMBERSHIPS} AS memberships,
        json_extract(s.state, '$.relations.status') AS diplomatic_relations,
        json_extract(s.state, '$.relations.status_date') AS diplomatic_relations_since,
        (SELECT count(*) FROM json_each(s.state, '$.commitments') c
            WHERE json_extract(c.value, '$.status') = 'pending') AS pending_commitments,
        (SELECT group_concat(json_extract(x.value, '$.area'), ', ')
            FROM json_each(s.state, '$.areas') x) AS areas
    FROM projection_states s""",
    ),
    "timeline_with_sources": (TIMELINE_TABLES, TIMELINE_WITH_SOURCES),
    "feed_status": (
        ("feeds", "feed_health"),
        """SELECT
        f.name AS feed, f.url, f.enabled, f.disabled_reason,
        h.last_polled_at, h.last_success_at, h.last_status, h.last_outcome, h.last_error,
        h.last_warning, h.consecutive_failures, h.next_run_at, h.items_seen,
        h.articles_ingested, h.polls
    FROM feeds f LEFT JOIN feed_health h ON h.feed = f.name""",
    ),
}


def _definition(name: str, select: str) -> str:
    return f"CREATE VIEW {name} AS {select}"


def ensure_views(conn: sqlite3.Connection) -> list[str]:
    """Create or refresh every view whose tables exist; return the names of those present."""
    existing = dict(conn.execute("SELECT name, sql FROM sqlite_master").fetchall())
    wanted = {
        name: _definition(name, select)
        for name, (tables, select) in VIEWS.items()
        if all(table in existing for table in tables)
    }
    stale = [name for name, sql in wanted.items() if existing.get(name) != sql]
    if stale:
        with write_transaction(conn):
            for name in stale:
                conn.execute(f"DROP VIEW IF EXISTS {name}")
                conn.execute(wanted[name])
    return sorted(wanted)
