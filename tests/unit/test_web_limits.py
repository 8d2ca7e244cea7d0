"""The page's limits are data (seeds/page.toml), and the page reads them from there."""

from __future__ import annotations

import tomllib

import seeds
from tracker.web import data, months, pages


def test_the_page_limits_are_read_from_the_seeds() -> None:
    written = tomllib.loads(seeds.path("page.toml").read_text(encoding="utf-8"))
    assert all(isinstance(v, int) and v > 0 for v in written.values())
    used = {
        "page_size": pages.PAGE_SIZE,
        "max_stops": pages.MAX_STOPS,
        "shown_sources": pages.SHOWN_SOURCES,
        "shown_steps": pages.SHOWN_STEPS,
        "shown_changes": pages.SHOWN_CHANGES,
        "around_days": data.AROUND_DAYS,
        "max_points": months.MAX_POINTS,
        "max_groups": months.MAX_GROUPS,
    }
    assert used == written
