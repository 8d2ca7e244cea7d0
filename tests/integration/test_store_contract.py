"""What every store backend promises (tracker.store.protocol), one test class for them all.

Each test runs once per backend of ``tests/store_backends.py`` (the ``log_backend`` fixture):
idempotent appends and the retry of a committed guarded batch, expected versions, the
append-only guard, the chain found broken where it breaks, reads along each axis (position,
stream, party, pair, valid time, transaction time) and the followers' checkpoints.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from events import AgreementSigned, EventRetracted, MeetingHeld, VisitMade
from tests.factories import article, diplomatic
from tests.store_backends import StoreBackend
from tracker.errors import (
    CheckpointMovedError,
    ConcurrencyError,
    DuplicateEventError,
    UnknownEventError,
)
from tracker.store import Checkpoint, LogStore, NewEvent

_PAIR = "relationship-ARM-USA"


class Clock:
    """A clock the test moves: each reading is one minute after the last unless set."""

    def __init__(self) -> None:
        self.now = datetime(2025, 3, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(log_backend: StoreBackend, clock: Clock) -> Iterator[LogStore]:
    opened = log_backend.open(clock)
    try:
        yield opened
    finally:
        opened.close()


class TestStoreContract:
    # -- appending ------------------------------------------------------------------------

    def test_positions_are_gapless_and_one_append_shares_one_stamp(self, store: LogStore) -> None:
        first = store.append([diplomatic(AgreementSigned), diplomatic(VisitMade)])
        second = store.append([NewEvent(article(), metadata={"feed": "f"})])
        assert [r.position for r in first + second] == [1, 2, 3]
        assert [r.version for r in first] == [1, 2]  # one pair, one stream
        assert first[0].recorded_at == first[1].recorded_at < second[0].recorded_at
        assert store.head() == 3
        read = list(store.read())
        assert [(r.position, r.event, r.metadata) for r in read] == [
            (r.position, r.event, r.metadata) for r in first + second
        ]

    def test_appending_an_event_again_is_a_no_op(self, store: LogStore) -> None:
        event = diplomatic(AgreementSigned)
        assert len(store.append([event])) == 1
        assert store.append([event]) == []
        assert store.append_one(event) is None
        assert store.head() == 1

    def test_an_id_in_the_log_with_other_content_is_refused(self, store: LogStore) -> None:
        event = diplomatic(AgreementSigned)
        store.append([event])
        changed = event.model_copy(update={"target": "FRA"})
        with pytest.raises(DuplicateEventError):
            store.append([changed])
        visit = diplomatic(VisitMade)
        with pytest.raises(DuplicateEventError):
            store.append([visit, visit])  # twice in one batch
        assert store.head() == 1

    def test_an_expected_version_guards_the_stream(self, store: LogStore) -> None:
        store.append([NewEvent(diplomatic(AgreementSigned), _PAIR, expected_version=0)])
        store.append([NewEvent(diplomatic(VisitMade), _PAIR, expected_version=1)])
        with pytest.raises(ConcurrencyError) as refused:
            store.append([NewEvent(diplomatic(MeetingHeld), _PAIR, expected_version=1)])
        assert (refused.value.expected, refused.value.actual) == (1, 2)
        assert store.head() == 2 and store.stream_version(_PAIR) == 2

    def test_a_retried_guarded_batch_that_committed_succeeds_with_nothing_appended(
        self, store: LogStore
    ) -> None:
        batch = [
            NewEvent(diplomatic(AgreementSigned), _PAIR, expected_version=0),
            NewEvent(diplomatic(VisitMade), _PAIR),
        ]
        assert len(store.append(batch)) == 2
        # The reply was lost; the client sends the very same batch again.
        assert store.append(batch) == []
        assert store.head() == 2

    def test_a_guarded_batch_partly_in_the_log_is_refused_in_words(self, store: LogStore) -> None:
        signed = diplomatic(AgreementSigned)
        store.append([NewEvent(signed, _PAIR, expected_version=0)])
        grown = [
            NewEvent(signed, _PAIR, expected_version=0),
            NewEvent(diplomatic(VisitMade), _PAIR),
        ]
        with pytest.raises(ConcurrencyError, match="1 of this batch's 2 events") as refused:
            store.append(grown)
        assert refused.value.already == (str(signed.event_id),)
        assert store.head() == 1

    def test_a_conflicting_batch_none_of_which_is_logged_stays_a_conflict(
        self, store: LogStore
    ) -> None:
        store.append([NewEvent(diplomatic(AgreementSigned), _PAIR, expected_version=0)])
        with pytest.raises(ConcurrencyError) as refused:
            store.append([NewEvent(diplomatic(VisitMade), _PAIR, expected_version=0)])
        assert refused.value.already == ()

    def test_an_annotation_of_an_unknown_event_is_refused(self, store: LogStore) -> None:
        orphan = EventRetracted(subject=diplomatic(VisitMade).event_id, reason="misread")
        with pytest.raises(UnknownEventError):
            store.append([orphan])
        assert store.head() == 0

    def test_transaction_time_never_decreases(self, store: LogStore, clock: Clock) -> None:
        first = store.append([diplomatic(AgreementSigned)])[0]
        clock.now -= timedelta(days=1)  # the system clock steps back
        second = store.append([diplomatic(VisitMade)])[0]
        assert second.recorded_at >= first.recorded_at
        assert store.last_recorded_at() == second.recorded_at

    # -- append-only and the chain ---------------------------------------------------------

    @pytest.mark.parametrize(
        "sql",
        [
            "UPDATE events SET payload = '{}' WHERE position = 1",
            "DELETE FROM events WHERE position = 1",
            "UPDATE event_parties SET party = 'FRA'",
            "DELETE FROM event_parties",
            "UPDATE event_relationships SET relationship = 'FRA-USA'",
            "DELETE FROM event_relationships",
        ],
    )
    def test_the_database_refuses_to_change_the_log(
        self, log_backend: StoreBackend, store: LogStore, sql: str
    ) -> None:
        store.append([diplomatic(AgreementSigned)])
        with pytest.raises(log_backend.error, match="append-only"):
            log_backend.execute(sql)
        assert store.verify().ok and len(list(store.read(relationship="ARM-USA"))) == 1

    def test_verify_finds_the_chain_broken_at_the_tampered_row(
        self, log_backend: StoreBackend, store: LogStore
    ) -> None:
        store.append([diplomatic(AgreementSigned, occurred=f"2025-01-0{d}") for d in range(1, 6)])
        assert store.verify() == store.verify() and store.verify().ok
        assert store.verify().events == 5
        log_backend.tamper(3, '{"forged":true}')
        result = store.verify()
        assert (result.ok, result.broken_at, result.events) == (False, 3, 2)

    # -- reading along each axis -----------------------------------------------------------

    def _varied(self, store: LogStore, clock: Clock) -> dict[str, Any]:
        signed = diplomatic(AgreementSigned, occurred="2025-01-14")
        visit = diplomatic(VisitMade, source="FRA", target="ARM", occurred="2025-02")
        store.append([signed, NewEvent(visit, metadata={"feed": "f"})])  # 1, 2
        learned = clock.now
        meeting = diplomatic(MeetingHeld, source="USA", target="FRA", occurred="2024")
        store.append([meeting])  # 3
        store.append([article(article_id="x1", title="One")])  # 4
        store.append([EventRetracted(subject=signed.event_id, reason="misread")])  # 5
        store.append([article(article_id="x1", title="Two", content_hash="1" * 64)])  # 6
        return {"signed": signed, "visit": visit, "meeting": meeting, "learned": learned}

    def test_reads_by_position_stream_type_and_party(self, store: LogStore, clock: Clock) -> None:
        made = self._varied(store, clock)

        def positions(**filters: Any) -> list[int]:
            return [r.position for r in store.read(**filters)]

        assert positions() == [1, 2, 3, 4, 5, 6]
        assert positions(after=2, until=5) == [3, 4, 5]
        assert positions(after=1, limit=2) == [2, 3]
        assert positions(stream=_PAIR) == [1]
        assert positions(stream="article-x1") == [4, 6]
        assert positions(types=["ArticleIngested", "EventRetracted"]) == [4, 5, 6]
        assert positions(party="FRA") == [2, 3]
        assert positions(party="ARM") == [1, 2, 5]  # the retraction is filed under ARM-USA
        assert store.stream_version("article-x1") == 2 and store.stream_version("none") == 0
        signed = made["signed"]
        found = store.get(str(signed.event_id))
        assert found is not None and found.position == 1 and found.event == signed
        assert store.get("00000000-0000-0000-0000-000000000000") is None

    def test_reads_by_relationship(self, store: LogStore, clock: Clock) -> None:
        self._varied(store, clock)
        assert [r.position for r in store.read(relationship="ARM-USA")] == [1, 5]
        assert [r.position for r in store.read(relationship="ARM-FRA")] == [2]
        assert store.relationships() == ["ARM-FRA", "ARM-USA", "FRA-USA"]
        assert store.relationship_counts(4) == [("ARM-FRA", 1), ("ARM-USA", 1), ("FRA-USA", 1)]
        assert [row[0] for row in store.relationship_rows("ARM-USA")] == [1, 5]
        assert [row[0] for row in store.relationship_rows("ARM-USA", until_position=4)] == [1]
        # The pair's news after a position (a seek in its index), up to another.
        assert [row[0] for row in store.relationship_rows("ARM-USA", after_position=1)] == [5]
        after = store.relationship_rows("ARM-USA", after_position=1, until_position=4)
        assert after == []
        by_key = [(row[0], row[1]) for row in store.rows_by_relationship(until=6)]
        assert by_key == [("ARM-FRA", 2), ("ARM-USA", 1), ("ARM-USA", 5), ("FRA-USA", 3)]
        share = [row[0] for row in store.rows_by_relationship(until=6, low="ARM-USA", high="F")]
        assert share == ["ARM-USA", "ARM-USA"]
        assert [row[0] for row in store.rows_between(2, 4)] == [3, 4]
        row = store.rows_between(0, 1)[0]
        assert row[2] == "AgreementSigned" and isinstance(row[4], str)

    def test_reads_by_valid_time(self, store: LogStore, clock: Clock) -> None:
        self._varied(store, clock)
        # A span overlapping the range: the visit of February 2025 (month precision).
        hits = store.read(occurred_from=date(2025, 2, 10), occurred_to=date(2025, 2, 20))
        assert [r.position for r in hits] == [2]
        assert [r.position for r in store.read(occurred_to=date(2024, 12, 31))] == [3]
        before = store.relationship_rows("ARM-USA", as_of=date(2025, 1, 1))
        assert [row[0] for row in before] == [5]  # the fact starts later; annotations stay

    def test_reads_by_transaction_time(self, store: LogStore, clock: Clock) -> None:
        made = self._varied(store, clock)
        learned = made["learned"]
        assert isinstance(learned, datetime)
        assert [r.position for r in store.read(recorded_before=learned)] == [1, 2]
        rows = store.relationship_rows("ARM-USA", known_at=learned)
        assert [row[0] for row in rows] == [1]  # not yet retracted then
        revisions = sorted(store.article_payloads(["article-x1"]))
        assert [version for version, _ in revisions] == [1, 2]
        assert '"title":"Two"' in revisions[1][1]
        assert [v for v, _ in store.article_payloads(["article-x1"], known_at=learned)] == []

    def test_ids_and_probes(self, store: LogStore, clock: Clock) -> None:
        made = self._varied(store, clock)
        signed_id = str(made["signed"].event_id)
        assert store.event_ids_starting(signed_id[:12], 5) == [signed_id]
        assert store.event_ids_starting("zzzzzzzz", 5) == []
        everything = store.event_ids_starting("", 10)
        assert len(everything) == 6 and everything[0] == signed_id
        row = store.row_of(signed_id)
        assert row is not None and row[0] == 1
        assert store.has_events_after(3, ["ArticleIngested"])
        assert not store.has_events_after(6, ["ArticleIngested"])
        assert not store.has_events_after(0, ["PhoneCallHeld"])

    def test_an_empty_log(self, store: LogStore) -> None:
        assert (store.head(), store.last_recorded_at(), store.relationships()) == (0, None, [])
        assert list(store.read()) == [] and store.verify().ok

    # -- followers -------------------------------------------------------------------------

    def test_an_append_moves_a_followers_checkpoint_with_its_events(self, store: LogStore) -> None:
        store.append([article()])
        assert store.checkpoint("extraction") == 0
        derived = diplomatic(AgreementSigned)
        store.append([derived], checkpoint=Checkpoint("extraction", 0, 1))
        assert (store.checkpoint("extraction"), store.head()) == (1, 2)
        # Another process read from 0 too and appends what it found: refused, nothing written.
        with pytest.raises(CheckpointMovedError):
            store.append([diplomatic(VisitMade)], checkpoint=Checkpoint("extraction", 0, 1))
        assert store.head() == 2
        # The same append again (a retry after a lost reply): success, nothing appended.
        assert store.append([derived], checkpoint=Checkpoint("extraction", 0, 1)) == []
        # An empty batch only moves the checkpoint.
        assert store.append([], checkpoint=Checkpoint("extraction", 1, 2)) == []
        assert (store.checkpoint("extraction"), store.head()) == (2, 2)

    def test_a_following_transaction_commits_or_rolls_back_as_one(self, store: LogStore) -> None:
        store.append([diplomatic(AgreementSigned), diplomatic(VisitMade)])
        with store.following("projection") as follow:
            assert (follow.name, follow.position, follow.head) == ("projection", 0, 2)
            follow.advance(2)
        assert store.checkpoint("projection") == 2
        with pytest.raises(RuntimeError), store.following("projection") as follow:
            follow.advance(5)
            raise RuntimeError("the follower failed half way")
        assert store.checkpoint("projection") == 2
        assert store.checkpoint("other") == 0

    def test_two_followers_of_one_name_never_apply_the_same_events(
        self, log_backend: StoreBackend, store: LogStore
    ) -> None:
        store.append([diplomatic(AgreementSigned) for _ in range(3)])
        other = log_backend.open()
        seen: list[int] = []
        try:
            with store.following("projection") as first:
                waiter = threading.Thread(target=self._follow_once, args=(other, seen))
                waiter.start()
                waiter.join(0.3)
                assert waiter.is_alive(), "the second follower did not wait for the first"
                first.advance(first.head)
            waiter.join(30)
            # The second began where the first ended: nothing applied twice.
            assert seen == [3]
            assert store.checkpoint("projection") == 3
        finally:
            other.close()

    @staticmethod
    def _follow_once(store: LogStore, seen: list[int]) -> None:
        with store.following("projection") as follow:
            seen.append(follow.position)
            follow.advance(follow.head)
