"""The changes and a diff of two states in plain lines of words (for `tracker changes` and
`tracker diff`): one change a paragraph, its sources under it, wrapped to 80 columns."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import UTC, datetime

from tracker.changes.model import StateChange
from tracker.changes.windows import StateDiff
from tracker.narrate import change_words, commitment_words, party_words
from tracker.projections import Contact, RelationshipView
from tracker.words import StatusKind, area_words, pair_words, status_words, type_words

__all__ = ["change_lines", "diff_lines"]

_WIDTH = 80


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _wrapped(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, _WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")


def change_lines(changes: Sequence[StateChange], heading: str) -> list[str]:
    """``heading``, then each change: its date and pair, the change in words, its sources."""
    lines = [f"{heading}: {len(changes)} change{'' if len(changes) == 1 else 's'}"]
    for change in changes:
        first, second = change.relationship.split("-")
        said = change_words(change.change)
        if change.removed:
            said += " (removed: the event behind it was retracted)"
        lines.append("")
        lines.append(
            f"{change.date}  {pair_words(first, second)}  (learned {_when(change.learned_at)})"
        )
        lines += _wrapped(said, "  ")
        said_sources: list[str] = []
        for source in change.sources:
            cited = ", ".join(
                p for p in (source.outlet, f'"{source.headline}"' if source.headline else None) if p
            )
            line = f"- {cited or 'recorded by hand'}" + (f" {source.url}" if source.url else "")
            if line not in said_sources:
                said_sources.append(line)
        for line in said_sources:
            lines += _wrapped(line, "    ")
    return lines


def diff_lines(result: StateDiff) -> list[str]:
    """The two states side by side, fact by fact, then the changes between them."""
    before, after = result.before, result.after
    first, second = after.actors
    rows = [("label", before.label, after.label)]
    rows += _facts(before, after)
    rows.append(("tone, last 90 days", _tone(before), _tone(after)))
    left = max([len(r[0]) for r in rows] + [4])
    middle = max([len(r[1]) for r in rows] + [len(str(before.as_of))])
    known = f", as known at {_when(after.known_at)}" if after.known_at else ""
    lines = [f"{party_words(first)} – {party_words(second)}{known}", ""]
    lines.append(f"{'':{left}}  {before.as_of!s:{middle}}  {after.as_of}")
    for name, was, now in rows:
        mark = " " if was == now else "*"
        lines.append(f"{name:{left}}  {was:{middle}}  {now}{'' if mark == ' ' else '  *'}")
    lines.append("")
    lines += change_lines(result.changes, f"From {before.as_of} to {after.as_of}")
    return lines


def _facts(before: RelationshipView, after: RelationshipView) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    lifecycles: tuple[tuple[StatusKind, dict[str, str], dict[str, str]], ...] = (
        (
            "agreement",
            {a.name: a.status for a in before.agreements},
            {a.name: a.status for a in after.agreements},
        ),
        (
            "membership",
            {m.name: m.status for m in before.memberships},
            {m.name: m.status for m in after.memberships},
        ),
    )
    for kind, old, new in lifecycles:
        for name in sorted(old.keys() | new.keys()):
            rows.append((_short(name), _said(kind, old.get(name)), _said(kind, new.get(name))))
    was = before.relations.status if before.relations else None
    now = after.relations.status if after.relations else None
    if was or now:
        rows.append(("diplomatic relations", _said("relations", was), _said("relations", now)))
    old_c = {c.id: c for c in before.commitments}
    new_c = {c.id: c for c in after.commitments}
    for key in sorted(old_c.keys() | new_c.keys()):
        shown = new_c.get(key) or old_c[key]
        rows.append(
            (
                _short(commitment_words(shown.name, shown.kind)),
                _said("commitment", old_c[key].status if key in old_c else None),
                _said("commitment", new_c[key].status if key in new_c else None),
            )
        )
    for title, attr in (
        ("last contact", "last_contact"),
        ("last high-level", "last_high_level_contact"),
    ):
        rows.append((title, _contact(getattr(before, attr)), _contact(getattr(after, attr))))
    rows.append(("areas", _areas(before), _areas(after)))
    return rows


def _short(text: str) -> str:
    return text if len(text) <= 34 else text[:33] + "…"


def _said(kind: StatusKind, status: str | None) -> str:
    return "-" if status is None else status_words(kind, status)


def _contact(contact: Contact | None) -> str:
    return "-" if contact is None else f"{type_words(contact.event_type)} {contact.date}"


def _areas(state: RelationshipView) -> str:
    return ", ".join(area_words(a.area) for a in state.areas) or "-"


def _tone(state: RelationshipView) -> str:
    mean = state.tone.recent.mean_goldstein
    return "no events" if mean is None else f"{mean:+.1f}"
