"""One daemon per database: an exclusive ``flock`` on ``<db>.daemon.lock``.

The kernel drops the lock when the process dies, even by kill -9, so a crash never leaves
a stale lock behind; the file itself stays (removing it would race with a starting daemon).
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from typing import IO

from tracker.errors import DaemonError

__all__ = ["DaemonLock", "lock_path", "running_pid"]

# A `tracker status` probing the lock holds it for an instant; a starting daemon waits
# that long rather than refusing.
_ATTEMPTS, _PAUSE = 10, 0.05


def lock_path(db: str | Path) -> Path:
    """The lock file beside the database."""
    return Path(f"{db}.daemon.lock")


class DaemonLock:
    """The held lock; release it with :meth:`release` (or let the process end)."""

    def __init__(self, handle: IO[str]) -> None:
        self.handle = handle

    @classmethod
    def acquire(cls, db: str | Path) -> DaemonLock:
        """Take the lock or raise :class:`DaemonError` naming the daemon that holds it."""
        path = lock_path(db)
        try:
            handle = path.open("a+", encoding="utf-8")
        except OSError as exc:
            raise DaemonError(f"cannot create the lock file {path}: {exc.strerror}") from exc
        for _ in range(_ATTEMPTS):
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                time.sleep(_PAUSE)
        else:
            pid = _read_pid(path)
            handle.close()
            who = f"pid {pid}" if pid else "another process"
            raise DaemonError(
                f"a tracker daemon ({who}) is already running on {db}; only one may poll a "
                "database. Stop it first (`kill` it or `systemctl stop tracker`)."
            )
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        return cls(handle)

    def release(self) -> None:
        """Give the lock up (the file stays, emptied)."""
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.flush()
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()


def running_pid(db: str | Path) -> int | None:
    """The pid of the daemon holding the lock on ``db``, or None if none is running."""
    path = lock_path(db)
    try:
        handle = path.open("r", encoding="utf-8")
    except FileNotFoundError:
        return None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read_pid(path) or -1
        fcntl.flock(handle, fcntl.LOCK_UN)
        return None


def _read_pid(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None
