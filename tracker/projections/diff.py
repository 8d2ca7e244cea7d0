"""What changed between two states, in words: for replay, when an event forces a refold."""

from __future__ import annotations

from tracker.projections.state import Agreement, Membership, RelationshipState

__all__ = ["diff"]


def diff(before: RelationshipState, after: RelationshipState) -> list[str]:
    """The differences an analyst cares about: statuses, relations, commitments, contact,
    areas."""
    changes: list[str] = []
    for kind, old, new in (
        ("agreement", _statuses(before.agreements), _statuses(after.agreements)),
        ("membership", _statuses(before.memberships), _statuses(after.memberships)),
        ("commitment", _commitments(before), _commitments(after)),
    ):
        for key in sorted(old.keys() | new.keys()):
            if key not in new:
                changes.append(f"{kind} {key}: gone (was {old[key]})")
            elif key not in old:
                changes.append(f"{kind} {key}: {new[key]}")
            elif old[key] != new[key]:
                changes.append(f"{kind} {key}: {old[key]} -> {new[key]}")
    old_relations, new_relations = before.relations, after.relations
    if (old_relations and old_relations.status) != (new_relations and new_relations.status):
        changes.append(
            f"diplomatic relations: {new_relations.status} {new_relations.status_date}"
            if new_relations
            else f"diplomatic relations: gone (was {old_relations and old_relations.status})"
        )
    for name, was, now in (
        ("last contact", before.last_contact, after.last_contact),
        ("last high-level contact", before.last_high_level_contact, after.last_high_level_contact),
    ):
        if was != now:
            changes.append(f"{name}: {now.form} {now.date}" if now else f"{name}: none")
    old_areas = {a.area for a in before.areas}
    new_areas = {a.area for a in after.areas}
    if new_areas - old_areas:
        changes.append(f"new area: {', '.join(sorted(new_areas - old_areas))}")
    if old_areas - new_areas:
        changes.append(f"area gone: {', '.join(sorted(old_areas - new_areas))}")
    if before.facts != after.facts:
        changes.append(f"events folded: {before.facts} -> {after.facts}")
    return changes


def _statuses(facts: tuple[Agreement | Membership, ...]) -> dict[str, str]:
    return {f'"{f.name}"': f"{f.status} {f.status_date}" for f in facts}


def _commitments(state: RelationshipState) -> dict[str, str]:
    return {f'"{c.name}" ({c.id[:8]})': f"{c.status} {c.status_date}" for c in state.commitments}
