"""The attacker of the disclosure tests: how far a linear combination of hidden counts can go.

Given what a reader knows as linear equations and inequalities over the hidden
counts (``A_eq x = b_eq``, ``A_ub x <= b_ub``, each within ``bounds``), ``extremes``
returns the smallest and the largest value of ``c·x`` (``inf`` when nothing bounds
it above), solved with scipy's linprog. ``report_bounds`` builds the equations of a
protected report's tables (``assert_no_value_given_away`` judges them); other tests
build their own.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

linprog = pytest.importorskip("scipy.optimize").linprog


def extremes(
    c: Sequence[float],
    *,
    bounds: Sequence[tuple[float, float | None]],
    a_eq: Sequence[Sequence[float]] = (),
    b_eq: Sequence[float] = (),
    a_ub: Sequence[Sequence[float]] = (),
    b_ub: Sequence[float] = (),
) -> tuple[float, float]:
    """Return (min, max) of ``c·x`` over every ``x`` the equations allow."""
    ends = []
    for sign in (1.0, -1.0):
        res = linprog(
            [sign * v for v in c],
            A_ub=list(a_ub) or None,
            b_ub=list(b_ub) or None,
            A_eq=list(a_eq) or None,
            b_eq=list(b_eq) or None,
            bounds=list(bounds),
            method="highs",
        )
        if res.status == 3:  # unbounded
            ends.append(float("inf"))
        else:
            assert res.status == 0, res.message
            ends.append(sign * res.fun)
    return ends[0], ends[1]


def reading(n: int, k: int) -> list[float]:
    """Return the objective that reads the ``k``-th of ``n`` unknowns."""
    c = [0.0] * n
    c[k] = 1.0
    return c


def report_bounds(report, period: str, tables: Sequence[str], at_most=()) -> dict:
    """Return {(table, benefit, unit): (low, high)} for every hidden value of ``tables``.

    The reader knows every value shown in ``period`` of the report, that each table's
    lines add up to their totals, that a ".." is never 0, and the inequalities
    ``at_most``: each a list of (table, sign) whose signed sum is at most 0 in every
    cell (``[("flows_completed", 1), ("flows_started", -1)]``: completed ≤ started).
    """
    from fkstod.core.usage.indicators import TOTAL

    rows = [b for b in report.benefits if b != TOTAL]
    cols = [u for u in report.units if u != TOTAL]
    shown = {
        (t, b, u): report.table(t, period).value(b, u)
        for t in tables
        for b in report.benefits
        for u in report.units
    }
    unknown = [k for k, v in shown.items() if v is None]
    index = {k: n for n, k in enumerate(unknown)}

    def line(terms):
        # terms: [(key, sign)]: the row of coefficients, and the known part moved right.
        row, rhs = [0.0] * len(unknown), 0.0
        for key, sign in terms:
            if key in index:
                row[index[key]] += sign
            else:
                rhs -= sign * shown[key]
        return row, rhs

    a_eq, b_eq, a_ub, b_ub = [], [], [], []
    for t in tables:
        lines = [
            [*(((t, b, u), 1.0) for u in cols), ((t, b, TOTAL), -1.0)] for b in report.benefits
        ]
        lines += [[*(((t, b, u), 1.0) for b in rows), ((t, TOTAL, u), -1.0)] for u in report.units]
        for terms in lines:
            row, rhs = line(terms)
            if any(row):
                a_eq.append(row)
                b_eq.append(rhs)
    for inequality in at_most:
        for b in report.benefits:
            for u in report.units:
                row, rhs = line([((t, b, u), float(sign)) for t, sign in inequality])
                if any(row):
                    a_ub.append(row)
                    b_ub.append(rhs)
    bounds = [(1, None)] * len(unknown)  # every unknown is a "..", and ".." is never 0
    return {
        key: extremes(
            reading(len(unknown), k), bounds=bounds, a_eq=a_eq, b_eq=b_eq, a_ub=a_ub, b_ub=b_ub
        )
        for key, k in index.items()
    }


def assert_no_value_given_away(report, tables: Sequence[str], at_most=()) -> None:
    """Fail when a hidden value of ``tables`` is pinned, or a small one kept below the threshold."""
    for period in report.periods:
        for (t, b, u), (low, high) in report_bounds(report, period, tables, at_most).items():
            table = report.table(t, period)
            true = table.protected.values[table.rows.index(b)][table.columns.index(u)]
            assert high - low > 0.5, (t, b, u, true, low, high)
            if 0 < true < report.threshold:
                assert high > report.threshold - 0.5, (t, b, u, true, low, high)
