"""The log: round trips, idempotency, concurrency, append-only, hash chain, transaction time."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import ClassVar

import pytest

from events import (
    AgreementSigned,
    DiplomaticEvent,
    EventAnnotation,
    EventRetracted,
    MeetingHeld,
    VisitMade,
)
from tests.factories import diplomatic, every_type, sample
from tracker.errors import ConcurrencyError, DuplicateEventError, SchemaError, UnknownEventError
from tracker.store import EventStore, NewEvent


@pytest.mark.parametrize("cls", every_type(), ids=lambda c: c.event_type)
def test_every_event_type_round_trips(store: EventStore, cls: type) -> None:
    anchor = diplomatic(AgreementSigned)
    store.append([anchor])
    event = sample(cls, subject=anchor.event_id)
    recorded = store.append([event])
    assert len(recorded) == 1
    back = store.get(str(event.event_id))
    assert back is not None
    assert back.event == event
    assert type(back.event) is cls
    assert back.position == recorded[0].position


def test_appending_the_same_event_again_is_a_no_op(store: EventStore) -> None:
    event = diplomatic(AgreementSigned)
    assert len(store.append([event])) == 1
    assert store.append([event]) == []
    assert store.head() == 1


def test_same_id_with_other_content_is_refused(store: EventStore) -> None:
    event = diplomatic(AgreementSigned)
    store.append([event])
    changed = event.model_copy(update={"note": "edited"})
    with pytest.raises(DuplicateEventError, match="different content"):
        store.append([changed])
    assert store.head() == 1


def test_expected_version_conflict_raises_and_appends_nothing(store: EventStore) -> None:
    first = store.append_one(diplomatic(AgreementSigned), expected_version=0)
    assert first is not None and first.version == 1
    with pytest.raises(ConcurrencyError) as info:
        store.append(
            [
                NewEvent(diplomatic(VisitMade)),
                NewEvent(diplomatic(AgreementSigned), expected_version=0),
            ]
        )
    # The first item of the batch already took version 2 of the same stream.
    assert (info.value.expected, info.value.actual) == (0, 2)
    assert store.head() == 1  # the whole batch rolled back
    second = store.append_one(diplomatic(VisitMade), expected_version=1)
    assert second is not None and second.version == 2


def test_update_and_delete_are_refused_through_plain_sqlite(
    store: EventStore, db_path: Path
) -> None:
    store.append([diplomatic(AgreementSigned)])
    raw = sqlite3.connect(db_path)
    for statement in (
        "UPDATE events SET payload = '{}'",
        "DELETE FROM events",
        "DELETE FROM event_parties",
        "UPDATE event_relationships SET relationship = 'X-Y'",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            raw.execute(statement)
    raw.close()
    assert store.verify().ok


def test_verify_finds_a_payload_changed_behind_the_stores_back(
    store: EventStore, db_path: Path
) -> None:
    store.append([diplomatic(AgreementSigned) for _ in range(5)])
    raw = sqlite3.connect(db_path)
    raw.execute("DROP TRIGGER events_no_update")
    raw.execute("UPDATE events SET payload = replace(payload, 'ARM', 'AZE') WHERE position = 3")
    raw.commit()
    raw.close()
    result = store.verify()
    assert not result.ok
    assert result.broken_at == 3
    assert result.events == 2


def test_verify_finds_a_removed_row(store: EventStore, db_path: Path) -> None:
    store.append([diplomatic(AgreementSigned) for _ in range(4)])
    raw = sqlite3.connect(db_path)
    raw.execute("DROP TRIGGER events_no_delete")
    raw.execute("DELETE FROM events WHERE position = 2")
    raw.commit()
    raw.close()
    result = store.verify()
    assert (result.ok, result.broken_at) == (False, 2)


def test_recorded_at_never_decreases_when_the_clock_steps_back(db_path: Path) -> None:
    times = iter([datetime(2025, 3, 1, tzinfo=UTC), datetime(2025, 2, 1, tzinfo=UTC)])
    with EventStore.open(db_path, clock=lambda: next(times)) as store:
        first = store.append_one(diplomatic(AgreementSigned))
        second = store.append_one(diplomatic(AgreementSigned))
    assert first is not None and second is not None
    assert second.recorded_at >= first.recorded_at == datetime(2025, 3, 1, tzinfo=UTC)


def test_reads_filter_by_stream_type_party_relationship_and_time(db_path: Path) -> None:
    clock = iter(datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=i) for i in range(10))
    with EventStore.open(db_path, clock=lambda: next(clock)) as store:
        signed = diplomatic(AgreementSigned, occurred="2025-01-14")
        visit = diplomatic(VisitMade, source="USA", target="ARM", occurred="2025-02")
        other = diplomatic(VisitMade, source="AZE", target="TUR", occurred="2024")
        store.append([signed])
        store.append([visit])
        store.append([other])
        store.append([EventRetracted(subject=visit.event_id, reason="wrong")])

        def ids(**kw: object) -> list[str]:
            return [r.event.event_type for r in store.read(**kw)]  # type: ignore[arg-type]

        assert ids(relationship="ARM-USA") == ["AgreementSigned", "VisitMade", "EventRetracted"]
        assert ids(party="TUR") == ["VisitMade"]
        assert ids(types=["VisitMade"]) == ["VisitMade", "VisitMade"]
        assert ids(stream="relationship-ARM-USA") == ["AgreementSigned", "VisitMade"]
        assert ids(occurred_from=date(2025, 2, 10)) == ["VisitMade"]
        assert ids(occurred_to=date(2024, 12, 31)) == ["VisitMade"]
        assert ids(recorded_before=datetime(2025, 1, 2, tzinfo=UTC)) == [
            "AgreementSigned",
            "VisitMade",
        ]
        assert ids(after=1, until=2) == ["VisitMade"]
        assert store.relationships() == ["ARM-USA", "AZE-TUR"]


def test_annotation_of_an_unknown_event_is_refused(store: EventStore) -> None:
    orphan = sample(EventRetracted)
    assert isinstance(orphan, EventAnnotation)
    with pytest.raises(UnknownEventError, match="not in the log"):
        store.append([orphan])


def test_annotation_in_the_same_batch_as_its_subject(store: EventStore) -> None:
    event = diplomatic(AgreementSigned)
    store.append([event, EventRetracted(subject=event.event_id, reason="test")])
    assert [r.event.event_type for r in store.read(relationship="ARM-USA")] == [
        "AgreementSigned",
        "EventRetracted",
    ]


def test_a_newer_schema_is_refused(db_path: Path) -> None:
    EventStore.open(db_path).close()
    raw = sqlite3.connect(db_path)
    raw.execute("UPDATE schema_versions SET version = 99 WHERE component = 'log'")
    raw.commit()
    raw.close()
    with pytest.raises(SchemaError, match="upgrade policy-tracker"):
        EventStore.open(db_path)


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello, this is not sqlite " * 100)
    with pytest.raises(SchemaError, match="not a SQLite database"):
        EventStore.open(path)


def test_valid_time_columns_follow_precision(store: EventStore) -> None:
    event = diplomatic(VisitMade, occurred="2025-02")
    assert isinstance(event, DiplomaticEvent)
    store.append([event])
    row = store.conn.execute(
        "SELECT occurred_start, occurred_end, precision FROM events"
    ).fetchone()
    assert row == ("2025-02-01", "2025-02-28", "month")


def test_two_stores_on_one_file_take_turns_without_breaking_the_chain(db_path: Path) -> None:
    """Each store starts an append from its cached tail only while nobody else wrote."""
    first, second = EventStore.open(db_path), EventStore.open(db_path)
    try:
        stream = "relationship-ARM-USA"
        for i in range(6):
            writer = first if i % 3 else second  # runs of two appends by one store
            event = diplomatic(AgreementSigned, occurred=f"2025-01-{i + 1:02d}")
            (recorded,) = writer.append([NewEvent(event, stream, expected_version=i)])
            assert (recorded.position, recorded.version) == (i + 1, i + 1)
        # A stale tail would have broken the chain or reused a position or version.
        assert first.verify().ok
        assert [r.version for r in second.read(stream=stream)] == [1, 2, 3, 4, 5, 6]
        with pytest.raises(ConcurrencyError):
            first.append([NewEvent(diplomatic(VisitMade), stream, expected_version=5)])
        assert second.head() == 6
    finally:
        first.close()
        second.close()


class _StreamedMeeting(MeetingHeld):
    """A test-only meeting that files itself under a stream of its own."""

    event_type: ClassVar[str] = "TestOwnStreamMeetingHeld"

    def default_stream(self) -> str:
        return f"meetings-{self.event_id}"


def test_an_event_type_choosing_its_own_stream_keeps_it(store: EventStore) -> None:
    # Diplomatic events have their stream and parties read inline when appended; a type
    # that chooses otherwise must still be heard.
    plain = diplomatic(MeetingHeld, source="USA", target="ARM", level="head_of_state")
    own = _StreamedMeeting(**plain.model_dump(exclude={"event_id"}))
    first, second = store.append([plain, own])
    assert first.stream == "relationship-ARM-USA"
    assert second.stream == f"meetings-{own.event_id}"
    parties = store.conn.execute(
        "SELECT position, party FROM event_parties ORDER BY position, party"
    ).fetchall()
    assert parties == [(1, "ARM"), (1, "USA"), (2, "ARM"), (2, "USA")]
    assert [r.position for r in store.read(relationship="ARM-USA")] == [1, 2]
    assert store.verify().ok
