"""A coding: one act read from one sentence, before it becomes an event of the log."""

from __future__ import annotations

from dataclasses import dataclass, replace

from events import Area, ContactLevel, FuzzyDate, Modality

__all__ = ["Coding"]


@dataclass(frozen=True, slots=True)
class Coding:
    """Who did what to whom, when, how surely, and the sentence that says so."""

    event_type: str
    cameo: str
    source: str
    target: str
    reciprocal: bool  # a joint act ("A and B met"): it also reads target -> source
    modality: Modality
    occurred: FuzzyDate
    occurred_basis: str
    due: FuzzyDate | None
    areas: tuple[Area, ...]
    people: tuple[str, ...]
    level: ContactLevel
    about: str | None  # the agreement, pledge or topic
    sentence: str
    sentence_index: int
    pattern: str
    confidence: float
    # Where the trigger's words lie in ``sentence`` (character offsets): what ``explain``
    # shows and the parse reads the governors of.
    span: tuple[int, int] = (0, 0)
    # The rule that chose each party, in words: (the source's, the target's); see
    # ``roles.Parties.why``.
    why: tuple[str, ...] = ()
    # Other sentences of the article that tell the same act (a restatement the coder
    # merged into this one): further evidence from the same source, not a further source.
    also: tuple[str, ...] = ()

    def told_again(self, other: Coding) -> Coding:
        """This coding, with ``other``'s sentences as further evidence of the same act."""
        said = [self.sentence, *self.also]
        more = [s for s in (other.sentence, *other.also) if s and s not in said]
        return replace(self, also=(*self.also, *more)) if more else self

    @property
    def root(self) -> str:
        """The CAMEO root (first two digits)."""
        return self.cameo[:2]
