"""A log with one busy relationship, as real pairs are: the ``scale`` bench's workload.

Every fact carries evidence as the extractor writes it (article, url, a full sentence,
extractor and version) and is told by several sources: each fact is followed by one to three
``EventCorroborated`` from other articles, so about 2.5 rows per fact. Valid dates spread
over 2000-2025 and are learned in random order (most news is late). A few small pairs sit
beside the busy one, so the log is not only that pair. Built once per size and cached in the
temp folder (see :func:`pair_log`); the projection is folded when it is built.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from events import (
    AgreementSigned,
    CooperationIntentExpressed,
    CriticismVoiced,
    DiplomaticEvent,
    DomainEvent,
    EventCorroborated,
    Evidence,
    MeetingHeld,
    PhoneCallHeld,
    PledgeMade,
    PraiseExpressed,
    SanctionsImposed,
    ThreatIssued,
    VisitMade,
)
from tracker.store import EventStore

__all__ = ["LAST_DAY", "PAIR", "fact", "pair_log"]

PAIR = ("CHN", "USA")
_VERSION = 7  # bump when the mix, the snapshots' spacing or the fold changes: cached files rebuilt
_OTHERS = [("ARM", "USA"), ("FRA", "DEU"), ("JPN", "KOR")]
_STANCES = (
    CooperationIntentExpressed,
    PraiseExpressed,
    CriticismVoiced,
    ThreatIssued,
    SanctionsImposed,
)
_CONTACTS = (MeetingHeld, PhoneCallHeld, VisitMade)
_AREAS = ("economy", "trade", "energy", "defense", "security", "technology")
# The facts fall on the days of 25 years, to this one.
LAST_DAY = date(2025, 12, 31)
_DAYS = (LAST_DAY - date(2000, 1, 1)).days
_SENTENCE = (
    "Officials of both governments said on {day} that the talks in the capital had covered "
    "trade, export controls and security in the region, according to a statement released "
    "after the meeting ({n})."
)


def _evidence(rng: random.Random, n: int, day: date) -> Evidence:
    outlet = rng.choice(("wire", "daily", "post", "times", "herald", "tribune"))
    return Evidence(
        article_id=f"{outlet}-{n}",
        url=f"https://{outlet}.example.org/{day:%Y/%m/%d}/{n}",
        sentence=_SENTENCE.format(day=day.isoformat(), n=n),
        extractor="policy-tracker-coder",
        extractor_version="bench",
        confidence=round(0.5 + rng.random() / 2, 2),
    )


def fact(
    rng: random.Random, pair: tuple[str, str], n: int, day: date | None = None
) -> DiplomaticEvent:
    """One realistic diplomatic event of ``pair`` (random family, date, areas, evidence)."""
    a, b = pair if rng.random() < 0.5 else pair[::-1]
    when = day or date(2000, 1, 1) + timedelta(days=rng.randrange(_DAYS))
    fields: dict[str, Any] = {
        "event_id": UUID(int=(n << 64) | rng.getrandbits(64), version=4),
        "source": a,
        "target": b,
        "occurred": when,
        "areas": rng.sample(_AREAS, rng.randint(0, 2)),
        "evidence": [_evidence(rng, n, when)],
    }
    roll = rng.random()
    if roll < 0.6:
        return rng.choice(_STANCES)(**fields)
    if roll < 0.85:
        return rng.choice(_CONTACTS)(**fields, level="foreign_minister")
    if roll < 0.95:
        return AgreementSigned(**fields, agreement=f"Accord on {rng.choice(_AREAS)}")
    return PledgeMade(**fields, commitment=f"pledge on {rng.choice(_AREAS)}")


def _events(rng: random.Random, size: int) -> list[DomainEvent]:
    events: list[DomainEvent] = []
    n = 0
    while len(events) < size:
        n += 1
        pair = PAIR if rng.random() < 0.95 else rng.choice(_OTHERS)
        made = fact(rng, pair, n)
        events.append(made)
        for _ in range(rng.randint(1, 3)):
            n += 1
            day = made.occurred.start
            note = EventCorroborated(
                event_id=UUID(int=(n << 64) | rng.getrandbits(64), version=4),
                subject=made.event_id,
                by="policy-tracker-coder",
                evidence=_evidence(rng, n, day),
            )
            events.append(note)
    return events[:size]


def build_pair_log(path: Path, size: int, seed: int = 0) -> Path:
    """Write a log of about ``size`` events, nearly all in :data:`PAIR`, to ``path``."""
    from tracker.app import Tracker

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    rng = random.Random(seed)
    events = _events(rng, size)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with EventStore.open(path, synchronous="OFF", clock=lambda: start) as store:
        for at in range(0, len(events), 5_000):
            store.append(events[at : at + 5_000])
    with Tracker.open(path) as t:  # folds the projection (a rebuild: nothing folded yet)
        t.run_followers()
        t.store.conn.execute("CREATE TABLE pair_log (events INTEGER, version INTEGER)")
        t.store.conn.execute("INSERT INTO pair_log VALUES (?, ?)", (size, _VERSION))
    return path


def pair_log(size: int) -> Path:
    """A cached log whose busy pair has about ``size`` events (built on first use), copied
    fresh for each run of the bench (its appends must not grow the cached file)."""
    folder = Path(tempfile.gettempdir()) / "policy-tracker-bench"
    folder.mkdir(exist_ok=True)
    cached = folder / f"pair-{size}-v{_VERSION}.db"
    try:
        with sqlite3.connect(cached) as conn:
            ok = conn.execute("SELECT events, version FROM pair_log").fetchone() == (
                size,
                _VERSION,
            )
    except sqlite3.DatabaseError:
        ok = False  # absent, or an interrupted build: start again
    if not ok:
        build_pair_log(cached, size)
    work = folder / f"pair-{size}-run.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    source = sqlite3.connect(cached)
    target = sqlite3.connect(work)
    with target:
        source.backup(target)
    source.close()
    target.close()
    return work
