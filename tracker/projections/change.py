"""One change to a relationship's state, in identifiers: what the fold's step and a diff
of two states report, and what the timeline, replay and page put into words.

The record holds stable identifiers only (statuses, event types, actor codes, areas): JSON
output keeps them, and :mod:`tracker.narrate` says them in the reader's words from
``seeds/words.toml``. The fold imports no vocabulary of words, so it cannot speak them.

Which fields a change fills depends on its ``kind``:

- ``agreement``, ``membership``, ``relations``, ``commitment``: the fact's status
  ``before`` and ``after`` (None when the fact was not in the state, or left it), dated
  ``date``; ``event_type`` and ``modality`` of the step that made it (a planned, denied or
  failed step is kept in the history and moves no status). ``key`` says which fact (an
  agreement's key, a membership's organisation, a commitment's id), ``name`` its name as
  the state holds it, ``parties`` the member and organisation of a membership, who owes a
  commitment to whom; ``commitment`` a commitment's kind (``pledge`` or ``planned``, an act
  announced) and ``due`` its due date.
- ``last_contact``, ``last_high_level_contact``: the new contact's ``event_type``, ``date``
  and ``level`` (``after`` is None when there is no longer one).
- ``areas``: the areas ``added`` and ``removed``.
- ``tone``: a realized event's ``quad_class`` and ``goldstein`` value.
- ``label``: the relationship's label ``before`` and ``after`` (a state judged on a date).
- ``tone_shift``: the band of the last 90 days' mean Goldstein (:func:`.labels.tone_band`)
  ``before`` and ``after`` (None: no event in the window), the new mean in ``goldstein``.
- ``corroborated``, ``confirmed``: ``count`` facts backed by event ``key``.
- ``events``: the number of events folded, ``before`` and ``after``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from tracker.projections.trusted import construct

__all__ = ["Change", "ChangeKind", "change"]

ChangeKind = Literal[
    "agreement",
    "membership",
    "relations",
    "commitment",
    "last_contact",
    "last_high_level_contact",
    "areas",
    "tone",
    "label",
    "tone_shift",
    "corroborated",
    "confirmed",
    "events",
]


class Change(BaseModel):
    """One change to a relationship's state (fields by kind: see the module docstring)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: ChangeKind
    key: str = ""
    name: str = ""
    before: str | int | None = None
    after: str | int | None = None
    date: str | None = None
    event_type: str = ""
    modality: str = "realized"
    parties: tuple[str, ...] = ()
    commitment: str | None = None
    level: str | None = None
    due: str | None = None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    quad_class: int | None = None
    goldstein: float | None = None
    count: int | None = None


_DEFAULTS: dict[str, Any] = {
    name: field.default for name, field in Change.model_fields.items() if name != "kind"
}


def change(kind: ChangeKind, **fields: Any) -> Change:
    """A change of ``kind`` with ``fields``, built without validating again: the fold's own
    values are of the declared types already (tests/unit/test_change_words.py validates
    every change a fold makes)."""
    return construct(Change, {"kind": kind, **_DEFAULTS, **fields})
