"""How the page colours, explains and words what it shows.

A label's kind picks its pill's colour. The labels themselves are made by the documented
rules of :mod:`tracker.projections.labels`; a label missing here (a rule added later) shows
in the neutral colour rather than failing the page. Event types, statuses, levels and areas
are worded by :mod:`tracker.words`, the one table every surface reads; the functions here
only put an event's parties beside those words.
"""

from __future__ import annotations

from events.registry import UnknownEventType, event_class
from tracker.actors import actor_name
from tracker.words import pair_words, type_words

__all__ = [
    "GOLDSTEIN",
    "LABEL_KINDS",
    "QUAD_CLASSES",
    "act_words",
    "commitment_words",
    "label_kind",
    "step_actor",
]

GOLDSTEIN = (
    "Goldstein scale: how cooperative (up to +10) or conflictual (down to -10) a kind of "
    "event is, one fixed weight per CAMEO event type: a formal agreement signed +8.0, "
    "a visit +1.9, a statement 0, sanctions imposed -8.0"
)

# Each label the rules can give, by kind (the pill's colour).
LABEL_KINDS = {
    "strategic": ("strategic partnership", "alliance"),
    "cooperative": ("cooperative", "member", "applicant", "candidate", "invited to join"),
    "strained": (
        "strained",
        "relations downgraded",
        "accession suspended",
        "invitation declined",
        "participation frozen",
        "suspended member",
    ),
    "hostile": ("hostile", "relations severed"),
    "leaving": ("leaving", "former member"),
    "none": ("neutral", "no recorded relations"),
}
_KIND_OF = {label: kind for kind, labels in LABEL_KINDS.items() for label in labels}

# The tone counts' keys (quad class names) to their class number, which picks the colour.
QUAD_CLASSES = {
    "verbal_cooperation": 1,
    "material_cooperation": 2,
    "verbal_conflict": 3,
    "material_conflict": 4,
}


def label_kind(label: str) -> str:
    """The kind of relationship ``label`` says: strategic, cooperative, ... or none."""
    return _KIND_OF.get(label, "none")


def _symmetric(event_type: str) -> bool:
    try:
        return bool(getattr(event_class(event_type), "symmetric", False))
    except UnknownEventType:
        return False


def act_words(event_type: str, source: str, target: str) -> str:
    """An act and its parties: "visit (United States → Armenia)", "agreement signed
    (Armenia and the United States)"."""
    if _symmetric(event_type):
        who = pair_words(source, target)
    else:
        who = f"{actor_name(source)} → {actor_name(target)}"
    return f"{type_words(event_type)} ({who})"


def step_actor(event_type: str, actor: str, parties: tuple[str, ...]) -> str:
    """Who took a lifecycle step: a bilateral act is both parties' ("Armenia and the United
    States"), any other the acting party's ("Armenia")."""
    if _symmetric(event_type) and len(parties) == 2:
        return pair_words(parties[0], parties[1])
    return actor_name(actor)


def commitment_words(name: str, kind: str) -> str:
    """A commitment in words; a planned act, which the fold names ``<type> <parties>
    ["<object>"]`` (``VisitMade USA->ARM``), as "visit (United States → Armenia)"."""
    if kind != "planned":
        return name
    event_type, _, rest = name.partition(" ")
    parties, _, what = rest.partition(" ")
    source, arrow, target = parties.partition("->")
    if not arrow:
        source, _, target = parties.partition("-")
    return act_words(event_type, source, target) + (f" {what}" if what else "")
