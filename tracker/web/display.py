"""How the page colours, explains and words what it shows.

A label's kind picks its pill's colour. The labels themselves are made by the documented
rules of :mod:`tracker.projections.labels`; a label missing here (a rule added later) shows
in the neutral colour rather than failing the page. Event types, statuses, levels and areas
are worded by :mod:`tracker.words`, the one table every surface reads, and an event's
parties, the state's changes and a label's reason by :mod:`tracker.narrate` (imported here
for the templates).
"""

from __future__ import annotations

from tracker.narrate import (
    act_words,
    change_words,
    commitment_words,
    earlier_commitments_words,
    party_words,
    reason_words,
    step_actor,
)

__all__ = [
    "GOLDSTEIN",
    "LABEL_KINDS",
    "QUAD_CLASSES",
    "act_words",
    "change_words",
    "commitment_words",
    "earlier_commitments_words",
    "label_kind",
    "party_words",
    "reason_words",
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
