"""Benchmarks: ``make bench`` (``python -m tests.benchmarks``) runs every ``bench_*`` module.

Each module has ``main() -> list[Result]``. Figures are printed against the
budgets in DESIGN.md; they are never asserted in the test suite, since machines
are noisy. Where a budget is a ratio, both sides are measured in the same run.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Result:
    """One measured figure against its budget (lower is better)."""

    name: str
    measured: float
    budget: float
    unit: str

    @property
    def within(self) -> bool:
        return self.measured <= self.budget

    def __str__(self) -> str:
        verdict = "inom budget" if self.within else "ÖVER BUDGET"
        return (
            f"{self.name:<58} {self.measured:>10.3f} {self.unit:<4} "
            f"(budget {self.budget:g} {self.unit})  {verdict}"
        )


def p95(samples: list[float]) -> float:
    """Return the 95th percentile of ``samples``."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def median(samples: list[float]) -> float:
    """Return the median of ``samples``."""
    return statistics.median(samples)


def time_ms(fn: Callable[[], object], repeat: int) -> list[float]:
    """Call ``fn`` ``repeat`` times and return each call's wall time in milliseconds."""
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out
