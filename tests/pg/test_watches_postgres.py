"""Watches on a PostgreSQL log: added, queued with their checkpoint, delivered once, and one
daemon at a time sending a watch's outbox."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import seeds
from tracker.app import Tracker
from tracker.cli import cli
from tracker.event_json import read_jsonl
from tracker.watches import WatchBook, run_watches

pytestmark = [pytest.mark.postgresql, pytest.mark.xdist_group("serial")]


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_a_watch_on_postgresql_sends_each_change_once(pg_database: str, tmp_path: Path) -> None:
    with Tracker.open(pg_database) as t:
        t.append(list(read_jsonl(Path(str(seeds.path("timeline.jsonl"))))))
        t.run_followers()
    sent = tmp_path / "sent.jsonl"
    _cli("watch", "add", "usa", "--relationship", "ARM-USA", "--exec", f"cat >> {sent}",
         "--db", pg_database)  # fmt: skip
    _cli("record", "MeetingHeld", "--source", "ARM", "--target", "USA", "--date", "2025-07-01",
         "--url", "https://example.org/m", "--db", pg_database)  # fmt: skip
    with Tracker.open(pg_database) as t:
        assert run_watches(t) == 1
        assert run_watches(t) == 0  # told already
    told = [json.loads(line) for line in sent.read_text().splitlines()]
    assert [(c["relationship"], c["watch"]) for c in told] == [("ARM-USA", "usa")]
    (listed,) = json.loads(_cli("watch", "list", "--json", "--db", pg_database))
    assert (listed["name"], listed["delivered"], listed["waiting"]) == ("usa", 1, 0)
    status = json.loads(_cli("status", "--json", "--db", pg_database))
    assert [w["name"] for w in status["watches"]] == ["usa"]
    _cli("watch", "remove", "usa", "--db", pg_database)
    assert json.loads(_cli("watch", "list", "--json", "--db", pg_database)) == []


def test_one_daemon_at_a_time_delivers_a_watch(pg_database: str) -> None:
    with Tracker.open(pg_database) as one, Tracker.open(pg_database) as other:
        first, second = WatchBook(one.store), WatchBook(other.store)
        with first.delivering("usa") as mine:
            assert mine
            with second.delivering("usa") as theirs:
                assert not theirs
            with second.delivering("eu") as theirs:
                assert theirs  # another watch: free
        with second.delivering("usa") as theirs:
            assert theirs  # let go
