"""The daemon: APScheduler in the foreground, one job per feed, a reconcile job, clean stops.

- One interval job per enabled feed (its own interval, jitter of a tenth of it,
  ``coalesce=True``, ``max_instances=1``, an explicit ``misfire_grace_time``).
- A reconcile job re-reads the ``feeds`` table every few seconds: feeds added, removed,
  disabled or re-timed while the daemon runs are picked up without a restart. It also
  writes the heartbeat. It runs on its own one-thread executor, so feeds that hold every
  polling worker cannot stop the heartbeat.
- Every fetch has one wall-clock deadline (:mod:`tracker.feeds.fetch`), so a stuck server
  holds a worker for at most that long; and feeds whose last poll failed never hold every
  worker at once: one is always left for the healthy feeds.
- SIGTERM/SIGINT set a flag; fetches in flight are cut off at once (they hold no
  transaction); polls past their fetch are waited for until their deadline (plus
  ``stop_grace`` for parsing and the append), so their transactions complete; ``stopped_at``
  is written and the exit code is 0. A poll still running then is abandoned: the process
  exits without it, which loses nothing committed (as after kill -9).
- Each worker thread has its own SQLite connection; the log's write transactions serialize
  them. A kill -9 loses nothing committed: each poll's articles are one transaction, and
  deterministic event ids make the next poll's re-ingest a no-op.
- A poll only appends articles; the followers of the log (extraction, then the projection)
  run after it, each committing its results with its checkpoint, so articles a crash left
  unread are read by the next run.
- On PostgreSQL several daemons share the feeds: no flock, no job per feed. The reconcile
  job claims the due feeds (as many as there are idle workers) with a lease
  (:mod:`tracker.feeds.leases`) and runs each claimed poll once; a poll writes only while
  its lease holds. Each daemon beats in its own row of ``daemons``.
"""

from __future__ import annotations

import logging
import os
import random
import signal
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from tracker.app import Tracker
from tracker.daemon.heartbeat import beat, mark_started, mark_stopped
from tracker.daemon.lock import DaemonLock
from tracker.daemon.logs import log_event
from tracker.daemon.registry import this_daemon as lease_holder
from tracker.errors import TrackerError, UsageError
from tracker.feeds.feedlist import FeedList
from tracker.feeds.fetch import FetchPolicy, abort_fetches, new_client
from tracker.feeds.health import load_health
from tracker.feeds.leases import Lease, claim_due, renew
from tracker.feeds.poll import poll_feed
from tracker.feeds.tables import feed_db
from tracker.store.postgres import is_url

__all__ = ["DaemonSettings", "run_daemon"]


@dataclass(frozen=True, slots=True)
class DaemonSettings:
    """How the daemon runs."""

    reconcile_every: float = 15.0
    workers: int = 4
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    # After SIGTERM, how long past its fetch deadline a poll may take to parse and append.
    stop_grace: float = 5.0
    # PostgreSQL: how long a claimed feed stays this daemon's (default: a poll's deadline,
    # the grace, and half a minute for parsing and the append).
    lease: float | None = None

    @property
    def lease_seconds(self) -> float:
        return self.lease or self.policy.deadline + self.stop_grace + 30.0


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
    # On PostgreSQL daemons share the feeds by leases; one per SQLite file, by its flock.
    lock = None if is_url(db) else DaemonLock.acquire(db)
    try:
        daemon = _Daemon(db, settings, logger)
        daemon.start()
        while not stop.wait(0.5):
            pass
        abandoned = daemon.shutdown()
    finally:
        if lock is not None:
            lock.release()
    if abandoned:
        # The interpreter would join the stuck worker threads at exit, i.e. wait for them.
        logging.shutdown()
        os._exit(0)
    return 0


