"""The changes on the web: the /changes page, the Atom feed, a relationship's changes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from fastapi.testclient import TestClient

from events import AgreementSigned, Evidence
from tests.factories import diplomatic
from tracker.app import Tracker
from tracker.web.app import create_app

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">'


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    """A log whose agreement name, sentence and url come from a hostile feed."""
    path = tmp_path / "hostile.db"
    evidence = Evidence(
        article_id="a1",
        url="javascript:alert(3)",
        sentence=HOSTILE,
        extractor="test",
        extractor_version="0",
    )
    with Tracker.open(path) as t:
        t.record(diplomatic(AgreementSigned, agreement=HOSTILE + " Accord", evidence=[evidence]))
        t.record(diplomatic(AgreementSigned, occurred="2025-01-20", agreement="Trade Accord"))
        t.run_followers()
    return path


@pytest.fixture
def client(seed_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(seed_db), raise_server_exceptions=False) as c:
        yield c


def test_changes_page_lists_what_happened_with_filters(client: TestClient) -> None:
    page = client.get("/changes", params={"window": "happened", "since": "2024-01-01"})
    assert page.status_code == 200
    html = page.text
    assert "Charter on Strategic Partnership" in html
    assert "What happened since 2024-01-01" in html
    assert ">Atom feed</a>" in html
    only = client.get(
        "/changes",
        params={"window": "happened", "since": "2024-01-01", "relationship": "USA-ARM"},
    ).text
    assert "Armenia – United States" in only and "CSTO" not in only
    learned = client.get("/changes", params={"since": "30d"}).text
    assert "What the log learned since 30d" in learned
    assert client.get("/changes", params={"window": "someday"}).status_code == 400
    assert client.get("/changes", params={"since": "soon"}).status_code == 400
    assert client.get("/changes", params={"kind": "gossip"}).status_code == 400


def test_the_feed_parses_and_its_ids_are_stable_across_requests(client: TestClient) -> None:
    response = client.get("/changes.atom", params={"since": "2000-01-01", "actor": "USA"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.text)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.entries
    assert all("United States" in e.title for e in feed.entries)
    again = feedparser.parse(
        client.get("/changes.atom", params={"since": "2000-01-01", "actor": "USA"}).text
    )
    assert [e.id for e in again.entries] == [e.id for e in feed.entries]
    assert feed.feed.id.endswith("actor=USA")


def test_feed_ids_survive_a_rebuild(seed_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "seed.db"
    copy.write_bytes(seed_db.read_bytes())
    with TestClient(create_app(copy)) as c:
        before = feedparser.parse(c.get("/changes.atom", params={"since": "2000-01-01"}).text)
    with Tracker.open(copy) as t:
        t.rebuild_projection()
    with TestClient(create_app(copy)) as c:
        after = feedparser.parse(c.get("/changes.atom", params={"since": "2000-01-01"}).text)
    assert not after.bozo
    assert [e.id for e in after.entries] == [e.id for e in before.entries]


def test_relation_page_shows_the_changes_around_its_date(client: TestClient) -> None:
    html = client.get("/relations/ARM-USA", params={"as_of": "2025-01-20"}).text
    section = html[html.index('id="changes"') : html.index("<h2>Timeline</h2>")]
    assert "Charter on Strategic Partnership" in section and "signed" in section
    quiet = client.get("/relations/ARM-USA", params={"as_of": "2024-06-01"}).text
    assert "No change in this window." in quiet


def test_hostile_text_is_escaped_everywhere(hostile_db: Path) -> None:
    with TestClient(create_app(hostile_db)) as c:
        for path, params in (
            ("/changes", {"window": "happened", "since": "2000-01-01"}),
            ("/relations/ARM-USA", {"as_of": "2025-01-20"}),
        ):
            response = c.get(path, params=params)
            assert response.status_code == 200
            assert HOSTILE not in response.text
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
            assert 'href="javascript:' not in response.text
            assert "script-src 'nonce-" in response.headers["content-security-policy"]
        feed = c.get("/changes.atom", params={"since": "2000-01-01"}).text
        parsed = feedparser.parse(feed)
        assert not parsed.bozo
        assert HOSTILE not in feed and "javascript:" not in feed
        assert any("<script>" in e.title for e in parsed.entries)  # as text, escaped in XML


def test_a_page_over_a_file_without_the_marks_walks_for_itself(
    seed_db: Path, tmp_path: Path
) -> None:
    # A file from before the marks, or one the server may not write: the page only reads.
    copy = tmp_path / "old.db"
    copy.write_bytes(seed_db.read_bytes())
    with sqlite3.connect(copy) as conn:
        conn.execute("DROP TABLE change_marks")
        conn.execute("DROP TABLE change_walks")
        conn.execute("DELETE FROM schema_versions WHERE component = 'change_marks'")
    with TestClient(create_app(copy), raise_server_exceptions=False) as c:
        page = c.get("/changes", params={"window": "happened", "since": "2024-01-01"})
    assert page.status_code == 200
    assert "Charter on Strategic Partnership" in page.text
    with sqlite3.connect(copy) as conn:  # and wrote nothing
        assert not conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'change_marks'"
        ).fetchall()


def test_a_url_that_does_not_parse_is_not_linked(tmp_path: Path) -> None:
    # A feed's link is stored as the feed gave it; one with an unbalanced "[" in its host
    # makes urlsplit raise ("Invalid IPv6 URL"). Each page answers, citing it with no link,
    # as it does a javascript: url.
    path = tmp_path / "bracket.db"
    url = "https://[news.example.org/a"
    evidence = Evidence(url=url, sentence="Signed.", extractor="test", extractor_version="0")
    with Tracker.open(path) as t:
        t.record(diplomatic(AgreementSigned, agreement="Trade Accord", evidence=[evidence]))
        t.run_followers()
    with TestClient(create_app(path)) as c:
        for address, params in (
            ("/relations/ARM-USA", {}),
            ("/api/relations/ARM-USA", {}),
            ("/changes", {"window": "happened", "since": "2000-01-01"}),
            ("/changes.atom", {"since": "2000-01-01"}),
        ):
            response = c.get(address, params=params)
            assert response.status_code == 200, address
            assert f'href="{url}' not in response.text
        assert "Signed." in c.get("/relations/ARM-USA").text
