"""Tables of one report that are sums of each other: no suppressed count may be subtracted back.

Every flow step that records ``not_asked`` also records exactly one
``not_asked_<reason>``, so in every cell "Frågan om våld ställdes inte" is the sum
of the "Inte frågat: …" cells. Each table is protected on its own; a reader who
subtracts the shown reasons from the shown total gets the hidden one.
"""

from __future__ import annotations

import pytest

from fkstod.core.usage.indicators import build_report
from fkstod.core.vocabulary import NOT_ASKED_REASONS


def _cells(reasons: dict[str, int]) -> dict:
    cells = {}

    def add(metric: str, n: int, **labels: str) -> None:
        key = ("2026-01", None, metric, tuple(sorted(labels.items())))
        cells[key] = cells.get(key, 0) + n

    flow = {"flow": "sjukpenning-fraga", "benefit": "sjukpenning"}
    total = sum(reasons.values())
    add("flow_started", 80 + total, **flow)
    add("flow_outcome", 80, outcome="asked", **flow)
    add("flow_outcome", total, outcome="not_asked", **flow)
    for reason, n in reasons.items():
        add("flow_outcome", n, outcome=f"not_asked_{reason}", **flow)
    return cells


@pytest.mark.xfail(
    strict=True,
    reason="not yet fixed: the reason tables and 'not asked' are protected one by one "
    "(see the hcoord report: a 3-way table, benefit x unit x reason)",
)
def test_a_suppressed_reason_cannot_be_subtracted_from_not_asked() -> None:
    report = build_report(_cells({"inte_ensam": 9, "ombud": 3}), period="month")
    (period,) = report.periods
    for benefit in report.benefits:
        for unit in report.units:
            not_asked = report.table("not_asked", period).value(benefit, unit)
            shown = [
                report.table(f"not_asked_{r}", period).value(benefit, unit)
                for r in NOT_ASKED_REASONS
            ]
            hidden = [v for v in shown if v is None]
            if not_asked is not None and len(hidden) == 1:
                derived = not_asked - sum(v for v in shown if v is not None)
                pytest.fail(f"{benefit}/{unit}: a hidden reason is {not_asked} - ... = {derived}")
