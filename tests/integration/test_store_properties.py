"""Property: whatever sequence of batches is appended, the hash chain verifies and is gapless."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from events import AgreementSigned, MeetingHeld, VisitMade
from tracker.store import EventStore
from tracker.store.hashing import row_hash

ACTORS = ["ARM", "USA", "AZE", "EU", "CSTO", "RUS"]

event_strategy = st.builds(
    lambda cls, pair, day, note: cls(
        source=pair[0],
        target=pair[1],
        occurred=f"2025-01-{day:02d}",
        note=note,
        **({"agreement": "accord"} if cls is AgreementSigned else {}),
    ),
    st.sampled_from([AgreementSigned, MeetingHeld, VisitMade]),
    st.lists(st.sampled_from(ACTORS), min_size=2, max_size=2, unique=True),
    st.integers(1, 28),
    st.text(max_size=20),
)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(event_strategy, min_size=1, max_size=5), min_size=1, max_size=6))
def test_chain_verifies_for_any_sequence_of_appends(batches: list[list[object]]) -> None:
    with tempfile.TemporaryDirectory() as tmp, EventStore.open(Path(tmp) / "t.db") as store:
        total = 0
        for batch in batches:
            total += len(store.append(batch))  # type: ignore[arg-type]
            # Re-appending is a no-op and keeps the chain intact.
            assert store.append(batch) == []  # type: ignore[arg-type]
        result = store.verify()
        assert result.ok and result.events == total == store.head()


_cell = st.one_of(st.integers(), st.text())
_nullable = st.one_of(st.none(), st.text())  # the valid-time columns, NULL for annotations


@given(st.tuples(*[_cell] * 6, *[_nullable] * 3, *[_cell] * 4))
def test_row_hash_is_the_documented_join(values: tuple[object, ...]) -> None:
    """The chain's definition: values joined by 0x1f (None as ""), SHA-256, hex."""
    text = "\x1f".join("" if v is None else str(v) for v in values)
    expected = hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert row_hash(values) == expected


def test_every_kind_of_row_is_hashed_as_row_hash_writes_it() -> None:
    # The append loop writes row_hash's text inline: rows with NULL valid time (an
    # article, an annotation), metadata and a chosen stream must hash the same.
    from events import EventRetracted
    from tests.factories import article
    from tracker.store import NewEvent
    from tracker.store.hashing import ROW_COLUMNS

    meeting = MeetingHeld(source="USA", target="ARM", occurred="2025-01-14")
    with tempfile.TemporaryDirectory() as tmp, EventStore.open(Path(tmp) / "t.db") as store:
        store.append([article(), NewEvent(meeting, metadata={"feed": "x", "n": 1})])
        store.append([EventRetracted(subject=meeting.event_id, reason="misread")])
        store.append([NewEvent(MeetingHeld(source="EU", target="ARM", occurred="2025"), "mine")])
        rows = store.conn.execute(f"SELECT {', '.join(ROW_COLUMNS)} FROM events").fetchall()
        assert len(rows) == 4 and store.verify().ok
        assert {row[6] for row in rows} >= {None, "2025-01-14", "2025-01-01"}
        assert all(row_hash(row[:13]) == row[13] for row in rows)
