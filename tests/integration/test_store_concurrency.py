"""Several writer processes on one log: gapless, no duplicates, no lock errors surfaced."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tracker.store import EventStore

WRITER = """
import sys
from events import AgreementSigned, VisitMade
from tracker.store import EventStore

path, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
with EventStore.open(path) as store:
    for i in range(count):
        cls = AgreementSigned if i % 2 else VisitMade
        extra = {"agreement": f"accord {name} {i}"} if cls is AgreementSigned else {}
        batch = [cls(source="ARM", target="USA", occurred="2025-01-14", note=f"{name}-{i}-{j}",
                     **extra) for j in range(1 + i % 3)]
        store.append(batch)
print("done", name)
"""


def test_four_writer_processes_leave_a_gapless_verified_log(db_path: Path) -> None:
    EventStore.open(db_path).close()
    per_writer = 60
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), f"w{n}", str(per_writer)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "locked" not in err
    expected = 4 * sum(1 + i % 3 for i in range(per_writer))
    with EventStore.open(db_path) as store:
        positions = [r[0] for r in store.conn.execute("SELECT position FROM events ORDER BY 1")]
        assert positions == list(range(1, expected + 1))
        notes = [r.event.note for r in store.read()]  # type: ignore[attr-defined]
        assert len(notes) == len(set(notes)) == expected
        versions = [
            r[0]
            for r in store.conn.execute(
                "SELECT version FROM events WHERE stream = 'relationship-ARM-USA' ORDER BY position"
            )
        ]
        assert versions == list(range(1, expected + 1))
        assert store.verify().ok
