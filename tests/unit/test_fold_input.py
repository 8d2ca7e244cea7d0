"""The two ways into the fold (decoded event, raw stored row) give the same record."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from events import AgreementSigned, DiplomaticEvent, DomainEvent, Evidence, RecordedEvent
from tests.factories import EVIDENCE, diplomatic, every_type, sample
from tracker.projections import from_recorded, from_row
from tracker.projections.fold_event import span_end
from tracker.store.rows import stamp


@pytest.mark.parametrize("cls", every_type(), ids=lambda c: c.event_type)
def test_row_and_decoded_event_agree(cls: type[DomainEvent]) -> None:
    event = sample(cls)
    if isinstance(event, DiplomaticEvent):
        event = event.model_copy(
            update={"due": event.occurred, "topic": "The Topic"}
            if "topic" in type(event).model_fields
            else {"due": None}
        )
    moment = datetime(2025, 2, 1, 12, tzinfo=UTC)
    decoded = from_recorded(RecordedEvent(7, "s", 1, moment, event))
    raw = from_row(
        7,
        moment.isoformat(timespec="microseconds"),
        event.event_type,
        event.schema_version,
        event.model_dump_json(),
    )
    assert raw == decoded


@pytest.mark.parametrize(
    ("text", "end"),
    [("2025-02", "2025-02-28"), ("2024", "2024-12-31"), ("2025-01-14", "2025-01-14")],
)
def test_span_end(text: str, end: str) -> None:
    assert span_end(text).isoformat() == end


@pytest.mark.parametrize("pieces", [0, 1, 2], ids=lambda n: f"{n} sources")
def test_row_and_decoded_event_agree_on_sources(pieces: int) -> None:
    other = Evidence(url="https://other.example.org/b", sentence="So it was.")
    event = diplomatic(AgreementSigned, evidence=[EVIDENCE, other][:pieces])
    moment = datetime(2025, 2, 1, 12, tzinfo=UTC)
    decoded = from_recorded(RecordedEvent(7, "s", 1, moment, event))
    raw = from_row(7, stamp(moment), event.event_type, event.schema_version, event.payload_json())
    assert raw == decoded
    assert len(raw.sources) == max(pieces, 1)  # no evidence: the event itself is the source
