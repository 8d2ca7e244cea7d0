"""The changes a watch has not told, read from the bounded states (the stored state, a busy
pair's snapshots) where they can tell them: the same changes as the folds from the start."""

from __future__ import annotations

import importlib
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from events import DiplomaticEvent
from tests.factories import diplomatic
from tests.integration.test_snapshots import KEY, START, _apply, _learned, steps
from tests.unit.test_projection_properties import DIPLOMATIC
from tracker import snapshots
from tracker.app import Tracker
from tracker.changes import windows


def _both(t: Tracker, after: int, start: date, end: date) -> tuple[list[Any], list[Any]]:
    """The changes learned after position ``after``: as read, and folded from the start."""
    head = t.store.head()
    read = windows.learned_between(t.store, t.projection, after, head, start, end)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(windows, "_from_bounded", lambda *args: None)
        folded = windows.learned_between(t.store, t.projection, after, head, start, end)
    return read, folded


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(steps, min_size=1, max_size=10),
    st.integers(1, 3),
    # A watch's round asks for today, after the news (most of it), or any day.
    st.one_of(st.integers(335, 420), st.integers(0, 400)),
    st.integers(0, 3),
)
def test_changes_read_from_bounded_states_are_those_folded_from_the_start(
    history: list[tuple[str, Any]], every: int, today: int, back: int
) -> None:
    # Snapshots every few facts, news of any day (late news too), further sources,
    # confirmations and retractions: each step's changes, judged from a few days before
    # the day asked, as a watch's round takes them.
    end = START + timedelta(days=today)
    start = end - timedelta(days=back)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(snapshots, "spacing", lambda: snapshots.Spacing(1, every))
        with tempfile.TemporaryDirectory() as folder, Tracker.open(Path(folder) / "t.db") as t:
            appended: list[DiplomaticEvent] = []
            for action, arg in history:
                after = t.store.head()
                _apply(t, appended, action, arg)
                t.run_followers()
                read, folded = _both(t, after, start, end)
                assert read == folded


CONTACTS = [c for c in DIPLOMATIC if c.family == "contact"]


def _busy_pair(tracker: Tracker, monkeypatch: pytest.MonkeyPatch) -> None:
    """Forty contacts nine days apart, with snapshots every ten facts: a busy pair."""
    monkeypatch.setattr(snapshots, "spacing", lambda: snapshots.Spacing(10, 4))
    tracker.append(
        [
            diplomatic(
                CONTACTS[i % len(CONTACTS)],
                occurred=(START + timedelta(days=9 * i)).isoformat(),
                level="official",
            )
            for i in range(40)
        ]
    )
    tracker.run_followers()


def test_a_busy_pair_s_news_is_told_from_its_bounded_states(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    _busy_pair(tracker, monkeypatch)
    after = tracker.store.head()
    # A signing of the last days, and an older contact learned late.
    signed = diplomatic(
        next(c for c in DIPLOMATIC if c.event_type == "AgreementSigned"),
        occurred=(START + timedelta(days=355)).isoformat(),
        agreement="Charter",
    )
    tracker.append([signed, diplomatic(CONTACTS[0], occurred="2025-06-02", level="official")])
    tracker.run_followers()
    folds: list[str] = []
    fold_from_start = windows._from_folds

    def counted(*args: Any) -> Any:
        folds.append(args[2])
        return fold_from_start(*args)

    monkeypatch.setattr(windows, "_from_folds", counted)
    end = START + timedelta(days=360)
    found = windows.learned_between(
        tracker.store, tracker.projection, after, tracker.store.head(), end, end
    )
    assert folds == []  # read from the stored state and a snapshot, nothing folded
    assert any(c.kind == "agreement" for c in found)
    monkeypatch.setattr(windows, "_from_bounded", lambda *args: None)
    assert found == windows.learned_between(
        tracker.store, tracker.projection, after, tracker.store.head(), end, end
    )


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(steps, min_size=1, max_size=10),
    st.integers(1, 3),
    st.integers(0, 420),
    st.integers(0, 420),
    st.sampled_from(["now", "midway"]),
)
def test_a_diff_from_bounded_states_tells_the_changes_folded_from_the_start(
    history: list[tuple[str, Any]], every: int, one: int, two: int, known: str
) -> None:
    # ``tracker diff``: two states of any days (backwards too), known now or midway through
    # the history, read bounded (stored state, snapshots) as ``tracker state`` has them;
    # where those cannot tell the changes, folded from the start listing every commitment.
    start, end = START + timedelta(days=one), START + timedelta(days=two)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(snapshots, "spacing", lambda: snapshots.Spacing(1, every))
        with tempfile.TemporaryDirectory() as folder, Tracker.open(Path(folder) / "t.db") as t:
            appended: list[DiplomaticEvent] = []
            moment = None
            for n, (action, arg) in enumerate(history):
                _apply(t, appended, action, arg)
                t.run_followers()
                if known == "midway" and n == len(history) // 2 and t.store.head():
                    moment = _learned(t)
            folded = windows.between(t.store, KEY, start, end, moment)
            read = windows.between(t.store, KEY, start, end, moment, t.projection)
            assert read.changes == folded.changes
            bounded = windows._between_bounded(t.store, t.projection, KEY, (start, end), moment)
            event("folded" if bounded is None else "read bounded")
            if bounded is None:  # a commitment counted: as folded
                assert read == folded
            else:
                a, b = KEY.split("-")
                assert read == bounded
                assert read.before == t.state(a, b, as_of=start, known_at=moment)
                assert read.after == t.state(a, b, as_of=end, known_at=moment)


def test_a_busy_pair_s_diff_is_read_from_its_snapshots(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    _busy_pair(tracker, monkeypatch)
    moment = _learned(tracker)
    folds: list[str] = []
    every = windows.relationship_events

    def counted(*args: Any, **kwargs: Any) -> Any:
        folds.append(args[1])
        return every(*args, **kwargs)

    monkeypatch.setattr(windows, "relationship_events", counted)
    queries = importlib.import_module("tracker.queries.state")
    monkeypatch.setattr(queries, "relationship_events", counted)
    days = (date(2025, 3, 1), date(2025, 9, 1))
    for first, second in (days, days[::-1]):
        for known in (None, moment):
            read = windows.between(tracker.store, KEY, first, second, known, tracker.projection)
            assert folds == []  # every state from a snapshot
            monkeypatch.setattr(windows, "relationship_events", every)
            assert read == windows.between(tracker.store, KEY, first, second, known)
            monkeypatch.setattr(windows, "relationship_events", counted)
            assert read.changes  # contacts of the months between
