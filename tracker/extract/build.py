"""From codings to events of the log, with deterministic ids and their evidence."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from events import ArticleIngested, DiplomaticEvent, Evidence, event_class
from tracker.extract.coding import Coding
from tracker.extract.version import EXTRACTOR_NAME, EXTRACTOR_VERSION

__all__ = ["EXTRACTION_NAMESPACE", "coding_event", "event_id_for"]

EXTRACTION_NAMESPACE = uuid5(NAMESPACE_URL, "https://policy-tracker.example.org/extract")


def event_id_for(article_id: str, coding: Coding) -> UUID:
    """The same sentence read by the same pattern gives the same id: re-extraction is
    idempotent."""
    key = f"{article_id}|{coding.sentence_index}|{coding.pattern}|{coding.source}|{coding.target}"
    return uuid5(EXTRACTION_NAMESPACE, key)


def evidence_for(article: ArticleIngested, coding: Coding) -> Evidence:
    return Evidence(
        article_id=article.article_id,
        url=article.url,
        sentence=coding.sentence,
        extractor=EXTRACTOR_NAME,
        extractor_version=EXTRACTOR_VERSION,
        confidence=coding.confidence,
    )


def coding_event(article: ArticleIngested, coding: Coding) -> DiplomaticEvent | None:
    """The event a coding stands for, or ``None`` when the vocabulary refuses it."""
    cls = event_class(coding.event_type)
    fields: dict[str, Any] = {
        "event_id": event_id_for(article.article_id, coding),
        "source": coding.source,
        "target": coding.target,
        "occurred": coding.occurred,
        "occurred_basis": coding.occurred_basis,
        "modality": coding.modality,
        "due": coding.due,
        "areas": coding.areas,
        "people": coding.people,
        "evidence": tuple(
            evidence_for(article, replace(coding, sentence=sentence))
            for sentence in (coding.sentence, *coding.also)
        ),
    }
    if coding.cameo != getattr(cls, "default_cameo", None):
        fields["cameo"] = coding.cameo
    family = getattr(cls, "family", "")
    if family == "agreement":
        fields["agreement"] = coding.about
    elif family == "commitment":
        fields["commitment"] = coding.about
    elif family == "contact":
        fields["level"] = coding.level
    elif family == "stance" and coding.event_type != "CooperationIntentExpressed":
        fields["topic"] = None
    try:
        event = cls(**fields)
    except ValueError:
        # e.g. a membership whose target is a state: the coder's guess does not fit.
        return None
    return event if isinstance(event, DiplomaticEvent) else None
