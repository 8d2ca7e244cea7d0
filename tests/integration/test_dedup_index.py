"""The dedup index (tracker.store.fingerprints) finds what a read of the whole pair finds.

The index only narrows the events :func:`same_event` compares a new one with; these tests
hold it to the plans a read of every event of the pair gives, on real files, for events of
every precision, corroborated and retracted, and check that ``verify`` sees a damaged index
and ``replay --rebuild`` writes it afresh.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import (
    AgreementSigned,
    EventCorroborated,
    EventRetracted,
    Evidence,
    MeetingHeld,
    PraiseExpressed,
    RecordedEvent,
)
from tests.cli import run
from tests.factories import diplomatic
from tracker.app import Tracker
from tracker.extract.dedup import plan_appends
from tracker.store import Checkpoint, EventStore, fingerprints
from tracker.store.schema import migrate

_KINDS = (AgreementSigned, MeetingHeld, PraiseExpressed)
_DATES = ("2024", "2024-03", "2024-03-10", "2024-03-31", "2024-04-01", "2024-12", "2025-01-02")
_NAMES = ("Charter on Strategic Partnership", "strategic partnership charter", "123 Agreement")


class _WholePair(EventStore):
    """The same file read as dedup read it before the index: every event of the pair."""

    def read(self, **filters: Any) -> Iterator[RecordedEvent]:
        return super().read(**filters)


def _event(n: int, kind: int, when: str, name: int, article: str, planned: bool) -> Any:
    extra: dict[str, Any] = {"agreement": _NAMES[name]} if _KINDS[kind] is AgreementSigned else {}
    evidence = Evidence(article_id=article, url=f"https://news.example.org/{article}")
    return diplomatic(
        _KINDS[kind],
        event_id=UUID(int=n),
        occurred=when,
        evidence=[evidence],
        modality="planned" if planned else "realized",
        **extra,
    )


_facts = st.lists(
    st.tuples(
        st.integers(0, 2),
        st.sampled_from(_DATES),
        st.integers(0, 2),
        st.sampled_from(("a1", "a2", "a3")),
        st.booleans(),
        st.sampled_from(("keep", "corroborate", "retract")),
    ),
    min_size=1,
    max_size=12,
)


def _log(path: Path, facts: Sequence[tuple[Any, ...]]) -> None:
    with EventStore.open(path) as store:
        for n, (kind, when, name, article, planned, fate) in enumerate(facts, start=1):
            event = _event(n, kind, when, name, article, planned)
            store.append([event])
            if fate == "corroborate":
                note = Evidence(article_id=f"c{n}", url=f"https://other.example.org/{n}")
                store.append([EventCorroborated(subject=event.event_id, evidence=note)])
            elif fate == "retract":
                store.append([EventRetracted(subject=event.event_id, reason="misread")])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(known=_facts, incoming=_facts)
def test_plans_through_the_index_equal_plans_from_the_whole_pair(
    tmp_path: Path, known: list[tuple[Any, ...]], incoming: list[tuple[Any, ...]]
) -> None:
    path = tmp_path / f"log-{abs(hash((tuple(known), tuple(incoming))))}.db"
    _log(path, known)
    candidates = [
        (_event(1000 + n, kind, when, name, article, planned), {"feed": "f"})
        for n, (kind, when, name, article, planned, _) in enumerate(incoming)
    ]
    with EventStore.open(path) as store:
        indexed = plan_appends(store, candidates)
        whole = plan_appends(_WholePair(store.conn), candidates)
    assert [(p.event, p.metadata) for p in indexed] == [(p.event, p.metadata) for p in whole]


def test_a_further_source_in_a_big_pair_is_found_among_the_overlapping_few(tmp_path: Path) -> None:
    path = tmp_path / "log.db"
    with EventStore.open(path) as store:
        store.append(
            [
                diplomatic(MeetingHeld, occurred=date(2000 + n // 12, n % 12 + 1, 5))
                for n in range(300)
            ]
        )
        told = diplomatic(MeetingHeld, occurred="2010-06")  # month precision
        again = diplomatic(
            MeetingHeld,
            occurred="2010-06-20",
            evidence=[Evidence(article_id="other", url="https://other.example.org/x")],
        )
        store.append([told])
        planned = plan_appends(store, [(again, {})])
        # Of the 301 meetings only June's overlaps the 20th: this source corroborates it.
        found = fingerprints.candidates(
            store.conn, "ARM-USA", "MeetingHeld", date(2010, 6, 20), "day"
        )
        in_june = fingerprints.candidates(
            store.conn, "ARM-USA", "MeetingHeld", date(2010, 6, 1), "month"
        )
        in_2010 = fingerprints.candidates(
            store.conn, "ARM-USA", "MeetingHeld", date(2010, 1, 1), "year"
        )
    assert [r.event.event_id for r in found] == [told.event_id]
    assert len(in_june) == 2 and len(in_2010) == 13  # the 5th and June; each month and June
    assert [type(p.event) for p in planned] == [EventCorroborated]
    assert planned[0].event.subject == told.event_id  # type: ignore[attr-defined]


def test_a_date_is_bucketed_at_its_precision() -> None:
    assert fingerprints.bucket(date(2024, 3, 10), "day") == "2024-03-10"
    assert fingerprints.bucket("2024-03-01", "month") == "2024-03"
    assert fingerprints.bucket("2024-01-01", "year") == "2024"


def test_verify_sees_a_damaged_index_and_replay_rebuild_repairs_it(tmp_path: Path) -> None:
    db = tmp_path / "log.db"
    with Tracker.open(db) as t:
        event = diplomatic(AgreementSigned)
        t.append([event])
        t.append([EventRetracted(subject=event.event_id, reason="misread")])
        plan_appends(t.store, [])  # the index catches up, as extraction's first plan does
    assert run("verify", db=db).returncode == 0
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("DELETE FROM event_notes")
        conn.execute("UPDATE event_fingerprints SET bucket = '1999-01'")
    conn.close()
    damaged = run("verify", db=db)
    assert damaged.returncode == 1
    assert "dedup index differs" in damaged.stderr
    assert run("replay", "--rebuild", db=db).returncode == 0
    assert run("verify", db=db).returncode == 0


def test_the_index_follows_the_log_by_its_checkpoint(tmp_path: Path) -> None:
    db = tmp_path / "log.db"
    with EventStore.open(db) as store:
        store.append([diplomatic(PraiseExpressed, occurred="2024")])
        assert fingerprints.catch_up(store) == 1
        assert fingerprints.catch_up(store) == 0  # nothing new: no write
        store.append([diplomatic(PraiseExpressed, occurred="2024-05-01")])
        assert fingerprints.catch_up(store) == 1
        assert store.checkpoint(fingerprints.FOLLOWER) == 2
        incremental = sorted(store.conn.execute("SELECT * FROM event_fingerprints"))
        assert fingerprints.rebuild(store) == 2
        assert sorted(store.conn.execute("SELECT * FROM event_fingerprints")) == incremental
        assert [row[2] for row in incremental] == ["2024", "2024-05-01"]
        assert fingerprints.check(store.conn) is None


def test_an_index_of_the_first_schema_is_written_afresh(tmp_path: Path) -> None:
    with EventStore.open(tmp_path / "log.db") as store:
        store.append([diplomatic(PraiseExpressed, occurred="2024-05-01")])
        # As the first version left it: a row per month, caught up to the head.
        migrate(store.conn, component=fingerprints.FOLLOWER, migrations=fingerprints.MIGRATIONS[:1])
        store.conn.execute(
            "INSERT INTO event_fingerprints VALUES ('ARM-USA', 'PraiseExpressed', '2024-05', 1)"
        )
        store.append([], checkpoint=Checkpoint(fingerprints.FOLLOWER, 0, 1))
        assert fingerprints.catch_up(store) == 1  # migrated, then read from the start
        rows = list(store.conn.execute("SELECT * FROM event_fingerprints"))
        assert rows == [("ARM-USA", "PraiseExpressed", "2024-05-01", 1)]
        assert fingerprints.check(store.conn) is None
