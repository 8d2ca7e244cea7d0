"""A relationship's timeline (the page's whole history) grows by the log's next events when
they are news after its last fact and further sources: equal to one built afresh."""

from __future__ import annotations

import random
import shutil
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from events import DomainEvent, EventConfirmed, EventCorroborated, Evidence
from tracker.app import Tracker
from tracker.bench.pair_log import PAIR, build_pair_log, fact
from tracker.changes import stored, windows
from tracker.projections import records
from tracker.web import data
from tracker.web.readonly import ReadOnlyDatabase

KEY = "-".join(PAIR)


@pytest.fixture(scope="module")
def pair_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 120 facts of one pair with further sources: snapshots every 10 facts here."""
    return build_pair_log(tmp_path_factory.mktemp("grow") / "pair.db", 300)


@pytest.fixture(scope="module")
def longer_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 600 facts: each of the pair's agreements gathers ten steps or so."""
    return build_pair_log(tmp_path_factory.mktemp("grow") / "longer.db", 1_500)


def _fresh(path: Path) -> data.Timeline:
    """The timeline built from the whole log, nothing grown (a database of its own)."""
    return data.timeline(ReadOnlyDatabase(path), KEY, None)


def _assert_alike(grown: data.Timeline, fresh: data.Timeline) -> None:
    assert grown.facts == fresh.facts
    assert grown.notes == fresh.notes
    assert grown.recorded == fresh.recorded
    assert grown.starts == fresh.starts and grown.days == fresh.days
    assert grown.lifecycles == fresh.lifecycles
    assert grown.months == fresh.months
    assert list(grown.items) == list(fresh.items)
    # The page's rows (those made before the timeline grew kept, unless news touched them)
    # are the items' fields but their every source.
    rows = [grown.row(i) for i in range(len(grown.items))]
    assert rows == [fresh.row(i) for i in range(len(fresh.items))]
    assert rows == [_as_row(item) for item in fresh.items]
    ends = [fresh.starts[0] - timedelta(days=1), *fresh.days[::7], fresh.days[-1]]
    for day in ends:
        assert grown.states(day) == fresh.states(day), day
    assert grown.states(*ends[1:4]) == fresh.states(*ends[1:4])


def _as_row(item: data.EventItem) -> data.EventRow:
    return data.EventRow(*(getattr(item, name) for name in data.EventRow._fields))


