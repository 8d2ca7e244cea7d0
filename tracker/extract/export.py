"""Rows for ``tracker export``: one per live diplomatic event, with every source behind it."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from events import DiplomaticEvent, EventCorroborated, EventRetracted, Evidence
from tracker.store import EventStore

__all__ = ["COLUMNS", "export_rows", "to_csv", "to_jsonl"]

COLUMNS = (
    "event_id",
    "type",
    "cameo",
    "goldstein",
    "parties",
    "source",
    "target",
    "occurred_start",
    "occurred_end",
    "precision",
    "occurred_basis",
    "due",
    "modality",
    "object",
    "areas",
    "people",
    "sources",
    "extractor",
)


def _source(evidence: Evidence) -> dict[str, Any]:
    return {
        "article_id": evidence.article_id,
        "url": evidence.url,
        "sentence": evidence.sentence,
        "confidence": evidence.confidence,
    }


def _row(event: DiplomaticEvent, extra: list[Evidence]) -> dict[str, Any]:
    evidence = [*event.evidence, *extra]
    extractors = sorted({f"{e.extractor} {e.extractor_version}" for e in evidence})
    return {
        "event_id": str(event.event_id),
        "type": event.event_type,
        "cameo": event.code,
        "goldstein": event.goldstein,
        "parties": event.relationship.key,
        "source": event.source,
        "target": event.target,
        "occurred_start": event.occurred.start.isoformat(),
        "occurred_end": event.occurred.end.isoformat(),
        "precision": event.occurred.precision.value,
        "occurred_basis": event.occurred_basis,
        "due": str(event.due) if event.due else None,
        "modality": event.modality.value,
        "object": event.object_key() or None,
        "areas": [str(a) for a in event.areas],
        "people": list(event.people),
        "sources": [_source(e) for e in evidence],
        "extractor": ", ".join(extractors),
    }


def export_rows(store: EventStore, relationship: str | None = None) -> Iterator[dict[str, Any]]:
    """Every diplomatic event not retracted, in log order, with its corroborating sources."""
    events: dict[str, DiplomaticEvent] = {}
    extra: dict[str, list[Evidence]] = {}
    retracted: set[str] = set()
    for recorded in store.read(relationship=relationship):
        item = recorded.event
        if isinstance(item, DiplomaticEvent):
            events[str(item.event_id)] = item
        elif isinstance(item, EventCorroborated):
            extra.setdefault(str(item.subject), []).append(item.evidence)
        elif isinstance(item, EventRetracted):
            retracted.add(str(item.subject))
    for key, event in events.items():
        if key not in retracted:
            yield _row(event, extra.get(key, []))


def to_jsonl(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False)


def to_csv(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    """CSV lines; list fields are joined with "; " and sources as "url | sentence"."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        flat = dict(row)
        flat["areas"] = "; ".join(row["areas"])
        flat["people"] = "; ".join(row["people"])
        flat["sources"] = "; ".join(f"{s['url']} | {s['sentence']}" for s in row["sources"])
        writer.writerow([flat[c] if flat[c] is not None else "" for c in COLUMNS])
        yield buffer.getvalue()
