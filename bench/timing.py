"""Timing helpers: a monotonic clock, medians and percentiles of repeated runs."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Latency:
    """Repeated timings of one operation, in seconds."""

    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p99(self) -> float:
        return percentile(self.samples, 99)

    @property
    def runs(self) -> int:
        return len(self.samples)


def percentile(samples, pct: float) -> float:
    """The nearest-rank percentile (p99 of 100 samples is the 99th smallest)."""
    ordered = sorted(samples)
    rank = max(1, -(-len(ordered) * pct // 100))  # ceiling without floats
    return ordered[int(rank) - 1]


def timed(func: Callable, *args, **kwargs) -> tuple[float, object]:
    """Run `func` once: (seconds, result)."""
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return time.perf_counter() - start, result


def repeat(
    func: Callable, *, runs: int, budget: float, min_runs: int = 20, warmup: int = 1
) -> Latency:
    """Time `func` up to `runs` times, stopping early after `budget` seconds once `min_runs` are
    in."""
    for _ in range(warmup):
        func()
    samples: list[float] = []
    deadline = time.perf_counter() + budget
    while len(samples) < runs and (len(samples) < min_runs or time.perf_counter() < deadline):
        samples.append(timed(func)[0])
    return Latency(tuple(samples))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"
