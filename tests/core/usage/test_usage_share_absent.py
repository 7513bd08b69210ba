"""A share of no calls is not a hidden share: "–" (nothing to report), never "..".

".." tells the reader a value is kept back (a small count, or one it could be
worked out from) and that it is not 0. A benefit with no asked and no not-asked
count in a period has no share at all; marked "..", the coordinator reads that
there were a few calls where there were none.
"""

from __future__ import annotations

import io

import pytest

from fkstod.core.usage.indicators import MARK, NO_SHARE, TOTAL, build_report, report_explanation
from fkstod.core.usage.outputs import to_csv, to_xlsx

MONTH = "2026-11"
FLOW = "fraga-vid-indikation"


def cell(metric, n, benefit, unit=None, **labels):
    labels = {"benefit": benefit, **labels}
    if metric != "orosanmalan_created":
        labels["flow"] = FLOW
    return (MONTH, unit, metric, tuple(sorted(labels.items()))), n


def report():
    cells = dict(
        [
            cell("flow_started", 40, "sjukpenning"),
            cell("flow_outcome", 30, "sjukpenning", outcome="asked"),
            cell("flow_outcome", 10, "sjukpenning", outcome="not_asked"),
            cell("flow_outcome", 10, "sjukpenning", outcome="not_asked_ombud"),
            cell("flow_started", 3, "underhallsstod"),
            cell("flow_outcome", 2, "underhallsstod", outcome="asked"),
            cell("flow_outcome", 1, "underhallsstod", outcome="not_asked"),
            cell("flow_outcome", 1, "underhallsstod", outcome="not_asked_ombud"),
            # Reports written on their own: the benefit has counts, but no call asked or not.
            cell("orosanmalan_created", 6, "aktivitetsersattning"),
        ]
    )
    return build_report(cells, threshold=5)


def test_the_report_tells_a_share_of_no_calls_from_a_hidden_share():
    r = report()
    assert r.share_asked(MONTH, "aktivitetsersattning", TOTAL) is None
    assert r.share_absent(MONTH, "aktivitetsersattning", TOTAL)
    assert r.share_asked(MONTH, "underhallsstod", TOTAL) is None
    assert not r.share_absent(MONTH, "underhallsstod", TOTAL)
    assert not r.share_absent(MONTH, "sjukpenning", TOTAL)


def share_rows(text):
    return {
        line.split(";")[1]: line.split(";")[4]
        for line in text.splitlines()
        if ";Alla enheter;Andel där frågan ställdes (%);" in line
    }


def test_the_csv_writes_no_share_as_nothing_to_report_and_says_so():
    text = to_csv(report()).decode("utf-8-sig")
    shares = share_rows(text)
    assert shares["Aktivitetsersättning"] == NO_SHARE
    assert shares["Underhållsstöd"] == MARK
    assert f'"{NO_SHARE}"' in report_explanation(report())
    assert "vid en andel: inga samtal där frågan ställdes eller inte ställdes" in text


def test_the_workbook_writes_no_share_as_nothing_to_report_on_both_sheets():
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(report())))
    data = [[c.value for c in row] for row in book["Data"].iter_rows()]
    shares = {
        row[1]: row[4]
        for row in data
        if row[2] == "Alla enheter" and row[3] == "Andel där frågan ställdes (%)"
    }
    assert shares["Aktivitetsersättning"] == NO_SHARE
    assert shares["Underhållsstöd"] == MARK
    sheet = [[c.value for c in row] for row in book["Diagram"].iter_rows()]
    heading = sheet[0]
    month = sheet[1]
    assert month[heading.index("Aktivitetsersättning")] == NO_SHARE
    assert month[heading.index("Underhållsstöd")] == MARK


def test_the_chart_leaves_no_share_out_without_the_hidden_mark(qapp):
    from fkstod.qt.charts import chart_rows, share_chart

    chart = share_chart(report())
    names = [s.name for s in chart.series]
    row = chart_rows(chart)[1]
    assert row[1 + names.index("Aktivitetsersättning")] == NO_SHARE
    assert row[1 + names.index("Underhållsstöd")] == MARK
    series = chart.series[names.index("Aktivitetsersättning")]
    assert series.values == (None,) and series.absent == (True,)
