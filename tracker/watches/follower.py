"""Watches as followers of the log: queue what each has not told, then deliver it.

:func:`run_watches` is what the daemon runs after its polls. For each watch, the changes
between its checkpoint (judged on the day it last checked) and the log's head (judged
today) are queued in the transaction that moves the checkpoint, only if no other process
moved it meanwhile; a new day alone (a commitment falling overdue) is a change too, so
each watch checks the calendar once a day with no new event. Then every queued change is
delivered, oldest first: a command gets the change as JSON on stdin and in ``TRACKER_*``
variables, a webhook a POST of the JSON; either is tried again with backoff until it is
acknowledged, each failure kept for `tracker status`.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from tracker.changes.windows import learned_between
from tracker.narrate import change_words
from tracker.stored_states import today_utc
from tracker.watches.book import Delivery, Watch, WatchBook, follower_name, queue

if TYPE_CHECKING:
    from tracker.app import Tracker
    from tracker.changes import StateChange

__all__ = ["Settings", "deliver", "enqueue", "run_watches"]

EXEC_TIMEOUT_S = 60.0
WEBHOOK_TIMEOUT_S = 10.0


class Settings:
    """How hard a delivery tries: ``tries`` in a row, ``backoff_s`` apart and doubling; then
    it waits ``wait_s``, doubled for each failed round (at most ``max_wait_s``), before the
    next round."""

    def __init__(
        self,
        tries: int = 3,
        backoff_s: float = 0.5,
        wait_s: float = 30.0,
        max_wait_s: float = 3600.0,
    ) -> None:
        self.tries, self.backoff_s = tries, backoff_s
        self.wait_s, self.max_wait_s = wait_s, max_wait_s


def enqueue(tracker: Tracker, book: WatchBook, watch: Watch) -> int:
    """Queue the changes ``watch`` has not told; return how many were queued."""
    store = tracker.store
    name = follower_name(watch.name)
    position, head, today = store.checkpoint(name), store.head(), today_utc()
    if position >= head and watch.checked_day >= today:
        return 0
    tracker.projection.catch_up()
    changes = learned_between(
        store, tracker.projection, position, head, watch.checked_day, today, watch.wanted
    )
    with store.following(name) as follow:
        if follow.position != position:
            return 0  # another process told them meanwhile
        # Oldest learned first: the outbox's order is the order of delivery.
        queued = queue(follow.conn, watch.name, [_payload(watch, c) for c in reversed(changes)])
        follow.conn.execute(
            "UPDATE watches SET checked_day = ? WHERE name = ?", (today.isoformat(), watch.name)
        )
        follow.advance(head)
    return queued


def _payload(watch: Watch, change: StateChange) -> tuple[str, dict[str, Any]]:
    data = change.model_dump(mode="json")
    data["summary"] = change_words(change.change)
    data["watch"] = watch.name
    return change.id, data


def deliver(
    book: WatchBook,
    watch: Watch,
    settings: Settings | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Deliver the watch's queued changes that are due, oldest first; return how many were
    acknowledged. A change that fails every try waits, and the ones after it with it."""
    settings = settings or Settings()
    sent = 0
    for delivery in book.pending(watch.name, datetime.now(UTC)):
        error = None
        for attempt in range(settings.tries):
            error = _send(watch, delivery)
            if error is None:
                break
            if attempt + 1 < settings.tries:
                sleep(settings.backoff_s * 2**attempt)
        if error is None:
            book.delivered(delivery)
            sent += 1
            continue
        attempts = delivery.attempts + settings.tries
        rounds = attempts // max(1, settings.tries)
        wait = min(settings.max_wait_s, settings.wait_s * 2 ** (rounds - 1))
        book.failed(delivery, attempts, error, datetime.now(UTC) + timedelta(seconds=wait))
        break
    return sent


def _send(watch: Watch, delivery: Delivery) -> str | None:
    """Send one change; None when acknowledged, else what went wrong, in words."""
    if watch.exec is not None:
        data = json.loads(delivery.payload)
        env = {
            **os.environ,
            "TRACKER_WATCH": watch.name,
            "TRACKER_CHANGE_ID": delivery.change_id,
            "TRACKER_CHANGE_KIND": str(data.get("kind", "")),
            "TRACKER_RELATIONSHIP": str(data.get("relationship", "")),
            "TRACKER_CHANGE_SUMMARY": str(data.get("summary", "")),
        }
        try:
            done = subprocess.run(
                watch.exec,
                shell=True,
                input=delivery.payload,
                text=True,
                env=env,
                capture_output=True,
                timeout=EXEC_TIMEOUT_S,
            )
        except subprocess.TimeoutExpired:
            return f"the command ran past {EXEC_TIMEOUT_S:g} s"
        if done.returncode != 0:
            said = (done.stderr or done.stdout).strip().splitlines()
            return f"the command exited {done.returncode}" + (f": {said[-1]}" if said else "")
        return None
    assert watch.webhook is not None
    import httpx  # only the daemon's deliveries load it

    try:
        response = httpx.post(
            watch.webhook,
            content=delivery.payload.encode(),
            headers={
                "Content-Type": "application/json",
                "Idempotency-Key": delivery.change_id,
                "User-Agent": "policy-tracker watch",
            },
            timeout=WEBHOOK_TIMEOUT_S,
        )
    except httpx.HTTPError as exc:
        return f"{type(exc).__name__}: {exc}"
    if not 200 <= response.status_code < 300:
        return f"HTTP {response.status_code}"
    return None


def run_watches(tracker: Tracker, settings: Settings | None = None) -> int:
    """Queue and deliver every watch's changes; return how many were delivered."""
    book = WatchBook(tracker.store)
    sent = 0
    for watch in book.all():
        enqueue(tracker, book, watch)
        with book.delivering(watch.name) as mine:
            if mine:  # else another daemon sends this watch's outbox now
                sent += deliver(book, watch, settings)
    return sent
