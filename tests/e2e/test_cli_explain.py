"""``tracker explain``: the parse, triggers, parties with their rules, modality and date, as a
user reads them; a stored article from a real SQLite file; bad input without a traceback."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from events import ArticleIngested
from tracker.app import Tracker
from tracker.cli import cli
from tracker.extract.syntax import MODEL_NAMES

SIGNED = "Armenia and France signed a defence agreement in Paris on Monday."
EXPECTED = "Aliyev was expected to visit Moscow."
needs_model = pytest.mark.skipif(
    not any(importlib.util.find_spec(name) for name in MODEL_NAMES),
    reason="no spaCy English model installed",
)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def ok(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_joint_signing_shows_trigger_parties_and_date() -> None:
    out = ok("explain", SIGNED, "--date", "2025-03-12")
    assert "Sentence 1: " + SIGNED in out
    assert "Actors the gazetteer found:" in out and "ARM    'Armenia'" in out
    assert "sign (AgreementSigned) on 'signed': coded" in out
    assert "Event 1: ARM <-> FRA AgreementSigned, CAMEO 057" in out
    assert "Source: ARM 'Armenia', because: subjects joined by 'and', acting together" in out
    assert "Target: FRA 'France', because: subjects joined by 'and', acting together" in out
    assert "Date phrase 'Monday': 2025-03-10 (relative)" in out
    assert "Date: 2025-03-10, a relative date" in out
    assert "Modality: realized" in out


@needs_model
def test_an_expected_visit_shows_the_parse_and_the_governor_chain() -> None:
    out = ok("explain", EXPECTED, "--date", "2025-03-12")
    assert "expected         VERB   ROOT       (root)" in out
    assert "visit            VERB   xcomp      expected (2)" in out
    assert "Event 1: AZE -> RUS VisitMade, CAMEO 042 'Visit made'" in out
    assert "AZE    'Aliyev' (Ilham Aliyev, head of state)" in out
    assert "Source: AZE 'Aliyev', because: subject before the verb" in out
    assert "Target: RUS 'Moscow', because: object after the verb" in out
    assert "Modality: planned: the word-order cues around the trigger" in out
    assert "Governor in the parse: 'expect' (planned): visit -> expected (main verb)" in out
    assert "Date: 2025-03-12, no date of its own in the sentence: the publication date" in out


@needs_model
def test_a_trigger_that_coded_nothing_says_why() -> None:
    said = ok(
        "explain",
        "Russia said it was considering the possibility of talks with Georgia. "
        "Armenia ratified it in May. Armenia met yesterday.",
        "--date",
        "2025-03-12",
    )
    out = " ".join(said.split())  # lines wrap at the terminal's width
    assert (
        "talks (TalksHeld) on 'talks with': no event: refused by the governor 'possibility'" in out
    )
    assert "ratify (AgreementRatified) on 'ratified': no event: needs an agreement named" in out
    assert "meet (MeetingHeld) on 'met': no event: no parties found" in out
    assert "Event 1" not in out


def test_a_headline_the_body_reports_adds_nothing() -> None:
    out = ok("explain", EXPECTED, "--date", "2025-03-12", "--title", "Aliyev to visit Moscow")
    assert "Headline 2: Aliyev to visit Moscow" in out
    assert "no event: the body reports this act" in out


def test_json_gives_the_same_as_a_dict() -> None:
    data = json.loads(ok("explain", SIGNED, "--date", "2025-03-12", "--json"))
    assert set(data) == {"published", "model", "sentences"}
    (sentence,) = data["sentences"]
    assert set(sentence) == {
        "index",
        "text",
        "headline",
        "tokens",
        "actors",
        "dates",
        "triggers",
        "codings",
    }
    assert sentence["triggers"] == [
        {
            "name": "sign",
            "event_type": "AgreementSigned",
            "words": "signed",
            "span": [19, 25],
            "coded": True,
            "why_not": None,
        }
    ]
    (coding,) = sentence["codings"]
    assert (coding["event_type"], coding["cameo"], coding["trigger"]) == (
        "AgreementSigned",
        "057",
        "sign",
    )
    assert coding["source"] == {
        "actor": "ARM",
        "words": "Armenia",
        "rule": "subjects joined by 'and', acting together",
    }
    assert (coding["occurred"], coding["occurred_basis"]) == ("2025-03-10", "relative")
    assert {"modality", "modality_rule", "governor", "due", "confidence"} <= set(coding)


@pytest.fixture
def stored(db_path: Path) -> Path:
    article = ArticleIngested(
        article_id="a1",
        feed="https://news.example.org/feed.xml",
        url="https://news.example.org/a1",
        title="Armenia and France sign defence pact",
        published=datetime(2025, 3, 12, 9, tzinfo=UTC),
        text=SIGNED + "\n\n" + EXPECTED,
        content_hash="a1" * 4,
    )
    with Tracker.open(db_path) as t:
        t.append([article])
    return db_path


@pytest.mark.parametrize("key", ["a1", "https://news.example.org/a1"])
def test_a_stored_article_by_id_or_url(stored: Path, key: str) -> None:
    out = ok("explain", "--article", key, "--db", str(stored))
    assert "Read as published on 2025-03-12." in out
    assert "Sentence 1: " + SIGNED in out and "Sentence 2: " + EXPECTED in out
    assert "Headline 3: Armenia and France sign defence pact" in out
    assert "Event 1: ARM <-> FRA AgreementSigned" in out
    assert "Event 1: AZE -> RUS VisitMade" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["explain", "  "], "the sentence is empty"),
        (["explain", SIGNED, "--date", "12/03/2025"], "--date '12/03/2025' is not a date"),
        (["explain"], "give a sentence or --article"),
        (["explain", SIGNED, "--article", "a1"], "give a sentence or --article"),
        (["explain", "--article", "nope"], "no tracker database at"),
    ],
)
def test_bad_input_is_a_message_and_exit_2(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output


def test_an_unknown_article_is_a_message_and_exit_2(stored: Path) -> None:
    result = run("explain", "--article", "https://elsewhere.example/x", "--db", str(stored))
    assert result.exit_code == 2
    assert "no stored article has the id or URL 'https://elsewhere.example/x'" in result.output


def test_the_tracker_entry_loads_spacy_only_for_explain() -> None:
    code = (
        "import sys; import tracker.cli, tracker.cli.explain_commands; "
        "from tracker.cli import cli; cli.get_command(None, 'explain'); "
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
