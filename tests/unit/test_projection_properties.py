"""Invariants of the fold, over generated events: the order of learning does not matter."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from events import DiplomaticEvent, DomainEvent, EventRetracted, RecordedEvent
from tests.factories import diplomatic, every_type
from tracker.projections import FoldEvent, fold, from_recorded, view

DIPLOMATIC = [c for c in every_type() if issubclass(c, DiplomaticEvent)]
T0 = datetime(2025, 1, 1, tzinfo=UTC)
START = date(2025, 1, 1)


@st.composite
def events(draw: st.DrawFn) -> DiplomaticEvent:
    """A diplomatic event of any type and modality, on one of a few (often equal) dates."""
    cls = draw(st.sampled_from(DIPLOMATIC))
    fields: dict[str, Any] = {
        "occurred": (START + timedelta(days=draw(st.integers(0, 40)))).isoformat(),
        "modality": draw(st.sampled_from(["realized", "realized", "planned", "negated", "failed"])),
        "areas": draw(st.lists(st.sampled_from(["energy", "security", "trade"]), max_size=2)),
    }
    if fields["modality"] == "planned" and draw(st.booleans()):
        fields["due"] = (START + timedelta(days=draw(st.integers(0, 60)))).isoformat()
    if cls.family == "agreement":
        fields["agreement"] = draw(st.sampled_from(["Charter", "123 Agreement"]))
    if cls.family == "commitment":
        fields["commitment"] = draw(st.sampled_from(["border team visit", "aid package"]))
    if cls.family == "contact":
        fields["level"] = draw(st.sampled_from(["head_of_state", "foreign_minister", "official"]))
    return diplomatic(cls, **fields)


def logged(items: list[DomainEvent]) -> list[FoldEvent]:
    return [
        from_recorded(RecordedEvent(i + 1, "s", i + 1, T0 + timedelta(seconds=i), e))
        for i, e in enumerate(items)
    ]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(events(), min_size=1, max_size=12),
    st.randoms(use_true_random=False),
    st.integers(0, 70),
)
def test_any_order_of_learning_gives_the_same_state(
    items: list[DiplomaticEvent], rng: Any, day: int
) -> None:
    shuffled = list(items)
    rng.shuffle(shuffled)
    as_of = START + timedelta(days=day)
    first = view(fold("ARM-USA", logged(list(items)), as_of=as_of), as_of)
    second = view(fold("ARM-USA", logged(shuffled), as_of=as_of), as_of)
    assert first == second


@settings(max_examples=40, deadline=None)
@given(st.lists(events(), min_size=1, max_size=10), st.data())
def test_a_retraction_hides_its_event_only_from_states_known_after_it(
    items: list[DiplomaticEvent], data: st.DataObject
) -> None:
    victim = data.draw(st.sampled_from(items))
    retraction = EventRetracted(subject=victim.event_id, reason="misread")
    log = logged([*items, retraction])
    before = log[-1].recorded_at - timedelta(microseconds=1)
    without_victim = logged([e for e in items if e is not victim])
    assert fold("ARM-USA", log, known_at=before) == fold("ARM-USA", log[:-1])
    assert view(fold("ARM-USA", log), START) == view(fold("ARM-USA", without_victim), START)
