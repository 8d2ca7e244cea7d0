"""The background daemon: polls every feed on its schedule until SIGTERM.

Nothing is imported here: ``tracker status`` reads the lock and the heartbeat without
loading APScheduler or httpx. Start it with :func:`tracker.daemon.runner.run_daemon`.
"""
