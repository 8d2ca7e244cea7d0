"""Per-relationship snapshots on real SQLite files: any spacing gives a fold from the start."""

from __future__ import annotations

import importlib
import random
import tempfile
import zlib
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import DiplomaticEvent, EventCorroborated, Evidence
from tests.factories import diplomatic
from tests.histories import random_fact, step_or_pledge
from tests.unit.test_projection_properties import DIPLOMATIC
from tracker import late_facts, snapshots
from tracker.app import Tracker
from tracker.projections import StateBuilder, fold, from_recorded, records, view
from tracker.queries.rows import relationship_events

START = date(2025, 1, 1)
KEY = "ARM-USA"


@st.composite
def spread(draw: st.DrawFn) -> DiplomaticEvent:
    """A diplomatic event on any day of about a year: snapshots fall between its months."""
    cls = draw(st.sampled_from(DIPLOMATIC))
    fields: dict[str, Any] = {
        "occurred": (START + timedelta(days=draw(st.integers(0, 330)))).isoformat(),
        "modality": draw(st.sampled_from(["realized", "realized", "planned", "negated"])),
        "areas": draw(st.lists(st.sampled_from(["energy", "trade"]), max_size=1)),
    }
    if cls.family == "agreement":
        fields["agreement"] = draw(st.sampled_from(["Charter", "123 Agreement"]))
    if cls.family == "commitment":
        fields["commitment"] = draw(st.sampled_from(["border team visit", "aid package"]))
    if cls.family == "contact":
        fields["level"] = draw(st.sampled_from(["head_of_state", "official"]))
    return diplomatic(cls, **fields)


steps = st.one_of(
    st.tuples(st.just("append"), st.lists(spread(), min_size=1, max_size=8)),
    st.tuples(st.just("retract"), st.integers(0, 50)),
    st.tuples(st.just("corroborate"), st.integers(0, 50)),
    st.tuples(st.just("confirm"), st.integers(0, 50)),
)


def _apply(t: Tracker, appended: list[DiplomaticEvent], action: str, arg: Any) -> None:
    if action == "append":
        t.append(arg)
        appended.extend(arg)
        return
    if not appended:
        return
    subject = appended[arg % len(appended)].event_id
    if action == "retract":
        every = [from_recorded(r) for r in t.store.read()]
        if not any(e.kind == "retracted" and e.subject == str(subject) for e in every):
            t.retract(subject, "misread")
    elif action == "confirm":
        t.confirm(subject)
    else:
        evidence = Evidence(url=f"https://second.example.org/{arg}")
        t.append([EventCorroborated(subject=subject, evidence=evidence)])


def _log(t: Tracker, key: str = KEY) -> list[Any]:
    return relationship_events(t.store, key)


def _keys(appended: list[DiplomaticEvent]) -> set[str]:
    return {"-".join(sorted((e.source, e.target))) for e in appended}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(steps, min_size=1, max_size=12),
    st.integers(1, 3),
    st.lists(st.integers(0, 360), min_size=1, max_size=4),
    st.integers(0, 12),
)
def test_any_snapshot_spacing_gives_the_fold_from_the_start(
    history: list[tuple[str, Any]], every: int, days: list[int], upkeep: int
) -> None:
    # After step ``upkeep`` the follower writes no more snapshots: the late news of the
    # steps after it is folded in by the readers (snapshots.state_as_of).
    extend = snapshots.extend
    kept = {"on": True}

    def extend_while_kept(*args: Any) -> None:
        if kept["on"]:
            extend(*args)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(snapshots, "spacing", lambda: snapshots.Spacing(1, every))
        patch.setattr(snapshots, "extend", extend_while_kept)
        with tempfile.TemporaryDirectory() as folder, Tracker.open(Path(folder) / "t.db") as t:
            appended: list[DiplomaticEvent] = []
            moments: list[datetime] = []  # when the log stood after each step
            for step, (action, arg) in enumerate(history):
                kept["on"] = step < upkeep
                _apply(t, appended, action, arg)
                t.run_followers()
                if t.store.head():
                    moments.append(_learned(t))
                for key in _keys(appended):
                    _same(t, key, days, moments)
            assert t.verify_projection().ok
            t.rebuild_projection()
            for key in _keys(appended):
                _same(t, key, days, moments)


def _learned(t: Tracker) -> datetime:
    """When the log learned its last event."""
    head = t.store.head()
    return datetime.fromisoformat(t.store.rows_between(head - 1, head)[0][1])


def _same(t: Tracker, key: str, days: list[int], moments: list[datetime]) -> None:
    """The stored state and the state through snapshots on ``days`` equal a full fold; so
    does the state as known when the log stood after each of the last steps (``moments``),
    through the snapshots written from no more than the log held then, and just before."""
    log = _log(t, key)
    assert t.projection.load(key) == fold(key, log)
    a, b = key.split("-")
    for day in days:
        as_of = START + timedelta(days=day)
        through = snapshots.state_as_of(t.store, key, as_of)
        assert through is None or through == fold(key, log, as_of=as_of)
        for moment in moments[-3:]:
            for known in (moment, moment - timedelta(microseconds=1)):
                expected = view(fold(key, log, as_of=as_of, known_at=known), as_of, known)
                assert t.state(a, b, as_of=as_of, known_at=known) == expected


