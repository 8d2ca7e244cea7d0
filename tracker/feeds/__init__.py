"""The tracker's intake: feed list, fetching, parsing and ingesting articles into the log.

Nothing is imported here so that ``tracker status`` (which reads the feed tables) never pulls
in httpx or feedparser. The entry points:

- :func:`tracker.feeds.poll.poll_feed`: fetch one feed over HTTP and ingest it (the daemon's job).
- :func:`tracker.feeds.ingest.ingest_bytes` / :func:`tracker.feeds.ingest.ingest_file`: ingest
  a feed document already in hand (the demo's bundled sample feed, tests).
- :class:`tracker.feeds.feedlist.FeedList`: the feeds table (add, list, remove, seed).
"""
