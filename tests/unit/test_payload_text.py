"""The stored payload text (events.payload_text) is pydantic's JSON to the byte."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticSerializationError

from events import ArticleIngested, DiplomaticEvent, DomainEvent, Evidence, Modality
from events.evidence import Area
from events.payload_text import writer
from tests.factories import EVIDENCE, every_type, sample

_DIPLOMATIC = [cls for cls in every_type() if issubclass(cls, DiplomaticEvent)]

_evidence = st.builds(
    Evidence,
    article_id=st.none() | st.text(max_size=20),
    url=st.none() | st.text(max_size=40),
    sentence=st.none() | st.text(max_size=80),
    extractor=st.text(min_size=1, max_size=10),
    confidence=st.floats(min_value=0.0, max_value=1.0),
)


@settings(max_examples=300, deadline=None)
@given(
    cls=st.sampled_from(_DIPLOMATIC),
    people=st.lists(st.text(max_size=30), max_size=3),
    note=st.none() | st.text(),
    areas=st.lists(st.sampled_from(list(Area)), max_size=4),
    modality=st.sampled_from(list(Modality)),
    evidence=st.lists(_evidence, max_size=3),
    occurred=st.sampled_from(["2025-01-14", "2025-06", "1999", "2024-02-29"]),
    name=st.text(min_size=1).filter(str.strip),
)
def test_every_diplomatic_event_is_written_as_pydantic_writes_it(
    cls: type[DiplomaticEvent],
    people: list[str],
    note: str | None,
    areas: list[Area],
    modality: Modality,
    evidence: list[Evidence],
    occurred: str,
    name: str,
) -> None:
    base = sample(cls).model_dump()
    base.update(
        people=people,
        note=note,
        areas=areas,
        modality=modality,
        evidence=evidence,
        occurred=occurred,
        due="2026-03" if modality is Modality.PLANNED else None,
    )
    for key in ("agreement", "commitment"):
        if key in base:
            base[key] = name
    event = cls.model_validate(base)
    assert event.payload_json() == event.model_dump_json()


@pytest.mark.parametrize("cls", every_type(), ids=lambda c: c.event_type)
def test_every_type_is_written_as_pydantic_writes_it(cls: type[DomainEvent]) -> None:
    event = sample(cls)
    assert event.payload_json() == event.model_dump_json()


def test_the_event_types_are_written_by_msgspec_but_where_a_field_forbids_it() -> None:
    # Only ArticleIngested has a field (a datetime) whose text the two libraries may write
    # differently; everything else takes the faster writer. A new field type that slips
    # out of the exact set shows up here rather than as a silent slowdown.
    pydantic_written = [cls.event_type for cls in every_type() if writer(cls).__name__ != "write"]
    assert pydantic_written == [ArticleIngested.event_type]


def test_a_value_msgspec_refuses_gets_pydantics_answer() -> None:
    # A lone surrogate cannot be UTF-8: both refuse it, and the error is pydantic's.
    event = sample(_DIPLOMATIC[0]).model_copy(update={"note": "\ud800"})
    with pytest.raises(PydanticSerializationError):
        event.payload_json()


def test_fields_msgspec_writes_otherwise_keep_pydantics_serializer() -> None:
    class Unbounded(BaseModel):
        model_config = ConfigDict(frozen=True)
        score: float

    class Bounded(BaseModel):
        model_config = ConfigDict(frozen=True)
        score: float = Field(ge=0, le=1)

    class Mapping(BaseModel):
        model_config = ConfigDict(frozen=True)
        extra: dict[str, Any]

    class Aliased(BaseModel):
        model_config = ConfigDict(frozen=True)
        name: str = Field(serialization_alias="Name")

    big = Unbounded(score=1e17)
    assert writer(Unbounded)(big) == big.model_dump_json() == '{"score":1e+17}'
    assert writer(Bounded).__name__ == "write"
    for model in (Unbounded, Mapping, Aliased):
        assert writer(model).__name__ != "write"
    aliased = Aliased(name="x")
    assert writer(Aliased)(aliased) == aliased.model_dump_json()


def test_an_integer_past_64_bits_is_written_by_pydantic() -> None:
    class Counted(BaseModel):
        model_config = ConfigDict(frozen=True)
        kind: ClassVar[str] = "counted"
        count: int

    counted = Counted(count=2**70)
    assert writer(Counted).__name__ == "write"
    assert writer(Counted)(counted) == counted.model_dump_json() == f'{{"count":{2**70}}}'


def test_a_copy_with_changed_fields_keeps_the_declared_order() -> None:
    event = sample(_DIPLOMATIC[0])
    changed = event.model_copy(update={"note": "later", "evidence": (EVIDENCE, EVIDENCE)})
    assert changed.payload_json() == changed.model_dump_json()
