"""SQL views over the log, for readers at the sqlite3 prompt or in datasette.

They are created by :mod:`tracker.web.views`, beside its views of the other tables; the SQL
on the log lives here, with the rest of the log's SQL.
"""

from __future__ import annotations

__all__ = ["TIMELINE_TABLES", "TIMELINE_WITH_SOURCES"]

# The tables the timeline view reads: it is created only once they exist.
TIMELINE_TABLES = ("events", "event_relationships")

# Every event of every relationship, one row per source, with the sentence and the
# article's url, and when it was retracted if it was; a corroboration (one more source for
# an earlier event) names that event in ``subject``.
TIMELINE_WITH_SOURCES = """SELECT
        r.relationship,
        e.occurred_start,
        e.occurred_end,
        e.precision,
        e.type AS event_type,
        json_extract(e.payload, '$.source') AS source,
        json_extract(e.payload, '$.target') AS target,
        CASE WHEN e.occurred_start IS NOT NULL  -- annotations have no modality
            THEN coalesce(json_extract(e.payload, '$.modality'), 'realized') END AS modality,
        coalesce(json_extract(e.payload, '$.agreement'), json_extract(e.payload, '$.commitment'),
            json_extract(e.payload, '$.topic')) AS object,
        json_extract(e.payload, '$.note') AS note,
        json_extract(ev.value, '$.sentence') AS sentence,
        json_extract(ev.value, '$.url') AS url,
        json_extract(ev.value, '$.article_id') AS article_id,
        e.recorded_at,
        (SELECT min(x.recorded_at) FROM events x WHERE x.type = 'EventRetracted'
            AND json_extract(x.payload, '$.subject') = e.event_id) AS retracted_at,
        json_extract(e.payload, '$.subject') AS subject,
        e.event_id,
        e.position
    FROM event_relationships r
    JOIN events e ON e.position = r.position
    LEFT JOIN json_each(CASE json_type(e.payload, '$.evidence')
        WHEN 'object' THEN json_array(json_extract(e.payload, '$.evidence'))
        ELSE json_extract(e.payload, '$.evidence') END) ev"""
