"""Bench section "log": append (batched and one per transaction) and read-and-decode rates.

Each is measured beside raw sqlite3 doing the same rows in the same run, into a table built
from the same DDL with the same pragmas: the ratio is the cost of validation, hashing, the
parties index and decoding.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

from events import (
    AgreementSigned,
    DiplomaticEvent,
    Evidence,
    MeetingHeld,
    PhoneCallHeld,
    VisitMade,
)
from tracker.bench.figures import Figure, median_rate, paired_ratio, timed
from tracker.store import EventStore
from tracker.store.baselines import LogRows, dump_rows, fresh_log, insert_rows, payload_rows

__all__ = ["run", "synthetic_events"]

_ACTORS = ["ARM", "USA", "AZE", "RUS", "TUR", "IRN", "GEO", "FRA", "DEU", "EU", "CSTO", "CHN"]
_KINDS: list[type[DiplomaticEvent]] = [AgreementSigned, MeetingHeld, PhoneCallHeld, VisitMade]


def synthetic_events(count: int, seed: int = 7, *, evidence: bool = False) -> list[DiplomaticEvent]:
    """``count`` plausible, validated diplomatic events over the actors above; with
    ``evidence``, each with the sentence it was read from, as the extractor records it."""
    import random

    rng = random.Random(seed)
    out: list[DiplomaticEvent] = []
    for i in range(count):
        source, target = rng.sample(_ACTORS, 2)
        cls = _KINDS[i % len(_KINDS)]
        extra: dict[str, Any] = {"agreement": f"accord {i % 50}"} if cls is AgreementSigned else {}
        if evidence:
            extra["evidence"] = [_evidence(i, source, target)]
        out.append(
            cls(
                source=source,
                target=target,
                occurred=f"{rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}-"
                f"{rng.randint(1, 28):02d}",
                areas=["security"],
                people=["A. Person"],
                **extra,
            )
        )
    return out


def _evidence(n: int, source: str, target: str) -> Evidence:
    return Evidence(
        article_id=f"wire-{n}",
        url=f"https://wire.example.org/2025/{n}",
        sentence=f"Officials of {source} and {target} met in the capital on Monday, according to "
        f"a statement released after the talks ({n}).",
        extractor="policy-tracker-coder",
        extractor_version="bench",
        confidence=0.5 + (n % 50) / 100,
    )


def run(quick: bool) -> list[Figure]:
    batch_n, single_n, repeats = (2_000, 200, 3) if quick else (20_000, 1_000, 5)
    events = synthetic_events(batch_n)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        figures = [
            *_batched(root, events, repeats),
            *_single(root, events[:single_n], repeats),
            _read(root / "b0.db", len(events), "read and decode whole log"),
            _read(
                _evidenced(root, batch_n),
                batch_n,
                "read and decode, events with evidence",
                "each with its sentence, as extracted",
            ),
        ]
    return figures


def _evidenced(root: Path, count: int) -> Path:
    """A log of ``count`` events that each carry their evidence (appended, not timed)."""
    path = root / "evidence.db"
    with EventStore.open(path) as store:
        store.append(synthetic_events(count, evidence=True))
    return path


def _batched(root: Path, events: list[DiplomaticEvent], repeats: int) -> list[Figure]:
    ours: list[float] = []
    raw: list[float] = []
    for r in range(repeats):
        with EventStore.open(root / f"b{r}.db") as store:
            ours.append(timed(partial(store.append, events)))
        rows = dump_rows(root / f"b{r}.db")
        conn = fresh_log(root / f"raw{r}.db")

        def raw_batch(c: sqlite3.Connection = conn, rows: LogRows = rows) -> None:
            c.execute("BEGIN IMMEDIATE")
            insert_rows(c, rows)
            c.execute("COMMIT")

        raw.append(timed(raw_batch))
        conn.close()
    return [_append_figure("batched append", len(events), ours, raw, "raw executemany", 0.6)]


def _single(root: Path, events: list[DiplomaticEvent], repeats: int) -> list[Figure]:
    ours: list[float] = []
    raw: list[float] = []
    for r in range(repeats):
        with EventStore.open(root / f"s{r}.db") as store:
            ours.append(timed(partial(_one_by_one, store, events)))
        events_rows, parties, relationships = dump_rows(root / f"s{r}.db")
        # Grouped before timing: the baseline times only the inserts and commits.
        by_position: dict[int, tuple[list[Any], list[Any]]] = {}
        for p in parties:
            by_position.setdefault(p[1], ([], []))[0].append(p)
        for rel in relationships:
            by_position.setdefault(rel[1], ([], []))[1].append(rel)
        units: list[LogRows] = [([row], *by_position.get(row[0], ([], []))) for row in events_rows]
        conn = fresh_log(root / f"rs{r}.db")

        def raw_single(c: sqlite3.Connection = conn, units: list[LogRows] = units) -> None:
            for unit in units:
                c.execute("BEGIN IMMEDIATE")
                insert_rows(c, unit)
                c.execute("COMMIT")

        raw.append(timed(raw_single))
        conn.close()
    return [
        _append_figure(
            "one event per transaction",
            len(events),
            ours,
            raw,
            "raw insert+commit",
            0.7,
            also="synchronous=NORMAL for both",
        )
    ]


def _append_figure(
    name: str,
    count: int,
    ours: list[float],
    raw: list[float],
    baseline: str,
    target: float,
    also: str = "",
) -> Figure:
    """An append rate beside raw sqlite3's, the ratio taken run by run (see Figure)."""
    return Figure(
        "log",
        name,
        median_rate(count, ours),
        "events/s",
        median_rate(count, raw),
        baseline,
        target,
        note="; ".join(filter(None, [also, "ratio: median of per-run ratios"])),
        paired_ratio=paired_ratio(ours, raw),
    )


def _one_by_one(store: EventStore, events: list[DiplomaticEvent]) -> None:
    for event in events:
        store.append([event])


def _read_all(store: EventStore) -> int:
    return sum(1 for _ in store.read())


def _read(path: Path, count: int, name: str, note: str = "") -> Figure:
    with EventStore.open(path) as store:
        conn = store.conn

        def raw_read() -> None:
            for row in payload_rows(conn):
                json.loads(row[1])

        # Taken in turns, so a change in the machine's speed touches both alike.
        runs: list[float] = []
        raw: list[float] = []
        for _ in range(5):
            runs.append(timed(partial(_read_all, store)))
            raw.append(timed(raw_read))
    return Figure(
        "log",
        name,
        median_rate(count, runs),
        "events/s",
        median_rate(count, raw),
        "raw select + json.loads",
        150_000,
        "value>=",
        note=note,
    )
