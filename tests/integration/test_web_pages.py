"""The HTML pages over the demo database: what they show, and how they refuse bad input."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from events import DiplomaticRelationsSevered, Evidence, MeetingHeld
from tracker.app import Tracker
from tracker.web.app import create_app


@pytest.fixture
def client(seed_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(seed_db), raise_server_exceptions=False) as c:
        yield c


def _section(html: str, section_id: str) -> str:
    match = re.search(rf'id="{section_id}".*?</section>', html, re.S)
    assert match, f"no section {section_id}"
    return match.group(0)


def test_index_lists_relationships_with_sort_links_and_as_of(client: TestClient) -> None:
    html = client.get("/", params={"as_of": "2025-06-01", "sort": "events", "order": "desc"}).text
    assert "Armenia – United States" in html and "strategic partnership" in html
    assert 'href="/relations/ARM-USA?as_of=2025-06-01"' in html
    assert "sort=events&amp;order=asc" in html  # clicking the sorted column reverses it
    first_row = html.index("ARM-USA")
    assert first_row < html.index("ARM-AZE")


def test_index_filtered_by_actor(client: TestClient) -> None:
    html = client.get("/", params={"actor": "usa"}).text
    assert "ARM-USA" in html and "ARM-CSTO" not in html


def test_relation_page_before_and_after_the_charter(client: TestClient) -> None:
    before = client.get("/relations/ARM-USA", params={"as_of": "2025-01-13"}).text
    assert "Charter on Strategic Partnership" not in _section(before, "agreements")
    after = client.get("/relations/ARM-USA", params={"as_of": "2025-01-14"}).text
    agreements = _section(after, "agreements")
    assert "Charter on Strategic Partnership" in agreements and "signed" in agreements


def test_relation_page_draws_the_timeline_as_inline_svg(client: TestClient) -> None:
    html = client.get("/relations/ARM-USA", params={"as_of": "2025-01-13"}).text
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count("<circle") >= 4  # realized and planned events
    assert 'class="q1 failed' in svg  # the visit that fell through, as a cross
    assert "planned" in svg and "band-signed" in svg
    assert "as of 2025-01-13" in svg


def test_relation_page_fetches_nothing_from_elsewhere(client: TestClient) -> None:
    html = client.get("/relations/ARM-USA").text
    assert "src=" not in html and "@import" not in html
    links = re.findall(r"<link[^>]*>", html)
    assert links and all('href="data:' in link for link in links)  # the icon, inline


def test_relation_page_slider_stops_at_event_dates(client: TestClient) -> None:
    html = client.get("/relations/ARM-USA", params={"as_of": "2025-01-13"}).text
    stops = re.search(r'data-dates="([^"]+)"', html)
    # 2025-02-01 stands for "February 2025", the visit that fell through.
    assert stops and stops.group(1).split()[:3] == ["2025-01-13", "2025-01-14", "2025-02-01"]


def test_other_spellings_redirect_to_the_relationship_address(client: TestClient) -> None:
    response = client.get("/relations/usa-Armenia?as_of=2025-01-13", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "/relations/ARM-USA?as_of=2025-01-13"


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/relations/ARM-XYZ", 404, "unknown actor"),
        ("/relations/ARM-USA?as_of=2025-13-45", 400, "is not a date"),
        ("/?as_of=2025-13-45", 400, "is not a date"),
        ("/?actor=<script>alert(1)</script>", 404, "unknown actor"),
        ("/relations/<img src=x onerror=alert(1)>-USA", 404, "unknown actor"),
        ("/no/such/page", 404, "no such page"),
    ],
)
def test_bad_input_gives_an_error_page_not_a_traceback(
    client: TestClient, url: str, status: int, words: str
) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert words in response.text and "Traceback" not in response.text
    assert "<script>alert" not in response.text and "<img" not in response.text  # escaped


def test_only_web_links_become_source_links(seed_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    shutil.copy(seed_db, copy)
    with Tracker.open(copy) as tracker:
        for n, url in enumerate(["javascript:alert(1)", "https://news.example.org/a"]):
            evidence = Evidence(article_id=f"a{n}", url=url, sentence=f"They met ({n}).")
            tracker.record(
                MeetingHeld(
                    source="ARM", target="USA", occurred=f"2025-04-0{n + 1}", evidence=(evidence,)
                )
            )
    with TestClient(create_app(copy)) as c:
        html = c.get("/relations/ARM-USA").text
    assert 'href="https://news.example.org/a"' in html
    assert "javascript:" not in html
    assert "They met (0)." in html  # the sentence is still shown


def test_a_new_event_in_the_log_shows_on_the_next_request(seed_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    shutil.copy(seed_db, copy)
    with TestClient(create_app(copy)) as c:
        assert "They met again." not in c.get("/relations/ARM-USA").text
        assert c.get("/api/relations", params={"actor": "USA"}).json()[0]["events"] == 6
        with Tracker.open(copy) as tracker:  # another process appending, e.g. the daemon
            evidence = Evidence(article_id="later", sentence="They met again.")
            tracker.record(
                MeetingHeld(source="ARM", target="USA", occurred="2025-05-01", evidence=(evidence,))
            )
        assert "They met again." in c.get("/relations/ARM-USA").text
        assert c.get("/api/relations", params={"actor": "USA"}).json()[0]["events"] == 7


def test_severed_relations_show_as_the_label_and_their_own_card(
    seed_db: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.db"
    shutil.copy(seed_db, copy)
    with Tracker.open(copy) as tracker:
        evidence = Evidence(article_id="cut", sentence="Armenia broke off relations with the US.")
        tracker.record(
            DiplomaticRelationsSevered(
                source="ARM", target="USA", occurred="2025-06-01", evidence=(evidence,)
            )
        )
    with TestClient(create_app(copy)) as c:
        html = c.get("/relations/ARM-USA", params={"as_of": "2025-07-01"}).text
        before = c.get("/relations/ARM-USA", params={"as_of": "2025-05-01"}).text
        listed = c.get("/api/relations", params={"actor": "USA", "as_of": "2025-07-01"}).json()
    card = _section(html, "relations")
    assert "severed" in card and "2025-06-01" in card and "by Armenia" in card
    assert "relations severed" in html
    assert 'id="relations"' not in before
    assert listed[0]["label"] == "relations severed"
