"""Watches: the changes a reader follows, delivered by the daemon to a command or a webhook
(:mod:`.book` keeps them and their outbox, :mod:`.follower` queues and delivers)."""

from tracker.watches.book import Watch, WatchBook
from tracker.watches.follower import Settings, deliver, enqueue, run_watches

__all__ = ["Settings", "Watch", "WatchBook", "deliver", "enqueue", "run_watches"]
