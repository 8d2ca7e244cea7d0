"""``tracker timeline``: a pair's events in the order they happened, with what each changed;
``--since`` hides the facts before it and the further sources of those facts."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from events import EventCorroborated, Evidence, MeetingHeld
from tests.cli import run
from tests.factories import diplomatic
from tracker.app import Tracker


def _two_meetings(path: Path) -> tuple[str, str, str]:
    """A meeting in 2024 and one in 2025, each told again by a second outlet (learned after
    both meetings: the fold takes further sources after every fact)."""
    with Tracker.open(path) as t:
        old = diplomatic(MeetingHeld, occurred="2024-03-10")
        new = diplomatic(MeetingHeld, occurred="2025-02-20")
        notes = [
            EventCorroborated(
                subject=e.event_id, evidence=Evidence(url=f"https://second.example.org/{n}")
            )
            for n, e in enumerate((old, new))
        ]
        t.append([old, new])
        t.append(notes)
        t.run_followers()
    return str(old.event_id), str(new.event_id), str(notes[1].event_id)


def test_since_hides_the_further_sources_of_the_facts_before_it(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    old, new, new_note = _two_meetings(path)
    with Tracker.open(path) as t:
        every = t.timeline("ARM", "USA")
        recent = t.timeline("ARM", "USA", since=date(2025, 1, 1))
    kinds = ["MeetingHeld", "MeetingHeld", "EventCorroborated", "EventCorroborated"]
    assert [e.event_type for e in every] == kinds
    # The 2025 meeting and its second source, each with the change it made in the fold of
    # everything; the 2024 meeting and its second source hidden.
    assert recent == [e for e in every if e.event_id in (new, new_note)]
    assert [e.event_id for e in recent] == [new, new_note]
    assert old not in {e.event_id for e in recent}
    shown = run("timeline", "ARM", "USA", "--since", "2025-01-01", "--json", db=path)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == [json.loads(e.model_dump_json()) for e in recent]


def test_the_timeline_reads_the_events_it_shows_and_no_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fold reads the pair's rows as the state's folds do; each entry shown reads its
    # own event for its words (a busy pair's whole history decoded as models cost 1.4 s).
    path = tmp_path / "t.db"
    _two_meetings(path)
    with Tracker.open(path) as t:
        asked: list[str] = []
        get = t.store.get

        def counted(event_id: str) -> Any:
            asked.append(event_id)
            return get(event_id)

        monkeypatch.setattr(t.store, "get", counted)
        recent = t.timeline("ARM", "USA", since=date(2025, 1, 1))
    assert asked == [e.event_id for e in recent] and len(recent) == 2
