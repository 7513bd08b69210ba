"""The protected indicator report as files: CSV for Swedish Excel, .xlsx, JSON Lines.

Every output is made from a :class:`~fkstod.core.usage.indicators.Report`, which
holds only protected tables: a suppressed value is written as ``..`` (or
``null`` with ``"suppressed": true`` in JSON Lines), never as 0. Files are
written through :func:`fkstod.core.files.write_file`, all or nothing.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from fkstod.core import files
from fkstod.core.i18n import _
from fkstod.core.usage.indicators import MARK, NO_SHARE, TOTAL, Report, report_explanation

FORMATS = ("csv", "xlsx", "jsonl")
_SHARE = "share_asked"


def sheet_period(period: str) -> str:
    """Return a report period as a spreadsheet writes it: ``2026M09``, ``2026K1``, ``2026``.

    Statistics Sweden's forms (Statistikdatabasen). Swedish Excel opens "2026-09"
    from a CSV as the date sep-26, so a month report's column mixed dates with the
    text "2026-K1" and sorted wrongly; "2026M09" and "2026K1" stay text. A year
    stays "2026" (a number, alone in a year report's column).
    """
    if len(period) == 7 and period[4] == "-" and period[5:].isdigit():
        return f"{period[:4]}M{period[5:]}"
    return period.replace("-K", "K")


def _header() -> list[str]:
    return [_("Period"), _("Förmån"), _("Enhet"), _("Indikator"), _("Värde")]


Value = int | float | str | None


def _share(report: Report, period: str, benefit: str, unit: str) -> float | str | None:
    # The share, NO_SHARE where there is none to show, None where it is kept back.
    if report.share_absent(period, benefit, unit):
        return NO_SHARE
    return report.share_asked(period, benefit, unit)


def _table(report: Report) -> list[tuple[str, str, str, str, Value, bool]]:
    """Return (period, benefit, unit, indicator, value, is_share) rows, shares after counts.

    A value is a count, a share, None (kept back: ``..``) or :data:`NO_SHARE`.
    """
    out: list[tuple[str, str, str, str, Value, bool]] = []
    for row in report.rows():
        period = sheet_period(row.period)
        out.append(
            (
                period,
                report.benefit_name(row.benefit),
                report.unit_name(row.unit),
                row.indicator.title,
                row.count,
                False,
            )
        )
        if row.indicator.code == "not_asked":
            out.append(
                (
                    period,
                    report.benefit_name(row.benefit),
                    report.unit_name(row.unit),
                    _("Andel där frågan ställdes (%)"),
                    _share(report, row.period, row.benefit, row.unit),
                    True,
                )
            )
    return out


def _csv_text(value: str) -> str:
    # A text that Excel would take for a formula is written as text.
    if value[:1] in {"=", "+", "-", "@"}:
        value = "'" + value
    if any(c in value for c in ';"\n\r'):
        value = '"' + value.replace('"', '""') + '"'
    return value


def to_csv(report: Report) -> bytes:
    """Return the report as CSV for Swedish Excel: UTF-8 with BOM, ``;``, decimal comma."""
    lines = [";".join(_header())]
    for period, benefit, unit, title, value, is_share in _table(report):
        if value is None:
            shown = MARK
        elif isinstance(value, str):
            shown = value
        elif is_share:
            shown = f"{100 * value:.1f}".replace(".", ",")
        else:
            shown = str(value)
        lines.append(";".join(_csv_text(t) for t in (period, benefit, unit, title, shown)))
    lines.append(_csv_text(report_explanation(report)))
    return files.UTF8_BOM + ("\r\n".join(lines) + "\r\n").encode("utf-8")


def to_jsonl(report: Report) -> bytes:
    """Return the report in tidy long form: one JSON object a line.

    Each line: ``period``, ``benefit``, ``unit`` (codes; ``total`` for totals),
    ``metric`` and ``labels`` (the registry's metric and label values summed),
    ``indicator``, ``count`` (null when suppressed) and ``suppressed``.
    """
    lines = []
    for row in report.rows():
        lines.append(
            json.dumps(
                {
                    "period": row.period,
                    "benefit": row.benefit,
                    "unit": row.unit,
                    "metric": row.indicator.metric,
                    "labels": dict(row.indicator.labels),
                    "indicator": row.indicator.code,
                    "count": row.count,
                    "suppressed": row.suppressed,
                },
                ensure_ascii=False,
                sort_keys=True,
                separators=(",", ":"),
            )
        )
    return "".join(line + "\n" for line in lines).encode("utf-8")


def to_xlsx(report: Report) -> bytes:
    """Return the report as an Excel workbook: a data sheet and a native line chart.

    The chart shows the share asked over the periods, per benefit (all units);
    a suppressed share is a gap in its line and ``..`` in the table beside it.
    """
    import xlsxwriter  # here: only this output needs it

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    bold = book.add_format({"bold": True})
    percent = book.add_format({"num_format": "0.0%"})
    data = book.add_worksheet(_("Data"))
    rows = _table(report)
    for col, title in enumerate(_header()):
        data.write_string(0, col, title, bold)
    for r, (period, benefit, unit, title, value, is_share) in enumerate(rows, start=1):
        for col, text in enumerate((period, benefit, unit, title)):
            data.write_string(r, col, text)
        if value is None:
            data.write_string(r, 4, MARK)
        elif isinstance(value, str):
            data.write_string(r, 4, value)
        elif is_share:
            data.write_number(r, 4, value, percent)
        else:
            data.write_number(r, 4, value)
    note_row = len(rows) + 2
    data.write_string(note_row, 0, report_explanation(report))
    # Thousands of rows: the headings stay in view, and a filter picks one indicator.
    data.freeze_panes(1, 0)
    data.autofilter(0, 0, max(len(rows), 1), len(_header()) - 1)
    for col, title in enumerate(_header()):
        texts = [title, *(str(row[col]) for row in rows if col < 4)]
        data.set_column(col, col, _width(texts, 60))

    sheet = book.add_worksheet(_("Diagram"))
    sheet.write_string(0, 0, _("Period"), bold)
    benefits = [b for b in report.benefits if b != TOTAL] + [TOTAL]
    for col, benefit in enumerate(benefits, start=1):
        sheet.write_string(0, col, report.benefit_name(benefit), bold)
    # Excel draws a text cell in a chart's range as 0: the chart reads a copy of
    # the table to the right, where a suppressed share is an empty cell (a gap).
    helper = len(benefits) + 2
    sheet.write_string(0, helper - 1, _("Diagramdata (tomt: visas inte)"), bold)
    for r, period in enumerate(report.periods, start=1):
        sheet.write_string(r, 0, sheet_period(period))
        for col, benefit in enumerate(benefits, start=1):
            share = _share(report, period, benefit, TOTAL)
            if share is None:
                sheet.write_string(r, col, MARK)
            elif isinstance(share, str):
                sheet.write_string(r, col, share)
            else:
                sheet.write_number(r, col, share, percent)
                sheet.write_number(r, helper + col - 1, share, percent)
    sheet.freeze_panes(1, 1)
    sheet.set_column(0, 0, _width([_("Period"), *map(sheet_period, report.periods)], 40))
    for col, benefit in enumerate(benefits, start=1):
        width = _width([report.benefit_name(benefit)], 40)
        sheet.set_column(col, col, width)
        sheet.set_column(helper + col - 1, helper + col - 1, width)
    sheet.set_column(helper - 1, helper - 1, _width([_("Diagramdata (tomt: visas inte)")], 40))
    last = len(report.periods)
    chart = book.add_chart({"type": "line"})
    for col in range(1, len(benefits) + 1):
        chart.add_series(
            {
                "name": [sheet.name, 0, col],
                "categories": [sheet.name, 1, 0, max(last, 1), 0],
                "values": [sheet.name, 1, helper + col - 1, max(last, 1), helper + col - 1],
                "marker": {"type": "circle"},
            }
        )
    chart.set_title({"name": _("Andel samtal där frågan om våld ställdes")})
    chart.set_y_axis({"num_format": "0%", "min": 0, "max": 1})
    chart.show_blanks_as("gap")
    sheet.insert_chart(last + 3, 0, chart, {"x_scale": 1.6, "y_scale": 1.3})
    sheet.write_string(last + 2, 0, report_explanation(report))
    book.close()
    return buffer.getvalue()


def _width(texts: list[str], most: int) -> int:
    # A column as wide as its longest text (in characters, as Excel counts), within reason.
    return min(max(8, *(len(t) for t in texts)) + 2, most)


def render(report: Report, fmt: str) -> bytes:
    """Return the report in ``fmt`` ("csv", "xlsx" or "jsonl")."""
    if fmt == "csv":
        return to_csv(report)
    if fmt == "xlsx":
        return to_xlsx(report)
    if fmt == "jsonl":
        return to_jsonl(report)
    raise ValueError(f"unknown format: {fmt}")


def write_report(path: Path, report: Report, fmt: str, protected: files.Protected) -> Path:
    """Write the report to ``path`` as ``fmt``, all or nothing.

    Raises:
        FileProblem: the write was refused or failed; the old file is as it was.
    """
    return files.write_file(path, render(report, fmt), protected)
