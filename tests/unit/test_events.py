"""The vocabulary: value objects, validation, CAMEO values, and an upcaster at work."""

from __future__ import annotations

import json
from datetime import date
from typing import Any, ClassVar

import pytest
from pydantic import ValidationError

from events import (
    AgreementSigned,
    DomainEvent,
    FuzzyDate,
    MeetingHeld,
    Precision,
    QuadClass,
    Relationship,
    SanctionsImposed,
    VisitMade,
    decode,
    event_types,
    upcaster,
)
from events.registry import STORED_PAYLOAD_CHECKS, json_decoder, upcast
from tests.factories import every_type, sample
from tracker.projections import from_row


def test_relationship_is_unordered() -> None:
    assert Relationship.of("USA", "ARM") == Relationship.of("ARM", "USA")
    assert Relationship.of("USA", "ARM").key == "ARM-USA"
    assert Relationship.model_validate("USA-ARM").key == "ARM-USA"
    with pytest.raises(ValidationError, match="two different actors"):
        Relationship.of("ARM", "ARM")


@pytest.mark.parametrize("bad", ["arm", "A", "ARMENIA", "XYZW", "12"])
def test_bad_actor_codes_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError):
        Relationship.of(bad, "USA")


def test_fuzzy_dates_have_spans_and_text_forms() -> None:
    month = FuzzyDate.parse("2024-06")
    assert (month.precision, month.start, month.end) == (
        Precision.MONTH,
        date(2024, 6, 1),
        date(2024, 6, 30),
    )
    assert str(month) == "2024-06"
    assert FuzzyDate.parse("2025").end == date(2025, 12, 31)
    assert FuzzyDate.parse("2024-02").end == date(2024, 2, 29)
    assert FuzzyDate.parse("2025-01-14").contains(date(2025, 1, 14))
    assert month.overlaps(FuzzyDate.parse("2024"))
    for bad in ("2025-13", "2025-02-30", "June 2024", "14/01/2025"):
        with pytest.raises(ValueError):
            FuzzyDate.parse(bad)


def test_events_are_frozen_and_strict() -> None:
    event = VisitMade(source="USA", target="ARM", occurred="2025-02", modality="planned")
    with pytest.raises(ValidationError):
        event.source = "AZE"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="Extra inputs"):
        VisitMade(source="USA", target="ARM", occurred="2025-02", colour="red")  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match="both ARM"):
        VisitMade(source="ARM", target="ARM", occurred="2025-02")


def test_cameo_values_come_from_the_table() -> None:
    signed = AgreementSigned(source="ARM", target="USA", occurred="2025-01-14", agreement="X")
    assert (signed.code, signed.goldstein, signed.quad_class) == (
        "057",
        8.0,
        QuadClass.VERBAL_COOPERATION,
    )
    sanctions = SanctionsImposed(source="USA", target="RUS", occurred="2024")
    assert sanctions.quad_class is QuadClass.MATERIAL_CONFLICT and sanctions.goldstein < 0
    host = MeetingHeld(source="ARM", target="USA", occurred="2025", cameo="043")
    assert host.code == "043"
    with pytest.raises(ValidationError, match="takes CAMEO"):
        MeetingHeld(source="ARM", target="USA", occurred="2025", cameo="163")


def test_every_type_has_a_docstring_and_a_past_tense_name() -> None:
    for name, cls in event_types().items():
        assert cls.__doc__ and cls.__doc__.strip(), name
        assert name == cls.event_type
        assert name.endswith(
            ("ed", "Made", "Held", "Kept", "Withdrawn", "Frozen", "Undertaken", "Force")
        ), name


def test_symmetric_events_share_an_identity_in_either_direction() -> None:
    a = MeetingHeld(source="ARM", target="USA", occurred="2025-01-14")
    b = MeetingHeld(source="USA", target="ARM", occurred="2025-01-14")
    assert a.identity() == b.identity()
    v1 = VisitMade(source="ARM", target="USA", occurred="2025-01-14")
    v2 = VisitMade(source="USA", target="ARM", occurred="2025-01-14")
    assert v1.identity() != v2.identity()


class _TravelNoted(DomainEvent):
    """Test-only event at schema v2: v1 stored a single 'who' string, v2 a list of people."""

    event_type: ClassVar[str] = "TestTravelNoted"
    schema_version: ClassVar[int] = 2

    people: tuple[str, ...]


@upcaster("TestTravelNoted", from_version=1)
def _travel_v1_to_v2(payload: dict[str, Any]) -> dict[str, Any]:
    who = payload.pop("who")
    return {**payload, "people": [p.strip() for p in who.split(",")]}


def test_an_upcaster_reads_an_old_payload() -> None:
    old = json.dumps(
        {"event_id": "7f2b6c1e-0000-4000-8000-000000000001", "who": "Rubio, Pashinyan"}
    )
    event = decode("TestTravelNoted", 1, old)
    assert isinstance(event, _TravelNoted)
    assert event.people == ("Rubio", "Pashinyan")
    current = decode("TestTravelNoted", 2, event.model_dump_json())
    assert current == event
    # The fold's reader upcasts old payloads too, before reading its fields.
    folded = from_row(1, "2025-01-14T00:00:00.000000+00:00", "TestTravelNoted", 1, old)
    assert (folded.event_id, folded.people, folded.kind) == (str(event.event_id), (), "other")
    with pytest.raises(ValueError, match="no upcaster"):
        upcast("AgreementSigned", 0, {})


def test_a_visit_knows_its_visitor_and_host_in_either_coding() -> None:
    made = VisitMade(source="USA", target="ARM", occurred="2025-02")
    hosted = VisitMade(source="ARM", target="USA", occurred="2025-02", cameo="043")
    assert (made.visitor, made.host) == ("USA", "ARM")
    assert (hosted.visitor, hosted.host) == ("USA", "ARM")


@pytest.mark.parametrize("cls", every_type(), ids=lambda c: c.event_type)
def test_the_stored_payload_is_pydantics_json(cls: type[DomainEvent]) -> None:
    event = sample(cls)
    assert event.payload_json() == event.model_dump_json()
    assert event.payload_json().startswith('{"event_id":"' + str(event.event_id) + '"')


def _validator_names(node: Any) -> set[str]:
    """Names of the Python functions an event's core schema calls."""
    found: set[str] = set()
    if isinstance(node, dict):
        function = node.get("function")
        if isinstance(function, dict):
            found.add(getattr(function.get("function"), "__name__", ""))
        for value in node.values():
            found |= _validator_names(value)
    elif isinstance(node, list):
        for item in node:
            found |= _validator_names(item)
    return found


def test_the_checks_skipped_on_reading_are_real_validators() -> None:
    # A misspelt name in STORED_PAYLOAD_CHECKS would skip nothing, silently.
    called: set[str] = set()
    for cls in every_type():
        schema = cls.__pydantic_core_schema__
        called |= _validator_names({key: schema[key] for key in schema.keys()})
    assert STORED_PAYLOAD_CHECKS <= called


@pytest.mark.parametrize("cls", every_type(), ids=lambda c: c.event_type)
def test_the_stored_payload_decoder_gives_the_validated_event(cls: type[DomainEvent]) -> None:
    event = sample(cls)
    payload = event.payload_json()
    assert json_decoder(cls.event_type, cls.schema_version)(payload) == event
    assert cls.model_validate_json(payload) == event
