"""Valid sample events of every registered type, for round-trip and property tests."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

from events import (
    ArticleIngested,
    DiplomaticEvent,
    DomainEvent,
    EventAnnotation,
    EventCorroborated,
    EventRetracted,
    Evidence,
    event_types,
)

EVIDENCE = Evidence(
    article_id="a1",
    url="https://news.example.org/a1",
    sentence="They signed it.",
    extractor="test",
    extractor_version="0",
    confidence=0.9,
)

# Fields a subclass requires beyond the diplomatic basics.
_EXTRA: dict[str, dict[str, Any]] = {
    "agreement": {"agreement": "Charter on Strategic Partnership"},
    "commitment": {"commitment": "border-security team visit"},
}


def diplomatic(cls: type[DiplomaticEvent], **overrides: Any) -> DiplomaticEvent:
    fields: dict[str, Any] = {
        "source": "ARM",
        "target": "USA",
        "occurred": "2025-01-14",
        "areas": ["security"],
        "evidence": [EVIDENCE],
    }
    fields.update(_EXTRA.get(cls.family, {}))
    if cls.family == "membership":
        fields["target"] = "CSTO"
    fields.update(overrides)
    return cls(**fields)


def article(**overrides: Any) -> ArticleIngested:
    fields: dict[str, Any] = {
        "article_id": "art-1",
        "feed": "https://news.example.org/feed.xml",
        "url": "https://news.example.org/a1",
        "title": "A title",
        "text": "Body.",
        "content_hash": "0" * 64,
    }
    fields.update(overrides)
    return ArticleIngested(**fields)


def sample(cls: type[DomainEvent], subject: UUID | None = None) -> DomainEvent:
    """One valid instance of ``cls``; annotations point at ``subject``."""
    if issubclass(cls, DiplomaticEvent):
        return diplomatic(cls)
    if issubclass(cls, ArticleIngested):
        return article(article_id=f"art-{uuid4()}")
    if issubclass(cls, EventAnnotation):
        target = subject or uuid4()
        if cls is EventRetracted:
            return EventRetracted(subject=target, reason="misread")
        if cls is EventCorroborated:
            return EventCorroborated(subject=target, evidence=EVIDENCE)
        return cls(subject=target)
    raise TypeError(f"no sample for {cls}")


def every_type() -> list[type[DomainEvent]]:
    # Test modules may register test-only types (named Test...); those are not the vocabulary.
    types = [c for c in event_types().values() if not c.event_type.startswith("Test")]
    return sorted(types, key=lambda c: c.event_type)
