"""The web page and its JSON API over a PostgreSQL log: what they serve over the SQLite file
the log was migrated from."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import seeds
from tracker.app import Tracker
from tracker.cli import cli
from tracker.event_json import read_jsonl
from tracker.web.app import create_app
from tracker.web.prepare import prepare

pytestmark = pytest.mark.postgresql

QUESTIONS = [
    "/api/relations",
    "/api/relations?actor=ARM&as_of=2025-01-13&sort=events&order=desc",
    "/api/relations/ARM-USA",
    "/api/relations/ARM-USA?as_of=2025-01-13",
    "/api/relations/ARM-USA?as_of=2025-06-30&known_at=2030-01-01T00:00Z",
]


@pytest.fixture
def both(tmp_path: Path, pg_database: str) -> tuple[str, str]:
    path = tmp_path / "source.db"
    with Tracker.open(path) as t:
        t.append(list(read_jsonl(Path(str(seeds.path("timeline.jsonl"))))))
        t.run_followers()
    result = CliRunner().invoke(cli, ["migrate", "--db", str(path), "--to", pg_database])
    assert result.exit_code == 0, result.output
    return str(path), pg_database


def test_the_api_answers_on_postgresql_as_on_sqlite(both: tuple[str, str]) -> None:
    lite, pg = both
    prepared = prepare(pg)  # what `tracker serve` does first: the projection caught up
    assert prepared.problem is None
    with TestClient(create_app(lite)) as on_file, TestClient(create_app(pg)) as on_server:
        for question in QUESTIONS:
            answer = on_server.get(question)
            assert answer.status_code == 200, answer.text
            assert answer.json() == on_file.get(question).json(), question
        assert len(on_server.get("/api/relations").json()) >= 4


def test_the_pages_serve_on_postgresql(both: tuple[str, str]) -> None:
    pg = both[1]
    prepare(pg)
    with TestClient(create_app(pg)) as client:
        listing = client.get("/")
        assert listing.status_code == 200
        assert "Armenia" in listing.text
        page = client.get("/relations/ARM-USA", params={"as_of": "2025-06-30"})
        assert page.status_code == 200
        assert "Charter on Strategic Partnership" in page.text
        assert client.get("/api/relations/ARM-XXX").status_code == 404


def test_the_page_reads_the_states_the_follower_stores_on_the_server(pg_database: str) -> None:
    # A relationship first seen after the stored checkpoint is listed (folded from the log)
    # until the follower catches up; then from the stored states.
    with Tracker.open(pg_database) as t:
        t.append(list(read_jsonl(Path(str(seeds.path("timeline.jsonl"))))))
        t.run_followers()
    with TestClient(create_app(pg_database)) as client:
        before = client.get("/api/relations").json()
        record = ["record", "MeetingHeld", "--source", "ARM", "--target", "FRA",
                  "--date", "2025-07-01", "--url", "https://example.org/m"]  # fmt: skip
        assert CliRunner().invoke(cli, [*record, "--db", pg_database]).exit_code == 0
        after = client.get("/api/relations").json()
        assert {r["relationship"] for r in after} == {r["relationship"] for r in before} | {
            "ARM-FRA"
        }


def test_a_timeline_on_postgresql_grows_by_news_as_one_built_afresh(pg_database: str) -> None:
    from datetime import timedelta

    from events import EventCorroborated, Evidence, MeetingHeld
    from tests.factories import diplomatic
    from tracker.web import data
    from tracker.web.readonly import ReadOnlyDatabase

    with Tracker.open(pg_database) as t:
        t.append(list(read_jsonl(Path(str(seeds.path("timeline.jsonl"))))))
        t.run_followers()
    db = ReadOnlyDatabase(pg_database)
    first = data.timeline(db, "ARM-USA", None)
    last = first.facts[-1].occurred_start
    news = diplomatic(MeetingHeld, occurred=(last + timedelta(days=3)).isoformat())
    source = Evidence(url="https://more.example.org/pg")
    with Tracker.open(pg_database) as t:
        t.append([news, EventCorroborated(subject=first.facts[0].event_id, evidence=source)])
        t.run_followers()
    grown = data._grown(db, db.head(), "ARM-USA")
    fresh = data.timeline(ReadOnlyDatabase(pg_database), "ARM-USA", None)
    assert grown is not None and len(grown.facts) == len(first.facts) + 1
    assert list(grown.items) == list(fresh.items)
    assert grown.lifecycles == fresh.lifecycles and grown.notes == fresh.notes
    for day in fresh.days:
        assert grown.states(day) == fresh.states(day)
