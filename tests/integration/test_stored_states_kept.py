"""A process keeps a busy pair's decoded stored state and its views: what it answers from
them equals a fresh decode of the stored JSON, and a new event retires them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from events import AgreementSigned, MeetingHeld, PledgeMade
from tests.factories import diplomatic
from tracker.app import Tracker
from tracker.projections import RelationshipState, view
from tracker.stored_states import TABLE, stored_view

DAY = date(2026, 3, 1)


def _fresh(t: Tracker, key: str, day: date) -> object:
    """The view a fresh decode of the stored JSON gives, bypassing what the process keeps."""
    sql = f"SELECT state FROM {TABLE} WHERE relationship = ?"
    (text,) = t.store.conn.execute(sql, (key,)).fetchone()
    return view(RelationshipState.model_validate_json(text), day, None)


def test_kept_answers_equal_a_fresh_decode_and_a_new_event_retires_them(
    tmp_path: Path,
) -> None:
    path = tmp_path / "t.db"
    with Tracker.open(path) as t:
        t.record(diplomatic(AgreementSigned, occurred="2025-01-14"))
        t.record(diplomatic(PledgeMade, occurred="2025-02-03", due="2025-06"))
        t.run_followers()
        first = t.state("ARM", "USA", as_of=DAY)
        assert first == _fresh(t, "ARM-USA", DAY)
        # Asked again, the kept view itself; on another day, a view of the kept state.
        assert t.state("ARM", "USA", as_of=DAY) is first
        later = t.state("ARM", "USA", as_of=date(2026, 9, 1))
        assert later == _fresh(t, "ARM-USA", date(2026, 9, 1))
        assert later.agreements[0] is first.agreements[0]  # one decoded state behind both
        # The same answer for the CLI's read-only path.
        assert stored_view(path, "ARM", "USA", DAY) == first
        # A new event: the log's head moves, the kept state is not used again.
        t.record(diplomatic(MeetingHeld, occurred="2025-03-10", level="foreign_minister"))
        t.run_followers()
        after = t.state("ARM", "USA", as_of=DAY)
        assert after != first and after.last_contact is not None
        assert after == _fresh(t, "ARM-USA", DAY)
        # Known at a past time is folded, never kept.
        now = datetime.now(UTC)
        known = t.state("ARM", "USA", as_of=DAY, known_at=now)
        assert known is not after and known.known_at == now
        assert known.model_copy(update={"known_at": None}) == after


def test_a_pair_without_events_is_answered_empty(tmp_path: Path) -> None:
    with Tracker.open(tmp_path / "t.db") as t:
        t.record(diplomatic(AgreementSigned, occurred="2025-01-14"))
        t.run_followers()
        empty = t.state("ARM", "RUS", as_of=DAY)
        assert empty.events == 0 and empty.agreements == ()
        assert t.state("ARM", "RUS", as_of=DAY) == empty
