"""The quadratic-blowup entity bomb: memory stays flat because the DOCTYPE subset is stripped."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tracker.app import Tracker
from tracker.feeds.ingest import ingest_bytes
from tracker.feeds.sanitize import strip_internal_subset

# One 20 KB entity referenced 2,000 times: 45 KB of XML that expands to 40 MB of text.
ENTITY = "a" * 20_000
BOMB = (
    f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "{ENTITY}">]>'
    '<rss version="2.0"><channel><title>bomb</title><item><guid>b-1</guid><title>t</title>'
    f"<description>{'&big;' * 2000}</description></item></channel></rss>"
)

_MEASURE = """
import json, resource, sys
from pathlib import Path
import feedparser
from tracker.app import Tracker
from tracker.feeds.ingest import ingest_bytes
body = Path(sys.argv[1]).read_bytes()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if sys.argv[3] == "raw":
    feedparser.parse(body)
    new = None
else:
    with Tracker.open(sys.argv[2]) as t:
        new = ingest_bytes(t, "bomb", body).new
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"delta_mb": (after - before) / 1024, "new": new}))
"""


def measure(tmp_path: Path, mode: str) -> dict[str, float]:
    feed = tmp_path / "bomb.xml"
    feed.write_text(BOMB)
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(feed), str(tmp_path / "bomb.db"), mode],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=True,
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


def test_entity_bomb_keeps_memory_flat(tmp_path: Path) -> None:
    guarded = measure(tmp_path, "ingest")
    assert guarded["new"] == 1
    assert guarded["delta_mb"] < 50, guarded


def test_the_bomb_is_parsed_without_its_entities(tracker: Tracker) -> None:
    # Whatever the installed expat's own amplification limit, the parser never sees the
    # declaration: the entity stays an unknown reference and expands to nothing big.
    result = ingest_bytes(tracker, "bomb", BOMB.encode())
    assert result.new == 1 and "entity declarations" in (result.warning or "")
    assert strip_internal_subset(BOMB.encode()).body.count(b"<!ENTITY") == 0
