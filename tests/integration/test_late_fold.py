"""Late news folded in by the facts it touches (tracker.late_facts) on real SQLite files:
any order of learning the same events, in any batches, gives the stored state a full fold
gives, and a late fact does not fold its pair again."""

from __future__ import annotations

import random
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import DiplomaticEvent, DomainEvent, Evidence
from tests.factories import diplomatic
from tests.histories import in_batches, noted, pair_keys, step_or_pledge
from tests.unit.test_projection_properties import DIPLOMATIC
from tracker import projection_store, snapshots
from tracker.app import Tracker
from tracker.projections import fold, records
from tracker.queries.rows import relationship_events

START = date(2025, 1, 1)


@st.composite
def facts(draw: st.DrawFn) -> DiplomaticEvent:
    """A diplomatic event of any type and modality on one of a few (often equal) days, of
    a few agreements, pledges and areas, so that late facts meet the facts they belong to."""
    cls = draw(st.sampled_from(DIPLOMATIC))
    fields: dict[str, Any] = {
        "occurred": (START + timedelta(days=draw(st.integers(0, 200)))).isoformat(),
        "modality": draw(st.sampled_from(["realized", "realized", "planned", "negated", "failed"])),
        "areas": draw(st.lists(st.sampled_from(["energy", "security", "trade"]), max_size=2)),
        "evidence": [
            Evidence(
                url=f"https://news.example.org/{draw(st.integers(0, 9))}",
                confidence=draw(st.sampled_from([0.5, 0.7, 0.9])),
            )
        ],
    }
    if fields["modality"] == "planned" and draw(st.booleans()):
        fields["due"] = (START + timedelta(days=draw(st.integers(0, 300)))).isoformat()
    if cls.family == "agreement":
        fields["agreement"] = draw(st.sampled_from(["Charter", "123 Agreement"]))
    if cls.family == "commitment":
        fields["commitment"] = draw(st.sampled_from(["border team visit", "aid package"]))
    if cls.family == "contact":
        fields["level"] = draw(st.sampled_from(["head_of_state", "foreign_minister", "official"]))
    return diplomatic(cls, **fields)


def histories() -> st.SearchStrategy[list[DomainEvent]]:
    """Facts and further sources or confirmations of some of them, in any order the log
    accepts."""
    return noted(facts(), 14, 6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories(), st.lists(st.integers(1, 4), min_size=1, max_size=14), st.booleans())
def test_any_order_and_any_late_insertion_give_the_full_fold(
    events: list[DomainEvent], sizes: list[int], busy: bool
) -> None:
    # busy: every pair counts as busy (its builder kept between batches, see
    # ProjectionStore._thawed), with snapshots too far apart to be written.
    with pytest.MonkeyPatch.context() as patch:
        if busy:
            patch.setattr(snapshots, "spacing", lambda: snapshots.Spacing(1, 10_000))
        with tempfile.TemporaryDirectory() as folder, Tracker.open(Path(folder) / "t.db") as t:
            for appended in in_batches(t, events, sizes):
                for key in pair_keys(appended):
                    folded = fold(key, relationship_events(t.store, key))
                    assert t.projection.load(key) == folded
            assert t.verify_projection().ok


def test_a_late_fact_does_not_fold_its_pair_again(
    tracker: Tracker, monkeypatch: pytest.MonkeyPatch
) -> None:
    late_facts_folded_alone(tracker, monkeypatch)


def late_facts_folded_alone(tracker: Tracker, monkeypatch: pytest.MonkeyPatch) -> None:
    """An agreement's late step and a late high-level contact, folded in without a fold
    of the pair, give the full fold (tests/pg runs it on PostgreSQL)."""
    kinds = {c.__name__: c for c in DIPLOMATIC}
    days = [START + timedelta(days=3 * i) for i in range(30)]
    tracker.append(
        [
            diplomatic(kinds["AgreementSigned"], occurred=days[0].isoformat(), agreement="Charter"),
            *[
                diplomatic(kinds["MeetingHeld"], occurred=d.isoformat(), level="official")
                for d in days[1:]
            ],
        ]
    )
    tracker.run_followers()
    late = [
        diplomatic(kinds["AgreementRatified"], occurred="2025-01-20", agreement="Charter"),
        diplomatic(kinds["MeetingHeld"], occurred="2025-01-05", level="head_of_state"),
    ]
    tracker.append(late)

    def no_pair_fold(*args: object, **kwargs: object) -> None:
        raise AssertionError("the pair was folded again")

    with monkeypatch.context() as patch:
        patch.setattr(projection_store, "relationship_events", no_pair_fold)
        patch.setattr(projection_store.snapshots, "refold", no_pair_fold)
        tracker.run_followers()
    state = tracker.projection.load("ARM-USA")
    assert state == fold("ARM-USA", relationship_events(tracker.store, "ARM-USA"))
    assert state is not None
    assert state.agreements[0].status == "ratified"
    assert state.last_high_level_contact is not None
    assert state.last_high_level_contact.date == "2025-01-05"
    assert tracker.verify_projection().ok


@pytest.mark.parametrize("tight", [False, True])
def test_late_steps_and_pledges_put_in_their_records_give_the_full_fold(tight: bool) -> None:
    # One event a batch, in random order: most are late, each put into its agreement or
    # pledge record when the record says enough, else the record folded again.
    bounds = records.Bounds(sources=2, steps=2, articles=3) if tight else records.BOUNDS
    for seed in range(25):
        rng = random.Random(seed)
        events = [step_or_pledge(rng) for _ in range(18)]
        with (
            mock.patch.object(records, "BOUNDS", bounds),
            tempfile.TemporaryDirectory() as folder,
            Tracker.open(Path(folder) / "t.db") as t,
        ):
            for appended in in_batches(t, events, [1] * len(events)):
                for key in pair_keys(appended):
                    folded = fold(key, relationship_events(t.store, key))
                    assert t.projection.load(key) == folded, (seed, len(appended))
