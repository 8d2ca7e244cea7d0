"""`tracker reextract`: one transaction per article, resumable after kill -9, the same log
whatever the number of workers, and `verify` holding each article to its last reading."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid5

import pytest
from click.testing import CliRunner

from events import ArticleIngested, DiplomaticEvent, EventCorroborated, EventRetracted
from tracker.app import Tracker
from tracker.bench.extract_bench import sample_articles
from tracker.cli import cli
from tracker.extract import checkpoint
from tracker.extract.ingest import article_events
from tracker.extract.reextract import reextract
from tracker.store import Checkpoint, EventStore, NewEvent

ROOT = Path(__file__).resolve().parents[2]


def stale_log(path: Path, count: int) -> None:
    """A log of ``count`` articles whose codings an older extractor wrote: of each article's
    current readings one is kept as is, one read differently (other areas), one missing,
    and one kept beside a coding the current extractor does not find."""
    days = [datetime(2025, 1, 14, 9, tzinfo=UTC), None]  # the second: no publication date
    articles = [
        ArticleIngested(
            article_id=f"art-{i}",
            feed="https://news.example.org/feed.xml",
            url=f"https://news.example.org/{i}",
            published=days[i % 7 == 6],
            text=text,
            content_hash=hashlib.sha256(text.encode()).hexdigest(),
        )
        for i, text in enumerate(sample_articles(count, size=1200))
    ]
    old: list[NewEvent] = []
    for i, article in enumerate(articles):
        learned = datetime.now(UTC).date()
        for j, event in enumerate(article_events(article, learned=learned)):
            shape = (i + j) % 4
            if shape == 1:
                areas = [] if event.areas else ["security"]
                data = {**event.model_dump(), "areas": areas}
                event = type(event).model_validate(data)
            if shape == 2:
                continue
            old.append(NewEvent(event))
            if shape == 3:
                stray = uuid5(event.event_id, "stray")
                old.append(NewEvent(event.model_copy(update={"event_id": stray, "target": "AZE"})))
    with EventStore.open(path) as store:
        checkpoint.ensure_table(store.conn)
        store.append([*articles, *old])
        # The older extractor read every article: nothing waits for extraction.
        moved = Checkpoint(checkpoint.EXTRACTION, 0, store.head())
        store.append([], checkpoint=moved)


def live_events(path: Path) -> set[str]:
    """Ids of the live diplomatic events and corroborations."""
    with EventStore.open(path) as store:
        events = [r.event for r in store.read()]
    retracted = {str(e.subject) for e in events if isinstance(e, EventRetracted)}
    return {
        str(e.event_id)
        for e in events
        if isinstance(e, DiplomaticEvent | EventCorroborated) and str(e.event_id) not in retracted
    }


def run_reextract(path: Path, workers: int) -> dict[str, int]:
    result = CliRunner().invoke(
        cli, ["reextract", "--db", str(path), "--workers", str(workers), "--json"]
    )
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.output))


def verified(path: Path) -> bool:
    with Tracker.open(path) as t:
        return t.verify().ok and t.verify_projection().ok


@pytest.fixture(scope="module")
def stale(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("stale") / "stale.db"
    stale_log(path, 40)
    return path


@pytest.fixture(scope="module")
def reference(stale: Path) -> set[str]:
    """The live events after an uninterrupted run."""
    path = stale.with_name("reference.db")
    shutil.copy(stale, path)
    with Tracker.open(path) as t:
        result = reextract(t)
    assert result.articles == 40 and result.appended and result.retracted
    assert verified(path)
    return live_events(path)


def test_one_and_two_workers_write_the_same_log(
    stale: Path, reference: set[str], tmp_path: Path
) -> None:
    path = tmp_path / "two.db"
    shutil.copy(stale, path)
    summary = run_reextract(path, workers=2)
    assert (summary["articles"], summary["skipped"]) == (40, 0)
    assert live_events(path) == reference
    one = stale.with_name("reference.db")
    with EventStore.open(one) as a, EventStore.open(path) as b:
        # Retractions too have fixed ids: the whole logs hold the same events.
        assert [r.event for r in a.read()] == [r.event for r in b.read()]
    assert verified(path)


def test_a_second_run_skips_what_this_version_read(stale: Path, tmp_path: Path) -> None:
    path = tmp_path / "again.db"
    shutil.copy(stale, path)
    run_reextract(path, workers=1)
    with EventStore.open(path) as store:
        head = store.head()
    summary = run_reextract(path, workers=1)
    assert (summary["articles"], summary["skipped"], summary["appended"]) == (0, 40, 0)
    with Tracker.open(path) as t:
        assert t.store.head() == head
        forced = reextract(t, force=True)
        assert (forced.articles, forced.retracted) == (40, 0)
        # Only corroborations can be new: an article read early may corroborate an event
        # that a later article's re-reading appended after it.
        assert all(isinstance(r.event, EventCorroborated) for r in t.store.read(after=head))


def test_an_analysts_retraction_survives_reextraction(stale: Path, tmp_path: Path) -> None:
    path = tmp_path / "analyst.db"
    shutil.copy(stale, path)
    run_reextract(path, workers=1)
    with Tracker.open(path) as t:
        codings = [r.event for r in t.log() if isinstance(r.event, DiplomaticEvent)]
        victim = next(e.event_id for e in codings if str(e.event_id) in live_events(path))
        head = t.append([EventRetracted(subject=victim, reason="misread")])[-1].position
        reextract(t, force=True)
        new = [r.event for r in t.store.read(after=head)]
    assert not any(isinstance(e, DiplomaticEvent | EventRetracted) for e in new)
    assert str(victim) not in live_events(path)
    assert verified(path)


def test_verify_reports_an_article_whose_live_codings_are_not_its_last_reading(
    stale: Path, tmp_path: Path
) -> None:
    path = tmp_path / "tampered.db"
    shutil.copy(stale, path)
    run_reextract(path, workers=1)
    assert verified(path)
    with sqlite3.connect(path) as conn:
        # As a crash between retracting and re-coding would leave it (the record says so).
        conn.execute("UPDATE readings SET codings = '[]' WHERE article_id = 'art-3'")
    with Tracker.open(path) as t:
        result = t.verify()
    assert not result.ok and result.reason is not None
    assert "article art-3" in result.reason and "older reading" in result.reason
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE readings SET codings = '[\"x\"]' WHERE article_id = 'art-3'")
    with Tracker.open(path) as t:
        reason = t.verify().reason or ""
    assert "not live" in reason
    cli_out = CliRunner().invoke(cli, ["verify", "--db", str(path)])
    assert cli_out.exit_code == 1
    run_reextract_forced = CliRunner().invoke(cli, ["reextract", "--force", "--db", str(path)])
    assert run_reextract_forced.exit_code == 0, run_reextract_forced.output
    assert verified(path)


def done_articles(path: Path) -> int:
    """How many articles a run has re-read so far (committed readings)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        try:
            return int(conn.execute("SELECT COUNT(*) FROM readings").fetchone()[0])
        except sqlite3.OperationalError:
            return 0  # the table does not exist yet


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux: read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def survivors(workers: list[int], seconds: float = 10.0) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = [pid for pid in workers if running(pid)]
        if not alive:
            return []
        time.sleep(0.1)
    return alive


@pytest.mark.xdist_group("serial")
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_reextract_killed_at_random_points_resumes_to_the_same_live_events(
    stale: Path, reference: set[str], tmp_path: Path
) -> None:
    rng = random.Random(14)
    command = [sys.executable, "-m", "tracker", "reextract", "--workers", "2", "--json"]
    for trial in range(3):
        path = tmp_path / f"killed-{trial}.db"
        for _attempt in range(5):
            shutil.copy(stale, path)
            process = subprocess.Popen([*command, "--db", str(path)], cwd=ROOT)
            # A random point of the run: once some articles are done, between or during
            # their transactions (the run itself lasts a second or two after a slower
            # startup).
            wanted = rng.randint(1, 25)
            while done_articles(path) < wanted and process.poll() is None:
                time.sleep(rng.uniform(0.0, 0.02))
            workers = children(process.pid)
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            if done_articles(path) < 40:
                break  # killed mid-run (a fast run may finish first: then try again)
        assert 0 < done_articles(path) < 40 and len(workers) == 2
        assert survivors(workers) == []
        with Tracker.open(path) as t:
            reextract(t)
        assert live_events(path) == reference, f"trial {trial}"
        assert verified(path)
