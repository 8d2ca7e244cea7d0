"""Commitments resolved before a state's kept days are counted, not listed (a bounded state).

News tells many acts as plans first ("will visit"); each is a commitment once told. A state
that listed every one grew with every year of news (3.3 MB at 50,000 events with one contact
in two told as a plan, tracker bench --only scale); it lists those pending or resolved in its
kept days (:func:`tracker.projections.tone.keep_from`) and counts the rest by key.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from fastapi.testclient import TestClient

from events import DiplomaticEvent, MeetingHeld, Modality, VisitMade
from tests.cli import run
from tests.factories import diplomatic
from tracker.app import Tracker
from tracker.changes.windows import between
from tracker.projections import fold
from tracker.queries.rows import relationship_events
from tracker.web.app import create_app

KEY = "planned:VisitMade:USA->ARM:"


def _visit(day: str, modality: Modality = Modality.REALIZED) -> DiplomaticEvent:
    fields = {"source": "USA", "target": "ARM", "level": "foreign_minister"}
    return diplomatic(VisitMade, occurred=day, modality=modality, **fields)


def _year_of_news(path: Path) -> None:
    """A visit planned in January 2024 and made in February, then a meeting a month."""
    with Tracker.open(path) as t:
        t.record(_visit("2024-01-10", Modality.PLANNED))
        t.record(_visit("2024-02-01"))
        for month in range(3, 13):
            t.record(diplomatic(MeetingHeld, occurred=f"2024-{month:02d}-15"))
        t.run_followers()


def test_a_commitment_resolved_long_before_the_last_news_is_counted(tmp_path: Path) -> None:
    path = tmp_path / "counted.db"
    _year_of_news(path)
    with Tracker.open(path) as t:
        now = t.state("ARM", "USA")
        assert now.commitments == ()
        assert [tuple(e) for e in now.earlier_commitments] == [(KEY, 1, 0)]
        # As of a day near the visit, it is listed: kept, with its date and sources.
        then = t.state("ARM", "USA", as_of=date(2024, 3, 1))
        (listed,) = then.commitments
        assert (listed.status, listed.status_date) == ("fulfilled", "2024-02-01")
        assert then.earlier_commitments == ()
        assert t.verify().ok
    shown = run("state", "ARM", "USA", db=path)
    assert shown.returncode == 0, shown.stderr
    assert "and 1 resolved earlier (1 kept)" in " ".join(shown.stdout.split())
    with TestClient(create_app(path)) as client:
        page = client.get("/relations/ARM-USA").text
        assert "And 1 resolved earlier (1 kept)" in page
        api = client.get("/api/relations/ARM-USA").json()
        assert api["state"]["earlier_commitments"] == [[KEY, 1, 0]]


def test_late_news_of_a_counted_commitments_key_folds_it_again(tmp_path: Path) -> None:
    # Learned late: the visit planned for January failed on the 20th; the February visit
    # then fulfilled nothing (no plan was open). The counted commitment is not kept but
    # failed, as a fold from the start has it.
    path = tmp_path / "late.db"
    _year_of_news(path)
    with Tracker.open(path) as t:
        t.record(_visit("2024-01-20", Modality.FAILED))
        t.run_followers()
        now = t.state("ARM", "USA")
        assert [tuple(e) for e in now.earlier_commitments] == [(KEY, 0, 1)]
        assert t.verify().ok  # the stored state equals a rebuild
        folded = fold("ARM-USA", relationship_events(t.store, "ARM-USA"))
        assert folded.earlier_commitments == now.earlier_commitments


def test_changes_tell_a_commitment_resolved_in_a_window_longer_than_the_kept_days(
    tmp_path: Path,
) -> None:
    # Read off the marks (as known now), and by comparing two states (as known at a
    # moment): both tell the visit kept, though the state as of the window's end counts it.
    path = tmp_path / "changes.db"
    _year_of_news(path)
    shown = run(
        "changes", "--since", "2023-12-01", "--until", "2024-12-31", "--kind", "commitment",
        "--json", db=path,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    assert [c["change"]["after"] for c in json.loads(shown.stdout)] == ["fulfilled"]
    with Tracker.open(path) as t:
        moment = datetime.now(UTC)
        diff = between(t.store, "ARM-USA", date(2023, 12, 1), date(2024, 12, 31), moment)
        told = [c.change.after for c in diff.changes if c.kind == "commitment"]
        assert told == ["fulfilled"]
        assert [tuple(e) for e in diff.after.earlier_commitments] == []  # listed: compared
        # Read bounded first (``tracker diff``): the later state counts the visit the
        # earlier lists as planned, so the two are folded listing every commitment.
        window = (date(2023, 12, 1), date(2024, 12, 31))
        assert between(t.store, "ARM-USA", *window, moment, t.projection) == diff
        # Backwards, to a day the visit is listed on (kept): the later state only counts
        # it, so it would seem opened; folded, it is kept on both days, no change.
        for back in (window[::-1], (date(2024, 12, 31), date(2024, 3, 1))):
            for known in (moment, None):
                folded = between(t.store, "ARM-USA", *back, known)
                assert between(t.store, "ARM-USA", *back, known, t.projection) == folded
                assert not [c for c in folded.changes if c.kind == "commitment"]
    shown = run(
        "diff", "ARM", "USA", "--from", "2023-12-01", "--to", "2024-12-31",
        "--known-at", moment.isoformat(), "--json", db=path,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == json.loads(diff.model_dump_json())
