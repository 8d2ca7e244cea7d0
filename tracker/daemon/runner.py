"""The daemon: APScheduler in the foreground, one job per feed, a reconcile job, clean stops.

- One interval job per enabled feed (its own interval, jitter of a tenth of it,
  ``coalesce=True``, ``max_instances=1``, an explicit ``misfire_grace_time``).
- A reconcile job re-reads the ``feeds`` table every few seconds: feeds added, removed,
  disabled or re-timed while the daemon runs are picked up without a restart. It also
  writes the heartbeat.
- SIGTERM/SIGINT set a flag; the scheduler is shut down waiting for the poll in flight, whose
  transaction therefore completes; the exit code is 0.
- Each worker thread has its own SQLite connection; the log's write transactions serialize
  them. A kill -9 loses nothing committed: each poll's articles are one transaction, and
  deterministic event ids make the next poll's re-ingest a no-op.
"""

from __future__ import annotations

import logging
import random
import signal
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType

import httpx
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from tracker.app import Tracker
from tracker.daemon.heartbeat import beat, mark_started, mark_stopped
from tracker.daemon.lock import DaemonLock
from tracker.daemon.logs import log_event
from tracker.errors import UsageError
from tracker.feeds.feedlist import FeedList
from tracker.feeds.fetch import FetchPolicy
from tracker.feeds.health import load_health
from tracker.feeds.poll import poll_feed

__all__ = ["DaemonSettings", "run_daemon"]


@dataclass(frozen=True, slots=True)
class DaemonSettings:
    """How the daemon runs."""

    reconcile_every: float = 15.0
    workers: int = 4
    policy: FetchPolicy = field(default_factory=FetchPolicy)


def run_daemon(db: str | Path, settings: DaemonSettings, logger: logging.Logger) -> int:
    """Poll until SIGTERM or SIGINT; return the exit code (0 after a clean stop).

    Raises :class:`DaemonError` when another daemon holds the database's lock.
    """
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    # First of all, so that a SIGTERM during start-up is a clean stop too.
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    lock = DaemonLock.acquire(db)
    try:
        daemon = _Daemon(db, settings, logger)
        daemon.start()
        while not stop.wait(0.5):
            pass
        daemon.shutdown()
    finally:
        lock.release()
    return 0


class _Daemon:
    def __init__(self, db: str | Path, settings: DaemonSettings, logger: logging.Logger) -> None:
        self.db = db
        self.settings = settings
        self.logger = logger
        self.main = Tracker.open(db)
        self.client = httpx.Client()
        self.local = threading.local()
        self.trackers: list[Tracker] = []
        self.trackers_lock = threading.Lock()
        self.intervals: dict[str, float] = {}
        self.polls = 0
        self.stopping = threading.Event()
        self.scheduler = BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(settings.workers)}, timezone=UTC
        )

    def start(self) -> None:
        mark_started(self.main.store.conn)
        self.scheduler.add_job(
            self._reconcile,
            IntervalTrigger(seconds=self.settings.reconcile_every),
            id="reconcile",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=max(1, int(self.settings.reconcile_every)),
        )
        self._reconcile()
        self.scheduler.start()
        log_event(self.logger, "daemon started", db=str(self.db), feeds=len(self.intervals))
        if not self.intervals:
            # Not an error (feeds added later are picked up), but say what to do.
            log_event(
                self.logger,
                "no feeds to poll yet: `tracker feeds seed` adds the bundled list, "
                "`tracker feeds add URL` one feed; both are picked up without a restart",
                logging.WARNING,
            )

    def shutdown(self) -> None:
        log_event(self.logger, "daemon stopping", reason="signal")
        self.stopping.set()
        # wait=True: the poll in flight finishes (and commits) before we go on.
        self.scheduler.shutdown(wait=True)
        mark_stopped(self.main.store.conn, self.polls)
        self.client.close()
        for tracker in [*self.trackers, self.main]:
            tracker.close()
        log_event(self.logger, "daemon stopped", polls=self.polls)

    def _reconcile(self) -> None:
        """Bring the jobs in line with the feeds table; write the heartbeat."""
        conn = self.main.store.conn
        wanted = {f.name: f.interval_seconds for f in FeedList(conn).all(enabled_only=True)}
        for name in set(self.intervals) - set(wanted):
            self.scheduler.remove_job(f"feed:{name}")
            del self.intervals[name]
            log_event(self.logger, "feed unscheduled", feed=name)
        for name, interval in wanted.items():
            if self.intervals.get(name) != interval:
                self._schedule(name, interval)
        beat(conn, self.polls)

    def _schedule(self, name: str, interval: float) -> None:
        jitter = min(interval * 0.1, 300.0)
        # New feeds poll soon, staggered so a restart does not hit every server at once.
        first = datetime.now(UTC) + timedelta(seconds=random.uniform(0, min(interval, 5.0)))
        self.scheduler.add_job(
            self._poll,
            IntervalTrigger(seconds=interval, jitter=jitter),
            args=[name],
            id=f"feed:{name}",
            replace_existing=True,
            next_run_time=first,
            coalesce=True,
            max_instances=1,
            # A poll delayed by less than one interval still runs; a later one is skipped.
            misfire_grace_time=max(1, int(interval)),
        )
        self.intervals[name] = interval
        log_event(self.logger, "feed scheduled", feed=name, interval_s=interval)

    def _poll(self, name: str) -> None:
        if self.stopping.is_set():
            return
        tracker = self._tracker()
        try:
            feed = FeedList(tracker.store.conn).get(name)
        except UsageError:
            return  # removed since it was scheduled; the next reconcile drops the job
        if not feed.enabled or load_health(tracker.store.conn, name).backing_off(datetime.now(UTC)):
            return
        try:
            result = poll_feed(tracker, feed, policy=self.settings.policy, client=self.client)
        except Exception as exc:  # the daemon outlives any one poll; the log line says why
            log_event(
                self.logger,
                "poll",
                logging.ERROR,
                feed=name,
                outcome="crashed",
                error=f"{type(exc).__name__}: {exc}",
            )
            return
        finally:
            self.polls += 1
        level = logging.WARNING if result.error else logging.INFO
        log_event(self.logger, "poll", level, **result.fields())

    def _tracker(self) -> Tracker:
        """This worker thread's own connection (SQLite connections are not for sharing)."""
        tracker: Tracker | None = getattr(self.local, "tracker", None)
        if tracker is None:
            tracker = Tracker.open(self.db)
            self.local.tracker = tracker
            with self.trackers_lock:
                self.trackers.append(tracker)
        return tracker
