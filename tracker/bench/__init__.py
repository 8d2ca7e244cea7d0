"""``tracker bench``: performance figures, each printed beside a raw baseline from the same run.

Machines are noisy, so every figure is a median of several runs and is read as a ratio to
the baseline measured alongside it, never as an absolute time. Each area of the tracker
adds a section: a module with ``run(quick: bool) -> list[Figure]``, named in ``SECTIONS``.
"""

from __future__ import annotations

from tracker.bench.figures import Figure, median_rate, timed

__all__ = ["SECTIONS", "Figure", "median_rate", "timed"]

# section name -> "module:function"
SECTIONS: dict[str, str] = {
    "log": "tracker.bench.log_bench:run",
    "feeds": "tracker.bench.feeds_bench:run",
    "projection": "tracker.bench.projection_bench:run",
    "extract": "tracker.bench.extract_bench:run",
    "web": "tracker.bench.web_bench:run",
    "scale": "tracker.bench.scale_bench:run",
    "changes": "tracker.bench.changes_bench:run",
}
