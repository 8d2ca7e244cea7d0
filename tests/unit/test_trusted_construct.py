"""States frozen without validation (tracker.projections.trusted) equal validated ones."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import BaseModel

from events import (
    DiplomaticEvent,
    EventConfirmed,
    EventCorroborated,
    Modality,
    PledgeMade,
    RecordedEvent,
)
from tests.factories import EVIDENCE, diplomatic, every_type
from tracker.projections import RelationshipState, fold, from_recorded


def _every_kind_of_fact(organisation: bool = False) -> RelationshipState:
    """A state with agreements (or memberships), commitments, a contact, areas, annotations."""
    events: list[Any] = []
    for cls in every_type():
        if not issubclass(cls, DiplomaticEvent) or (cls.family == "membership") != organisation:
            continue
        level = {"level": "head_of_state"} if cls.family == "contact" else {}
        events.append(diplomatic(cls, **level))
    events += [
        diplomatic(cls, source="USA", target="ARM", modality=Modality.PLANNED, due="2025-02")
        for cls in every_type()
        if issubclass(cls, DiplomaticEvent) and cls.family == "contact"
    ]
    if organisation:
        return _fold("ARM-CSTO", events)
    events.append(diplomatic(PledgeMade, occurred="2024-06", due="2026"))
    events += [
        EventCorroborated(subject=events[0].event_id, evidence=EVIDENCE),
        EventConfirmed(subject=events[1].event_id),
    ]
    return _fold("ARM-USA", events)


def _fold(key: str, events: list[Any]) -> RelationshipState:
    moment = datetime(2025, 3, 1, tzinfo=UTC)
    folded = [from_recorded(RecordedEvent(i, "s", 1, moment, e)) for i, e in enumerate(events)]
    return fold(key, folded)


def _models(value: Any) -> list[BaseModel]:
    """Every pydantic model inside ``value``."""
    if isinstance(value, BaseModel):
        found = [value]
        for name in type(value).model_fields:
            found += _models(getattr(value, name))
        return found
    if isinstance(value, tuple | list):
        return [m for item in value for m in _models(item)]
    return []


@pytest.mark.parametrize("organisation", [False, True], ids=["agreements", "memberships"])
def test_a_folded_state_equals_its_validated_round_trip(organisation: bool) -> None:
    state = _every_kind_of_fact(organisation)
    if organisation:
        assert state.memberships
    else:
        assert state.agreements and state.commitments and state.areas and state.last_contact
    validated = RelationshipState.model_validate_json(state.model_dump_json())
    assert validated == state
    # Field for field, with the same Python types (equality alone lets 1 == 1.0 pass).
    assert validated.model_dump() == state.model_dump()
    for ours, theirs in zip(_models(state), _models(validated), strict=True):
        assert type(ours) is type(theirs)
        for name in type(ours).model_fields:
            assert type(getattr(ours, name)) is type(getattr(theirs, name)), name


def test_every_frozen_model_has_every_field() -> None:
    for model in _models(_every_kind_of_fact()) + _models(_every_kind_of_fact(True)):
        assert set(model.__dict__) == set(type(model).model_fields), type(model).__name__
        assert model.model_fields_set == set(type(model).model_fields)
