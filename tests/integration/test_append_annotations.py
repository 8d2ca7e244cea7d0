"""Annotations are filed under the parties of the events they name, however a batch mixes
them: the parties of logged subjects are read for the whole batch at once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from events import (
    AgreementSigned,
    EventConfirmed,
    EventCorroborated,
    EventRetracted,
    Evidence,
    MeetingHeld,
    MembershipApplied,
)
from tests.factories import diplomatic
from tracker.errors import UnknownEventError
from tracker.store import EventStore

_SOURCE = Evidence(article_id="b1", url="https://other.example.org/b1")


def _parties(conn: sqlite3.Connection, event_id: str) -> list[str]:
    sql = (
        "SELECT p.party FROM events e JOIN event_parties p ON p.position = e.position "
        "WHERE e.event_id = ? ORDER BY p.party"
    )
    return [party for (party,) in conn.execute(sql, (event_id,))]


def test_a_batch_of_annotations_takes_each_subjects_parties(tmp_path: Path) -> None:
    signed = diplomatic(AgreementSigned)
    met = diplomatic(MeetingHeld, source="TUR", target="AZE")
    applied = diplomatic(MembershipApplied)  # ARM and CSTO
    same_batch = diplomatic(MeetingHeld, source="FRA", target="DEU")
    with EventStore.open(tmp_path / "log.db") as store:
        store.append([signed, met, applied])
        notes = [
            EventCorroborated(subject=signed.event_id, evidence=_SOURCE),
            EventCorroborated(subject=met.event_id, evidence=_SOURCE),
            EventConfirmed(subject=signed.event_id),
            same_batch,
            EventRetracted(subject=same_batch.event_id, reason="misread"),
            EventRetracted(subject=applied.event_id, reason="misread"),
        ]
        recorded = store.append(notes)
        assert len(recorded) == len(notes)
        assert store.append(notes) == []  # again: nothing new (each id looked up)
        conn = store.conn
        for note in notes:
            subject = getattr(note, "subject", note.event_id)
            assert _parties(conn, str(note.event_id)) == _parties(conn, str(subject))
        assert _parties(conn, str(notes[0].event_id)) == ["ARM", "USA"]
        assert _parties(conn, str(notes[1].event_id)) == ["AZE", "TUR"]
        assert _parties(conn, str(notes[-1].event_id)) == ["ARM", "CSTO"]
        assert [r.event for r in store.read(relationship="AZE-TUR")] == [met, notes[1]]


def test_an_annotation_of_an_unknown_event_among_known_ones_is_refused(tmp_path: Path) -> None:
    signed = diplomatic(AgreementSigned)
    with EventStore.open(tmp_path / "log.db") as store:
        store.append([signed])
        batch = [
            EventCorroborated(subject=signed.event_id, evidence=_SOURCE),
            EventRetracted(subject=diplomatic(MeetingHeld).event_id, reason="misread"),
        ]
        with pytest.raises(UnknownEventError, match="not in the log"):
            store.append(batch)
        assert store.head() == 1  # all or nothing
