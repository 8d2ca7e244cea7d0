"""`tracker fetch` and `tracker status` at 80 columns, and fetch's exit status."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pytest_httpserver import HTTPServer

from tracker.cli import cli
from tracker.cli.render import console


@pytest.fixture(autouse=True)
def eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    # The console is made once per process; another test may have sized it already.
    monkeypatch.setattr(console, "_width", 80)


def invoke(*args: str, db: Path) -> Result:
    return CliRunner().invoke(cli, [*args, "--db", str(db)], env={"COLUMNS": "80"})


def feeds(db: Path, httpserver: HTTPServer, make_rss: Callable[..., bytes]) -> None:
    httpserver.expect_request("/feed").respond_with_data(make_rss([{"guid": "1", "title": "A"}]))
    long_error = "<html>" + "the server is having a very bad day indeed " * 10 + "</html>"
    httpserver.expect_request("/broken").respond_with_data(long_error, status=503)
    for name, path in (("local", "/feed"), ("broken-feed-with-a-long-name", "/broken")):
        added = invoke("feeds", "add", httpserver.url_for(path), "--name", name, db=db)
        assert added.exit_code == 0, added.output
        assert "1 feed added" in added.output or "added" in added.output


def test_fetch_exits_1_when_a_feed_fails_unless_some_will_do(
    db_path: Path, httpserver: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    feeds(db_path, httpserver, make_rss)
    assert invoke("fetch", db=db_path).exit_code == 1
    assert invoke("fetch", "--ok-if-some", db=db_path).exit_code == 0
    only_broken = invoke(
        "fetch", "--ok-if-some", "--feed", "broken-feed-with-a-long-name", db=db_path
    )
    assert only_broken.exit_code == 1
    assert invoke("fetch", "--feed", "local", db=db_path).exit_code == 0


def test_fetch_and_status_fit_80_columns_one_row_per_feed(
    db_path: Path, httpserver: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    feeds(db_path, httpserver, make_rss)
    for result in (invoke("fetch", db=db_path), invoke("status", db=db_path)):
        lines = result.output.splitlines()
        assert max(len(line) for line in lines) <= 80, result.output
        rows = [line for line in lines if line.startswith("│")]
        assert len(rows) == 2, result.output  # one line per feed: nothing wraps
        assert any(line.startswith("broken-feed-with-a-long-name: ") for line in lines)
    detail = json.loads(invoke("status", "--json", db=db_path).output)
    broken = {f["name"]: f for f in detail["feeds"]}["broken-feed-with-a-long-name"]
    assert broken["last_error"]