def test_a_busy_pair_is_answered_from_its_snapshots(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshots, "spacing", lambda: snapshots.Spacing(10, 4))
    days = [START + timedelta(days=9 * i) for i in range(40)]
    contacts = [c for c in DIPLOMATIC if c.family == "contact"]
    tracker.append(
        [
            diplomatic(contacts[i % len(contacts)], occurred=d.isoformat(), level="official")
            for i, d in enumerate(days)
        ]
    )
    tracker.run_followers()
    count = tracker.store.conn.execute(f"SELECT COUNT(*) FROM {snapshots.TABLE}").fetchone()
    assert count[0] >= 3
    # Each stored as a stored state is (each fact's bounded ids), every id apart.
    for state, ids in tracker.store.conn.execute(f"SELECT state, ids FROM {snapshots.TABLE}"):
        text = zlib.decompress(state).decode()
        assert ids is not None and StateBuilder.from_json(text).build_json() == text
    assert snapshots.check(tracker.store) == []
    as_of = date(2025, 8, 20)
    assert snapshots.state_as_of(tracker.store, KEY, as_of) == fold(KEY, _log(tracker), as_of=as_of)
    late = diplomatic(
        contacts[0], occurred="2025-03-05", level="official"
    )  # spoils the snapshots after it
    tracker.append([late])
    tracker.run_followers()
    log = _log(tracker)
    assert tracker.projection.load(KEY) == fold(KEY, log)
    assert snapshots.state_as_of(tracker.store, KEY, as_of) == fold(KEY, log, as_of=as_of)
    assert tracker.verify_projection().ok


def test_a_busy_pair_as_known_at_a_past_time_is_answered_from_its_snapshots(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The state as known at a time is what the log held then: its events to the last one
    # recorded by then. A snapshot written from no more than those answers (no fold from
    # the start); for a time before any was written, the pair is folded from the start.
    # The module (the package's ``state`` is its function of that name).
    queries = importlib.import_module("tracker.queries.state")

    monkeypatch.setattr(snapshots, "spacing", lambda: snapshots.Spacing(10, 4))
    contacts = [c for c in DIPLOMATIC if c.family == "contact"]

    def batch(first: int) -> list[DiplomaticEvent]:
        return [
            diplomatic(
                contacts[i % len(contacts)],
                occurred=(START + timedelta(days=9 * i)).isoformat(),
                level="official",
            )
            for i in range(first, first + 20)
        ]

    tracker.append(batch(0))
    tracker.run_followers()
    before = _learned(tracker)
    tracker.append(batch(20))
    tracker.run_followers()
    # Late news spoils the snapshots after its date: their readers fold it in.
    tracker.append([diplomatic(contacts[0], occurred="2025-03-05", level="official")])
    tracker.run_followers()
    log = _log(tracker)
    folds: list[date] = []
    fold_from_log = queries._from_log

    def counted(store: Any, key: str, day: date, known_at: Any = None) -> Any:
        folds.append(day)
        return fold_from_log(store, key, day, known_at)

    monkeypatch.setattr(queries, "_from_log", counted)
    for as_of in (date(2025, 6, 20), date(2025, 9, 1)):
        for known in (before, _learned(tracker)):
            expected = view(fold(KEY, log, as_of=as_of, known_at=known), as_of, known)
            assert tracker.state("ARM", "USA", as_of=as_of, known_at=known) == expected
    assert folds == []  # every answer from a snapshot
    # Before the first batch was learned: nothing known, and no snapshot written from it.
    nothing = before - timedelta(days=1)
    assert tracker.state("ARM", "USA", known_at=nothing).events == 0
    assert len(folds) == 1


@pytest.mark.parametrize(("seed", "tight"), [(s, s >= 6) for s in range(10)])
def test_late_news_since_a_snapshot_is_folded_in_by_its_readers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int, tight: bool
) -> None:
    # Snapshots of a busy pair, then late news of every family (dated in their months) and
    # further sources of old events, with the follower writing no snapshot again: a state
    # as of any day, read through the snapshots it spoiled, is the fold from the start.
    # tight: facts keep two steps and two sources, and most news is steps of an agreement
    # or pledges, put into a snapshot's records (every id, a few steps) by its readers.
    rng = random.Random(seed)
    monkeypatch.setattr(snapshots, "spacing", lambda: snapshots.Spacing(1, 6))
    if tight:
        monkeypatch.setattr(records, "BOUNDS", records.Bounds(sources=2, steps=2, articles=3))
    made = (lambda: step_or_pledge(rng, 331)) if tight else (lambda: random_fact(rng))
    through_late: list[date] = []
    fold_batch = late_facts.fold_batch

    def counted(*args: Any, **kwargs: Any) -> Any:
        if kwargs.get("through") is not None:  # a reader's, not the follower's
            through_late.append(kwargs["through"])
        return fold_batch(*args, **kwargs)

    with Tracker.open(tmp_path / "t.db") as t:
        first = [made() for _ in range(60)]
        t.append(first)
        t.run_followers()
        assert t.store.conn.execute(f"SELECT COUNT(*) FROM {snapshots.TABLE}").fetchone()[0] > 3
        monkeypatch.setattr(snapshots, "extend", lambda *args: None)
        monkeypatch.setattr(late_facts, "fold_batch", counted)
        for n in range(4):
            t.append([made() for _ in range(3)])
            old = rng.choice(first).event_id
            source = Evidence(url=f"https://late.example.org/{seed}/{n}")
            t.append([EventCorroborated(subject=old, evidence=source)])
            t.run_followers()
            log = _log(t)
            for day in range(0, 360, 23):
                as_of = START + timedelta(days=day)
                read = snapshots.state_as_of(t.store, KEY, as_of)
                # None before the first snapshot's month ends (the reader folds from the start)
                assert read is not None or day < 120, as_of
                assert read is None or read == fold(KEY, log, as_of=as_of), as_of
    assert through_late, "no reader folded late news into a snapshot"
