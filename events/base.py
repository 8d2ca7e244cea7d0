"""The base classes every event derives from.

An event is a frozen fact, named in the past tense, with a stable ``event_type`` string (what
the log stores), a ``schema_version`` (bumped with an upcaster when the payload changes), and,
for diplomatic events, a CAMEO code with its Goldstein value and quad class.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, ClassVar, Literal
from uuid import UUID, uuid4

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from events import registry
from events.actors import ActorCode, Relationship
from events.cameo import CameoCode, QuadClass, cameo
from events.dates import FuzzyDate
from events.evidence import Area, Evidence, Modality
from events.payload_text import writer as payload_writer

__all__ = ["DateBasis", "DiplomaticEvent", "DomainEvent", "normalize_name", "relationship_stream"]


class DomainEvent(BaseModel):
    """Something that happened and was written to the log."""

    # defer_build: each event class builds its validator on first use, so a command that
    # reads three kinds of event does not pay at start-up for all forty.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    event_type: ClassVar[str]
    schema_version: ClassVar[int] = 1

    event_id: UUID = Field(default_factory=uuid4)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        # Abstract bases define no event_type of their own; only concrete events register.
        if "event_type" in cls.__dict__:
            registry.register(cls)

    def payload_json(self) -> str:
        """The event as the log stores it: compact JSON, fields in declaration order.

        What ``model_dump_json()`` gives with its defaults (a test holds them equal), in
        most classes written by msgspec (see :mod:`events.payload_text`): every append
        calls this.
        """
        return payload_writer(self.__class__)(self)

    def valid_time(self) -> FuzzyDate | None:
        """When this happened in the world, if that is a question it answers."""
        return None

    def parties(self) -> tuple[str, ...]:
        """The actors this event is about (for the log's parties index)."""
        return ()

    def default_stream(self) -> str:
        return f"{self.event_type}-{self.event_id}"


# Where the date came from: the sentence said it, it was worked out from a relative
# expression ("last Tuesday"), or the sentence had none and the publication date stands in.
DateBasis = Literal["stated", "relative", "publication"]


class DiplomaticEvent(DomainEvent):
    """An act of one actor towards another, dated, with modality, areas and evidence."""

    family: ClassVar[str]
    default_cameo: ClassVar[str]
    # Finer CAMEO codes an extractor may choose for this event (same meaning, more detail).
    allowed_cameo: ClassVar[frozenset[str]] = frozenset()
    # True when the act has no direction (a meeting, talks): source and target are just parties.
    symmetric: ClassVar[bool] = False

    source: ActorCode
    target: ActorCode
    occurred: FuzzyDate
    occurred_basis: DateBasis = "stated"
    modality: Modality = Modality.REALIZED
    # For planned events: when the act is due to happen (an announcement's valid time is
    # when it was made; its due date is when the thing itself should take place).
    due: FuzzyDate | None = None
    areas: tuple[Area, ...] = ()
    people: tuple[str, ...] = ()
    cameo: str | None = None
    note: str | None = None
    evidence: tuple[Evidence, ...] = ()

    @field_validator("areas")
    @classmethod
    def _sorted_areas(cls, value: tuple[Area, ...]) -> tuple[Area, ...]:
        # Sorted and unique, so the stored JSON (and so the hash) is deterministic.
        return tuple(sorted(set(value)))

    @model_validator(mode="after")
    def _consistent(self) -> DiplomaticEvent:
        if self.source == self.target:
            raise ValueError(f"source and target are both {self.source}")
        if self.cameo is not None and self.cameo != self.default_cameo:
            if self.cameo not in self.allowed_cameo:
                allowed = ", ".join(sorted({self.default_cameo, *self.allowed_cameo}))
                raise ValueError(f"{self.event_type} takes CAMEO {allowed}, not {self.cameo}")
        return self

    # -- derived ---------------------------------------------------------------------------

    @property
    def code(self) -> str:
        """The CAMEO code of this event."""
        return self.cameo or self.default_cameo

    @property
    def cameo_entry(self) -> CameoCode:
        return cameo(self.code)

    @property
    def goldstein(self) -> float:
        return self.cameo_entry.goldstein

    @property
    def quad_class(self) -> QuadClass:
        return self.cameo_entry.quad_class

    @property
    def relationship(self) -> Relationship:
        return Relationship.of(self.source, self.target)

    def object_key(self) -> str:
        """What the act is about, normalized: the agreement, the organisation, the pledge."""
        return ""

    def identity(self) -> tuple[str, str, str, str, str]:
        """The real-world event this reports, for spotting the same event in two articles."""
        a, b = (self.source, self.target)
        if self.symmetric:
            a, b = sorted((a, b))
        return (self.family, self.event_type, a, b, self.object_key())

    def valid_time(self) -> FuzzyDate:
        return self.occurred

    def parties(self) -> tuple[str, ...]:
        return (self.source, self.target)

    def default_stream(self) -> str:
        # Same key as Relationship.key, without building a model on the append path.
        a, b = (
            (self.source, self.target) if self.source < self.target else (self.target, self.source)
        )
        return relationship_stream(a, b)


def relationship_stream(a: str, b: str) -> str:
    """The stream of the relationship between ``a`` and ``b`` (in code order)."""
    return f"relationship-{a}-{b}"


_WORDS = re.compile(r"[\w'-]+")
_QUOTES = str.maketrans({"\u201c": "", "\u201d": "", '"': "", "\u2018": "", "\u2019": "'"})
# Words that carry no identity in a name: "the Charter on Strategic Partnership" is the
# "strategic partnership charter" of a headline.
_NAME_STOPWORDS = frozenset("the a an on of and for in with between to at by its their".split())
# Words for one kind of instrument, as reporters use them interchangeably: the "peace
# treaty" of one article is the "peace agreement" or "peace deal" of the next. Charters,
# memoranda, declarations and protocols are instruments of their own and keep their names.
_SAME_INSTRUMENT = {
    word: "agreement"
    for word in "agreement agreements treaty treaties accord accords pact pacts deal deals".split()
}


@lru_cache(maxsize=16_384)
def normalize_name(name: str) -> str:
    """Fold a name as written in the news into a comparison key: its words that carry
    identity, lower-cased, the agreement nouns made one, in alphabetical order.

    "Charter on Strategic Partnership" and "strategic partnership charter" are one key
    ("charter partnership strategic"), as are "the peace treaty" and "peace deal".

    Cached: a rebuild asks for each agreement's and pledge's key once per event, and the
    same few names recur across thousands of them.
    """
    words = _WORDS.findall(name.translate(_QUOTES).lower())
    kept = {_SAME_INSTRUMENT.get(w, w) for w in words if w not in _NAME_STOPWORDS}
    # A name of stop words only ("The One") keeps its own words.
    return " ".join(sorted(kept)) or " ".join(words)
