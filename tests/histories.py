"""Hypothesis histories of a log: facts, and further sources or confirmations of some of
them, in any order the log accepts (a note after the fact it names)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from events import DiplomaticEvent, DomainEvent, EventConfirmed, EventCorroborated, Evidence
from tests.factories import diplomatic
from tests.unit.test_projection_properties import DIPLOMATIC
from tracker.app import Tracker


@st.composite
def noted(
    draw: st.DrawFn, facts: st.SearchStrategy[DiplomaticEvent], most_facts: int, most_notes: int
) -> list[DomainEvent]:
    """Up to ``most_facts`` of ``facts`` with up to ``most_notes`` corroborations or
    confirmations of them, shuffled, each note moved after the fact it names."""
    made: list[DomainEvent] = list(draw(st.lists(facts, min_size=1, max_size=most_facts)))
    for i in draw(st.lists(st.integers(0, len(made) - 1), max_size=most_notes)):
        subject = made[i].event_id
        if draw(st.booleans()):
            url = f"https://second.example.org/{draw(st.integers(0, 20))}"
            made.append(EventCorroborated(subject=subject, evidence=Evidence(url=url)))
        else:
            made.append(EventConfirmed(subject=subject, by="analyst"))
    placed: list[DomainEvent] = []
    waiting: list[DomainEvent] = []
    for event in draw(st.permutations(made)):
        subject = getattr(event, "subject", None)
        if subject is not None and subject not in {e.event_id for e in placed}:
            waiting.append(event)
        else:
            placed.append(event)
    return placed + waiting


def pair_keys(events: list[DomainEvent]) -> set[str]:
    """The relationships of the facts among ``events``."""
    return {
        "-".join(sorted((e.source, e.target))) for e in events if isinstance(e, DiplomaticEvent)
    }


def in_batches(
    t: Tracker, events: list[DomainEvent], sizes: list[int]
) -> Iterator[list[DomainEvent]]:
    """Append ``events`` in batches of ``sizes`` (the rest in one), the followers run after
    each (as the daemon runs them); yield the events appended so far."""
    at = 0
    for size in [*sizes, len(events)]:
        batch = events[at : at + size]
        at += len(batch)
        if not batch:
            break
        t.append(batch)
        t.run_followers()
        yield events[:at]


def random_fact(rng: random.Random) -> DiplomaticEvent:
    """One event of any family and modality on any day of 2025 but December, with areas,
    an agreement, a commitment or a level from a few (tests/integration/test_snapshots.py)."""
    cls = rng.choice(DIPLOMATIC)
    fields: dict[str, Any] = {
        "occurred": (date(2025, 1, 1) + timedelta(days=rng.randrange(331))).isoformat(),
        "modality": rng.choice(["realized", "realized", "planned", "negated"]),
        "areas": rng.sample(["energy", "trade"], rng.randrange(2)),
    }
    if cls.family == "agreement":
        fields["agreement"] = rng.choice(["Charter", "123 Agreement"])
    if cls.family == "commitment":
        fields["commitment"] = rng.choice(["border team visit", "aid package"])
    if cls.family == "contact":
        fields["level"] = rng.choice(["head_of_state", "official"])
    return diplomatic(cls, **fields)


def step_or_pledge(rng: random.Random, spread: int = 0) -> DiplomaticEvent:
    """A step of one agreement or one pledge, of any modality, on one of a few days (any of
    the ``spread`` days from 2025-01-01 if given), some pledges with a due date: what a
    late fact puts into its record without a refold, and the cases where it cannot."""
    kinds = {c.__name__: c for c in DIPLOMATIC}
    days = rng.randrange(spread) if spread else rng.choice([0, 3, 3, 7, 12, 20, 20, 31])
    day = (date(2025, 1, 1) + timedelta(days=days)).isoformat()
    modality = rng.choice(["realized", "realized", "planned", "negated"])
    if rng.random() < 0.5:
        cls = kinds[rng.choice(["PledgeMade", "PledgeMade", "PledgeFulfilled", "PledgeNotKept"])]
        due = {"due": rng.choice(["2025-06", "2026"])} if rng.random() < 0.3 else {}
        return diplomatic(cls, occurred=day, modality=modality, commitment="aid package", **due)
    agreement = [c for c in DIPLOMATIC if c.family == "agreement"]
    return diplomatic(rng.choice(agreement), occurred=day, modality=modality, agreement="Charter")
