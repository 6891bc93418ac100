"""What a benchmark reports: one figure with its target, and the timing helpers they share."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    target: float | None = None
    """The largest value that meets the target; None for figures printed for context."""

    @property
    def ok(self) -> bool | None:
        return None if self.target is None else self.value <= self.target

    @property
    def verdict(self) -> str:
        return {None: "info", True: "ok", False: "MISSED"}[self.ok]

    def line(self) -> str:
        target = f"<= {self.target:g}" if self.target is not None else "-"
        return f"{self.name:<44} {self.value:>10.3f} {self.unit:<6} {target:<10} {self.verdict}"


def median_seconds(action: Callable[[], object], runs: int, warmup: int = 1) -> float:
    """Median wall time of `runs` calls, after `warmup` calls that are not counted."""
    for _ in range(warmup):
        action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paired_medians(
    baseline: Callable[[], object], action: Callable[[], object], runs: int, warmup: int = 1
) -> tuple[float, float]:
    """Median wall times (baseline, action) over `runs` rounds in which the two alternate.

    Alternating means a slow patch on a shared machine lands on both series alike, so
    their ratio holds where two back-to-back series would drift apart.
    """
    for _ in range(warmup):
        baseline()
        action()
    base_times, times = [], []
    for _ in range(runs):
        for call, series in ((baseline, base_times), (action, times)):
            start = time.perf_counter()
            call()
            series.append(time.perf_counter() - start)
    return statistics.median(base_times), statistics.median(times)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]
