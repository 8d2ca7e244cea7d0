"""A rebuild writes each state's JSON straight from the fold (StateBuilder.build_json); it
must be the very text pydantic writes for the built state, or stored states would drift
from what a query folds."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from events import (
    AgreementSigned,
    DiplomaticEvent,
    DomainEvent,
    EventConfirmed,
    EventCorroborated,
    Evidence,
    Modality,
    PledgeMade,
    RecordedEvent,
)
from tests.factories import EVIDENCE, diplomatic, every_type
from tests.unit.test_projection_properties import events
from tracker.projections import RelationshipState, StateHeads, fold, fold_json, from_recorded
from tracker.projections.builder import StateBuilder

T0 = datetime(2025, 3, 1, tzinfo=UTC)
OTHER = Evidence(url="https://other.example.org/x", sentence='He said "yes" \u2014 twice.\n')


def _logged(items: list[DomainEvent]) -> list[Any]:
    return [
        from_recorded(RecordedEvent(i + 1, "s", i + 1, T0 + timedelta(seconds=i), e))
        for i, e in enumerate(items)
    ]


def _every_kind_of_fact(organisation: bool) -> list[DomainEvent]:
    items: list[DomainEvent] = []
    for cls in every_type():
        if not issubclass(cls, DiplomaticEvent) or (cls.family == "membership") != organisation:
            continue
        level = {"level": "head_of_state"} if cls.family == "contact" else {}
        # Two sources on some facts, none on others: the sources are sorted when written.
        evidence = [OTHER, EVIDENCE] if cls.family == "agreement" else []
        items.append(diplomatic(cls, evidence=evidence, **level))
    items.append(diplomatic(PledgeMade, occurred="2024-06", due="2026", modality=Modality.PLANNED))
    items += [
        EventCorroborated(subject=items[0].event_id, evidence=OTHER),
        EventConfirmed(subject=items[1].event_id),
    ]
    return items


def _assert_same_text(key: str, items: list[DomainEvent]) -> None:
    folded = _logged(items)
    text, last = fold_json(key, folded)
    state = fold(key, folded)
    assert text == state.model_dump_json()
    assert last == state.last_occurred
    assert RelationshipState.model_validate_json(text) == state


def test_every_kind_of_fact_is_written_as_pydantic_writes_it() -> None:
    _assert_same_text("ARM-USA", _every_kind_of_fact(organisation=False))
    _assert_same_text("ARM-CSTO", _every_kind_of_fact(organisation=True))


def test_an_empty_fold_is_written_as_pydantic_writes_it() -> None:
    _assert_same_text("ARM-USA", [])
    builder = StateBuilder("ARM-USA", narrate=False)
    assert builder.build_json() == builder.build().model_dump_json()


@settings(max_examples=80, deadline=None)
@given(st.lists(events(), min_size=1, max_size=15))
def test_any_fold_is_written_as_pydantic_writes_it(items: list[DiplomaticEvent]) -> None:
    _assert_same_text("ARM-USA", list(items))


def test_a_state_folded_further_is_written_as_pydantic_writes_it() -> None:
    # A builder thawed from a stored state holds validated models, not the fold's own.
    first = _every_kind_of_fact(organisation=False)
    state = RelationshipState.model_validate_json(fold("ARM-USA", _logged(first)).model_dump_json())
    builder = StateBuilder.from_state(state)
    later = diplomatic(type(first[0]), occurred=(date(2025, 2, 1)).isoformat())
    for event in _logged([later]):
        builder.add(event)
    assert builder.build_json() == builder.build().model_dump_json()


def _without(value: Any, keys: frozenset[str]) -> Any:
    if isinstance(value, dict):
        return {k: _without(v, keys) for k, v in value.items() if k not in keys}
    if isinstance(value, list):
        return [_without(v, keys) for v in value]
    return value


def test_a_state_stored_before_the_sources_were_counted_still_reads() -> None:
    # The keys added with last_high_level_contact; an older stored state has none of them.
    added = frozenset({"last_high_level_contact", "confidence", "independent_sources", "place"})
    for key, organisation in (("ARM-USA", False), ("ARM-CSTO", True)):
        state = fold(key, _logged(_every_kind_of_fact(organisation)))
        old = json.dumps(_without(json.loads(state.model_dump_json()), added))
        read = RelationshipState.model_validate_json(old)
        assert read.relationship == key and read.last_high_level_contact is None
        assert all(a.independent_sources == 0 for a in read.agreements)
        assert StateHeads.model_validate_json(old).facts == state.facts


def test_the_new_keys_are_written() -> None:
    state = json.loads(fold("ARM-USA", _logged(_every_kind_of_fact(False))).model_dump_json())
    assert state["last_high_level_contact"]["level"] == "head_of_state"
    assert state["last_contact"]["independent_sources"] == 1
    charter = state["agreements"][0]
    # Two articles and an analyst's confirmation (of one of its steps).
    assert (charter["confirmed"], charter["independent_sources"]) == (True, 3)
    assert charter["confidence"] == 1.0
    assert {s["confidence"] for s in charter["sources"]} == {0.9, 1.0}


_BUILDER_PARTS = (
    "relationship",
    "agreements",
    "memberships",
    "relations",
    "last_contact",
    "last_high_level_contact",
    "areas",
    "tone",
    "tone_months",
    "tone_years",
    "facts",
    "folded_key",
    "thawed",
)


def _assert_thawed_alike(text: str) -> None:
    """A builder thawed from the JSON holds what one thawed from the validated state does."""
    plain = StateBuilder.from_json(text)
    validated = StateBuilder.from_state(RelationshipState.model_validate_json(text))
    for part in _BUILDER_PARTS:
        assert getattr(plain, part) == getattr(validated, part), part
    assert plain.commitments.all == validated.commitments.all
    assert plain.commitments.open == validated.commitments.open
    assert plain.commitments.planned_types == validated.commitments.planned_types
    assert plain.build() == validated.build()
    assert plain.build_json(every_id=True) == validated.build_json(every_id=True)


def _folded_builder(key: str, items: list[DomainEvent]) -> StateBuilder:
    builder = StateBuilder(key, narrate=False)
    for event in _logged(items):
        builder.add(event)
    return builder


def test_a_state_thawed_from_its_json_is_the_validated_one() -> None:
    for key, organisation in (("ARM-USA", False), ("ARM-CSTO", True)):
        builder = _folded_builder(key, _every_kind_of_fact(organisation))
        _assert_thawed_alike(builder.build_json())
        _assert_thawed_alike(builder.build_json(every_id=True))
    _assert_thawed_alike(StateBuilder("ARM-USA", narrate=False).build_json())


@settings(max_examples=80, deadline=None)
@given(st.lists(events(), min_size=1, max_size=25))
def test_any_state_thawed_from_its_json_is_the_validated_one(
    items: list[DiplomaticEvent],
) -> None:
    builder = _folded_builder("ARM-USA", list(items))
    _assert_thawed_alike(builder.build_json())
    _assert_thawed_alike(builder.build_json(every_id=True))


def test_a_state_stored_before_the_sources_were_counted_thaws_alike() -> None:
    added = frozenset({"last_high_level_contact", "confidence", "independent_sources", "place"})
    for key, organisation in (("ARM-USA", False), ("ARM-CSTO", True)):
        state = fold(key, _logged(_every_kind_of_fact(organisation)))
        _assert_thawed_alike(json.dumps(_without(json.loads(state.model_dump_json()), added)))


@settings(max_examples=80, deadline=None)
@given(st.lists(events(), min_size=1, max_size=40))
def test_a_builder_kept_as_thawed_is_the_thawed_one(items: list[DiplomaticEvent]) -> None:
    # A follower folds the next batch into the builder it kept (StateBuilder.as_thawed)
    # instead of thawing the state it wrote: the two hold the same, and fold on alike.
    builder = _folded_builder("ARM-USA", list(items))
    text = builder.build_json()
    builder.as_thawed()
    thawed = StateBuilder.from_json(text)
    for part in _BUILDER_PARTS:
        if part != "folded_key":  # the kept one knows its last fact, not only its key
            assert getattr(builder, part) == getattr(thawed, part), part
    assert builder.last_key == thawed.last_key
    assert builder.commitments.all == thawed.commitments.all
    assert builder.commitments.open == thawed.commitments.open
    assert builder.build_json() == text
    later = _logged([diplomatic(type(items[0]), occurred="2026-06-01")])
    for event in later:
        builder.add(event)
        thawed.add(event)
    assert builder.build_json() == thawed.build_json()


def _told_often(days: list[int]) -> list[DomainEvent]:
    """One agreement and one pledge told on each of ``days`` (after 2025-01-01), each in
    its areas: facts with more event ids than a frozen fact lists."""
    told: list[DomainEvent] = []
    for n in days:
        day = (date(2025, 1, 1) + timedelta(days=n)).isoformat()
        told.append(diplomatic(AgreementSigned, agreement="Charter", occurred=day))
        told.append(diplomatic(PledgeMade, occurred=day, areas=["trade"]))
    return told


@settings(max_examples=80, deadline=None)
@given(
    st.lists(events(), max_size=30),
    st.lists(st.integers(0, 60), min_size=12, max_size=30),
    st.integers(0, 89),
)
def test_a_state_thawed_with_its_ids_apart_is_the_one_thawed_with_every_id(
    some: list[DiplomaticEvent], days: list[int], noted: int
) -> None:
    # A timeline's snapshot keeps the bounded state and every id apart (the page thaws the
    # bounded one): the ids given back, a note of any event it folded is placed alike.
    items = [*some, *_told_often(days)]
    builder = _folded_builder("ARM-USA", items)
    assert len(builder.build_json()) < len(builder.build_json(every_id=True))
    every = StateBuilder.from_json(builder.build_json(every_id=True))
    apart = StateBuilder.from_json(builder.build_json())
    apart.restore_ids(builder.ids_json())
    for part in _BUILDER_PARTS:
        assert getattr(apart, part) == getattr(every, part), part
    assert apart.commitments.all == every.commitments.all
    subject = items[noted % len(items)].event_id
    for event in _logged([EventCorroborated(subject=subject, evidence=OTHER)]):
        apart.add(event)
        every.add(event)
    assert apart.build_json(every_id=True) == every.build_json(every_id=True)
    assert apart.unresolved == every.unresolved == []


def test_ids_of_another_state_are_refused() -> None:
    one = _folded_builder("ARM-USA", _every_kind_of_fact(False))
    other = StateBuilder("ARM-USA", narrate=False)
    with pytest.raises(ValueError, match="not written with the state"):
        StateBuilder.from_json(other.build_json()).restore_ids(one.ids_json())
