"""A batch's events looked up together through the dedup index plan what a read of each
whole pair plans.

:func:`tracker.extract.dedup.plan_appends` looks a batch up at once (which events the log
holds, the candidates of every event in one query, the notes of only the events found the
same); these tests hold it to the plan of the store read pair by pair, event by event, on
random logs: several pairs, dates of every precision, modalities, agreement names that
share words, sources that restate a sentence, corroborations and retractions of events and
of corroborations, and incoming events the log already holds or the batch repeats.
"""

from __future__ import annotations

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
    RecordedEvent,
    ThreatIssued,
)
from tests.factories import diplomatic
from tracker.extract.dedup import plan_appends
from tracker.store import EventStore, fingerprints

_KINDS = (AgreementSigned, MeetingHeld, ThreatIssued)  # joint, joint, directed
_PAIRS = (("ARM", "USA"), ("USA", "ARM"), ("AZE", "TUR"))
_DATES = ("2024", "2024-03", "2024-03-10", "2024-03-31", "2024-04-01", "2024-12", "2025")
_NAMES = ("Charter on Strategic Partnership", "strategic partnership charter", "123 Agreement")
_SENTENCES = (None, "They met.", "The meeting took place on Monday.")


class _WholePair(EventStore):
    """The same file read as dedup reads a store that filters its reads: each event's
    whole pair, through read()."""

    def read(self, **filters: Any) -> Iterator[RecordedEvent]:
        return super().read(**filters)


_event_fields = st.tuples(
    st.integers(0, 2),  # kind
    st.integers(0, 2),  # pair (and direction)
    st.sampled_from(_DATES),
    st.integers(0, 2),  # agreement name
    st.sampled_from(("a1", "a2", "a3")),  # article
    st.booleans(),  # planned
    st.sampled_from(_SENTENCES),
)


def _event(n: int, fields: tuple[Any, ...]) -> Any:
    kind, pair, when, name, article, planned, sentence = fields
    extra: dict[str, Any] = {"agreement": _NAMES[name]} if _KINDS[kind] is AgreementSigned else {}
    source, target = _PAIRS[pair]
    evidence = Evidence(
        article_id=article, url=f"https://news.example.org/{article}", sentence=sentence
    )
    return diplomatic(
        _KINDS[kind],
        event_id=UUID(int=n),
        source=source,
        target=target,
        occurred=when,
        evidence=[evidence],
        modality="planned" if planned else "realized",
        **extra,
    )


_logs = st.lists(
    st.tuples(
        _event_fields,
        st.lists(st.tuples(st.sampled_from(("c1", "c2", "a1")), st.sampled_from(_SENTENCES))),
        st.sampled_from(("keep", "retract", "retract a source")),
    ),
    min_size=1,
    max_size=14,
)
# An incoming event: new fields, or (logged) the very event of a line of the log.
_incoming = st.lists(
    st.one_of(_event_fields, st.tuples(st.just("logged"), st.integers(0, 13))),
    min_size=1,
    max_size=14,
)


def _write(path: Path, log: Sequence[tuple[Any, ...]]) -> list[Any]:
    events = []
    with EventStore.open(path) as store:
        for n, (fields, sources, fate) in enumerate(log, start=1):
            event = _event(n, fields)
            events.append(event)
            store.append([event])
            notes = [
                EventCorroborated(
                    event_id=UUID(int=10_000 * n + i),
                    subject=event.event_id,
                    evidence=Evidence(
                        article_id=article, url=f"https://other.example.org/{n}/{i}", sentence=said
                    ),
                )
                for i, (article, said) in enumerate(sources)
            ]
            store.append(notes)
            if fate == "retract":
                store.append([EventRetracted(subject=event.event_id, reason="misread")])
            elif fate == "retract a source" and notes:
                store.append([EventRetracted(subject=notes[0].event_id, reason="misread")])
    return events


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(log=_logs, incoming=_incoming)
def test_a_batch_through_the_index_plans_as_reads_of_the_whole_pair(
    tmp_path: Path, log: list[tuple[Any, ...]], incoming: list[tuple[Any, ...]]
) -> None:
    path = tmp_path / f"log-{abs(hash((repr(log), repr(incoming))))}.db"
    logged = _write(path, log)
    batch = []
    for n, fields in enumerate(incoming):
        if fields[0] == "logged":
            batch.append((logged[fields[1] % len(logged)], {"feed": "again"}))
        else:
            batch.append((_event(1_000 + n, fields), {"feed": f"f{n}"}))
    with EventStore.open(path) as store:
        indexed = plan_appends(store, batch)
        whole = plan_appends(_WholePair(store.conn), batch)
    assert [(p.event, p.metadata) for p in indexed] == [(p.event, p.metadata) for p in whole]


def test_lookups_together_find_every_logged_event_whose_date_overlaps(tmp_path: Path) -> None:
    days = [date(2010 + n % 3, n % 12 + 1, n % 27 + 1) for n in range(60)]
    meetings = [diplomatic(MeetingHeld, occurred=day) for day in days]
    meetings += [diplomatic(MeetingHeld, occurred=when) for when in ("2011-05", "2012")]
    probes = [
        diplomatic(MeetingHeld, occurred=when)
        for when in (*(d.isoformat() for d in days[:20]), "2011-05", "2011-06", "2012", "2030")
    ]
    with EventStore.open(tmp_path / "log.db") as store:
        store.append(meetings)
        store.append([diplomatic(ThreatIssued, occurred="2012")])  # another type: never found
        fingerprints.catch_up(store)
        lookups: list[fingerprints.Lookup] = [
            ("ARM-USA", "MeetingHeld", p.occurred.start, p.occurred.precision) for p in probes
        ]
        together = fingerprints.overlapping(store.conn, lookups)
    expected = [
        [n for n, e in enumerate(meetings, start=1) if e.occurred.overlaps(p.occurred)]
        for p in probes
    ]
    assert [[r.position for r in found] for found in together] == expected
    assert sum(map(len, expected)) > len(set().union(*map(set, expected)))  # shared candidates
    assert expected[-1] == []  # a year with no meeting
