"""Dedup on PostgreSQL: a batch looked up through the server's index plans what SQLite plans."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from events import (
    AgreementSigned,
    EventCorroborated,
    EventRetracted,
    Evidence,
    MeetingHeld,
    ThreatIssued,
)
from tests.factories import diplomatic
from tracker.app import Tracker
from tracker.extract.dedup import plan_appends

pytestmark = pytest.mark.postgresql


def _source(article: str, sentence: str | None = None) -> list[Evidence]:
    return [Evidence(article_id=article, url=f"https://x.example.org/{article}", sentence=sentence)]


def test_a_batch_plans_on_postgresql_as_on_sqlite(tmp_path: Path, pg_database: str) -> None:
    signed = diplomatic(AgreementSigned, occurred="2024-03", evidence=_source("a1"))
    met = diplomatic(MeetingHeld, occurred="2024-03-10", evidence=_source("a1", "They met."))
    threat = diplomatic(ThreatIssued, source="USA", target="ARM", occurred="2024")
    withdrawn = diplomatic(MeetingHeld, occurred="2024-05-02", evidence=_source("a2"))
    log = [
        [signed, met, threat, withdrawn],
        [
            EventCorroborated(
                subject=met.event_id, evidence=_source("b1", "The talks were held.")[0]
            )
        ],
        [EventRetracted(subject=withdrawn.event_id, reason="misread")],
    ]
    batch: list[tuple[Any, dict[str, Any]]] = [
        (
            diplomatic(
                AgreementSigned,
                agreement="strategic partnership charter",
                occurred="2024-03-20",
                evidence=_source("c1"),
            ),
            {"feed": "f"},
        ),
        (diplomatic(MeetingHeld, occurred="2024-03", evidence=_source("b1", "They met.")), {}),
        (diplomatic(MeetingHeld, occurred="2024-03-10", evidence=_source("a1", "Said again.")), {}),
        (diplomatic(ThreatIssued, occurred="2024-07-01", evidence=_source("c2")), {}),  # reversed
        (diplomatic(MeetingHeld, occurred="2024-05-02", evidence=_source("c3")), {}),
        (met, {}),  # the log holds it
    ]
    plans = []
    for where in (tmp_path / "t.db", pg_database):
        with Tracker.open(where) as t:
            for events in log:
                t.append(events)
            plans.append([(p.event, p.metadata) for p in plan_appends(t.store, batch)])
    lite, pg = plans
    assert pg == lite
    kinds = [type(event).__name__ for event, _ in pg]
    # The charter is a further source; the month's meeting told by b1 in a sentence the log
    # has adds nothing; a1 telling its meeting in a new sentence is kept beside it; the
    # reversed threat and a meeting on the retracted one's day are new events.
    assert kinds == ["EventCorroborated", "EventCorroborated", "ThreatIssued", "MeetingHeld"]
