"""The feed commands as a user runs them (in-process, tests/cli.py): exit codes, clear
errors, no tracebacks."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from pytest_httpserver import HTTPServer

from tests import cli


def run(db: Path, *args: str) -> cli.Ran:
    return cli.run(*args, db=db)


def test_feeds_add_list_remove_and_opml_round_trip(db_path: Path, tmp_path: Path) -> None:
    added = run(db_path, "feeds", "add", "https://oc-media.org/feed/", "--interval", "1h", "--json")
    assert added.returncode == 0 and json.loads(added.stdout)["name"] == "oc-media.org"
    assert run(db_path, "feeds", "seed").returncode == 0
    listed = json.loads(run(db_path, "feeds", "list", "--json").stdout)
    assert "civilnet" in {f["name"] for f in listed}
    opml = tmp_path / "feeds.opml"
    assert run(db_path, "feeds", "export-opml", "-o", str(opml)).returncode == 0
    other = tmp_path / "other.db"
    imported = run(other, "feeds", "import-opml", str(opml), "--json")
    assert len(json.loads(imported.stdout)["added"]) == len(listed)
    assert run(db_path, "feeds", "remove", "civilnet").returncode == 0
    assert len(json.loads(run(db_path, "feeds", "list", "--json").stdout)) == len(listed) - 1


def test_bad_input_is_a_clear_error(db_path: Path, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.opml"
    garbage.write_text("this is not xml")
    cases = [
        (("feeds", "add", "not-a-url"), "not a feed URL"),
        (("feeds", "add", "https://[x.example/feed"), "not a feed URL"),  # urlsplit raises
        (("feeds", "add", "https://x.example/feed", "--interval", "soon"), "interval"),
        (("feeds", "remove", "nosuch"), "no feed is called"),
        (("feeds", "import-opml", str(garbage)), "not a readable OPML"),
        (("feeds", "import-opml", str(tmp_path / "missing.opml")), "cannot read"),
        (("fetch", "--feed", "nosuch"), "no feed is called"),
    ]
    for args, message in cases:
        result = run(db_path, *args)
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr


def test_fetch_and_status(
    db_path: Path, httpserver: HTTPServer, make_rss: Callable[..., bytes]
) -> None:
    httpserver.expect_request("/feed").respond_with_data(
        make_rss([{"guid": "1", "title": "One"}, {"guid": "2", "title": "Two"}])
    )
    httpserver.expect_request("/broken").respond_with_data("<html>no</html>", status=500)
    run(db_path, "feeds", "add", httpserver.url_for("/feed"), "--name", "local")
    fetched = run(db_path, "fetch", "--feed", "local", "--json")
    assert fetched.returncode == 0, fetched.stderr
    assert json.loads(fetched.stdout)[0]["new"] == 2
    run(db_path, "feeds", "add", httpserver.url_for("/broken"), "--name", "broken")
    assert run(db_path, "fetch", "--feed", "broken").returncode == 1
    status = json.loads(run(db_path, "status", "--json").stdout)
    assert status["daemon"]["running"] is False
    health = {f["name"]: f for f in status["feeds"]}
    assert health["local"]["articles_ingested"] == 2
    assert health["broken"]["last_error"] == "HTTP 500"
    assert "daemon: not running" in run(db_path, "status").stdout
