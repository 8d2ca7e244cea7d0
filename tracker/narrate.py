"""The state's changes and a label's reason in the reader's words.

The fold reports what each event changed as :class:`~tracker.projections.Change` records and
why a relationship has its label as a :class:`~tracker.projections.Reason`, both in
identifiers (JSON keeps them). Every surface a person reads (the CLI's timeline and replay,
the state panel, the web page) says them with these functions, in the words of
:mod:`tracker.words` (``seeds/words.toml``). Example::

    >>> change_words(change("commitment", name="VisitMade USA->ARM", commitment="planned",
    ...     before="pending", after="failed", date="2025-02"))
    'commitment not kept: visit (United States → Armenia) in 2025-02'
    >>> reason_words(Reason(kind="membership", status="applied", date="2025-01-09",
    ...     member="ARM", organisation="EU"))
    'Armenia applied to join the European Union on 2025-01-09'
"""

from __future__ import annotations

from collections.abc import Iterable

from events.registry import UnknownEventType, event_class
from tracker.actors import actor_name, actors
from tracker.projections import Change, Reason
from tracker.projections.state import EarlierCommitments
from tracker.projections.view import TONE_WINDOW_DAYS
from tracker.words import (
    StatusKind,
    area_words,
    level_words,
    modality_words,
    name_in_sentence,
    pair_words,
    quad_words,
    reason_template,
    status_words,
    type_words,
)

__all__ = [
    "act_words",
    "change_words",
    "commitment_words",
    "earlier_commitments_words",
    "on_date",
    "party_words",
    "reason_words",
    "step_actor",
]


def on_date(day: str | None) -> str:
    """A date after its verb: "on 2025-03-26", "in 2024-02", "in 2024"."""
    if not day:
        return ""
    return f"on {day}" if len(day) == 10 else f"in {day}"


def party_words(code: str) -> str:
    """An actor in a table: "Armenia"; an organisation with its acronym: "... (GCAD)"."""
    actor = actors().get(code)
    if actor is None:
        return code
    return f"{actor.name} ({code})" if actor.kind == "organisation" else actor.name


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


def earlier_commitments_words(earlier: Iterable[EarlierCommitments]) -> str | None:
    """The commitments a state counts rather than lists, in words: "and 14 resolved
    earlier (12 kept, 2 not kept)"; None when it counts none."""
    kept = sum(e.fulfilled for e in earlier)
    failed = sum(e.failed for e in earlier)
    if not kept + failed:
        return None
    outcomes = [
        f"{n} {status_words('commitment', status)}"
        for n, status in ((kept, "fulfilled"), (failed, "failed"))
        if n
    ]
    return f"and {kept + failed} resolved earlier ({', '.join(outcomes)})"


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


def _the(name: str) -> str:
    return name if name.lower().startswith("the ") else f"the {name}"


def reason_words(reason: Reason) -> str:
    """Why a relationship has its label: "Armenia applied to join the European Union on
    2025-01-09", "mean Goldstein +1.2 over the last 90 days"."""
    if reason.kind == "none":
        return "no realized event is known"
    if reason.kind == "tone":
        window = f"the last {TONE_WINDOW_DAYS} days" if reason.recent else "all events"
        return f"mean Goldstein {reason.mean_goldstein:+.1f} over {window}"
    said = reason_template(reason.kind, reason.status or "").format(
        member=name_in_sentence(reason.member or ""),
        organisation=name_in_sentence(reason.organisation or ""),
        agreement=_the(reason.name or ""),
    )
    return f"{said} {on_date(reason.date)}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def change_words(change: Change) -> str:
    """One change to the state in a line of words (the module docstring has examples)."""
    kind = change.kind
    if kind in ("agreement", "membership", "relations"):
        return _lifecycle_words(change)
    if kind == "commitment":
        return _commitment_words(change)
    if kind in ("last_contact", "last_high_level_contact"):
        title = "last contact" if kind == "last_contact" else "last high-level contact"
        if change.after is None:
            return f"{title}: none"
        said = f"{title}: {type_words(change.event_type)} {on_date(change.date)}"
        if kind == "last_high_level_contact" and change.level:
            said += f" ({level_words(change.level)})"
        return said
    if kind == "areas":
        parts = []
        if change.added:
            new = ", ".join(area_words(a) for a in change.added)
            parts.append(f"new area{'s' if len(change.added) > 1 else ''}: {new}")
        if change.removed:
            parts.append(f"no longer named: {', '.join(area_words(a) for a in change.removed)}")
        return "; ".join(parts)
    if kind == "tone":
        return f"tone: {quad_words(change.quad_class or 0)}, Goldstein {change.goldstein:+g}"
    if kind == "label":
        return f"now {change.after} (was {change.before})"
    if kind == "tone_shift":
        window = f"tone of the last {TONE_WINDOW_DAYS} days"
        if change.after is None:
            return f"{window}: no events (was {change.before})"
        was = f"was {change.before}" if change.before else "no events before"
        return f"{window}: {change.after}, mean Goldstein {change.goldstein:+.1f} ({was})"
    if kind in ("corroborated", "confirmed"):
        facts = _plural(change.count or 0, "fact")
        if kind == "corroborated":
            return f"another source for {facts} of event {change.key[:8]}"
        return f"an analyst confirmed {facts} of event {change.key[:8]}"
    return f"the state rests on {_plural(int(change.after or 0), 'event')} (was {change.before})"


def _subject(change: Change) -> str:
    """What a lifecycle change is about: "the Charter on Strategic Partnership", "Armenia's
    membership of the European Union", "diplomatic relations"."""
    if change.kind == "agreement":
        return _the(change.name)
    if change.kind == "membership" and len(change.parties) == 2:
        member, organisation = change.parties
        return f"{actor_name(member)}'s membership of {name_in_sentence(organisation)}"
    return "diplomatic relations"


def _status(kind: StatusKind, status: str | int | None) -> str:
    return status_words(kind, str(status)) if status is not None else "none"


def _lifecycle_words(change: Change) -> str:
    kind: StatusKind = "agreement" if change.kind == "agreement" else "relations"
    if change.kind == "membership":
        kind = "membership"
    subject = _subject(change)
    if change.after is None:
        return f"{subject}: no longer known (was {_status(kind, change.before)})"
    now = _status(kind, change.after)
    if change.modality != "realized":
        # A step that did not happen (yet) moves no status: say the step, then the status.
        step = f"{type_words(change.event_type)} ({modality_words(change.modality)})"
        return f"{subject}: {step}; {now}"
    if change.before is not None and change.before != change.after:
        now = f"{_status(kind, change.before)} → {now}"
    return f"{subject}: {now} {on_date(change.date)}"


def _commitment_words(change: Change) -> str:
    what = commitment_words(change.name, change.commitment or "")
    if change.before is None and change.after is None:
        return f"commitment: {what}"
    if change.after is None:
        return f"commitment no longer known: {what} (was {_status('commitment', change.before)})"
    if change.before is None:
        due = f", due {change.due}" if change.due else ""
        opened = "pledge made" if change.commitment == "pledge" else "commitment opened"
        now = f"; now {_status('commitment', change.after)}" if change.after != "pending" else ""
        return f"{opened}: {what}{due}{now}"
    status = _status("commitment", change.after)
    if change.before == change.after:
        if change.event_type == "PledgeMade":
            return f"pledge restated: {what}"
        return f"commitment {what}: {status} {on_date(change.date)}"
    return f"commitment {status}: {what} {on_date(change.date)}"
