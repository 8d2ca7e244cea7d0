"""Process pools whose workers die with their parent.

A pool's workers block on a pipe whose writing end they inherited themselves, so a parent
killed with SIGKILL never wakes them: they would live on, each holding the memory it had
(a rebuild worker, about 220 MB). Each worker therefore asks the kernel for SIGKILL when its
parent dies (Linux ``PR_SET_PDEATHSIG``), or, where that is not offered, watches its parent
id from a thread and exits once it changes (the parent died and the worker was adopted).

Workers are forked, not spawned: spawn re-imports the caller's ``__main__`` in each worker
(a script without a main guard would run again). They must not use the parent's database
connections; each opens its own. ``PR_SET_PDEATHSIG`` fires when the *thread* that forked
the worker ends, so a pool must be used (``with``) by the thread that created it.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context

__all__ = ["key_ranges", "process_pool"]

_PR_SET_PDEATHSIG = 1
# How often a watching worker looks at its parent id (platforms without PR_SET_PDEATHSIG).
_WATCH_SECONDS = 1.0


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` forked processes, each ending when this process ends."""
    method = "fork" if "fork" in get_all_start_methods() else None
    return ProcessPoolExecutor(
        workers,
        mp_context=get_context(method),
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    )


def key_ranges(counts: list[tuple[str, int]], parts: int) -> list[tuple[str | None, str | None]]:
    """``parts`` ranges ``(low, high)`` (``low <= key < high``, None: unbounded) of the
    sorted keys ``counts`` holds, cut by their counts, not by keys: in real news one
    relationship can hold a large share of the log."""
    parts = max(1, min(len(counts), parts))
    share = sum(count for _, count in counts) / parts
    cuts: list[str] = []
    running = 0
    for key, count in counts:
        if running >= share * (len(cuts) + 1) and len(cuts) < parts - 1:
            cuts.append(key)
        running += count
    return list(zip([None, *cuts], [*cuts, None], strict=True))


def die_with_parent(parent: int) -> None:
    """Make this process end when process ``parent`` does (a pool worker's initializer)."""
    if _death_signal():
        # The parent may have died between the fork and the request: then no signal comes.
        if os.getppid() != parent:
            os._exit(1)
        return
    threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()


def _death_signal() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False where it cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)  # no cleanup: the parent that would collect the results is gone
