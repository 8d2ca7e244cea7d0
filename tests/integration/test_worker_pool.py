"""Pool workers die with their parent: kill -9 a process mid-rebuild, no worker lives on,
and the next rebuild drops the table the killed one was filling."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from events import AgreementSigned
from tests.factories import diplomatic
from tests.integration.test_reextract import children, survivors
from tracker.app import Tracker
from tracker.worker_pool import process_pool

pytestmark = [
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc"),
    pytest.mark.xdist_group("serial"),
]

# A parent that starts a pool of two busy workers, says so, and waits to be killed.
_PARENT = """
import time
from tracker.worker_pool import process_pool

pool = process_pool(2)
futures = [pool.submit(time.sleep, 600) for _ in range(4)]
print("ready", flush=True)
time.sleep(600)
"""


def test_workers_exit_when_their_parent_is_killed() -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", _PARENT], stdout=subprocess.PIPE, text=True, cwd=Path.cwd()
    )
    assert parent.stdout is not None and parent.stdout.readline().strip() == "ready"
    workers = children(parent.pid)
    assert len(workers) == 2
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    assert survivors(workers) == []


def test_the_watchdog_ends_a_worker_whose_parent_is_gone() -> None:
    # The fallback where PR_SET_PDEATHSIG is not offered: a parent id that is not ours.
    child = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, time\nfrom tracker import worker_pool\n"
            "worker_pool._death_signal = lambda: False\n"
            "worker_pool.die_with_parent(os.getppid() + 1)\ntime.sleep(30)\nprint('lived')",
        ],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert child.returncode == 1 and "lived" not in child.stdout


def test_a_pool_works_while_its_parent_lives() -> None:
    with process_pool(2) as pool:
        assert sorted(pool.map(abs, [-1, -2, 3])) == [1, 2, 3]


def test_a_killed_rebuild_leaves_no_worker_and_its_table_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    with Tracker.open(path) as t:
        t.append([diplomatic(AgreementSigned)])
        t.run_followers()
    # A rebuild whose folding never ends: the parent is killed with its table half filled.
    code = (
        "import sys, time\n"
        "from tracker import projection_rebuild as r\n"
        "r._PARALLEL_FROM = 0\n"
        "def slow(*args, **kwargs):\n    time.sleep(600)\n"
        "r.fold_range = slow\n"
        "from tracker.app import Tracker\n"
        f"t = Tracker.open({str(path)!r})\n"
        "print('ready', flush=True)\n"
        "t.rebuild_projection()\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None and parent.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + 20
    while len(children(parent.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = children(parent.pid)
    assert len(workers) >= 2
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    assert survivors(workers) == []
    tables = "SELECT name FROM sqlite_master WHERE name LIKE 'projection_states_next%'"
    with Tracker.open(path) as t:
        (left,) = t.store.conn.execute(tables).fetchall()
        assert left[0].startswith(f"projection_states_next_{parent.pid}_")
        t.rebuild_projection()
        assert t.store.conn.execute(tables).fetchall() == []
        assert t.verify_projection().ok
