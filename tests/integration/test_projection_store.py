"""The materialized projection on real SQLite files: catch-up, checkpoint, rebuild, crashes."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import AgreementSigned, DiplomaticEvent, EventCorroborated, Evidence, VisitMade
from tests.factories import diplomatic
from tests.unit.test_projection_properties import events
from tracker.app import Tracker
from tracker.projection_store import ProjectionStore
from tracker.store import EventStore
from tracker.store.sqlite_store import SqliteFollowing

CHARTER = {"agreement": "Charter on Strategic Partnership"}

# One step of a history: append a batch (possibly back-dated), or retract or corroborate an
# event appended earlier (chosen by index).
steps = st.one_of(
    st.tuples(st.just("append"), st.lists(events(), min_size=1, max_size=4)),
    st.tuples(st.just("retract"), st.integers(0, 50)),
    st.tuples(st.just("corroborate"), st.integers(0, 50)),
)


def stored_states(projection: ProjectionStore) -> dict[str, Any]:
    return {s.relationship: s for s in projection.load_all()}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(steps, min_size=1, max_size=8))
def test_incremental_projection_equals_a_rebuild(history: list[tuple[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder, Tracker.open(Path(folder) / "t.db") as t:
        appended: list[DiplomaticEvent] = []
        retracted: set[Any] = set()
        for action, arg in history:
            if action == "append":
                t.append(arg)
                appended.extend(arg)
            elif appended and action == "retract":
                subject = appended[arg % len(appended)].event_id
                if subject not in retracted:  # a second retraction is refused
                    t.retract(subject, "misread")
                    retracted.add(subject)
            elif appended:
                evidence = Evidence(url=f"https://second.example.org/{arg}")
                t.append(
                    [
                        EventCorroborated(
                            subject=appended[arg % len(appended)].event_id, evidence=evidence
                        )
                    ]
                )
            t.run_followers()  # the projection follows each append, as the CLI runs it
        assert t.projection.checkpoint() == t.store.head()
        incremental = stored_states(t.projection)
        assert t.verify_projection().ok
        t.rebuild_projection()
        assert stored_states(t.projection) == incremental


def test_state_now_comes_from_the_projection_and_equals_a_fold(tracker: Tracker) -> None:
    signed = diplomatic(AgreementSigned, **CHARTER)
    tracker.record(signed)
    tracker.run_followers()
    [stored] = tracker.projection.load_all()
    assert stored.agreements[0].status == "signed"
    as_of = date(2025, 6, 1)
    from_projection = tracker.state("ARM", "USA", as_of=as_of)
    known_now = tracker.state("ARM", "USA", as_of=as_of, known_at=tracker.store.last_recorded_at())
    assert from_projection.model_dump(exclude={"known_at"}) == known_now.model_dump(
        exclude={"known_at"}
    )


def test_a_crash_before_catch_up_is_repaired_on_the_next_open(db_path: Path) -> None:
    with Tracker.open(db_path) as t:
        t.record(diplomatic(AgreementSigned, **CHARTER))
    with EventStore.open(db_path) as store:  # appends, then "crashes" before the catch-up
        store.append([diplomatic(VisitMade, occurred="2025-02-01", level="foreign_minister")])
    with Tracker.open(db_path) as t:
        assert t.projection.checkpoint() == t.store.head() == 2
        assert t.state("ARM", "USA", as_of=date(2025, 3, 1)).last_contact is not None
        assert t.verify_projection().ok


def test_a_failed_catch_up_applies_nothing(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracker.record(diplomatic(AgreementSigned, **CHARTER))
    tracker.run_followers()
    before = (tracker.projection.checkpoint(), stored_states(tracker.projection))
    assert before[0] == 1

    def fail(*args: Any) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(SqliteFollowing, "advance", fail)
    tracker.record(diplomatic(AgreementSigned, source="ARM", target="EU", **CHARTER))
    with pytest.raises(RuntimeError):
        tracker.run_followers()
    assert (tracker.projection.checkpoint(), stored_states(tracker.projection)) == before
    monkeypatch.undo()
    tracker.projection.catch_up()
    assert set(stored_states(tracker.projection)) == {"ARM-EU", "ARM-USA"}


def test_news_learned_late_about_the_past_refolds_the_relationship(tracker: Tracker) -> None:
    signed = diplomatic(AgreementSigned, occurred="2025-01-14", **CHARTER)
    tracker.record(signed)
    earlier = diplomatic(AgreementSigned, occurred="2024-01-01", agreement="Old Accord")
    tracker.record(earlier)
    tracker.run_followers()
    [stored] = tracker.projection.load_all()
    assert sorted(a.name for a in stored.agreements) == [
        "Charter on Strategic Partnership",
        "Old Accord",
    ]
    assert stored.last_occurred == date(2025, 1, 14)
    assert tracker.verify_projection().ok


def test_rebuild_swaps_in_fresh_tables(tracker: Tracker) -> None:
    for day in range(5):
        tracker.record(
            diplomatic(VisitMade, occurred=(date(2025, 1, 1) + timedelta(day)).isoformat())
        )
    done: list[tuple[int, int]] = []
    assert tracker.rebuild_projection(lambda n, total: done.append((n, total))) == 5
    assert done[-1] == (5, 5)
    assert tracker.projection.checkpoint() == 5
    tables = {r[0] for r in tracker.store.conn.execute("SELECT name FROM sqlite_master")}
    assert "projection_states_next" not in tables
    assert tracker.verify_projection().ok


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(events(), min_size=1, max_size=12), st.dates(date(2024, 12, 1), date(2025, 4, 1)))
def test_relations_from_state_heads_equal_the_full_views(batch: list[Any], day: date) -> None:
    """The list of relations reads partial states; it must say what the full view says."""
    with tempfile.TemporaryDirectory() as folder, Tracker.open(Path(folder) / "t.db") as t:
        t.append(batch)
        listed = {r.relationship: r for r in t.relations(as_of=day)}
        for key in {"-".join(sorted((e.source, e.target))) for e in batch}:
            full = t.state(*key.split("-"), as_of=day)
            if full.events == 0:
                assert key not in listed
                continue
            summary = listed[key]
            assert (summary.label, summary.label_reason) == (full.label, full.label_reason)
            assert (summary.tone, summary.events) == (full.tone, full.events)
            assert summary.last_contact == full.last_contact


def test_one_agreement_under_the_names_reporters_give_it(tracker: Tracker) -> None:
    # A headline's "strategic partnership charter" is the Charter on Strategic Partnership;
    # a "peace deal" is the "peace treaty" of another article.
    # The headline's wording comes first here, and on the same day: the formal name is
    # shown all the same.
    tracker.record(
        diplomatic(
            AgreementSigned, occurred="2025-01-14", agreement="strategic partnership charter"
        )
    )
    tracker.record(diplomatic(AgreementSigned, occurred="2025-01-14", **CHARTER))
    tracker.record(diplomatic(AgreementSigned, occurred="2025-08-08", agreement="peace treaty"))
    tracker.record(diplomatic(AgreementSigned, occurred="2025-08-09", agreement="the Peace Deal"))
    tracker.run_followers()
    [stored] = tracker.projection.load_all()
    assert sorted((a.name, len(a.event_ids)) for a in stored.agreements) == [
        ("Charter on Strategic Partnership", 2),
        ("the Peace Deal", 2),
    ]


def test_a_projection_folded_under_the_old_keys_is_folded_again(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with Tracker.open(path) as t:
        t.record(diplomatic(AgreementSigned, occurred="2025-01-14", **CHARTER))
        t.run_followers()
        # As a version-3 projection left it: the agreement under its old key, the checkpoint
        # in a table of its own.
        t.store.conn.execute(
            "CREATE TABLE projection_checkpoints (name TEXT PRIMARY KEY, position INTEGER)"
        )
        t.store.conn.execute("INSERT INTO projection_checkpoints VALUES ('relationships', 1)")
        t.store.conn.execute(
            "UPDATE projection_states SET state = replace(state, "
            "'\"charter partnership strategic\"', '\"charter on strategic partnership\"')"
        )
        t.store.conn.execute(
            "UPDATE schema_versions SET version = 3 WHERE component = 'projection'"
        )
        t.store.conn.commit()
    with Tracker.open(path) as t:
        [stored] = t.projection.load_all()
        assert [a.key for a in stored.agreements] == ["charter partnership strategic"]
        assert t.projection.check().ok
