"""What changed, in both windows, on logs built here (real SQLite files)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from events import AgreementSigned, MeetingHeld, PledgeMade
from tests.factories import diplomatic
from tracker.app import Tracker
from tracker.changes import ChangeFilter, happened, learned
from tracker.changes.compare import compare
from tracker.changes.windows import between, position_after
from tracker.cli.common import instant_after
from tracker.narrate import change_words
from tracker.projections import diff, fold
from tracker.queries.rows import relationship_events

TODAY = datetime.now(UTC).date()


def _signed(day: date, name: str = "Charter on Strategic Partnership") -> AgreementSigned:
    event = diplomatic(AgreementSigned, occurred=day.isoformat(), agreement=name)
    assert isinstance(event, AgreementSigned)
    return event


def test_news_about_last_month_is_learned_today_but_did_not_happen_today(db_path: Path) -> None:
    with Tracker.open(db_path) as t:
        t.record(diplomatic(MeetingHeld, occurred=(TODAY - timedelta(days=90)).isoformat()))
        t.run_followers()
        moment = instant_after(t.store.last_recorded_at())
        t.record(_signed(TODAY - timedelta(days=30)))
        t.run_followers()
        yesterday = TODAY - timedelta(days=1)
        recent = happened(t.store, yesterday, TODAY)
        assert [c for c in recent if c.kind == "agreement"] == []
        found = learned(t.store, t.projection, moment)
        signed = [c for c in found if c.kind == "agreement"]
        assert len(signed) == 1
        assert signed[0].date == (TODAY - timedelta(days=30)).isoformat()
        assert signed[0].learned_at > moment
        assert change_words(signed[0].change).startswith("the Charter on Strategic Partnership")
        assert "strategic partnership" in {c.change.after for c in found if c.kind == "label"}
        # Learned since a moment before both events: the meeting is there too.
        everything = learned(t.store, t.projection, moment - timedelta(days=1))
        assert {"agreement", "contact", "label"} <= {c.kind for c in everything}


def test_a_retraction_is_a_removal(db_path: Path) -> None:
    with Tracker.open(db_path) as t:
        recorded = t.record(_signed(TODAY - timedelta(days=10)))
        assert recorded is not None
        t.run_followers()
        moment = instant_after(t.store.last_recorded_at())
        retraction = t.retract(recorded.event.event_id, "misread the source")
        t.run_followers()
        found = learned(t.store, t.projection, moment)
        removed = [c for c in found if c.kind == "agreement"]
        assert len(removed) == 1 and removed[0].removed
        assert removed[0].change.before == "signed" and removed[0].change.after is None
        assert removed[0].learned_at == retraction.recorded_at
        assert "no longer known" in change_words(removed[0].change)
        # Known before the retraction, it happened; the retraction is no news before it.
        assert learned(t.store, t.projection, retraction.recorded_at) == []


def test_an_overdue_commitment_appears_the_day_after_its_due_date_with_no_new_event(
    db_path: Path,
) -> None:
    due = date(2025, 3, 31)
    with Tracker.open(db_path) as t:
        pledge = diplomatic(
            PledgeMade, occurred="2025-02-01", due="2025-03-31", commitment="border team"
        )
        t.record(pledge)
        t.run_followers()
        head = t.store.head()
        on_the_day = happened(t.store, due, due + timedelta(days=1))
        overdue = [c for c in on_the_day if c.kind == "commitment"]
        assert len(overdue) == 1
        assert (overdue[0].change.before, overdue[0].change.after) == ("pending", "overdue")
        assert overdue[0].date == "2025-04-01"
        assert happened(t.store, due - timedelta(days=1), due) == []
        # Learned since the due day, read the next day: the calendar taught it.
        moment = datetime(2025, 3, 31, 12, tzinfo=UTC)
        told = learned(
            t.store, t.projection, moment, ChangeFilter(kinds=("commitment",)), date(2025, 4, 1)
        )
        assert [c.id for c in told] == [overdue[0].id]
        assert t.store.head() == head  # no event was appended


def test_filters_and_order(db_path: Path) -> None:
    with Tracker.open(db_path) as t:
        t.record(_signed(date(2025, 1, 14)))
        t.record(diplomatic(MeetingHeld, occurred="2025-02-01", target="FRA"))
        t.run_followers()
        found = happened(t.store, date(2025, 1, 1), date(2025, 3, 1))
        assert [c.date for c in found] == sorted((c.date for c in found), reverse=True)
        assert {c.relationship for c in found} == {"ARM-USA", "ARM-FRA"}
        only = happened(t.store, date(2025, 1, 1), date(2025, 3, 1), ChangeFilter(actors=("FRA",)))
        assert {c.relationship for c in only} == {"ARM-FRA"}
        pair = ChangeFilter(relationship="ARM-USA", kinds=("agreement",))
        assert [c.kind for c in happened(t.store, date(2025, 1, 1), None, pair)] == ["agreement"]


def test_diff_of_two_dates_is_the_fold_difference(seed_db: Path) -> None:
    start, end = date(2025, 1, 1), date(2025, 6, 30)
    with Tracker.open(seed_db) as t:
        result = between(t.store, "ARM-USA", start, end)
        assert result.before == t.state("ARM", "USA", as_of=start)
        assert result.after == t.state("ARM", "USA", as_of=end)
        events = relationship_events(t.store, "ARM-USA")
        before = fold("ARM-USA", events, as_of=start)
        after = fold("ARM-USA", events, as_of=end)
        shown = {(c.change.kind, c.change.key, c.change.after) for c in result.changes}
        judged = {
            (i.change.kind, i.change.key, i.change.after)
            for i in compare(before, start, after, end)
        }
        assert shown == judged
        # Every status diff() reports is among them, as judged on the dates.
        for change in diff(before, after):
            if change.kind in ("agreement", "membership", "relations"):
                assert (change.kind, change.key, change.after) in shown
        assert result.changes  # the seed's year has news


def test_ids_are_stable_across_windows_and_rebuilds(seed_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "seed.db"
    copy.write_bytes(seed_db.read_bytes())
    with Tracker.open(copy) as t:
        wide = happened(t.store, date(2024, 1, 1), date(2025, 12, 31))
        narrow = happened(t.store, date(2025, 3, 1), date(2025, 12, 31))
        t.rebuild_projection()
        again = happened(t.store, date(2024, 1, 1), date(2025, 12, 31))
        assert [c.id for c in wide] == [c.id for c in again]
        assert len({c.id for c in wide}) == len(wide)
        # A step seen from a later window start is the same change.
        steps = {(c.relationship, c.change.kind, c.change.key, c.date): c.id for c in wide}
        for change in narrow:
            key = (change.relationship, change.change.kind, change.change.key, change.date)
            if change.kind in ("agreement", "membership") and key in steps:
                assert steps[key] == change.id


def test_position_after_finds_the_first_event_learned_later(db_path: Path) -> None:
    with Tracker.open(db_path) as t:
        t.record(_signed(date(2025, 1, 14)))
        moment = instant_after(t.store.last_recorded_at())
        assert position_after(t.store, moment) == 2
        t.record(diplomatic(MeetingHeld, occurred="2025-02-01"))
        assert position_after(t.store, moment) == 2
        assert position_after(t.store, datetime(2000, 1, 1, tzinfo=UTC)) == 1
