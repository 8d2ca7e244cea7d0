"""Each fact of a stored state lists a bounded set of its events (tracker.projections.records):
a fold resumed from such a state, given annotations of events its facts left out, folds
those facts again (tracker.late_facts.resolve) and so equals a fold from the start, in any
order of learning and batching, through the projection, its late facts and its snapshots."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import DiplomaticEvent, DomainEvent, EventCorroborated, Evidence
from tests.factories import diplomatic
from tests.histories import in_batches, noted, pair_keys
from tests.unit.test_bounded_state import logged, resolved
from tests.unit.test_projection_properties import DIPLOMATIC
from tracker import snapshots
from tracker.app import Tracker
from tracker.projections import FoldEvent, StateBuilder, fold, records, select
from tracker.projections.records import LifecycleRecord
from tracker.queries.rows import relationship_events

START = date(2025, 1, 1)
TIGHT = records.Bounds(sources=2, steps=1, articles=3)
_KINDS = {c.__name__: c for c in DIPLOMATIC}
_FAMILIES = {
    family: [c for c in DIPLOMATIC if c.family == family]
    for family in ("agreement", "commitment", "relations", "membership")
}


@st.composite
def facts(draw: st.DrawFn) -> DiplomaticEvent:
    """Most of them steps of one agreement, pledge, membership or the relations, so that
    their facts gather more events than a stored state lists; the rest any act, often
    planned (a plan is a commitment)."""
    family = draw(st.sampled_from(["agreement", "agreement", "commitment", "relations"] * 2))
    family = draw(st.sampled_from([family, "membership", "any"]))
    cls = draw(st.sampled_from(DIPLOMATIC if family == "any" else _FAMILIES[family]))
    fields: dict[str, Any] = {
        "occurred": (START + timedelta(days=draw(st.integers(0, 120)))).isoformat(),
        "modality": draw(st.sampled_from(["realized", "realized", "planned", "negated"])),
        "evidence": [
            Evidence(
                url=f"https://news.example.org/{draw(st.integers(0, 9))}",
                confidence=draw(st.sampled_from([0.5, 0.7, 0.9])),
            )
        ],
    }
    if cls.family == "agreement":
        fields["agreement"] = "Charter"
    if cls.family == "commitment":
        fields["commitment"] = "aid package"
    if cls.family == "contact":
        fields["level"] = "official"
    return diplomatic(cls, **fields)


def histories() -> st.SearchStrategy[list[DomainEvent]]:
    """Facts and further sources or confirmations of some of them, in any order the log
    accepts."""
    return noted(facts(), 24, 10)


@pytest.fixture(autouse=True)
def tight() -> Iterator[None]:
    with mock.patch.object(records, "BOUNDS", TIGHT):
        yield


def _key(event: FoldEvent) -> str:
    return "-".join(sorted((event.source, event.target)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories(), st.lists(st.integers(1, 5), min_size=1, max_size=12))
def test_the_projection_and_its_snapshots_give_the_full_fold(
    events: list[DomainEvent], sizes: list[int]
) -> None:
    with (
        pytest.MonkeyPatch.context() as patch,
        tempfile.TemporaryDirectory() as folder,
        Tracker.open(Path(folder) / "t.db") as t,
    ):
        patch.setattr(snapshots, "spacing", lambda: snapshots.Spacing(1, 2))
        for appended in in_batches(t, events, sizes):
            for key in pair_keys(appended):
                log = relationship_events(t.store, key)
                assert t.projection.load(key) == fold(key, log)
                for day in (10, 40, 80, 130):
                    as_of = START + timedelta(days=day)
                    through = snapshots.state_as_of(t.store, key, as_of)
                    assert through is None or through == fold(key, log, as_of=as_of)
        assert t.verify_projection().ok


@settings(max_examples=120, deadline=None)
@given(histories(), st.integers(0, 10**6))
def test_a_fold_resumed_from_a_bounded_state_gives_the_full_fold(
    events: list[DomainEvent], cut: int
) -> None:
    log = logged(events)
    for key in pair_keys(events):
        ids = {e.event_id for e in log if e.kind == "fact" and _key(e) == key}
        own = [e for e in log if e.event_id in ids or e.subject in ids]
        chosen = select(own)
        everything = StateBuilder(key, narrate=False)
        for event in chosen:
            everything.add(event)
        at = cut % (len(chosen) + 1)
        paused = StateBuilder(key, narrate=False)
        for event in chosen[:at]:
            paused.add(event)
        resumed = StateBuilder.from_state(paused.build())
        resumed.narrate = False
        for event in chosen[at:]:
            resumed.add(event)
        resolved(resumed, own)
        full = everything.build()
        assert resumed.build() == full
        assert resumed.build_json() == full.model_dump_json()
        # Every fact counts the events it took, and lists the first, the latest and those
        # of its kept steps.
        for record in everything._facts():
            every = list(record.event_ids)
            listed = record.frozen_fields()["event_ids"]
            assert record.frozen_fields()["event_count"] == len(every)
            assert set(listed) <= set(every) and every[0] in listed
            assert set(every[-TIGHT.steps :]) <= set(listed)
            steps = record._kept_steps() if isinstance(record, LifecycleRecord) else []
            assert {s.event_id for s in steps} <= set(listed)


def test_a_source_of_an_event_a_fact_left_out_folds_that_fact_again(tracker: Tracker) -> None:
    signed = _KINDS["AgreementSigned"]
    steps = [
        diplomatic(signed, occurred=(START + timedelta(days=i)).isoformat(), agreement="Charter")
        for i in range(6)
    ]
    tracker.append(steps)
    tracker.run_followers()
    stored = tracker.projection.load("ARM-USA")
    assert stored is not None
    (charter,) = stored.agreements
    assert charter.event_count == 6 and str(steps[1].event_id) not in charter.event_ids
    tracker.append(
        [
            EventCorroborated(
                subject=steps[1].event_id, evidence=Evidence(url="https://b.example.org/1")
            )
        ]
    )
    tracker.run_followers()
    after = tracker.projection.load("ARM-USA")
    assert after == fold("ARM-USA", relationship_events(tracker.store, "ARM-USA"))
    assert after is not None and after.agreements[0].source_count == 7
