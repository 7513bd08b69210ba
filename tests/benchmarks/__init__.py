"""Benchmarks: ``make bench`` (``python -m tests.benchmarks``) runs every ``bench_*`` module.

The protocol: each ``bench_*`` module has ``main() -> list[Result]``; the runner
finds the modules by name, runs them in order and prints one table of every
row (measure, budget, median, p95, verdict), then exits 1 when a figure is over
budget. A module may print notes (how it measured) while it runs.

Figures are judged against the budgets in DESIGN.md; they are never asserted
in the test suite, since machines are noisy. Where a budget is a ratio, both
sides are measured in the same run, interleaved.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass
class Result:
    """One row of the table: a measured figure against its budget (lower is better).

    Attributes:
        name: what was measured.
        measured: the figure the verdict is on (a median or a p95, as the budget says).
        budget: the budget, or None for a figure shown for information only.
        unit: "ms", "s", "MB" or "x" (a ratio).
        median, p95: the spread, when the figure comes from several samples.
        note: a few words after the verdict (a refusal, how many samples).
    """

    name: str
    measured: float
    budget: float | None
    unit: str
    median: float | None = None
    p95: float | None = None
    note: str = ""

    @classmethod
    def of(
        cls,
        name: str,
        samples: Sequence[float],
        budget: float | None,
        unit: str,
        judge: str = "p95",
        note: str = "",
    ) -> Result:
        """Return the row for ``samples``, judged on their ``judge`` ("p95", "median", "max")."""
        if not samples:
            return cls(name, math.inf, budget, unit, note=note or "inga mätvärden")
        figures = {"p95": p95(samples), "median": median(samples), "max": max(samples)}
        return cls(
            name,
            figures[judge],
            budget,
            unit,
            median=median(samples),
            p95=p95(samples),
            note=note or f"n={len(samples)}, {judge}",
        )

    @property
    def within(self) -> bool:
        return self.budget is None or self.measured <= self.budget

    @property
    def verdict(self) -> str:
        if self.budget is None:
            return "info"
        return "inom budget" if self.within else "ÖVER BUDGET"

    def __str__(self) -> str:
        budget = "–" if self.budget is None else f"≤ {self.budget:g} {self.unit}"
        return (
            f"{self.name:<56} {budget:>11} {_figure(self.median, self.measured):>9} "
            f"{_figure(self.p95, None):>9} {self.unit:<3} {self.verdict:<11} {self.note}"
        )


def _figure(value: float | None, fallback: float | None) -> str:
    value = fallback if value is None else value
    if value is None:
        return "–"
    if math.isinf(value):
        return "∞"
    return f"{value:.3g}" if abs(value) < 10 else f"{value:.0f}"


HEADER = f"{'mått':<56} {'budget':>11} {'median':>9} {'p95':>9} {'':<3} {'utfall':<11} anm."


def p95(samples: Sequence[float]) -> float:
    """Return the 95th percentile of ``samples`` (nearest rank)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def median(samples: Sequence[float]) -> float:
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
