"""Watches deliver each matching change once: a real command, a real local HTTP server."""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from events import AgreementSigned, MeetingHeld, PledgeMade
from tests.cli import run
from tests.factories import diplomatic
from tracker.app import Tracker
from tracker.changes import ChangeFilter
from tracker.watches import Settings, WatchBook, run_watches

TODAY = datetime.now(UTC).date()
FAST = Settings(tries=3, backoff_s=0.01, wait_s=60)

RECEIVER = """\
import json, os, sys
change = json.load(sys.stdin)
assert change["id"] == os.environ["TRACKER_CHANGE_ID"]
with open(sys.argv[1], "a") as out:
    out.write(json.dumps(change) + "\\n")
"""


def receiver(tmp_path: Path) -> tuple[str, Path]:
    script, out = tmp_path / "receive.py", tmp_path / "received.jsonl"
    script.write_text(RECEIVER)
    return f"{sys.executable} {script} {out}", out


def received(out: Path) -> list[dict[str, object]]:
    if not out.exists():
        return []
    return [json.loads(line) for line in out.read_text().splitlines()]


def test_exec_watch_gets_each_matching_change_once(db_path: Path, tmp_path: Path) -> None:
    command, out = receiver(tmp_path)
    with Tracker.open(db_path) as t:
        t.record(diplomatic(MeetingHeld, occurred="2025-01-10"))  # before the watch: not told
        t.run_followers()
        book = WatchBook(t.store)
        book.add(
            "usa",
            ChangeFilter(actors=("USA",), kinds=("agreement",)),
            exec_cmd=command,
            webhook=None,
        )
        assert run_watches(t, FAST) == 0
        t.record(diplomatic(AgreementSigned, occurred="2025-01-14"))
        t.record(diplomatic(AgreementSigned, occurred="2025-01-15", target="FRA"))
        t.run_followers()
        assert run_watches(t, FAST) == 1
        assert run_watches(t, FAST) == 0
    got = received(out)
    assert [c["kind"] for c in got] == ["agreement"]
    assert got[0]["relationship"] == "ARM-USA" and got[0]["watch"] == "usa"
    assert str(got[0]["summary"]).startswith("the Charter on Strategic Partnership: signed")
    listed = run("watch", "list", db=db_path)
    assert "usa: agreement changes involving USA" in listed.stdout
    assert "1 delivered, 0 waiting" in listed.stdout


def test_a_webhook_that_fails_twice_then_succeeds_delivers_once(
    db_path: Path, httpserver: HTTPServer
) -> None:
    answers = iter([500, 503, 200, 200, 200])
    bodies: list[dict[str, object]] = []

    def hook(request: Request) -> Response:
        status = next(answers)
        if status == 200:
            bodies.append(json.loads(request.get_data()))
            assert request.headers["Idempotency-Key"] == bodies[-1]["id"]
        return Response("", status=status)

    httpserver.expect_request("/hook", method="POST").respond_with_handler(hook)
    with Tracker.open(db_path) as t:
        WatchBook(t.store).add(
            "hook",
            ChangeFilter(kinds=("agreement",)),
            exec_cmd=None,
            webhook=httpserver.url_for("/hook"),
        )
        t.record(diplomatic(AgreementSigned, occurred="2025-01-14"))
        t.run_followers()
        assert run_watches(t, FAST) == 1
        assert run_watches(t, FAST) == 0
    assert len(bodies) == 1 and bodies[0]["kind"] == "agreement"
    assert len(httpserver.log) == 3
    status = json.loads(run("status", "--json", db=db_path).stdout)
    assert status["watches"] == [
        {
            "name": "hook",
            "sends_to": httpserver.url_for("/hook"),
            "delivered": 1,
            "waiting": 0,
            "failing": False,
            "attempts": 0,
            "last_error": None,
            "next_try": None,
        }
    ]


def test_failures_wait_with_backoff_and_show_in_status(
    db_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/down").respond_with_data("no", status=500)
    with Tracker.open(db_path) as t:
        WatchBook(t.store).add(
            "down", ChangeFilter(), exec_cmd=None, webhook=httpserver.url_for("/down")
        )
        t.record(diplomatic(AgreementSigned, occurred="2025-01-14"))
        t.run_followers()
        assert run_watches(t, FAST) == 0
        tried = len(httpserver.log)
        assert tried == 3
        assert run_watches(t, FAST) == 0  # waiting a minute: not tried again
        assert len(httpserver.log) == tried
    shown = run("status", db=db_path).stdout
    assert "watch down: 0 delivered," in shown and "failing after 3 tries (HTTP 500)" in shown


def test_an_overdue_commitment_is_told_on_the_day_with_no_new_event(
    db_path: Path, tmp_path: Path
) -> None:
    command, out = receiver(tmp_path)
    due = TODAY - timedelta(days=1)
    with Tracker.open(db_path) as t:
        t.record(
            diplomatic(PledgeMade, occurred="2025-01-10", due=due.isoformat(), commitment="team")
        )
        t.run_followers()
        WatchBook(t.store).add(
            "due", ChangeFilter(kinds=("commitment",)), exec_cmd=command, webhook=None
        )
        head = t.store.head()
        assert run_watches(t, FAST) == 0  # checked today already: nothing new
    # The watch last judged the calendar on the due date (yesterday); today it checks again.
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE watches SET checked_day = ?", (due.isoformat(),))
    with Tracker.open(db_path) as t:
        assert run_watches(t, FAST) == 1
        assert run_watches(t, FAST) == 0
        assert t.store.head() == head
    (told,) = received(out)
    assert told["kind"] == "commitment"
    assert told["change"]["after"] == "overdue"  # type: ignore[index]


def test_watch_commands_refuse_bad_input(db_path: Path) -> None:
    Tracker.open(db_path).close()
    assert run("watch", "add", "x", db=db_path).returncode == 2
    both = run("watch", "add", "x", "--exec", "true", "--webhook", "http://localhost/", db=db_path)
    assert both.returncode == 2 and "one place" in both.stderr
    bad = run("watch", "add", "x", "--webhook", "ftp://example.org", db=db_path)
    assert bad.returncode == 2 and "http(s)" in bad.stderr
    assert run("watch", "add", "x", "--exec", "true", db=db_path).returncode == 0
    again = run("watch", "add", "x", "--exec", "true", db=db_path)
    assert again.returncode == 2 and "exists" in again.stderr
    assert run("watch", "remove", "x", db=db_path).returncode == 0
    assert run("watch", "remove", "x", db=db_path).returncode == 2
