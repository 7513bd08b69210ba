"""The month, quarter and year reports of one merge, read together: nothing hidden comes out.

The Statistik page shows the same merged counts as a month, a quarter or a year
report (the "Period" choice), and saves each; ``usage aggregate --period`` does the
same. A quarter is the sum of its months, so a reader with the month report and the
quarter report could subtract: quarter less the two months shown is the third,
hidden month. The attacker here knows every value shown in all three reports, that
each is the sum of the counts it covers, and that counts are never negative, and
solves linear programmes for every hidden value.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fkstod.core.usage.indicators import INDICATORS, PERIODS, TOTAL, build_report, period_of
from fkstod.core.usage.units import Unit
from tests.core.usage.attack import extremes

UNITS = (Unit("a", "A"), Unit("b", "B"), Unit("c", "C"))
BENEFITS = ("sjukpenning", "underhallsstod")
MONTHS = ("2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06")
#: Indicators whose counts are their own (no other indicator sums them).
PLAIN = ("flows_started", "orosanmalan_created")


def cells_of(counts):
    """counts: {(month, unit, indicator, benefit): n} -> merge cells."""
    out = {}
    for (month, unit, indicator, benefit), n in counts.items():
        if not n:
            continue
        if indicator == "flows_started":
            key = (month, unit, "flow_started", (("benefit", benefit), ("flow", "f")))
        else:
            key = (month, unit, "orosanmalan_created", (("benefit", benefit),))
        out[key] = n
    return out


def months_in(period):
    return [m for m in MONTHS if period in (m, period_of(m, "quarter"), period_of(m, "year"))]


def attack(counts, reports, indicator):
    """Return {(kind, period, benefit, unit): (low, high, true)} for every hidden value.

    Unknowns: the true count of every month, benefit and unit of ``indicator``.
    Every value shown in any of ``reports`` is one equation over them, and every
    ".." says that its sum is at least 1 (".." is never 0).
    """
    unknown = [(m, b, u.code) for m in MONTHS for b in BENEFITS for u in UNITS]
    index = {key: k for k, key in enumerate(unknown)}
    a_eq, b_eq, hidden = [], [], []
    for kind, report in reports.items():
        for period in report.periods:
            table = report.table(indicator, period)
            for b in report.benefits:
                for u in report.units:
                    row = [0.0] * len(unknown)
                    true = 0
                    for m in months_in(period):
                        for bb in BENEFITS if b == TOTAL else (b,):
                            for uu in [x.code for x in UNITS] if u == TOTAL else (u,):
                                row[index[(m, bb, uu)]] = 1.0
                                true += counts.get((m, uu, indicator, bb), 0)
                    shown = table.value(b, u)
                    if shown is None:
                        hidden.append(((kind, period, b, u), row, true))
                    else:
                        assert shown == true
                        a_eq.append(row)
                        b_eq.append(float(shown))
    a_ub = [[-v for v in row] for _key, row, _true in hidden]
    b_ub = [-1.0] * len(a_ub)
    bounds = [(0, None)] * len(unknown)
    return {
        key: (*extremes(c, bounds=bounds, a_eq=a_eq, b_eq=b_eq, a_ub=a_ub, b_ub=b_ub), true)
        for key, c, true in hidden
    }


def all_reports(counts, threshold=5, sparse_below=None):
    cells = cells_of(counts)
    return {
        kind: build_report(
            cells, period=kind, units=UNITS, threshold=threshold, sparse_below=sparse_below
        )
        for kind in PERIODS
    }


def test_a_month_hidden_in_the_month_report_is_not_the_quarter_less_the_other_two():
    counts = {}
    for m in MONTHS[:3]:
        for u in UNITS:
            for b in BENEFITS:
                counts[(m, u.code, "flows_started", b)] = 40
                counts[(m, u.code, "orosanmalan_created", b)] = 20
    counts[("2026-01", "a", "orosanmalan_created", "sjukpenning")] = 2
    reports = all_reports(counts)
    month = reports["month"].table("orosanmalan_created", "2026-01")
    assert month.value("sjukpenning", "a") is None
    quarter = reports["quarter"].table("orosanmalan_created", "2026-K1").value("sjukpenning", "a")
    february, march = (
        reports["month"].table("orosanmalan_created", m).value("sjukpenning", "a")
        for m in ("2026-02", "2026-03")
    )
    # The subtraction a reader would make must not give the hidden count.
    assert quarter is None or february is None or march is None
    for key, (low, high, true) in attack(counts, reports, "orosanmalan_created").items():
        assert high - low > 0.5, key
        if 0 < true < 5:
            assert low < 0.5 or high > 4.5, key


counts_strategy = st.dictionaries(
    st.tuples(
        st.sampled_from(MONTHS),
        st.sampled_from([u.code for u in UNITS]),
        st.sampled_from(PLAIN),
        st.sampled_from(BENEFITS),
    ),
    st.one_of(st.integers(0, 6), st.integers(0, 40)),
    max_size=40,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts_strategy, st.sampled_from([3, 5]), st.sampled_from([0, None]))
def test_no_hidden_value_comes_out_of_the_three_reports_of_one_merge(
    counts, threshold, sparse_below
):
    reports = all_reports(counts, threshold, sparse_below)
    for indicator in PLAIN:
        for key, (low, high, true) in attack(counts, reports, indicator).items():
            assert low - 1e-6 <= true <= high + 1e-6
            assert high - low > 0.5, (indicator, key, true, low, high)
            if 0 < true < threshold:
                # Not only "not exact": the interval reaches 0 or a count that is not small.
                assert low < 0.5 or high > threshold - 0.5, (indicator, key, true, low, high)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts_strategy, st.sampled_from([0, None]))
def test_a_quarter_or_year_shows_only_sums_of_what_the_month_report_shows(counts, sparse_below):
    # Every table, "not asked" and its reasons too: a quarter or a year is shown only
    # where each of its periods in the month report is shown, and then is their sum.
    # So the three reports together say no more than the month report alone, whose
    # tables are protected one period at a time (test_usage_suppress, _linked_tables).
    reports = all_reports(counts, sparse_below=sparse_below)
    month = reports["month"]
    for kind in ("quarter", "year"):
        report = reports[kind]
        assert report.benefits == month.benefits and report.units == month.units
        for period in report.periods:
            parts = [p for p in month.periods if set(months_in(p)) <= set(months_in(period))]
            assert parts
            for indicator in INDICATORS:
                table = report.table(indicator.code, period)
                for b in report.benefits:
                    for u in report.units:
                        if not table.has_column(u):
                            continue
                        kids = [month.table(indicator.code, p).value(b, u) for p in parts]
                        shown = table.value(b, u)
                        if None in kids:
                            assert shown is None, (kind, period, indicator.code, b, u)
                        else:
                            assert shown == sum(kids), (kind, period, indicator.code, b, u)


def test_the_three_reports_are_made_once_counted_by_period_and_can_be_stopped():
    from fkstod.core.usage.indicators import ReportStopped, build_reports

    counts = {(m, u.code, "flows_started", b): 30 for m in MONTHS for u in UNITS for b in BENEFITS}
    cells = cells_of(counts)
    seen = []
    reports = build_reports(cells, units=UNITS, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(d, len(MONTHS)) for d in range(len(MONTHS) + 1)]
    for kind in PERIODS:
        alone = build_report(cells, period=kind, units=UNITS)
        assert reports[kind].periods == alone.periods
        assert list(reports[kind].rows()) == list(alone.rows())
    with pytest.raises(ReportStopped):
        build_reports(cells, units=UNITS, progress=lambda d, t: d < 2)
