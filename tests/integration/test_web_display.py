"""What the page says to a reader: sources as citations, Goldstein explained, empty cards,
label kinds, the icon and the API's documentation at /docs."""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from events import Evidence, MeetingHeld
from tracker.app import Tracker
from tracker.projections import labels
from tracker.web.app import create_app
from tracker.web.display import LABEL_KINDS, label_kind

CHARTER_URL = "https://wire.example.com/world/2025/01/14/armenia-us-charter"


@pytest.fixture
def client(seed_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(seed_db), raise_server_exceptions=False) as c:
        yield c


def _row(html: str, text: str) -> str:
    rows = [r for r in re.findall(r"<tr id=\"ev-.*?</tr>", html, re.S) if text in r]
    assert len(rows) == 1, f"{len(rows)} rows with {text!r}"
    return rows[0]


def test_a_source_is_cited_by_outlet_headline_and_date_once_per_article(
    demo_db: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "demo.db"
    shutil.copy(demo_db, copy)
    with sqlite3.connect(copy) as conn:
        (article_id,) = conn.execute(
            "SELECT json_extract(payload, '$.article_id') FROM events "
            "WHERE type = 'ArticleIngested' AND json_extract(payload, '$.url') = ?",
            (CHARTER_URL,),
        ).fetchone()
    # Two sentences of one article behind one fact: one source, both sentences.
    evidence = tuple(
        Evidence(article_id=article_id, url=CHARTER_URL, sentence=sentence)
        for sentence in ("They met in Yerevan.", "The ministers met again.")
    )
    with Tracker.open(copy) as tracker:
        tracker.record(
            MeetingHeld(source="ARM", target="USA", occurred="2025-04-02", evidence=evidence)
        )
    with TestClient(create_app(copy)) as c:
        html = c.get("/relations/ARM-USA").text
    row = _row(html, "They met in Yerevan.")
    assert row.count('class="source"') == 1 and row.count(f'href="{CHARTER_URL}"') == 1
    assert '<cite class="outlet" title="read from the feed sample">wire.example.com</cite>' in row
    assert ">Armenia and US sign strategic partnership charter</a>" in row
    assert "2025-01-14" in row and "The ministers met again." in row
    assert ">article<" not in html  # no bare "article" link anywhere


def test_goldstein_is_explained_where_it_appears(client: TestClient) -> None:
    html = client.get("/relations/ARM-USA").text
    explained = re.findall(r'title="Goldstein scale: [^"]+"', html)
    assert len(explained) >= 3  # the column, each value, the tone card
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "Goldstein<title>Goldstein scale:" in svg  # the chart's axis
    index = client.get("/").text
    assert 'title="Goldstein scale:' in index


def test_every_empty_card_says_none_as_of_this_date(client: TestClient) -> None:
    html = client.get("/relations/ARM-USA", params={"as_of": "2024-01-01"}).text
    for card in ("agreements", "memberships", "commitments", "last-contact", "areas"):
        section = re.search(rf'id="{card}".*?</section>', html, re.S)
        assert section, card
        assert '<p class="muted">None as of this date.</p>' in section.group(0), card
        assert "<li" not in section.group(0)
    tone = re.search(r'id="tone".*?</section>', html, re.S)
    assert tone and tone.group(0).count("none as of this date") == 2


def test_every_label_the_rules_give_has_a_kind() -> None:
    given = {name for name, _ in labels._FRAMEWORKS}
    given |= set(labels._RELATIONS_LABELS.values())
    given |= set(labels._MEMBERSHIP.values())
    given |= {"hostile", "strained", "neutral", "cooperative", "no recorded relations"}
    kinds = {label: kind for kind, names in LABEL_KINDS.items() for label in names}
    assert set(kinds) == given
    assert set(LABEL_KINDS) == {
        "strategic",
        "cooperative",
        "strained",
        "hostile",
        "leaving",
        "none",
    }
    assert label_kind("a label added later") == "none"


def test_the_label_pill_carries_its_kind(client: TestClient) -> None:
    html = client.get("/relations/ARM-USA").text
    assert '<span class="label strategic" id="state-label">strategic partnership</span>' in html
    index = client.get("/", params={"actor": "ARM", "as_of": "2025-06-01"}).text
    assert '<span class="label strategic">strategic partnership</span>' in index


def test_the_icon_is_part_of_the_page(client: TestClient) -> None:
    response = client.get("/")
    icon = re.search(r'<link rel="icon" type="image/svg\+xml" href="([^"]+)">', response.text)
    assert icon and icon.group(1).startswith("data:image/svg+xml,")
    assert "img-src 'self' data:" in response.headers["content-security-policy"]


def test_docs_lists_endpoints_parameters_responses_and_models(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    html = response.text
    for words in (
        "GET /api/relations</code>",
        "GET /api/relations/{pair}</code>",
        "<code>as_of</code>",
        "<code>known_at</code>",
        "Valid date, YYYY-MM-DD",
        'href="#model-RelationPage"',
        'id="model-RelationSummary"',
        "list of RelationSummary",
    ):
        assert words in html, words
    policy = response.headers["content-security-policy"]
    assert "unsafe-inline" not in policy and "default-src 'none'" in policy
    assert "src=" not in html and "cdn" not in html.lower()
    assert client.get("/openapi.json").json()["paths"]  # the schema itself is still served


@pytest.mark.parametrize("pair", ["ARM-USA", "ARM-CSTO", "ARM-EU"])
def test_the_page_speaks_words_not_identifiers(client: TestClient, pair: str) -> None:
    html = client.get(f"/relations/{pair}").text
    # What a reader sees: no markup, no tooltips; the changes' wording is the fold's own.
    html = re.sub(r'<ul class="changes">.*?</ul>', "", html, flags=re.S)
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", "", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    for identifier in re.findall(r"\b[A-Z][a-z]+[A-Z][A-Za-z]+\b|\b[a-z]+_[a-z_]+\b", text):
        pytest.fail(f"{identifier} shown on {pair}")
    if pair == "ARM-USA":
        assert "visit (United States → Armenia)" in text
        assert "agreement signed (Armenia and the United States)" in text
        assert "by Armenia and the United States" in text
        assert "phone call" in text and "head of government" in text
        assert "border security" in text


def test_the_list_speaks_words_not_identifiers(client: TestClient) -> None:
    html = client.get("/", params={"as_of": "2025-06-01"}).text
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    assert not re.findall(r"\b[A-Z][a-z]+[A-Z][A-Za-z]+\b|\b[a-z]+_[a-z_]+\b", text)
    assert "phone call" in text
