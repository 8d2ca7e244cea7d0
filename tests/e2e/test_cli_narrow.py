"""The CLI's tables at 80 columns and piped: one row per feed, the log's events in words
under their line, explanations wrapped, exports one record per line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tracker.cli import cli
from tracker.cli.render import console
from tracker.feeds.feedlist import FeedList
from tracker.store import EventStore

LONG_REASON = "410 Gone at 2025-03-01 10:00Z: the feed was removed " + "and never came back " * 8


@pytest.fixture(autouse=True)
def eighty_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    # The console is made once per process; another test may have sized it already.
    monkeypatch.setattr(console, "_width", 80)


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    return result


def fits(output: str) -> list[str]:
    lines = output.splitlines()
    assert max(len(line) for line in lines) <= 80, output
    return lines


def test_feeds_list_is_one_row_per_feed_with_why_a_feed_is_off_beneath(db_path: Path) -> None:
    invoke("feeds", "seed", "--db", str(db_path))
    long_url = "https://www.example.org/" + "very/deep/path/" * 6 + "rss.xml"
    invoke(
        "feeds", "add", long_url, "--name", "a-feed-with-a-rather-long-name", "--db", str(db_path)
    )
    with EventStore.open(db_path) as store:
        FeedList(store.conn).disable("civilnet", LONG_REASON)
        feeds = FeedList(store.conn).all()
    lines = fits(invoke("feeds", "list", "--db", str(db_path)).output)
    rows = [line for line in lines if line.startswith("│")]
    assert len(rows) == len(feeds) == 10  # nothing wraps
    civilnet = next(row for row in rows if row.startswith("│ civilnet "))
    assert civilnet.split("│")[4].strip() == "no"
    said = next(line for line in lines if line.startswith("civilnet: "))
    assert said.startswith("civilnet: 410 Gone at 2025-03-01 10:00Z") and said.endswith("…")
    assert "(the full text of each: --json)" in lines
    whole = {
        f["name"]: f
        for f in json.loads(invoke("feeds", "list", "--json", "--db", str(db_path)).output)
    }
    assert whole["civilnet"]["disabled_reason"] == LONG_REASON
    assert whole["a-feed-with-a-rather-long-name"]["url"] == long_url


def test_the_log_puts_each_event_s_words_under_its_line(demo_db: Path) -> None:
    lines = fits(invoke("log", "--db", str(demo_db)).output)
    assert lines[0].split() == ["pos", "recorded", "at", "(UTC)", "occurred", "id"]
    first = lines[1].split()
    assert first[0] == "1" and len(first[-1]) == 8  # position ... short id
    assert lines[2].startswith('       article "') and lines[2] == lines[2].rstrip()
    retracted = [line for line in lines if "[retracted]" in line]
    assert len(retracted) == 1, lines  # the demo's correction, marked on the event it hides


def test_explain_wraps_under_each_line_s_text() -> None:
    result = invoke("explain", "Aliyev was expected to visit Moscow.", "--date", "2025-03-12")
    lines = fits(result.output)
    modality = lines.index(
        "    Modality: planned: the word-order cues around the trigger, after 'Aliyev was"
    )
    assert lines[modality + 1] == "      expected to'"


def test_export_is_one_record_per_line_whatever_the_width(demo_db: Path) -> None:
    jsonl = invoke("export", "--relationship", "ARM-USA", "--db", str(demo_db)).output
    records = [json.loads(line) for line in jsonl.splitlines()]
    assert records and all(r["parties"] == "ARM-USA" for r in records)
    table = invoke("export", "--format", "csv", "--relationship", "ARM-USA", "--db", str(demo_db))
    rows = list(csv.DictReader(io.StringIO(table.output)))
    assert [r["event_id"] for r in rows] == [r["event_id"] for r in records]
