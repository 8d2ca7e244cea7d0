"""Relationship state as pure folds: ``apply(state, event) -> state``, no I/O.

- :mod:`.fold_event`: the flat record of an event the fold reads (from a decoded event or a
  stored row);
- :mod:`.builder`: the rules of one step (agreements, memberships, commitments, contacts,
  areas, tone, annotations), documented in its docstring;
- :mod:`.fold`: which events a state as of D known at T folds, and in what order;
- :mod:`.state`: the folded state (what the projection table stores);
- :mod:`.view` and :mod:`.labels`: the state judged on a date (overdue, tone windows, label);
- :mod:`.heads`: the parts of a stored state the list of relations reads.

This package imports no infrastructure (database, CLI, feeds); a test enforces it.
"""

from tracker.projections.builder import StateBuilder
from tracker.projections.diff import diff
from tracker.projections.fold import apply, fold, fold_json, follows, select
from tracker.projections.fold_event import FoldEvent, Ref, from_recorded, from_row
from tracker.projections.heads import StateHeads
from tracker.projections.ordering import FoldKey, fold_key
from tracker.projections.state import (
    Agreement,
    AreaFirstSeen,
    Commitment,
    Contact,
    Membership,
    RelationshipState,
    SourceRef,
    Step,
    ToneDay,
)
from tracker.projections.view import (
    CommitmentView,
    RelationshipView,
    Tone,
    ToneFigures,
    judged,
    view,
)

__all__ = [
    "Agreement",
    "AreaFirstSeen",
    "Commitment",
    "CommitmentView",
    "Contact",
    "FoldEvent",
    "FoldKey",
    "Membership",
    "Ref",
    "RelationshipState",
    "RelationshipView",
    "SourceRef",
    "StateBuilder",
    "StateHeads",
    "Step",
    "Tone",
    "ToneDay",
    "ToneFigures",
    "apply",
    "diff",
    "fold",
    "fold_json",
    "fold_key",
    "follows",
    "from_recorded",
    "from_row",
    "judged",
    "select",
    "view",
]
