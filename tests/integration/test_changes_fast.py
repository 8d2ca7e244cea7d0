"""`changes --since`: the changes read off the marks kept beside the log (tracker.changes.stored)
are those of a walk of each relationship's events, which for the facts are what comparing
the two states judged on the window's ends finds (tracker.changes.compare); the marks
follow the log through late news and retractions, a rebuild writes the same, and verify
finds a mark that differs from the log."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from events import (
    AgreementSigned,
    CriticismVoiced,
    EventCorroborated,
    Evidence,
    MeetingHeld,
    PledgeMade,
)
from tests.factories import diplomatic
from tracker.app import Tracker
from tracker.bench.synthetic import build_synthetic_log
from tracker.changes import happened, marks
from tracker.changes import stored as stored_marks
from tracker.changes.compare import Evidenced, compare
from tracker.changes.marks import walk
from tracker.projections import fold
from tracker.queries.rows import relationship_events
from tracker.store import NewEvent


def _facts(items: list[Evidenced]) -> set[tuple[object, ...]]:
    """What a change says, and its date for a fact (the label and the tone are dated on the
    day they moved, which two states alone cannot say: compared by value)."""
    found = set()
    for item in items:
        c = item.change
        said: tuple[object, ...] = (c.kind, c.key or c.name, c.before, c.after, c.added, c.removed)
        if c.kind not in ("label", "tone_shift"):
            said += (item.date,)
        found.add(said)
    return found


@pytest.mark.parametrize("pairs", [8, 1])
def test_a_window_read_off_the_marks_is_the_comparison_of_its_two_states(
    tmp_path: Path, pairs: int
) -> None:
    # Every family, corroborations and retractions, learned out of order: 4,000 events
    # over 8 pairs, or over one busy pair.
    path = build_synthetic_log(tmp_path / "log.db", 4_000, relationships=pairs, seed=3)
    rng = random.Random(5)
    compared = 0
    with Tracker.open(path) as t:
        for key in t.store.relationships():
            events = relationship_events(t.store, key)
            last = max(e.occurred_start for e in events if e.kind == "fact")
            for _ in range(12):
                end = last + timedelta(days=rng.randrange(-4000, 200))
                since = end - timedelta(days=rng.choice((1, 3, 7, 30, 60, 120, 400)))
                # Both listing every commitment: a state counts those resolved before its
                # kept days, which a window longer than those days must tell.
                before = fold(key, events, as_of=since, judged_from=since, every_commitment=True)
                after = fold(key, events, as_of=end, every_commitment=True)
                want = _facts(compare(before, since, after, end))
                assert _facts(stored_marks.walked(key, events, since, end)) == want
                compared += len(want)
    assert compared > 100  # the windows held changes of every kind, not only empty ones


def test_the_stored_marks_answer_as_a_walk_of_every_relationship(tmp_path: Path) -> None:
    path = build_synthetic_log(tmp_path / "log.db", 4_000, relationships=8, seed=3)
    rng = random.Random(7)
    with Tracker.open(path) as t:
        t.run_followers()
        assert stored_marks.current(t.store)
        last = max(h.last_occurred for h in t.projection.load_heads() if h.last_occurred)
        kinds = set()
        for n in range(12):
            end = last + timedelta(days=rng.randrange(60)) if n % 3 else last - timedelta(300)
            since = end - timedelta(days=rng.choice((3, 7, 30, 60, 120, 400)))
            read = happened(t.store, since, end)
            walked = happened(t.store, since, end, fast=False)
            assert [c.model_dump() for c in read] == [c.model_dump() for c in walked]
            kinds |= {c.kind for c in read}
    assert {"label", "tone", "agreement", "commitment", "contact"} <= kinds


def _marks(t: Tracker) -> list[tuple[object, ...]]:
    return t.store.conn.execute(
        "SELECT relationship, fact, day, value, record FROM change_marks "
        "ORDER BY relationship, fact, day"
    ).fetchall()


def test_the_marks_follow_late_news_and_retractions_as_a_rebuild_writes_them(
    db_path: Path,
) -> None:
    start = date(2024, 1, 10)
    with Tracker.open(db_path) as t:
        for n in range(40):
            t.record(diplomatic(MeetingHeld, occurred=(start + timedelta(days=9 * n)).isoformat()))
        t.run_followers()
        first = t.record(
            diplomatic(AgreementSigned, occurred="2024-03-02", agreement="Trade Agreement")
        )
        assert first is not None
        # Late news about the past (before the pair's last event), then a retraction.
        t.record(diplomatic(MeetingHeld, occurred="2024-02-01"))
        t.run_followers()
        t.retract(first.event.event_id, "misread the source")
        t.run_followers()
        followed = _marks(t)
        assert followed == sorted(
            (key, m.fact, m.day.isoformat(), m.value, m.record.decode())
            for key in t.store.relationships()
            for m in walk(key, relationship_events(t.store, key))
        )
        assert not any(str(row[1]).startswith("agreement:") for row in followed)
        t.rebuild_projection()
        assert _marks(t) == followed
        assert t.verify_projection().ok


def test_verify_finds_a_mark_that_differs_from_the_log(db_path: Path) -> None:
    with Tracker.open(db_path) as t:
        t.record(diplomatic(MeetingHeld, occurred="2025-01-10"))
        t.record(diplomatic(AgreementSigned, occurred="2025-01-14", agreement="Charter"))
        t.run_followers()
        assert t.verify_projection().ok
        t.store.conn.execute("UPDATE change_marks SET value = 'hostile' WHERE fact = 'label'")
        t.store.conn.commit()
        check = t.verify_projection()
        assert not check.ok
        assert any(m.startswith("changes of ") for m in check.mismatched)


def test_a_reader_behind_the_log_walks_for_itself(db_path: Path) -> None:
    with Tracker.open(db_path) as t:
        t.record(diplomatic(AgreementSigned, occurred="2025-01-14", agreement="Charter"))
        t.run_followers()
        t.record(diplomatic(MeetingHeld, occurred="2025-02-03"))
        # The marks are behind the log until someone catches them up: happened does.
        assert not stored_marks.current(t.store)
        found = happened(t.store, date(2025, 1, 1), date(2025, 3, 1))
        assert stored_marks.current(t.store)
        assert {"agreement", "contact", "label"} <= {c.kind for c in found}


def _walks(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """The walks the marks' follower makes from now on: each relationship, and whether it
    was walked on from a resume point."""
    walks: list[tuple[str, bool]] = []
    real = marks.walk_on

    def spy(key: str, events: object, resume: marks.Resume | None = None) -> object:
        walks.append((key, resume is not None))
        return real(key, events, resume)  # type: ignore[arg-type]

    monkeypatch.setattr(stored_marks, "walk_on", spy)
    return walks


def test_news_as_it_comes_is_walked_on_from_a_recent_day_and_marks_as_a_walk_from_the_start(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Day by day, with more news of a day already walked, news of some weeks before, plans
    # falling due (overdue by the calendar), hostile days turning the tone, and a
    # retraction of recent news.
    walks = _walks(monkeypatch)
    rng = random.Random(11)
    day = date(2024, 5, 1)
    kinds = (MeetingHeld, CriticismVoiced, PledgeMade, AgreementSigned, MeetingHeld)
    with Tracker.open(db_path) as t:
        recorded = []
        for n in range(60):
            day += timedelta(days=rng.choice((0, 0, 1, 3, 20)))
            cls = kinds[n % len(kinds)]
            # Every seventh piece of news tells of some weeks before the last (late news).
            told = day - timedelta(days=25) if n % 7 == 6 else day
            fields: dict[str, object] = {"occurred": told.isoformat()}
            if cls is PledgeMade:
                fields["due"] = (day + timedelta(days=rng.choice((5, 40)))).isoformat()[:7]
                fields["commitment"] = f"pledge {n}"
            if cls is AgreementSigned:
                fields["agreement"] = rng.choice(("Charter on Strategic Partnership", "Trade Pact"))
            if cls is CriticismVoiced:
                fields["source"], fields["target"] = "USA", "ARM"
            event = t.record(diplomatic(cls, **fields))
            if event is not None:
                recorded.append(event)
            if n == 45:
                t.retract(recorded[-1].event.event_id, "misread the source")
            if n % 3 == 2:
                t.run_followers()
        t.run_followers()
        expected = sorted(
            (key, m.fact, m.day.isoformat(), m.value, m.record.decode())
            for key in t.store.relationships()
            for m in walk(key, relationship_events(t.store, key))
        )
        assert _marks(t) == expected
        assert {str(row[1]).split(":")[0] for row in expected} >= {"commitment", "tone", "label"}
    # The news was walked on, not from the start.
    assert [resumed for _, resumed in walks].count(True) > 10


def test_a_rebuild_in_worker_processes_writes_what_one_process_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = build_synthetic_log(tmp_path / "log.db", 3_000, relationships=6, seed=4)
    with Tracker.open(path) as t:
        stored_marks.rebuild(t.store)
        alone = _marks(t)
        resumes = t.store.conn.execute("SELECT * FROM change_walks ORDER BY 1").fetchall()
        monkeypatch.setattr(stored_marks, "_PARALLEL_FROM", 0)  # workers for any log
        assert stored_marks.rebuild(t.store) == t.store.head()
        assert _marks(t) == alone
        assert t.store.conn.execute("SELECT * FROM change_walks ORDER BY 1").fetchall() == resumes
        assert len({row[0] for row in resumes}) == 6 and stored_marks.current(t.store)


def test_a_further_report_walks_nothing_and_is_cited_with_the_change(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    walks = _walks(monkeypatch)
    with Tracker.open(db_path) as t:
        signed = t.record(diplomatic(AgreementSigned, occurred="2025-01-14"))
        assert signed is not None
        t.run_followers()
        walked = len(walks)
        evidence = Evidence(url="https://second.example.org/charter", sentence="They signed it.")
        t.append([NewEvent(EventCorroborated(subject=signed.event.event_id, evidence=evidence))])
        t.run_followers()
        assert len(walks) == walked  # no value moved: nothing walked again
        found = happened(t.store, date(2025, 1, 1), date(2025, 2, 1))
        agreement = next(c for c in found if c.kind == "agreement")
        urls = {s.url for s in agreement.sources}
        assert "https://second.example.org/charter" in urls and len(urls) == 2
        walked_too = happened(t.store, date(2025, 1, 1), date(2025, 2, 1), fast=False)
        assert [c.model_dump() for c in walked_too] == [c.model_dump() for c in found]
        # The further report retracted: no longer cited, read or walked.
        further = t.store.read(after=t.store.head() - 1)
        t.retract(next(iter(further)).event.event_id, "not about the charter")
        t.run_followers()
        again = happened(t.store, date(2025, 1, 1), date(2025, 2, 1))
        agreement = next(c for c in again if c.kind == "agreement")
        assert {s.url for s in agreement.sources} == urls - {"https://second.example.org/charter"}
        walked_again = happened(t.store, date(2025, 1, 1), date(2025, 2, 1), fast=False)
        assert [c.model_dump() for c in walked_again] == [c.model_dump() for c in again]


def test_a_reader_that_may_not_write_reads_the_marks_and_walks_only_the_news(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.web.readonly import ReadOnlyDatabase

    path = build_synthetic_log(tmp_path / "log.db", 2_000, relationships=6, seed=5)
    with Tracker.open(path) as t:
        t.run_followers()
        last = max(h.last_occurred for h in t.projection.load_heads() if h.last_occurred)
        key = t.store.relationships()[0]
        a, b = key.split("-")
        news = diplomatic(AgreementSigned, source=a, target=b, occurred=last.isoformat())
        t.append([NewEvent(news)])  # appended; the marks are not caught up
    since, until = last - timedelta(days=60), last + timedelta(days=1)
    reader = ReadOnlyDatabase(path)
    walked: list[str] = []
    real = stored_marks.walked

    def spy(key: str, *args: object) -> object:
        walked.append(key)
        return real(key, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(stored_marks, "walked", spy)
    read = happened(reader.store(), since, until)
    assert walked == [key]  # the pair with news, walked; the others read off the marks
    assert not stored_marks.current(reader.store())
    with Tracker.open(path) as t:
        everything = happened(t.store, since, until, fast=False)
    assert [c.model_dump() for c in read] == [c.model_dump() for c in everything]
    assert any(c.kind == "agreement" and c.relationship == key for c in read)


def test_what_was_learned_from_the_stored_states_is_what_folding_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.changes.windows import learned_between

    path = build_synthetic_log(tmp_path / "log.db", 3_000, relationships=6, seed=6)
    with Tracker.open(path) as t:
        t.run_followers()
        head = t.store.head()
        last = max(h.last_occurred for h in t.projection.load_heads() if h.last_occurred)
        start = last - timedelta(days=20)
        for after in (head // 2, head - head // 10, head - 1):
            read = learned_between(t.store, t.projection, after, head, start, last)
            with monkeypatch.context() as patch:
                patch.setattr(t.projection, "stored_answer", lambda key, day: None)
                folded = learned_between(t.store, t.projection, after, head, start, last)
            assert [c.model_dump() for c in read] == [c.model_dump() for c in folded]
            assert read
