"""The JSON API over the demo database, through FastAPI's test client."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tracker.web.app import create_app


@pytest.fixture
def client(seed_db: Path) -> Iterator[TestClient]:
    # Server errors come back as responses (as a browser would see them), not as exceptions.
    with TestClient(create_app(seed_db), raise_server_exceptions=False) as c:
        yield c


def _agreements(body: dict[str, object]) -> dict[str, str]:
    state = body["state"]
    assert isinstance(state, dict)
    return {a["name"]: a["status"] for a in state["agreements"]}


def test_relations_lists_every_relationship_with_label_contact_tone_and_count(
    client: TestClient,
) -> None:
    rows = {r["relationship"]: r for r in client.get("/api/relations").json()}
    usa = rows["ARM-USA"]
    assert usa["label"] == "strategic partnership"
    assert usa["last_contact"]["date"] == "2025-03-11"
    assert usa["tone"]["overall"]["mean_goldstein"] > 0
    assert usa["events"] == 6
    assert "ARM-CSTO" in rows


def test_relations_filter_by_actor_name_and_sort_by_events(client: TestClient) -> None:
    only_usa = client.get("/api/relations", params={"actor": "United States"}).json()
    assert [r["relationship"] for r in only_usa] == ["ARM-USA"]
    ranked = client.get("/api/relations", params={"sort": "events", "order": "desc"}).json()
    counts = [r["events"] for r in ranked]
    assert counts == sorted(counts, reverse=True) and ranked[0]["relationship"] == "ARM-USA"


def test_relations_as_of_before_anything_happened_is_empty(client: TestClient) -> None:
    assert client.get("/api/relations", params={"as_of": "2000-01-01"}).json() == []


def test_relation_as_of_the_day_before_the_charter_and_today(client: TestClient) -> None:
    before = client.get("/api/relations/ARM-USA", params={"as_of": "2025-01-13"}).json()
    assert "Charter on Strategic Partnership" not in _agreements(before)
    assert before["state"]["label"] != "strategic partnership"
    today = client.get("/api/relations/ARM-USA").json()
    assert _agreements(today)["Charter on Strategic Partnership"] == "signed"
    # The events after the as-of date are listed too, marked as still to come.
    assert any(e["after_as_of"] for e in before["events"])
    assert not any(e["after_as_of"] for e in today["events"])


def test_relation_known_at_before_the_log_knew_anything(client: TestClient) -> None:
    body = client.get("/api/relations/ARM-USA", params={"known_at": "2020-01-01T00:00Z"}).json()
    assert body["state"]["events"] == 0 and body["events"] == []


def test_relation_events_carry_sources_goldstein_and_quad_class(client: TestClient) -> None:
    events = client.get("/api/relations/USA-Armenia").json()["events"]
    signed = next(e for e in events if e["event_type"] == "AgreementSigned")
    assert signed["goldstein"] > 0 and signed["quad_name"] == "verbal cooperation"
    assert signed["sources"] and signed["sources"][0]["article_id"]
    assert {e["modality"] for e in events} >= {"realized", "planned", "failed"}


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/api/relations/ARM-XYZ", 404, "unknown actor 'XYZ'"),
        ("/api/relations/Armenia-Atlantis", 404, "unknown actor"),
        ("/api/relations/ARM-ARM", 400, "two different actors"),
        ("/api/relations/ARMUSA", 400, "write two actors as ARM-USA"),
        ("/api/relations/ARM-USA?as_of=2025-13-45", 400, "'2025-13-45' is not a date"),
        ("/api/relations/ARM-USA?as_of=yesterday", 400, "is not a date"),
        ("/api/relations/ARM-USA?known_at=2025-02-30T00:00Z", 400, "is not a timestamp"),
        ("/api/relations/ARM-USA'; DROP TABLE events;--", 404, "unknown actor"),
        ("/api/relations/ARM-USA?as_of=2025-01-01' OR '1'='1", 400, "is not a date"),
        ("/api/relations?actor=' OR 1=1 --", 404, "unknown actor"),
        ("/api/relations?sort=events; DROP TABLE events", 400, "is not one of"),
        ("/api/relations?order=sideways", 422, "order"),
        ("/api/relations?actor=" + "A" * 5000, 400, "too long"),
    ],
)
def test_bad_parameters_are_answered_4xx_with_a_clear_message(
    client: TestClient, seed_db: Path, url: str, status: int, words: str
) -> None:
    response = client.get(url)
    assert response.status_code == status, response.text
    assert words in response.json()["detail"]


def test_bad_input_leaves_the_log_untouched(client: TestClient, seed_db: Path) -> None:
    client.get("/api/relations/ARM-USA'; DROP TABLE events;--")
    with sqlite3.connect(seed_db) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] > 0


def test_openapi_schema_describes_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/api/relations", "/api/relations/{pair}"} <= set(schema["paths"])
    assert "RelationshipView" in schema["components"]["schemas"]


def test_the_server_cannot_write_the_database(seed_db: Path) -> None:
    from tracker.web.readonly import ReadOnlyDatabase

    conn = ReadOnlyDatabase(seed_db).conn()
    with pytest.raises(sqlite3.OperationalError, match="readonly|read-only"):
        conn.execute("CREATE TABLE scribble (x)")


def test_an_absent_database_is_refused_with_a_message(tmp_path: Path) -> None:
    from tracker.errors import UsageError

    with pytest.raises(UsageError, match="no database"):
        create_app(tmp_path / "absent.db")


@pytest.mark.parametrize("as_of", ["2024-12-31", "2025-01-13", "2025-01-14", "2025-02-15", None])
@pytest.mark.parametrize("known_at", [None, "2020-01-01T00:00Z"])
def test_page_state_equals_the_state_query(
    seed_db: Path, as_of: str | None, known_at: str | None
) -> None:
    from datetime import date

    from tracker.app import Tracker
    from tracker.cli.common import parse_timestamp
    from tracker.web.data import relation_page
    from tracker.web.readonly import ReadOnlyDatabase

    day = date.fromisoformat(as_of) if as_of else None
    moment = parse_timestamp(known_at, "known_at")
    page = relation_page(ReadOnlyDatabase(seed_db), "ARM", "USA", as_of=day, known_at=moment)
    with Tracker.open(seed_db) as tracker:
        assert page.state == tracker.state("ARM", "USA", as_of=day, known_at=moment)


def test_a_log_never_opened_by_the_tracker_api_is_served(tmp_path: Path) -> None:
    from tracker.store import EventStore

    path = tmp_path / "bare.db"
    EventStore.open(path).close()  # a log, but no projection tables yet
    with TestClient(create_app(path)) as c:
        assert c.get("/api/relations").json() == []
        assert c.get("/api/relations/ARM-USA").json()["state"]["events"] == 0
        assert c.get("/relations/ARM-USA").status_code == 200
