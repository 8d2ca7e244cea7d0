"""Per-relationship snapshots on real SQLite files: any spacing gives a fold from the start."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import DiplomaticEvent, EventCorroborated, Evidence
from tests.factories import diplomatic
from tests.unit.test_projection_properties import DIPLOMATIC
from tracker import snapshots
from tracker.app import Tracker
from tracker.projections import fold, from_recorded
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
)
def test_any_snapshot_spacing_gives_the_fold_from_the_start(
    history: list[tuple[str, Any]], every: int, days: list[int]
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(snapshots, "spacing", lambda: snapshots.Spacing(1, every))
        with tempfile.TemporaryDirectory() as folder, Tracker.open(Path(folder) / "t.db") as t:
            appended: list[DiplomaticEvent] = []
            for action, arg in history:
                _apply(t, appended, action, arg)
                t.run_followers()
                for key in _keys(appended):
                    _same(t, key, days)
            assert t.verify_projection().ok
            t.rebuild_projection()
            for key in _keys(appended):
                _same(t, key, days)


def _same(t: Tracker, key: str, days: list[int]) -> None:
    """The stored state and the state through snapshots on ``days`` equal a full fold."""
    log = _log(t, key)
    assert t.projection.load(key) == fold(key, log)
    for day in days:
        as_of = START + timedelta(days=day)
        through = snapshots.state_as_of(t.store, key, as_of)
        assert through is None or through == fold(key, log, as_of=as_of)


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
