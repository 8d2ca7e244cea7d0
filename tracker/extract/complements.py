"""What a verb of intending commits to: its complement decides what the sentence codes.

"Agreed to", "pledged to", "ready to" are read as an intent to cooperate (CAMEO 03). Two
complements change that:

* a hostile act ("pledged to expel", "vowed to retaliate") is no cooperation: the intent
  reading is blocked, and the verb still governs, so the act it names is not coded as done;
* a material act with a trigger of its own ("agreed to lift sanctions", "promised to send
  aid"), or a change in diplomatic relations ("agreed to restore relations"), is coded as
  that act, planned, in place of the generic intent. Verbal cooperation
  ("agreed to meet", "offered to hold talks") stays an intent: CAMEO codes an agreement to
  meet or negotiate as 036, an intent (root 03), and PLOVER scores any planned act as AGREE,
  so promoting a planned meeting (04) would only relabel a correct intent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from events import cameo, event_class
from events.cameo import QuadClass
from tracker.extract.lexicon import lexicon
from tracker.extract.pattern_syntax import Trigger

__all__ = ["Complements", "HOSTILE_VERBS", "read_complements"]

# Base forms of hostile acts: what follows "to" after a verb of intending.
# Verbs whose object may be friendly ("cut tariffs", "freeze settlements", "fight
# terrorism", "suspend sanctions") are left out, or listed below with their object.
HOSTILE_VERBS = frozenset(
    """expel deport oust evict attack strike bomb shell invade occupy annex punish retaliate
    sanction arrest detain seize confiscate ban boycott blockade embargo kill destroy
    eliminate assassinate execute crush raid storm downgrade isolate confront topple
    overthrow jail imprison prosecute""".split()
)
# Verbs that are hostile only with these objects within two words ("sever diplomatic ties").
_HOSTILE_WITH = {
    "sever": frozenset({"ties", "relations"}),
    "cut": frozenset({"ties", "relations"}),
    "break": frozenset({"ties", "relations"}),
    "wage": frozenset({"war"}),
}
# Events whose trigger is a verb of intending followed by "to" and what is intended.
_INTENT_EVENTS = frozenset({"CooperationIntentExpressed", "PledgeMade"})
_ADVERBS = lexicon("complements.adverbs")

Match = tuple[Trigger, int, int]


@dataclass(frozen=True, slots=True)
class Complements:
    """How the verbs of intending in a sentence are read.

    ``replaced``: the start of each intent trigger that gives way to the act it introduces,
    to the start of that act; ``planned``: starts of those acts, coded as planned;
    ``blocked``: starts of intent triggers whose complement is hostile (no act of their own,
    but they still govern).
    """

    replaced: dict[int, int] = field(default_factory=dict)
    planned: frozenset[int] = field(default_factory=frozenset)
    blocked: frozenset[int] = field(default_factory=frozenset)


def read_complements(doc: Any, matches: list[Match]) -> Complements:
    """Read the complement of every "<verb of intending> to" trigger among ``matches``."""
    replaced: dict[int, int] = {}
    planned: set[int] = set()
    blocked: set[int] = set()
    acts = {start for trigger, start, _ in matches if not trigger.governs and _promoted(trigger)}
    for trigger, start, end in matches:
        if trigger.event_type not in _INTENT_EVENTS or doc[end - 1].lower_ != "to":
            continue
        verb = _complement_start(doc, end)
        if verb is None:
            continue
        if doc[end - 2].lower_ == "not":
            # "agreed not to use or threaten force": the agreement is the act; what it rules
            # out is its content, neither done nor planned.
            continue
        if verb in acts:
            replaced[start] = verb
            planned.add(verb)
        elif _hostile(doc, verb):
            blocked.add(start)
    return Complements(replaced, frozenset(planned), frozenset(blocked))


def _complement_start(doc: Any, end: int) -> int | None:
    """The first token after "to" that is not an adverb, if any."""
    index = end
    while index < len(doc) and doc[index].lower_ in _ADVERBS:
        index += 1
    return index if index < len(doc) else None


def _hostile(doc: Any, verb: int) -> bool:
    """Is the verb at ``verb`` a hostile act (alone, or with its object: "sever ties")?"""
    words = {doc[verb].lower_, doc[verb].lemma_}
    if words & HOSTILE_VERBS:
        return True
    objects = {t.lower_ for t in doc[verb + 1 : verb + 4]}
    return any(objects & _HOSTILE_WITH.get(word, frozenset()) for word in words)


def _promoted(trigger: Trigger) -> bool:
    """A material act (cooperation or conflict), not a statement or meeting; or a change in
    diplomatic relations, which the state keeps as a status of its own (so "agreed to
    restore relations" is that status's commitment, fulfilled when they are restored)."""
    if event_class(trigger.event_type).family == "relations":  # type: ignore[attr-defined]
        return True
    code = trigger.cameo or event_class(trigger.event_type).default_cameo  # type: ignore[attr-defined]
    return cameo(code).quad_class in (QuadClass.MATERIAL_COOPERATION, QuadClass.MATERIAL_CONFLICT)
