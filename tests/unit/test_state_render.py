"""The state panel in a journalist's words: contacts, membership steps, sources."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from rich.console import Console

from events import (
    AgreementSigned,
    DomainEvent,
    EventCorroborated,
    Evidence,
    MembershipJoined,
    MembershipParticipationFrozen,
    PhoneCallHeld,
    RecordedEvent,
)
from tests.factories import diplomatic
from tracker.cli.state_render import state_panel
from tracker.projections import fold, from_recorded, view

T0 = datetime(2025, 1, 1, tzinfo=UTC)


def _panel(key: str, *events: DomainEvent, as_of: date = date(2025, 12, 31)) -> str:
    logged = [
        from_recorded(RecordedEvent(i + 1, "s", i + 1, T0 + timedelta(seconds=i), e))
        for i, e in enumerate(events)
    ]
    console = Console(width=200, record=True)
    console.print(state_panel(view(fold(key, logged), as_of)))
    # One line of words, whatever the panel's wrapping and borders.
    return " ".join(console.export_text().replace("│", " ").split())


def test_both_contacts_in_words_with_their_sources() -> None:
    call = diplomatic(
        PhoneCallHeld,
        level="head_of_government",
        occurred="2025-03-11",
        people=("Nikol Pashinyan", "Marco Rubio"),
    )
    signed = diplomatic(AgreementSigned, occurred="2025-08-08", agreement="Joint Declaration")
    other = Evidence(url="https://other.example.org/b", sentence="Signed.", confidence=0.7)
    text = _panel(
        "ARM-USA", call, signed, EventCorroborated(subject=signed.event_id, evidence=other)
    )
    assert (
        "last contact: 8 Aug 2025, agreement signed: Joint Declaration; 2 sources, best 0.90"
        in text
    )
    assert (
        "last high-level contact: 11 Mar 2025, phone call (head of government; "
        "Nikol Pashinyan, Marco Rubio); 1 source, best 0.90"
    ) in text


def test_a_frozen_participation_in_words() -> None:
    joined = diplomatic(MembershipJoined, occurred="1992-05-15")
    frozen = diplomatic(MembershipParticipationFrozen, occurred="2024-02")
    text = _panel("ARM-CSTO", joined, frozen)
    assert (
        "label: participation frozen (Armenia froze its participation in the Collective "
        "Security Treaty Organization in 2024-02)"
    ) in text
    assert "participation frozen 2024-02 1 source, best 0.90" in text
    assert "last contact: none recorded" in text
