"""The fields of a stored payload that the fold reads, decoded straight from its JSON text.

A rebuild decodes a million payloads. A typed msgspec decoder builds only these fields and
skips the rest of the text (the extractor's name and version, the date's basis), which
made decoding ~2.5x faster than parsing the whole payload into dicts. It validates nothing
the append did not: a payload is checked in full once, when it is appended, and the hash
chain guards it after that.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec

__all__ = ["EvidenceFields", "PayloadFields", "decode_payload", "payload_fields"]


class EvidenceFields(msgspec.Struct, frozen=True):
    """Where an event was read: the parts of its :class:`events.Evidence` a source shows."""

    url: str | None = None
    article_id: str | None = None
    sentence: str | None = None
    confidence: float = 1.0  # Evidence's default; every stored payload writes it


class PayloadFields(msgspec.Struct, frozen=True):
    """What the fold needs of any event's payload (absent fields take their defaults)."""

    event_id: str
    subject: str | None = None  # annotations
    source: str = ""
    target: str = ""
    occurred: str = ""
    modality: str = "realized"
    due: str | None = None
    areas: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    agreement: str | None = None
    commitment: str | None = None
    topic: str | None = None
    level: str | None = None
    place: str | None = None  # visits
    note: str | None = None
    cameo: str | None = None
    # A diplomatic event has a list of evidence; a corroboration one piece.
    evidence: list[EvidenceFields] | EvidenceFields | None = None


_decoder = msgspec.json.Decoder(PayloadFields)

# The fold's fields of a payload as stored (in the current schema of its type). The
# decoder's own method, not a function wrapping it: a rebuild calls it once per event.
decode_payload: Callable[[str | bytes], PayloadFields] = _decoder.decode


def payload_fields(data: dict[str, Any]) -> PayloadFields:
    """The fold's fields of an already parsed payload (one an upcaster brought up to date)."""
    return msgspec.convert(data, PayloadFields)
