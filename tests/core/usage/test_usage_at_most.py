"""A count never larger than another in the same cell: shown, it is the other's floor.

"Flöden avslutade" is at most "Flöden startade" (a flow completes after it started)
and "Stödkontakter avböjdes" at most "Stödkontakter erbjöds" (every step that records
a declined offer records the offer). A reader who sees the smaller count where the
larger is hidden knows the larger is at least that much; beside a shown total, that
pins the hidden counts. The attacker here solves linear programmes over both tables
and the inequality at once; the relations themselves are read from the shipped flows,
so a flow that makes a new one fails until the report knows it.
"""

from __future__ import annotations

import random

import pytest

from fkstod.core.flows import load_library
from fkstod.core.usage.indicators import AT_MOST, INDICATORS, PARTS, REASONS, TOTAL, build_report
from fkstod.core.usage.units import Unit
from tests.core.usage.attack import extremes, reading

UNITS = (Unit("a", "A"), Unit("b", "B"), Unit("c", "C"))
BENEFITS = ("sjukpenning", "underhallsstod", "ovriga")
#: (smaller, larger, the larger's cell as (metric, labels)); the smaller's likewise.
PAIRS = {
    ("flows_completed", "flows_started"): (("flow_completed", {}), ("flow_started", {})),
    ("referral_declined", "referral_offered"): (
        ("flow_outcome", {"outcome": "referral_declined"}),
        ("flow_outcome", {"outcome": "referral_offered"}),
    ),
}


def test_every_pair_of_codes_the_flows_always_set_together_is_known_to_the_report():
    # Code x is at most code y wherever every step or option that sets x sets y too.
    sets = [
        set(codes)
        for flow in load_library().flows.values()
        for step in flow.steps
        for codes in (step.codes, *(o.codes for o in step.options))
        if codes
    ]
    outcomes = {
        i.labels["outcome"]
        for i in INDICATORS
        if i.metric == "flow_outcome" and i.code not in REASONS and i.code != "not_asked"
    }
    found = {
        (x, y)
        for x in outcomes
        for y in outcomes - {x}
        if any(x in s for s in sets) and all(y in s for s in sets if x in s)
    }
    assert found  # the flows have such pairs: referral_declined with referral_offered
    declared = set(AT_MOST.items()) | {(p, whole) for whole, ps in PARTS.items() for p in ps}
    assert found <= declared
    assert set(AT_MOST.items()) == set(PAIRS)


def cells_of(rng, smaller, larger):
    (s_metric, s_labels), (l_metric, l_labels) = PAIRS[(smaller, larger)]
    cells = {}
    for benefit in BENEFITS:
        for unit in UNITS:
            big = rng.choice((0, 0, 1, 2, 3, 5, 8, 14, 25))
            small = big - rng.choice((0, 0, 0, 1, 2)) if big else 0
            flow = {"flow": "fraga-vid-indikation", "benefit": benefit}
            for metric, labels, n in ((l_metric, l_labels, big), (s_metric, s_labels, small)):
                if n > 0:
                    key = ("2026-01", unit.code, metric, tuple(sorted({**flow, **labels}.items())))
                    cells[key] = n
    return cells


def attacker(report, period, tables):
    """Return {(table, benefit, unit): (low, high)} for every hidden value of ``tables``."""
    smaller, larger = tables
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
        row, rhs = [0.0] * len(unknown), 0.0
        for key, sign in terms:
            if key in index:
                row[index[key]] += sign
            else:
                rhs -= sign * shown[key]
        return row, rhs

    a_eq, b_eq, a_ub, b_ub = [], [], [], []
    for t in tables:
        for b in report.benefits:
            row, rhs = line([*(((t, b, u), 1.0) for u in cols), ((t, b, TOTAL), -1.0)])
            if any(row):
                a_eq.append(row)
                b_eq.append(rhs)
        for u in report.units:
            row, rhs = line([*(((t, b, u), 1.0) for b in rows), ((t, TOTAL, u), -1.0)])
            if any(row):
                a_eq.append(row)
                b_eq.append(rhs)
    for b in report.benefits:
        for u in report.units:
            row, rhs = line([((smaller, b, u), 1.0), ((larger, b, u), -1.0)])
            if any(row):
                a_ub.append(row)
                b_ub.append(rhs)
    bounds = [(1, None)] * len(unknown)
    return {
        key: extremes(
            reading(len(unknown), k), bounds=bounds, a_eq=a_eq, b_eq=b_eq, a_ub=a_ub, b_ub=b_ub
        )
        for key, k in index.items()
    }


@pytest.mark.parametrize("pair", sorted(PAIRS))
@pytest.mark.parametrize("seed", range(25))
def test_no_hidden_count_is_pinned_or_confined_by_a_smaller_count_shown(pair, seed):
    report = build_report(
        cells_of(random.Random(seed), *pair), period="month", units=UNITS, sparse_below=0
    )
    for period in report.periods:
        for (t, b, u), (low, high) in attacker(report, period, pair).items():
            table = report.table(t, period)
            true = table.protected.values[table.rows.index(b)][table.columns.index(u)]
            assert high - low > 0.5, (t, b, u, true, low, high)
            if 0 < true < report.threshold:
                assert high > report.threshold - 0.5, (t, b, u, true, low, high)
