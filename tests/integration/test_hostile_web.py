"""Hostile text in the log stays text on the page, and every response carries a strict CSP."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from events import AgreementSigned, Evidence, MeetingHeld
from tracker.app import Tracker
from tracker.extract.text import paragraphs
from tracker.web.app import create_app

MARKUP = "<img src=x onerror=alert(1)>"
ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"


@pytest.fixture
def client(seed_db: Path, tmp_path: Path) -> Iterator[TestClient]:
    """The seed timeline plus agreements and a sentence whose text is markup, raw and escaped."""
    copy = tmp_path / "hostile.db"
    shutil.copy(seed_db, copy)
    with Tracker.open(copy) as tracker:
        for n, name in enumerate((f"Pact {MARKUP}", f"Accord {ESCAPED}")):
            evidence = Evidence(article_id=f"x{n}", sentence=f"They signed {MARKUP} ({n}).")
            tracker.record(
                AgreementSigned(
                    source="ARM",
                    target="USA",
                    occurred=f"2025-03-0{n + 1}",
                    agreement=name,
                    evidence=(evidence,),
                )
            )
        tracker.record(MeetingHeld(source="ARM", target="USA", occurred="2025-03-05", topic=MARKUP))
    with TestClient(create_app(copy), raise_server_exceptions=False) as c:
        yield c


def _svg(html: str) -> str:
    return html[html.index("<svg") : html.index("</svg>")]


def test_markup_in_names_is_escaped_in_the_page_and_in_the_chart(client: TestClient) -> None:
    response = client.get("/relations/ARM-USA", params={"as_of": "2025-04-01"})
    assert response.status_code == 200
    html = response.text
    assert "<img" not in html and "onerror=alert(1)>" not in html
    assert "Pact &lt;img src=x onerror=alert(1)&gt;" in html  # shown, as text
    svg = _svg(html)
    # The chart prints agreement names as lane labels and in band titles.
    assert "<img" not in svg
    assert "Pact &lt;img src=x onerror=alert(1)&gt;" in svg
    # An entity-escaped name is escaped once more: the browser shows the entities as typed.
    assert "Accord &amp;lt;img src=x onerror=alert(1)&amp;gt;" in svg
    assert "Accord &amp;lt;img" in html and "Accord &lt;img" not in html


def test_every_page_and_answer_carries_a_policy_without_inline_handlers(
    client: TestClient,
) -> None:
    for url in ("/", "/relations/ARM-USA", "/relations/ARM-XYZ", "/api/relations", "/nowhere"):
        response = client.get(url)
        policy = response.headers["content-security-policy"]
        assert "script-src" in policy and "unsafe-inline" not in policy, url
        assert "default-src 'none'" in policy, url
        assert response.headers["x-content-type-options"] == "nosniff"


def test_the_page_script_and_styles_run_by_a_fresh_nonce(client: TestClient) -> None:
    first, second = client.get("/relations/ARM-USA"), client.get("/relations/ARM-USA")
    nonce = re.search(r"script-src 'nonce-([^']+)'", first.headers["content-security-policy"])
    assert nonce is not None
    html = first.text
    # The slider's script, the page's style and the chart's style: each with this nonce.
    assert f'<script nonce="{nonce.group(1)}">' in html
    assert html.count(f'<style nonce="{nonce.group(1)}">') == 2
    assert re.search(r"<script(?! nonce=)", html) is None
    assert " style=" not in html  # a style attribute is inline style the policy refuses
    assert nonce.group(1) not in second.headers["content-security-policy"]


def test_an_entity_escaped_tag_in_a_feed_item_does_not_come_alive() -> None:
    body = (
        f"<p>Armenia and the United States signed a charter {ESCAPED} in Washington.</p>"
        "<p>Prices rose by 3 &lt; 5 percent in Yerevan over the year.</p>"
    )
    text = " ".join(paragraphs(body))
    assert "<img" not in text and "onerror" not in text
    assert "signed a charter in Washington." in text
    assert "3 < 5 percent" in text  # a bare '<' in prose is no tag


@pytest.mark.parametrize(
    "url",
    [
        "/?as_of=0001-01-01",
        "/relations/ARM-USA?as_of=0001-01-01",
        "/relations/ARM-USA?as_of=9999-12-31",
        "/relations/ARM-USA?known_at=0001-01-01T00:00%2B01:00",
        "/relations/ARM-USA?known_at=9999-12-31T23:00-05:00",
        "/api/relations/ARM-USA?as_of=0001-01-01",
    ],
)
def test_dates_past_the_calendar_are_a_bad_request(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert "outside the dates" in response.text and "Traceback" not in response.text


def test_a_page_of_the_database_damaged_is_named_not_a_500(seed_db: Path, tmp_path: Path) -> None:
    import sqlite3

    copy = tmp_path / "damaged.db"
    shutil.copy(seed_db, copy)
    conn = sqlite3.connect(copy)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'projection_states'"
    ).fetchone()
    conn.close()
    with copy.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xde\xad\xbe\xef" * (page_size // 4))
    with TestClient(create_app(copy), raise_server_exceptions=False) as c:
        response = c.get("/")
    assert response.status_code == 503
    assert "damaged" in response.text and "content-security-policy" in response.headers
