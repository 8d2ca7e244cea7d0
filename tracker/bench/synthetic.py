"""A synthetic log for benchmarks: many relationships, every family, learned out of order.

:func:`build_synthetic_log` writes one through the real store (batched appends), so it has
the real hash chain and index; :func:`synthetic_log` caches it by size, so the projection
bench and the web page bench load the very same file. The mix: stances and measures 55%,
contacts 20%, agreement steps 12%, plans 5%, pledges 4%, corroborations 3%, retractions 1%;
valid dates over 2000-2025, recorded in random order (so most news is "late").
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from events import (
    AgreementEnteredIntoForce,
    AgreementSigned,
    CooperationIntentExpressed,
    CriticismVoiced,
    DiplomaticEvent,
    DomainEvent,
    EventCorroborated,
    EventRetracted,
    Evidence,
    MeetingHeld,
    NegotiationsOpened,
    PhoneCallHeld,
    PledgeFulfilled,
    PledgeMade,
    PraiseExpressed,
    SanctionsImposed,
    ThreatIssued,
    VisitMade,
)
from tracker.actors import actors
from tracker.store import EventStore

__all__ = ["build_synthetic_log", "synthetic_log"]

_VERSION = 2  # bump when the mix changes, so cached files are rebuilt
_STANCES = (
    CooperationIntentExpressed,
    PraiseExpressed,
    CriticismVoiced,
    ThreatIssued,
    SanctionsImposed,
)
_CONTACTS = (MeetingHeld, PhoneCallHeld, VisitMade)
_AGREEMENT_STEPS = (NegotiationsOpened, AgreementSigned, AgreementEnteredIntoForce)
_LEVELS = ("head_of_state", "foreign_minister", "minister", "official")
_AREAS = ("economy", "trade", "energy", "defense", "security", "democracy", "technology")
_DAYS = (date(2025, 12, 31) - date(2000, 1, 1)).days


def _pairs(count: int, rng: random.Random) -> list[tuple[str, str]]:
    # Real state codes, so queries can name the actors as a user would.
    codes = sorted(a.code for a in actors().values() if a.kind == "state" and len(a.code) == 3)
    pairs: set[tuple[str, str]] = set()
    while len(pairs) < count:
        a, b = rng.sample(codes, 2)
        pairs.add((min(a, b), max(a, b)))
    return sorted(pairs)


class _Generator:
    def __init__(self, relationships: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.pairs = _pairs(relationships, self.rng)
        self.facts: list[UUID] = []
        self.issued = 0

    def _uuid(self) -> UUID:
        # Counter first, like time-ordered ids: index inserts stay at the B-tree's right edge.
        self.issued += 1
        return UUID(int=(self.issued << 64) | self.rng.getrandbits(64), version=4)

    def _fact(self) -> DiplomaticEvent:
        rng = self.rng
        a, b = rng.choice(self.pairs)
        if rng.random() < 0.5:
            a, b = b, a
        day = date(2000, 1, 1) + timedelta(days=rng.randrange(_DAYS))
        n = self.issued
        url = f"https://news.example.org/{day:%Y/%m}/{n}"
        fields: dict[str, Any] = {
            "event_id": self._uuid(),
            "source": a,
            "target": b,
            "occurred": day,
            "areas": rng.sample(_AREAS, rng.randint(0, 2)),
            "evidence": [
                Evidence(
                    article_id=f"art-{n}",
                    url=url,
                    sentence="They said so.",
                    extractor="synthetic",
                    confidence=0.9,
                )
            ],
        }
        roll = rng.random()
        if roll < 0.58:
            return rng.choice(_STANCES)(**fields)
        if roll < 0.79:
            return rng.choice(_CONTACTS)(**fields, level=rng.choice(_LEVELS))
        if roll < 0.91:
            name = f"Accord {rng.randrange(3)}"
            return rng.choice(_AGREEMENT_STEPS)(**fields, agreement=name)
        if roll < 0.96:
            due = day + timedelta(days=rng.randrange(30, 400))
            return rng.choice(_CONTACTS)(**fields, modality="planned", due=due.isoformat())
        pledge = rng.choice((PledgeMade, PledgeFulfilled))
        return pledge(**fields, commitment=f"pledge {rng.randrange(4)}")

    def batch(self, size: int) -> list[DomainEvent]:
        """The next ``size`` events. Annotations name facts of the same batch: the store
        resolves those from memory, where an older subject costs it a scan of its parties
        index (by party, not position)."""
        self.facts = []
        return [self._next() for _ in range(size)]

    def _next(self) -> DomainEvent:
        roll = self.rng.random()
        if self.facts and roll < 0.03:
            evidence = Evidence(url=f"https://other.example.org/{self.issued}")
            subject = self.rng.choice(self.facts)
            return EventCorroborated(event_id=self._uuid(), subject=subject, evidence=evidence)
        if self.facts and roll < 0.04:
            subject = self.rng.choice(self.facts)
            return EventRetracted(event_id=self._uuid(), subject=subject, reason="misread")
        event = self._fact()
        self.facts.append(event.event_id)
        return event


def build_synthetic_log(
    path: str | Path,
    events: int,
    relationships: int = 2_000,
    seed: int = 0,
    progress: Callable[[int], None] | None = None,
) -> Path:
    """Write a synthetic log of ``events`` events over ``relationships`` pairs to ``path``."""
    target = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    generator = _Generator(relationships, seed)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    written = 0
    with EventStore.open(target, synchronous="OFF", clock=lambda: start) as store:
        store.conn.execute("PRAGMA cache_size = -262144")  # 256 MB: the indexes stay cached
        while written < events:
            batch = generator.batch(min(10_000, events - written))
            store.append(batch)
            written += len(batch)
            if progress is not None:
                progress(written)
        store.conn.execute("CREATE TABLE synthetic_log (events INTEGER, version INTEGER)")
        store.conn.execute("INSERT INTO synthetic_log VALUES (?, ?)", (events, _VERSION))
    return target


def synthetic_log(
    events: int, relationships: int = 2_000, progress: Callable[[int], None] | None = None
) -> Path:
    """A cached synthetic log of this size (built on first use), in the temp folder."""
    folder = Path(tempfile.gettempdir()) / "policy-tracker-bench"
    folder.mkdir(exist_ok=True)
    path = folder / f"synthetic-{events}-{relationships}-v{_VERSION}.db"
    if path.exists():
        try:
            with sqlite3.connect(path) as conn:
                row = conn.execute("SELECT events, version FROM synthetic_log").fetchone()
            if row == (events, _VERSION):
                return path
        except sqlite3.DatabaseError:
            pass  # an interrupted build: start again
    return build_synthetic_log(path, events, relationships, progress=progress)
