"""Reading the log: the filtered query, and rows decoded into RecordedEvents."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from events import DomainEvent, RecordedEvent
from events.registry import json_decoder
from tracker.store.rows import stamp

__all__ = ["SELECT", "decode_row", "decode_rows", "query"]

SELECT = (
    "SELECT e.position, e.stream, e.version, e.type, e.schema_version, e.recorded_at, "
    "e.payload, e.metadata FROM events e"
)


def query(
    after: int,
    until: int | None,
    stream: str | None,
    types: Sequence[str] | None,
    party: str | None,
    relationship: str | None,
    occurred_from: date | None,
    occurred_to: date | None,
    recorded_before: datetime | None,
    limit: int | None,
) -> tuple[str, list[Any]]:
    sql = SELECT
    where: list[str] = ["e.position > ?"]
    params: list[Any] = [after]
    if relationship is not None:
        sql += " JOIN event_relationships r ON r.position = e.position"
        where.append("r.relationship = ?")
        params.append(relationship)
    if party is not None:
        sql += " JOIN event_parties p ON p.position = e.position"
        where.append("p.party = ?")
        params.append(party)
    if until is not None:
        where.append("e.position <= ?")
        params.append(until)
    if stream is not None:
        where.append("e.stream = ?")
        params.append(stream)
    if types:
        where.append(f"e.type IN ({', '.join('?' * len(types))})")
        params.extend(types)
    if occurred_from is not None:
        where.append("e.occurred_end >= ?")
        params.append(occurred_from.isoformat())
    if occurred_to is not None:
        where.append("e.occurred_start <= ?")
        params.append(occurred_to.isoformat())
    if recorded_before is not None:
        where.append("e.recorded_at <= ?")
        params.append(stamp(recorded_before))
    sql += " WHERE " + " AND ".join(where) + " ORDER BY e.position"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return sql, params


def decode_rows(rows: Iterable[Sequence[Any]]) -> Iterator[RecordedEvent]:
    """Rows of the log as RecordedEvents: the hot loop of every read of the log.

    Written flat on purpose (local names, no per-row method call, the tuple built directly):
    at a million rows each avoided lookup is visible in the benchmark.
    """
    decoders: dict[str, tuple[int, Callable[[str], DomainEvent]]] = {}
    stamp, moment = "", datetime.min
    build = tuple.__new__
    for position, stream, version, event_type, schema_version, recorded_at, payload, meta in rows:
        known = decoders.get(event_type)
        if known is None or known[0] != schema_version:
            known = decoders[event_type] = (
                schema_version,
                json_decoder(event_type, schema_version),
            )
        # Rows appended in one batch share a stamp: parse it once.
        if recorded_at != stamp:
            stamp, moment = recorded_at, datetime.fromisoformat(recorded_at)
        metadata = json.loads(meta) if meta != "{}" else _NO_METADATA
        yield build(RecordedEvent, (position, stream, version, moment, known[1](payload), metadata))


_NO_METADATA: dict[str, Any] = {}


def decode_row(row: Sequence[Any]) -> RecordedEvent:
    return next(decode_rows([row]))
