"""Figures a benchmark reports, and the timing helpers that produce them."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Figure", "median_rate", "paired_ratio", "timed"]


@dataclass(frozen=True, slots=True)
class Figure:
    """One measured figure, with its baseline and the target it is held to.

    ``ratio`` is value / baseline, or ``paired_ratio`` when the bench measured one.
    ``target`` is a bound on the ratio or on the value in ``unit``, as ``target_kind``
    says; ``None`` when there is none.
    """

    section: str
    name: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_name: str | None = None
    target: float | None = None
    target_kind: str = "ratio>="  # "ratio>=", "ratio<=", "value>=", "value<="
    note: str = ""
    # The median over runs of (ours / baseline) within each run, the two timed back to
    # back: on a host whose speed drifts from second to second (shared, virtualized) this
    # compares like with like, where the ratio of the two medians can pair a fast moment
    # of one with a slow moment of the other.
    paired_ratio: float | None = None

    @property
    def ratio(self) -> float | None:
        if self.paired_ratio is not None:
            return self.paired_ratio
        if self.baseline is None or self.baseline == 0:
            return None
        return self.value / self.baseline

    @property
    def meets_target(self) -> bool | None:
        if self.target is None:
            return None
        if self.target_kind == "ratio>=":
            return self.ratio is not None and self.ratio >= self.target
        if self.target_kind == "ratio<=":
            return self.ratio is not None and self.ratio <= self.target
        if self.target_kind == "value>=":
            return self.value >= self.target
        return self.value <= self.target


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call of ``fn`` takes (perf_counter)."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def paired_ratio(ours: list[float], baseline: list[float]) -> float:
    """Median over runs of our rate over the baseline's, from each run's two times."""
    return statistics.median(b / o for o, b in zip(ours, baseline, strict=True))


def median_rate(count: int, runs: list[float]) -> float:
    """Items per second from the median of several timed runs of ``count`` items."""
    return count / statistics.median(runs)