def _assert_held(found: data.Timeline, db: ReadOnlyDatabase) -> None:
    """The page cites its changes from the timeline (``held``) as from the log."""
    store = db.store()
    ids = {e.event_id for e in found.facts}
    from_log = stored._read_reports(store, ids)
    held = {i: refs for i in ids if (refs := found.reports_of(i))}
    assert {i: set(r) for i, r in held.items()} == {i: set(r) for i, r in from_log.items()}
    assert all(found.recorded_of(i) is not None for i in ids)
    days = found.days
    for end in (days[len(days) // 3], days[-1], days[-1] + timedelta(days=40)):
        start = end - timedelta(days=120)
        read = windows.marked(store, KEY, start, end)
        assert read is not None and read == windows.marked(store, KEY, start, end, held=found)


@pytest.mark.parametrize("seed", range(3))
def test_a_timeline_grown_by_news_and_sources_is_the_one_built_afresh(
    pair_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    monkeypatch.setattr(data, "SNAPSHOT_FACTS", 10)
    monkeypatch.setattr(data, "MAX_POINTS", 20)  # the chart's months too
    path = tmp_path / "pair.db"
    shutil.copy(pair_db, path)
    rng = random.Random(seed)
    db = ReadOnlyDatabase(path)
    found = data.timeline(db, KEY, None)
    for n in range(4):  # grown from the one grown before
        known, last = found.facts, found.facts[-1].occurred_start
        new = [
            fact(rng, PAIR, 10**6 + 10 * n + i, day=last + timedelta(days=1 + i))
            for i in range(rng.randrange(1, 4))
        ]
        notes: list[DomainEvent] = [
            EventCorroborated(
                subject=rng.choice(known).event_id,  # of a fact the snapshots hold
                evidence=Evidence(url=f"https://more.example.org/{seed}/{n}"),
            ),
            EventCorroborated(
                subject=new[0].event_id, evidence=Evidence(url=f"https://x.example.org/{n}")
            ),
            EventConfirmed(subject=rng.choice(known).event_id, by="analyst"),
        ]
        with Tracker.open(path) as t:
            t.append([*new, *notes])
            t.run_followers()
        grown = data._grown(db, db.head(), KEY)
        assert grown is not None
        assert len(grown.facts) == len(known) + len(new) and grown.late_notes
        _assert_alike(grown, _fresh(path))
        _assert_held(grown, db)
        found = grown


@pytest.mark.parametrize("back", [3, 400, 9_000])
def test_a_late_fact_grows_the_timeline_from_the_snapshot_before_it(
    pair_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, back: int
) -> None:
    # News dated days, a year and decades before the last fact, with further sources of
    # it and of old facts: the timeline after it is folded again, equal to one built afresh.
    monkeypatch.setattr(data, "SNAPSHOT_FACTS", 10)
    monkeypatch.setattr(data, "MAX_POINTS", 20)
    path = tmp_path / "pair.db"
    shutil.copy(pair_db, path)
    rng = random.Random(back)
    db = ReadOnlyDatabase(path)
    found = data.timeline(db, KEY, None)
    for n in range(3):
        last = found.facts[-1].occurred_start
        late = [
            fact(rng, PAIR, 10**7 + 10 * n + i, day=last - timedelta(days=rng.randrange(back)))
            for i in range(2)
        ]
        news = fact(rng, PAIR, 10**7 + 10 * n + 5, day=last + timedelta(days=1))
        notes: list[DomainEvent] = [
            EventCorroborated(
                subject=late[0].event_id, evidence=Evidence(url=f"https://l.example.org/{n}")
            ),
            EventCorroborated(
                subject=rng.choice(found.facts).event_id,
                evidence=Evidence(url=f"https://o.example.org/{n}"),
            ),
        ]
        with Tracker.open(path) as t:
            t.append([*late, news, *notes])
            t.run_followers()
        grown = data._grown(db, db.head(), KEY)
        assert grown is not None and len(grown.facts) == len(found.facts) + 3
        _assert_alike(grown, _fresh(path))
        _assert_held(grown, db)
        # The timeline grown from shares its places of facts, moved by the late ones: it
        # finds each of its facts there or says it holds none (read from the log then).
        assert all(found.fact_of(e.event_id) in (e, None) for e in found.facts)
        assert any(found.fact_of(e.event_id) is None for e in found.facts[-3:])
        found = grown


def test_a_retraction_builds_the_timeline_afresh(pair_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "pair.db"
    shutil.copy(pair_db, path)
    db = ReadOnlyDatabase(path)
    first = data.timeline(db, KEY, None)
    with Tracker.open(path) as t:
        t.retract(first.facts[5].event_id, "a misreading")
        t.run_followers()
    assert data._grown(db, db.head(), KEY) is None
    again = data.timeline(db, KEY, None)
    assert len(again.facts) == len(first.facts) - 1
    _assert_alike(again, _fresh(path))


def test_a_further_source_of_a_fact_a_state_left_out_is_in_the_grown_states(
    longer_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Facts keep one step and two sources: the snapshots' states leave out most of an
    # agreement's events, yet a further source of an early one, learned once the timeline
    # was built, is in every state after it, as in a timeline built afresh.
    monkeypatch.setattr(records, "BOUNDS", records.Bounds(sources=2, steps=1, articles=3))
    monkeypatch.setattr(data, "SNAPSHOT_FACTS", 10)
    path = tmp_path / "pair.db"
    shutil.copy(longer_db, path)
    db = ReadOnlyDatabase(path)
    first = data.timeline(db, KEY, None)
    steps = [e for e in first.facts if e.family == "agreement"]
    counted = Counter(e.object_key for e in steps)
    busiest = max(counted, key=counted.__getitem__)
    early = [e for e in steps if e.object_key == busiest][1]
    source = Evidence(url="https://late.example.org/strong", confidence=1.0)
    with Tracker.open(path) as t:
        t.append([EventCorroborated(subject=early.event_id, evidence=source)])
        t.run_followers()
    grown = data._grown(db, db.head(), KEY)
    assert grown is not None and grown.late_notes
    fresh = _fresh(path)
    for day in fresh.days:
        assert grown.states(day) == fresh.states(day), day
    last = fresh.states(fresh.days[-1])[0]
    (agreement,) = [a for a in last.agreements if a.key == busiest]
    assert "https://late.example.org/strong" in {s.url for s in agreement.sources}


@pytest.mark.parametrize("which", ["pair", "seeds"])
def test_event_rows_made_without_validation_equal_validated_ones(
    which: str, pair_db: Path, seed_db: Path
) -> None:
    # A page's rows and their cited sources are made from the fold's values, not validated
    # again: each equals its validated round trip, field for field, with the same types
    # (equality alone lets 8 == 8.0 pass, which the JSON would not).
    from tests.unit.test_trusted_construct import _models

    path, key = (pair_db, KEY) if which == "pair" else (seed_db, "ARM-USA")
    found = data.timeline(ReadOnlyDatabase(path), key, None)
    items = found.items
    assert len(items) > 0
    for index, item in enumerate(items[: min(len(items), 200)]):
        # The page's row of it: the same values, of the same types.
        row = found.row(index)
        assert row == _as_row(item)
        assert [type(v) for v in row] == [type(v) for v in _as_row(item)]
        validated = data.EventItem.model_validate_json(item.model_dump_json())
        assert validated == item
        assert validated.model_dump() == item.model_dump()
        for ours, theirs in zip(_models(item), _models(validated), strict=True):
            assert type(ours) is type(theirs)
            assert set(ours.__dict__) == set(type(ours).model_fields)
            for name in type(ours).model_fields:
                assert type(getattr(ours, name)) is type(getattr(theirs, name)), name
    assert any(item.cited for item in items)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 400), max_size=60, unique=True),
    st.integers(0, 420),
    st.integers(0, 420),
    st.one_of(st.none(), st.integers(1, 20)),
)
def test_the_sliders_stops_are_every_nth_date_counted_back_from_the_latest(
    offsets: list[int], asked: int, now: int, limit: int | None
) -> None:
    first = date(2020, 1, 1)
    days = tuple(first + timedelta(days=n) for n in sorted(offsets))
    found = data.Timeline(
        key=KEY, facts=(), notes={}, recorded={}, snapshots=(), items=(), starts=days,
        days=days, lifecycles=(), months=(),
    )  # fmt: skip
    day, today = first + timedelta(days=asked), first + timedelta(days=now)
    shown = [d for d in days if d <= today]
    if limit is not None and len(shown) > limit:
        step = -(-len(shown) // limit)
        shown = shown[::-1][::step][::-1]
    expected = sorted({*shown, day, today})
    assert list(found.stops(day, today, limit)) == expected
    if limit is not None:
        assert len(found.stops(day, today, limit)) <= limit + 2


def test_a_timeline_as_known_once_the_log_knew_all_it_holds_is_the_one_known_now(
    pair_db: Path, tmp_path: Path
) -> None:
    # A busy pair's timeline as known at a past time is folded from its start; as known at
    # a time by which the log had learned every event it holds, it is the one known now.
    path = tmp_path / "pair.db"
    shutil.copy(pair_db, path)
    db = ReadOnlyDatabase(path)
    store = db.store()
    head = store.head()
    learned = datetime.fromisoformat(store.rows_between(head - 1, head)[0][1])
    now = data.timeline(db, KEY, None)
    assert data.timeline(db, KEY, learned) is now
    assert data.timeline(db, KEY, learned + timedelta(days=400)) is now
    # Learned after that time: folded as the log stood then.
    with Tracker.open(path) as t:
        t.append([fact(random.Random(5), PAIR, 10**8, day=now.facts[-1].occurred_start)])
        t.run_followers()
    earlier = data.timeline(db, KEY, learned)
    assert earlier is not now and earlier.facts == now.facts
    grown = data.timeline(db, KEY, None)
    assert len(grown.facts) == len(now.facts) + 1