class _Daemon:
    def __init__(self, db: str | Path, settings: DaemonSettings, logger: logging.Logger) -> None:
        self.db = db
        self.settings = settings
        self.logger = logger
        self.main = Tracker.open(db)
        self.shared = is_url(db)
        self.main_lock = threading.Lock()
        self.client = new_client()
        self.local = threading.local()
        self.trackers: list[Tracker] = []
        self.trackers_lock = threading.Lock()
        self.intervals: dict[str, float] = {}
        self.polls = 0
        self.stopping = threading.Event()
        self.in_flight: dict[str, float] = {}  # feed -> when its poll started (monotonic)
        self.in_flight_changed = threading.Condition()
        self.followers_lock = threading.Lock()
        self.suspect_slots = threading.BoundedSemaphore(max(1, settings.workers - 1))
        self.scheduler = BackgroundScheduler(
            executors={
                "default": ThreadPoolExecutor(settings.workers),
                "control": ThreadPoolExecutor(1),
            },
            timezone=UTC,
        )

    def start(self) -> None:
        mark_started(feed_db(self.main.store))
        self.scheduler.add_job(
            self._reconcile,
            IntervalTrigger(seconds=self.settings.reconcile_every),
            id="reconcile",
            executor="control",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=max(1, int(self.settings.reconcile_every)),
        )
        self._reconcile()
        self.scheduler.start()
        log_event(self.logger, "daemon started", db=str(self.db), feeds=len(self.intervals))
        if not self.intervals and not self.shared:
            # Not an error (feeds added later are picked up), but say what to do.
            log_event(
                self.logger,
                "no feeds to poll yet: `tracker feeds seed` adds the bundled list, "
                "`tracker feeds add URL` one feed; both are picked up without a restart",
                logging.WARNING,
            )

    def shutdown(self) -> int:
        """Stop; return how many polls were still running past their deadline (abandoned)."""
        log_event(self.logger, "daemon stopping", reason="signal")
        self.stopping.set()
        self.scheduler.shutdown(wait=False)
        # Fetches in flight end now (they hold no transaction); appends in flight complete.
        abort_fetches()
        stuck = self._wait_for_polls()
        with self.main_lock:
            mark_stopped(feed_db(self.main.store), self.polls)
            self.main.close()
        if stuck:
            log_event(
                self.logger,
                "polls abandoned past their deadline",
                logging.WARNING,
                feeds=",".join(sorted(stuck)),
            )
        else:
            self.client.close()
            for tracker in self.trackers:
                tracker.close()
        log_event(self.logger, "daemon stopped", polls=self.polls)
        return len(stuck)

    def _wait_for_polls(self) -> list[str]:
        """Wait for the polls in flight, each until its deadline and the grace have passed."""
        allowed = self.settings.policy.deadline + self.settings.stop_grace
        with self.in_flight_changed:
            while self.in_flight:
                left = max(self.in_flight.values()) + allowed - time.monotonic()
                if left <= 0:
                    break
                self.in_flight_changed.wait(left)
            return list(self.in_flight)

    def _reconcile(self) -> None:
        """Bring the jobs in line with the feeds table; write the heartbeat."""
        # The main connection is shared with start and shutdown: one user at a time.
        with self.main_lock:
            if not self.stopping.is_set():
                self._reconcile_now()

    def _reconcile_now(self) -> None:
        if self.shared:
            self._claim()
            return
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

    def _claim(self) -> None:
        """PostgreSQL: beat, claim due feeds for the idle workers, run each claimed poll."""
        db = feed_db(self.main.store)
        with self.in_flight_changed:
            idle = self.settings.workers - len(self.in_flight)
            polling = list(self.in_flight)
        try:
            beat(db, self.polls)
            # A poll still running (or waiting for a worker) keeps its feed: its lease is
            # extended while this daemon beats; one that stalls lets it run out.
            renew(db, lease_holder(), polling, seconds=self.settings.lease_seconds)
            claimed = claim_due(db, lease_holder(), limit=idle, seconds=self.settings.lease_seconds)
        except TrackerError as exc:  # the server gone for a while: the next round tries again
            log_event(self.logger, "claim", logging.WARNING, error=str(exc))
            return
        for feed, lease in claimed:
            with self.in_flight_changed:  # a worker's from now on, so the next claim counts it
                self.in_flight[feed.name] = time.monotonic()
            self.scheduler.add_job(
                self._poll,
                args=[feed.name, lease],
                id=f"claimed:{feed.name}",
                replace_existing=True,
                misfire_grace_time=None,  # claimed: it runs, however late a worker frees up
            )

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

    def _poll(self, name: str, lease: Lease | None = None) -> None:
        if self.stopping.is_set():
            with self.in_flight_changed:
                self.in_flight.pop(name, None)
                self.in_flight_changed.notify_all()
            return
        with self.in_flight_changed:
            self.in_flight[name] = time.monotonic()
        try:
            self._poll_once(name, lease)
        finally:
            with self.in_flight_changed:
                self.in_flight.pop(name, None)
                self.in_flight_changed.notify_all()

    def _poll_once(self, name: str, lease: Lease | None) -> None:
        tracker = self._tracker()
        try:
            feed = FeedList(feed_db(tracker.store)).get(name)
        except UsageError:
            return  # removed since it was scheduled; the next reconcile drops the job
        health = load_health(feed_db(tracker.store), name)
        # A claimed feed was due by its next_poll_at, which holds the backoff too.
        if lease is None and (not feed.enabled or health.backing_off(datetime.now(UTC))):
            return
        # A feed whose last poll failed may be stuck again: such feeds share all workers but
        # one, which healthy feeds always have. Without a slot the poll waits a round.
        suspect = health.consecutive_failures > 0
        if suspect and not self.suspect_slots.acquire(blocking=False):
            return
        try:
            result = poll_feed(
                tracker, feed, policy=self.settings.policy, client=self.client, lease=lease
            )
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
            if suspect:
                self.suspect_slots.release()
        level = logging.WARNING if result.error else logging.INFO
        log_event(self.logger, "poll", level, **result.fields())
        self._run_followers(tracker)

    def _run_followers(self, tracker: Tracker) -> None:
        """Extraction and the projection after a poll (two reads when nothing is new).

        One worker at a time: another waits, then finds nothing left or what came since.
        (Two at once would be safe, each follower holding its checkpoint, but would extract
        the same articles twice over.) A follower that fails leaves its checkpoint where it
        was, and the next poll's run reads the same events again.
        """
        try:
            with self.followers_lock:
                extracted = tracker.run_followers()
                # The watches follow the log too: they tell what the followers made of it.
                # (On a server, one daemon at a time sends a watch's outbox.)
                from tracker.watches import run_watches

                delivered = run_watches(tracker)
        except Exception as exc:  # the daemon outlives any one run; the log line says why
            log_event(self.logger, "followers", logging.ERROR, error=f"{type(exc).__name__}: {exc}")
            return
        if extracted:
            log_event(self.logger, "followers", extracted=len(extracted))
        if delivered:
            log_event(self.logger, "watches", delivered=delivered)

    def _tracker(self) -> Tracker:
        """This worker thread's own connection (SQLite connections are not for sharing)."""
        tracker: Tracker | None = getattr(self.local, "tracker", None)
        if tracker is None:
            tracker = Tracker.open(self.db)
            self.local.tracker = tracker
            with self.trackers_lock:
                self.trackers.append(tracker)
        return tracker
