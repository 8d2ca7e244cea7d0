"""A writer process for the concurrency tests: ``python -m tests.pg.writer URL COUNT TAG AT``
appends COUNT events one append at a time, all to one stream, starting at the time AT."""

from __future__ import annotations

import sys
import time

from events import MeetingHeld
from tests.factories import diplomatic
from tracker.store.postgres_store import PostgresStore


def main(url: str, count: int, tag: str, start_at: float) -> None:
    with PostgresStore.open(url, pool_size=1) as store:
        time.sleep(max(0.0, start_at - time.time()))  # every writer starts at once
        for i in range(count):
            store.append([diplomatic(MeetingHeld, note=f"{tag}-{i}")])


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4]))
