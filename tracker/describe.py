"""One-line, human-readable accounts of events, for the log, the timeline and replay."""

from __future__ import annotations

from events import (
    AgreementEvent,
    ArticleIngested,
    CommitmentEvent,
    ContactEvent,
    DiplomaticEvent,
    DomainEvent,
    EventAnnotation,
    EventCorroborated,
    EventRetracted,
    MembershipEvent,
    Modality,
    StanceEvent,
    VisitMade,
)

__all__ = ["describe"]

_MODALITY_PREFIX = {
    Modality.REALIZED: "",
    Modality.PLANNED: "planned: ",
    Modality.NEGATED: "denied: ",
    Modality.FAILED: "did not happen: ",
}


def describe(event: DomainEvent) -> str:
    """E.g. ``ARM-USA AgreementSigned "Charter on Strategic Partnership"``."""
    if isinstance(event, ArticleIngested):
        return f'article "{event.title}" from {event.feed}'
    if isinstance(event, EventRetracted):
        return f"retracts {event.subject}: {event.reason}"
    if isinstance(event, EventCorroborated):
        return f"corroborates {event.subject} ({event.evidence.url or 'no url'})"
    if isinstance(event, EventAnnotation):
        return f"{event.event_type} {event.subject}"
    if isinstance(event, DiplomaticEvent):
        arrow = "-" if event.symmetric else "->"
        source, target = (
            (event.visitor, event.host)
            if isinstance(event, VisitMade)
            else (event.source, event.target)
        )
        text = f"{_MODALITY_PREFIX[event.modality]}{source}{arrow}{target} "
        text += f"{event.event_type}{_object(event)}"
        if event.due is not None:
            text += f" (due {event.due})"
        return text
    return event.event_type


def _object(event: DiplomaticEvent) -> str:
    if isinstance(event, AgreementEvent):
        return f' "{event.agreement}"'
    if isinstance(event, CommitmentEvent):
        return f' "{event.commitment}"'
    if isinstance(event, ContactEvent):
        return f" ({event.level.value})" if event.level.value != "unknown" else ""
    if isinstance(event, StanceEvent) and event.topic:
        return f": {event.topic}"
    if isinstance(event, MembershipEvent):
        return ""
    return ""
