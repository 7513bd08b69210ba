"""Tables of one report that are sums of each other: no hidden count may be worked out.

Every flow step that records ``not_asked`` also records exactly one
``not_asked_<reason>``, so in every cell "Frågan om våld ställdes inte" is the sum
of the "Inte frågat: …" cells. Protected one by one, a reader who subtracted the
shown reasons from the shown total got the hidden one. The attacker here solves
linear programmes over both tables at once, knowing that ".." is never 0.
"""

from __future__ import annotations

import random

import pytest

from fkstod.core.usage.indicators import REASONS, TOTAL, build_report
from fkstod.core.usage.outputs import to_jsonl
from fkstod.core.usage.units import Unit
from tests.core.usage.attack import extremes, reading

BENEFITS = ("sjukpenning", "underhallsstod", "ovriga")
FLOWS = {"sjukpenning": "sjukpenning-fraga", "underhallsstod": "underhallsstod-fraga"}
UNITS = (Unit("a", "A"), Unit("b", "B"), Unit("c", "C"))


def cells_of(calls) -> dict:
    """Cells of merged exports from ``[(benefit, unit, reason or None), ...]`` calls."""
    cells: dict = {}

    def add(unit, metric, **labels):
        key = ("2026-01", unit, metric, tuple(sorted(labels.items())))
        cells[key] = cells.get(key, 0) + 1

    for benefit, unit, reason in calls:
        flow = {"flow": FLOWS.get(benefit, "fraga-vid-indikation"), "benefit": benefit}
        add(unit, "flow_started", **flow)
        if reason is None:
            add(unit, "flow_outcome", outcome="asked", **flow)
        else:
            add(unit, "flow_outcome", outcome="not_asked", **flow)
            add(unit, "flow_outcome", outcome=reason, **flow)
    return cells


def attacker(report, period):
    """Return {name: (low, high, true value unknown)} for every hidden cell of both tables."""
    na = report.table("not_asked", period)
    rows = [b for b in report.benefits if b != TOTAL]
    cols = [u for u in report.units if u != TOTAL]
    shown: dict[tuple, int | None] = {}
    for b in report.benefits:
        for u in report.units:
            shown[("na", b, u)] = na.value(b, u)
        for r in REASONS:
            shown[("rs", b, r)] = report.table(r, period).value(b, TOTAL)
    equations = []
    for b in report.benefits:  # a benefit's units sum to its total, and so do its reasons
        equations.append(([("na", b, u) for u in cols], ("na", b, TOTAL)))
        equations.append(([("rs", b, r) for r in REASONS], ("na", b, TOTAL)))
    for u in report.units:
        equations.append(([("na", b, u) for b in rows], ("na", TOTAL, u)))
    for r in REASONS:
        equations.append(([("rs", b, r) for b in rows], ("rs", TOTAL, r)))
    unknown = [k for k, v in shown.items() if v is None]
    index = {k: n for n, k in enumerate(unknown)}
    a_eq, b_eq = [], []
    for parts, total in equations:
        row, rhs = [0.0] * len(unknown), 0.0
        for key, sign in [*((p, 1.0) for p in parts), (total, -1.0)]:
            if key in index:
                row[index[key]] += sign
            else:
                rhs -= sign * shown[key]
        if any(row):
            a_eq.append(row)
            b_eq.append(rhs)
    # Every unknown is a ".." and ".." is never 0.
    bounds = [(1, None)] * len(unknown)
    return {
        key: extremes(reading(len(unknown), k), bounds=bounds, a_eq=a_eq, b_eq=b_eq)
        for key, k in index.items()
    }


def test_a_hidden_reason_cannot_be_subtracted_from_not_asked() -> None:
    calls = [("sjukpenning", None, None)] * 80
    calls += [("sjukpenning", None, "not_asked_inte_ensam")] * 9
    calls += [("sjukpenning", None, "not_asked_ombud")] * 3
    report = build_report(cells_of(calls), period="month")
    (period,) = report.periods
    for key, (low, high) in attacker(report, period).items():
        assert high - low > 0.5, key
        assert not (low > 0 and high < report.threshold), key


@pytest.mark.parametrize("seed", range(80))
def test_no_hidden_count_is_pinned_or_confined_across_the_two_tables(seed: int) -> None:
    rng = random.Random(seed)
    calls = []
    for benefit in BENEFITS:
        for unit in UNITS:
            for _ in range(rng.choice((0, 1, 2, 4, 6, 9, 15))):
                reason = rng.choice((None, None, *rng.sample(REASONS, 3)))
                calls.append((benefit, unit.code, reason))
    if not calls:
        return
    cells = cells_of(calls)
    report = build_report(cells, period="month", units=UNITS, sparse_below=0)
    true = {}
    for (_month, _unit, _metric, labels), n in cells.items():
        outcome = dict(labels).get("outcome", "")
        if outcome in REASONS:
            benefit = dict(labels)["benefit"]
            for b in (benefit, TOTAL):
                true[("rs", b, outcome)] = true.get(("rs", b, outcome), 0) + n
    for period in report.periods:
        for key, (low, high) in attacker(report, period).items():
            assert high - low > 0.5, (seed, key)  # never pinned down
            value = true.get(key)
            if value is not None and 0 < value < report.threshold:
                assert not (low > 0 and high < report.threshold), (seed, key)


def test_reasons_are_published_for_all_units_together_only() -> None:
    calls = [(b, u.code, "not_asked_ombud") for b in BENEFITS for u in UNITS for _ in range(9)]
    report = build_report(cells_of(calls), period="month", units=UNITS)
    (period,) = report.periods
    table = report.table("not_asked_ombud", period)
    assert table.has_column(TOTAL) and not table.has_column("a")
    assert table.value("sjukpenning", TOTAL) == 27
    assert report.table("not_asked", period).value("sjukpenning", "a") == 9
    lines = [line for line in to_jsonl(report).decode().splitlines() if "not_asked_ombud" in line]
    assert lines and all('"unit":"total"' in line for line in lines)


def test_a_not_asked_without_its_reason_is_a_reason_never_shown() -> None:
    # An export that did not come from fkstod's flows: "not asked" with no reason.
    cells = cells_of([("sjukpenning", None, "not_asked_ombud")] * 20)
    key = (
        "2026-01",
        None,
        "flow_outcome",
        (("benefit", "sjukpenning"), ("flow", "sjukpenning-fraga"), ("outcome", "not_asked")),
    )
    cells[key] += 3
    report = build_report(cells, period="month")
    (period,) = report.periods
    shown_na = report.table("not_asked", period).value("sjukpenning", TOTAL)
    shown_reason = report.table("not_asked_ombud", period).value("sjukpenning", TOTAL)
    # 23 less 20 would be the 3 without a reason: not both may be shown.
    assert shown_na is None or shown_reason is None
