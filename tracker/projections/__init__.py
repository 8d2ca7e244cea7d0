"""Relationship state as pure folds: ``apply(state, event) -> state``, no I/O.

- :mod:`.fold_event`: the flat record of an event the fold reads (from a decoded event or a
  stored row);
- :mod:`.builder`: the rules of one step (agreements, memberships, diplomatic relations,
  commitments, contacts,
  areas, tone, annotations), documented in its docstring;
- :mod:`.folding`: which events a state as of D known at T folds, and in what order;
- :mod:`.state`: the folded state (what the projection table stores);
- :mod:`.view` and :mod:`.labels`: the state judged on a date (overdue, tone windows, label);
- :mod:`.heads`: the parts of a stored state the list of relations reads.

This package imports no infrastructure (database, CLI, feeds); a test enforces it.
"""

from typing import TYPE_CHECKING, Any

from tracker.projections.change import Change, ChangeKind
from tracker.projections.diff import diff
from tracker.projections.heads import StateHeads
from tracker.projections.labels import Reason
from tracker.projections.state import (
    Agreement,
    AreaFirstSeen,
    Commitment,
    Contact,
    DiplomaticRelations,
    Membership,
    RelationshipState,
    SourceRef,
    Step,
)
from tracker.projections.tone import ToneDay, ToneMonth, ToneYear
from tracker.projections.view import (
    CommitmentView,
    RelationshipView,
    Tone,
    ToneFigures,
    judged,
    view,
)

if TYPE_CHECKING:
    from tracker.projections.builder import StateBuilder
    from tracker.projections.fold_event import FoldEvent, Ref, from_recorded, from_row
    from tracker.projections.folding import (
        apply,
        facts_and_notes,
        fold,
        fold_at,
        fold_json,
        follows,
        follows_key,
        select,
    )
    from tracker.projections.ordering import FoldKey, fold_key

# The fold itself reads the event vocabulary (the events package: some fifty pydantic
# classes to create). Reading a stored state and judging it on a date needs none of it, and
# `tracker state` answers most questions that way: the fold's names load on first use.
_LAZY = {
    "StateBuilder": "builder",
    "FoldEvent": "fold_event",
    "Ref": "fold_event",
    "from_recorded": "fold_event",
    "from_row": "fold_event",
    "apply": "folding",
    "fold": "folding",
    "fold_at": "folding",
    "facts_and_notes": "folding",
    "fold_json": "folding",
    "follows": "folding",
    "follows_key": "folding",
    "select": "folding",
    "FoldKey": "ordering",
    "fold_key": "ordering",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later lookups find it without this function
    return value


__all__ = [
    "Agreement",
    "AreaFirstSeen",
    "Change",
    "ChangeKind",
    "Commitment",
    "CommitmentView",
    "Contact",
    "DiplomaticRelations",
    "FoldEvent",
    "FoldKey",
    "Membership",
    "Reason",
    "Ref",
    "RelationshipState",
    "RelationshipView",
    "SourceRef",
    "StateBuilder",
    "StateHeads",
    "Step",
    "Tone",
    "ToneDay",
    "ToneMonth",
    "ToneYear",
    "ToneFigures",
    "apply",
    "diff",
    "facts_and_notes",
    "fold",
    "fold_at",
    "fold_json",
    "fold_key",
    "follows",
    "follows_key",
    "from_recorded",
    "from_row",
    "judged",
    "select",
    "view",
]
