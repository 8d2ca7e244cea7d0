"""The sample feed through ingest, extraction and the log, as the daemon would run it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import pytest
from click.testing import CliRunner

import seeds
from events import DiplomaticEvent, EventCorroborated, Modality
from tracker.app import Tracker
from tracker.cli import cli
from tracker.feeds.ingest import ingest_file


@pytest.fixture
def loaded(db_path: Path) -> Iterator[Tracker]:
    with Tracker.open(db_path) as t:
        ingest_file(t, Path(str(seeds.path("sample_feed.xml"))))
        t.run_followers()  # extraction, as the daemon runs it after a poll
        yield t


def diplomatic(t: Tracker) -> list[DiplomaticEvent]:
    return [r.event for r in t.log() if isinstance(r.event, DiplomaticEvent)]


def test_the_charter_is_one_event_with_corroborating_sources(loaded: Tracker) -> None:
    signed = [e for e in diplomatic(loaded) if e.event_type == "AgreementSigned"]
    assert len(signed) == 1
    (charter,) = signed
    assert (charter.relationship.key, str(charter.occurred)) == ("ARM-USA", "2025-01-14")
    assert charter.evidence[0].url == "https://wire.example.com/world/2025/01/14/armenia-us-charter"
    corroborations = [
        r.event
        for r in loaded.log()
        if isinstance(r.event, EventCorroborated) and r.event.subject == charter.event_id
    ]
    # Three further articles report the signing (one only in passing: "The charter was
    # signed under the previous administration"); one of them tells it in two sentences,
    # and both are kept, but an article is one source however often it says so.
    assert len({c.evidence.article_id for c in corroborations}) == 3
    assert len({(c.evidence.article_id, c.evidence.sentence) for c in corroborations}) == 4
    assert len(corroborations) == 4
    state = loaded.state("ARM", "USA")
    (agreement,) = [a for a in state.agreements if a.status == "signed"]
    assert agreement.independent_sources == 4


def test_the_border_team_visit_was_planned_then_failed(loaded: Tracker) -> None:
    visits = [e for e in diplomatic(loaded) if e.event_type == "VisitMade"]
    assert [(e.source, e.target, e.modality, str(e.due or e.occurred)) for e in visits] == [
        ("USA", "ARM", Modality.PLANNED, "2025-02"),
        ("USA", "ARM", Modality.FAILED, "2025-02"),
    ]


def test_every_event_quotes_a_sentence_of_its_article(loaded: Tracker) -> None:
    events = diplomatic(loaded)
    assert events
    for event in events:
        (evidence,) = event.evidence
        assert evidence.sentence and evidence.url and evidence.extractor_version
        assert "By " not in evidence.sentence[:3] and "appeared first" not in evidence.sentence


def test_reading_the_feed_again_appends_nothing(loaded: Tracker) -> None:
    head = loaded.store.head()
    ingest_file(loaded, Path(str(seeds.path("sample_feed.xml"))))
    assert loaded.store.head() == head


def test_reextract_with_no_change_appends_nothing(loaded: Tracker, db_path: Path) -> None:
    head = loaded.store.head()
    result = CliRunner().invoke(cli, ["reextract", "--db", str(db_path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["appended"] == 0
    assert loaded.store.head() == head


def test_reextract_retracts_what_it_no_longer_finds(loaded: Tracker, db_path: Path) -> None:
    from tracker.extract.reextract import reextract

    # An event the extractor once read (same evidence) that the current one does not find.
    charter = next(e for e in diplomatic(loaded) if e.event_type == "AgreementSigned")
    loaded.append([charter.model_copy(update={"event_id": uuid4(), "target": "AZE"})])
    result = reextract(loaded)
    assert result.retracted == 1 and result.appended == 0


def test_export_rows_carry_sources_and_extractor(loaded: Tracker, db_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli, ["export", "--db", str(db_path), "--relationship", "usa-arm", "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    charter = next(r for r in rows if r["type"] == "AgreementSigned")
    assert charter["cameo"] == "057" and charter["goldstein"] > 0
    assert (charter["occurred_start"], charter["precision"]) == ("2025-01-14", "day")
    # Four articles, one of which tells the signing in two sentences.
    assert len({s["url"] for s in charter["sources"]}) == 4
    assert len(charter["sources"]) == 5 and charter["extractor"].startswith("policy-tracker-coder")
    csv_out = runner.invoke(cli, ["export", "--db", str(db_path), "--format", "csv"])
    assert csv_out.output.splitlines()[0].startswith("event_id,type,cameo,goldstein")


def test_export_refuses_a_bad_relationship(db_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--db", str(db_path), "--relationship", "ARM"])
    assert result.exit_code == 2 and "ARM-USA" in result.output
