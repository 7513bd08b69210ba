"""Line charts of the indicators, painted with QPainter: one path for screen, PNG and PDF.

``paint_chart(painter, rect, chart)`` draws on any paint device: the widget's
paint event, a ``QImage`` (PNG) and a ``QPdfWriter`` (the yearly report) all
call it. A suppressed value is a gap in its line with a ".." mark at the foot,
never a 0. Each series has its own line style and marker as well as its colour,
so the chart reads in black and white. Numbers are Swedish: decimal comma,
a space between thousands. No Qt Charts (deprecated since Qt 6.10, and in the
large Addons wheel).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen

from fkstod.core.i18n import _

if TYPE_CHECKING:
    from PySide6.QtGui import QPdfWriter

    from fkstod.core.usage.indicators import Report

MARK = ".."
#: A value that does not exist (a share of no calls): as the report writes it.
NO_SHARE = "–"
_STYLES = (
    Qt.PenStyle.SolidLine,
    Qt.PenStyle.DashLine,
    Qt.PenStyle.DotLine,
    Qt.PenStyle.DashDotLine,
    Qt.PenStyle.DashDotDotLine,
)
_COLOURS = ("#1f4e79", "#b35900", "#2e7d32", "#6a1b9a", "#444444", "#00838f")
_MARKERS = ("circle", "square", "triangle", "diamond", "cross", "plus")


@dataclass(frozen=True)
class Series:
    """One line: its name and a value (None: suppressed) per period.

    ``absent`` marks, per period, a value that does not exist (a share of no calls):
    None as well, but a plain gap, without the ".." of a value kept back.
    """

    name: str
    values: tuple[float | None, ...]
    absent: tuple[bool, ...] = ()

    def is_absent(self, i: int) -> bool:
        """Return True when the ``i``-th value does not exist (not: is kept back)."""
        return i < len(self.absent) and self.absent[i]


@dataclass(frozen=True)
class Chart:
    """What a chart shows: a title, the periods along the axis, the lines, the unit."""

    title: str
    periods: tuple[str, ...]
    series: tuple[Series, ...]
    percent: bool = False


def swedish_number(value: float | None, decimals: int = 0, percent: bool = False) -> str:
    """Return a number as Swedes write it: ``1 234,5``; ``..`` for a suppressed value."""
    if value is None:
        return MARK
    text = f"{value:,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")
    return f"{text}\u00a0%" if percent else text


#: Steps between grid lines, times a power of ten: whole numbers from 1 up.
_STEPS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8)


def _count_top(top: float) -> int:
    """Return the top of a count axis: four whole steps, the last at or above ``top``.

    Each of the five grid lines is labelled with its own value, so a step is a whole
    number (a step of 2,5 was labelled 2 and 8 at 2,5 and 7,5).
    """
    need = max(top, 1.0) / 4
    power = 1
    while True:
        for m in _STEPS:
            step = m * power
            if step == int(step) and step >= need:
                return 4 * int(step)
        power *= 10


def _marker(painter: QPainter, kind: str, at: QPointF, r: float) -> None:
    x, y = at.x(), at.y()
    if kind == "circle":
        painter.drawEllipse(at, r, r)
    elif kind == "square":
        painter.drawRect(QRectF(x - r, y - r, 2 * r, 2 * r))
    elif kind in ("triangle", "diamond"):
        path = QPainterPath()
        points = (
            [(x, y - r), (x + r, y + r), (x - r, y + r)]
            if kind == "triangle"
            else [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
        )
        path.moveTo(*points[0])
        for p in points[1:]:
            path.lineTo(*p)
        path.closeSubpath()
        painter.drawPath(path)
    elif kind == "cross":
        painter.drawLine(QPointF(x - r, y - r), QPointF(x + r, y + r))
        painter.drawLine(QPointF(x - r, y + r), QPointF(x + r, y - r))
    else:
        painter.drawLine(QPointF(x - r, y), QPointF(x + r, y))
        painter.drawLine(QPointF(x, y - r), QPointF(x, y + r))


def paint_chart(
    painter: QPainter, rect: QRectF, chart: Chart, *, text_size: float | None = None
) -> None:
    """Paint ``chart`` into ``rect`` of whatever device ``painter`` paints on.

    ``text_size``: the smallest size of its words, in points (on screen, the text
    size the user chose); without it the words follow the chart's height.
    """
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(rect, QColor("white"))
    font = QFont(painter.font())
    base = max(7.0, min(rect.height() / 28, 12.0), text_size or 0.0)
    font.setPointSizeF(base)
    painter.setFont(font)
    metrics = painter.fontMetrics()
    line_h = metrics.height()
    painter.setPen(QColor("black"))
    title_font = QFont(font)
    title_font.setBold(True)
    painter.setFont(title_font)
    painter.drawText(
        QRectF(rect.left() + 6, rect.top(), rect.width() - 12, line_h * 1.4),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        chart.title,
    )
    painter.setFont(font)
    legend_rows = len(chart.series)
    plot = QRectF(
        rect.left() + metrics.horizontalAdvance("100\u00a0000") + 12,
        rect.top() + line_h * 1.8,
        0,
        0,
    )
    plot.setRight(rect.right() - 12)
    # Under the period labels: a strip with a row per series for its suppressed values
    # (marker and ".."), kept off the value axis so that a mark never reads as a value.
    strip = (
        legend_rows
        if any(
            v is None and not s.is_absent(i) for s in chart.series for i, v in enumerate(s.values)
        )
        else 0
    )
    # The note under it, wrapped to the chart's width: room for all of its lines.
    note = _('".." = värdet visas inte: det är ett litet antal eller kan räknas fram ur ett.')
    note_box = QRectF(rect.left() + 6, 0, rect.width() - 12, line_h * 10)
    wrap = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
    note_h = metrics.boundingRect(note_box.toRect(), wrap, note).height() if strip else 0
    plot.setBottom(
        rect.bottom() - line_h * (2.7 + strip * 1.1 + legend_rows * 1.2) - max(note_h, line_h)
    )
    values = [v for s in chart.series for v in s.values if v is not None]
    top = 100.0 if chart.percent else float(_count_top(max(values, default=0.0)))
    # Axes and grid lines with Swedish numbers.
    grid = QPen(QColor("#cccccc"))
    grid.setWidthF(max(1.0, rect.height() / 600))
    for i in range(5):
        value = top * i / 4
        y = plot.bottom() - plot.height() * i / 4
        painter.setPen(grid)
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(QColor("black"))
        painter.drawText(
            QRectF(rect.left(), y - line_h / 2, plot.left() - rect.left() - 6, line_h),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            swedish_number(value, 0, chart.percent),
        )
    n = len(chart.periods)

    def x_at(i: int) -> float:
        return plot.left() + (plot.width() * (i + 0.5) / n if n else 0)

    def y_at(v: float) -> float:
        return plot.bottom() - plot.height() * min(v, top) / top

    painter.setPen(QColor("black"))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    step = max(1, int(n * metrics.horizontalAdvance("2026-K1 ") / max(plot.width(), 1)) + 1)
    for i, period in enumerate(chart.periods):
        if i % step == 0:
            painter.drawText(
                QRectF(x_at(i) - 60, plot.bottom() + 4, 120, line_h),
                Qt.AlignmentFlag.AlignHCenter,
                period,
            )
    r = max(3.0, line_h / 4)
    for k, series in enumerate(chart.series):
        colour = QColor(_COLOURS[k % len(_COLOURS)])
        pen = QPen(colour)
        pen.setWidthF(max(1.5, rect.height() / 250))
        pen.setStyle(_STYLES[k % len(_STYLES)])
        segment: list[QPointF] = []
        runs: list[list[QPointF]] = []
        for i, v in enumerate(series.values):
            if v is None:
                if segment:
                    runs.append(segment)
                segment = []
                if series.is_absent(i):
                    continue  # nothing to show: a gap alone, no ".."
                # A gap, and the series' marker with ".." just above the axis: suppressed,
                # not 0; the marker says whose value it is without colour.
                mark_y = plot.bottom() + line_h * (1.9 + k * 1.1)
                mark_pen = QPen(colour)
                mark_pen.setWidthF(max(1.5, rect.height() / 250))
                painter.setPen(mark_pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                _marker(painter, _MARKERS[k % len(_MARKERS)], QPointF(x_at(i) - r - 2, mark_y), r)
                painter.setFont(title_font)
                painter.drawText(
                    QRectF(x_at(i) + 2, mark_y - line_h / 2, 40, line_h),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    MARK,
                )
                painter.setFont(font)
                continue
            segment.append(QPointF(x_at(i), y_at(v)))
        if segment:
            runs.append(segment)
        painter.setPen(pen)
        for run in runs:
            for a, b in pairwise(run):
                painter.drawLine(a, b)
        solid = QPen(colour)
        solid.setWidthF(pen.widthF())
        painter.setPen(solid)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for run in runs:
            for p in run:
                _marker(painter, _MARKERS[k % len(_MARKERS)], p, r)
        # The legend: line style, marker and name.
        ly = plot.bottom() + line_h * (1.6 + strip * 1.1 + k * 1.2)
        lx = plot.left()
        painter.setPen(pen)
        painter.drawLine(QPointF(lx, ly + line_h / 2), QPointF(lx + 40, ly + line_h / 2))
        painter.setPen(solid)
        _marker(painter, _MARKERS[k % len(_MARKERS)], QPointF(lx + 20, ly + line_h / 2), r)
        painter.setPen(QColor("black"))
        painter.drawText(
            QRectF(lx + 50, ly, plot.width() - 50, line_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            series.name,
        )
    if strip:
        painter.setPen(QColor("black"))
        note_box.moveTop(rect.bottom() - note_h - line_h * 0.1)
        note_box.setHeight(note_h + line_h * 0.1)
        painter.drawText(note_box, wrap, note)
    painter.restore()


def chart_rows(chart: Chart) -> list[list[str]]:
    """Return the chart's numbers as a table: a header, then one row per period."""
    decimals = 1 if chart.percent else 0
    header = [_("Period"), *(s.name for s in chart.series)]
    return [header] + [
        [
            period,
            *(
                NO_SHARE if s.is_absent(i) else swedish_number(s.values[i], decimals, chart.percent)
                for s in chart.series
            ),
        ]
        for i, period in enumerate(chart.periods)
    ]


def share_chart(report: Report) -> Chart:
    """Return the share asked over time, one line per benefit (all units)."""
    from fkstod.core.usage.indicators import TOTAL

    series = []
    for benefit in report.benefits:
        values = []
        for period in report.periods:
            share = report.share_asked(period, benefit, TOTAL)
            values.append(None if share is None else 100 * share)
        absent = tuple(report.share_absent(p, benefit, TOTAL) for p in report.periods)
        series.append(Series(report.benefit_name(benefit), tuple(values), absent))
    return Chart(_("Andel samtal där frågan om våld ställdes"), report.periods, tuple(series), True)


def count_chart(report: Report, indicator: str) -> Chart:
    """Return one indicator's counts over time, one line per benefit (all units)."""
    from fkstod.core.usage.indicators import BY_CODE, TOTAL

    series = tuple(
        Series(
            report.benefit_name(benefit),
            tuple(
                None
                if (v := report.table(indicator, p).value(benefit, TOTAL)) is None
                else float(v)
                for p in report.periods
            ),
        )
        for benefit in report.benefits
    )
    return Chart(BY_CODE[indicator].title, report.periods, series)


def report_charts(report: Report) -> list[Chart]:
    """Return the charts of the yearly report."""
    return [
        share_chart(report),
        count_chart(report, "flows_started"),
        count_chart(report, "disclosed"),
        count_chart(report, "orosanmalan_created"),
    ]


def chart_png(chart: Chart, width: int = 1000, height: int = 600) -> bytes:
    """Return ``chart`` as PNG bytes (painted by ``paint_chart`` on a ``QImage``)."""
    from fkstod.qt.render_pdf import ensure_gui_application

    ensure_gui_application()
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_chart(painter, QRectF(0, 0, width, height), chart)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


#: The smallest text in a printed report, in points: smaller is hard to read on paper.
MIN_PRINT_PT = 8.0
#: Second parts of Swedish compounds in the names of benefits and units: a heading may
#: break before one, with a hyphen ("Aktivitets-ersättning"), where its column is narrow.
_SECOND_PARTS = (
    "ersättning",
    "nedsättning",
    "försäkring",
    "penning",
    "tillägg",
    "bidrag",
    "stöd",
)
SOFT_HYPHEN = "\u00ad"


def breakable(text: str) -> str:
    """Return ``text`` with a soft hyphen where a long compound may break.

    Only before a known second part, and only where the first part is a word of its
    own (at least four letters): "Rehabiliterings\u00adersättning", "Underhålls\u00adstöd".
    """
    words = []
    for word in text.split(" "):
        lower = word.lower()
        for part in _SECOND_PARTS:
            at = lower.rfind(part)
            if at >= 4 and at + len(part) == len(lower):
                word = word[:at] + SOFT_HYPHEN + word[at:]
                break
        words.append(word)
    return " ".join(words)


def heading_pieces(text: str) -> list[str]:
    """Return the pieces a heading may be broken into: words, and compounds at a hyphen."""
    pieces = []
    for word in breakable(text).split():
        parts = word.split(SOFT_HYPHEN)
        pieces += [p + "-" for p in parts[:-1]] + parts[-1:]
    return pieces


@dataclass(frozen=True)
class TableLayout:
    """How a report's table is laid out on a page: its columns and their widths."""

    label: float
    column: float
    #: How many value columns fit beside the label column on one page.
    per_page: int


def table_layout(
    painter: QPainter, width: float, rows: Sequence[Sequence[str]], heading: QFont, body: QFont
) -> TableLayout:
    """Return the widths of the table's columns on a page ``width`` wide.

    A value column is as wide as its widest heading piece needs (the headings wrap at
    words and at compound joints, at no less than ``MIN_PRINT_PT``) or its widest
    number; as many as fit share the page beside the label column.
    """
    heads = QFontMetricsF(heading, painter.device())
    nums = QFontMetricsF(body, painter.device())
    label = width * 0.3
    need = (
        max(
            [heads.horizontalAdvance(p) for t in rows[0][1:] for p in heading_pieces(t)]
            + [nums.horizontalAdvance(t) for row in rows[1:] for t in row[1:]]
            + [nums.horizontalAdvance("100\u00a0000")]
        )
        + 12
    )
    n = max(1, len(rows[0]) - 1)
    per_page = max(1, min(n, int((width - label) // need)))
    return TableLayout(
        label, (width - label) / per_page if per_page < n else (width - label) / n, per_page
    )


def _paint_table(
    painter: QPainter, top: float, width: float, rows: Sequence[Sequence[str]], layout: TableLayout
) -> float:
    """Paint a table (header first, wrapped; numbers right-aligned); return its bottom.

    No word is smaller than ``MIN_PRINT_PT``: a heading too long for its column
    wraps at its words and at a compound's joint, with a hyphen.
    """
    base = QFont(painter.font())
    if base.pointSizeF() < MIN_PRINT_PT:
        base.setPointSizeF(MIN_PRINT_PT)
    painter.setFont(base)
    metrics = painter.fontMetrics()
    h = metrics.height() * 1.3
    first, other = layout.label, layout.column
    wrap = int(Qt.TextFlag.TextWordWrap)
    y = top
    for r, row in enumerate(rows):
        font = QFont(base)
        if r == 0:
            font = report_heading_font(base)
        painter.setFont(font)
        fm = painter.fontMetrics()
        texts = [row[0], *(breakable(t) for t in row[1:])] if r == 0 else list(row)
        if r == 0:
            # Every heading in full, on as many lines as it needs.
            needed = max(
                fm.boundingRect(QRectF(0, 0, w - 8, 10_000).toRect(), wrap, t).height()
                for t, w in zip(texts, [first] + [other] * (len(texts) - 1), strict=True)
            )
            row_h = max(h * 2.4, needed + h - metrics.height())
        else:
            # An indicator's name in full, on as many lines as it needs: never cut.
            needed = fm.boundingRect(QRectF(0, 0, first - 8, 10_000).toRect(), wrap, texts[0])
            row_h = max(h, needed.height() + h - metrics.height())
        for c, text in enumerate(texts):
            x = 0 if c == 0 else first + (c - 1) * other
            w = first if c == 0 else other
            align = Qt.AlignmentFlag.AlignLeft if c == 0 else Qt.AlignmentFlag.AlignRight
            if r == 0:
                painter.drawText(
                    QRectF(x + 4, y, w - 8, row_h),
                    int(align | Qt.AlignmentFlag.AlignBottom) | wrap,
                    text,
                )
            elif c == 0:
                painter.drawText(
                    QRectF(x, y, w - 8, row_h),
                    int(align | Qt.AlignmentFlag.AlignVCenter) | wrap,
                    text,
                )
            else:
                painter.drawText(
                    QRectF(x, y, w - 4, row_h), align | Qt.AlignmentFlag.AlignVCenter, text
                )
        y += row_h
        painter.setPen(QColor("#999999"))
        painter.drawLine(QPointF(0, y), QPointF(first + (len(row) - 1) * other, y))
        painter.setPen(QColor("black"))
    painter.setFont(base)
    return y


def report_heading_font(base: QFont) -> QFont:
    """Return the font of a table's headings: bold, at no less than ``MIN_PRINT_PT``."""
    font = QFont(base)
    font.setBold(True)
    font.setPointSizeF(max(MIN_PRINT_PT, base.pointSizeF() * 0.9))
    return font


def _table_pages(
    writer: QPdfWriter, painter: QPainter, rows: list[list[str]], font: QFont
) -> list[list[list[str]]]:
    """Turn the pages to landscape when the table's columns need it, and return the
    table split into parts that fit a page each (the label column in every part).

    The orientation is set for the pages to come: the next ``newPage`` takes it.
    """
    from PySide6.QtGui import QPageLayout

    heading = report_heading_font(font)
    n = len(rows[0]) - 1
    chosen = None
    for orientation in (QPageLayout.Orientation.Portrait, QPageLayout.Orientation.Landscape):
        layout = writer.pageLayout()
        layout.setOrientation(orientation)
        width = float(layout.paintRectPixels(writer.resolution()).width())
        chosen = table_layout(painter, width, rows, heading, font)
        writer.setPageOrientation(orientation)
        if chosen.per_page >= n:
            break
    assert chosen is not None
    step = chosen.per_page
    return [[[row[0], *row[1 + i : 1 + i + step]] for row in rows] for i in range(0, n, step)]


def report_pdf(report: Report) -> bytes:
    """Return the yearly report as PDF bytes: the charts, then a table per period.

    Painted with ``QPdfWriter`` into memory; the caller writes the bytes through
    ``core.files.write_file``.
    """
    from PySide6.QtGui import QPdfWriter

    from fkstod.core.usage.indicators import INDICATORS, TOTAL, report_explanation
    from fkstod.qt.render_pdf import a4_layout, ensure_gui_application

    ensure_gui_application()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(150)
    writer.setPageLayout(a4_layout())
    writer.setTitle(_("Indikatorer om frågor om våld"))
    writer.setCreator("fkstod")
    painter = QPainter(writer)
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    width, height = float(page.width()), float(page.height())
    font = QFont("DejaVu Sans")
    font.setPointSizeF(9)
    painter.setFont(font)
    heading = QFont(font)
    heading.setPointSizeF(14)
    heading.setBold(True)
    painter.setFont(heading)
    painter.drawText(QRectF(0, 0, width, 80), Qt.AlignmentFlag.AlignLeft, writer.title())
    painter.setFont(font)
    intro = _(
        "Period: {first} – {last}. {explanation} Andelar räknas bara ur visade antal."
    ).format(
        first=report.periods[0] if report.periods else "",
        last=report.periods[-1] if report.periods else "",
        explanation=report_explanation(report),
    )
    # As high as the intro needs (it says which quarters stand in for their months).
    intro_h = painter.boundingRect(
        QRectF(0, 80, width, 10_000), int(Qt.TextFlag.TextWordWrap), intro
    ).height()
    painter.drawText(QRectF(0, 80, width, intro_h), Qt.TextFlag.TextWordWrap, intro)
    first_top = max(220.0, 80 + intro_h + 20)
    charts = report_charts(report)
    chart_h = (height - first_top) / 2
    for i, chart in enumerate(charts):
        if i and i % 2 == 0:
            writer.newPage()
        slot = i % 2
        top = first_top + slot * chart_h if i < 2 else slot * (height / 2)
        h = chart_h if i < 2 else height / 2 - 20
        paint_chart(painter, QRectF(0, top, width, h - 20), chart, text_size=MIN_PRINT_PT)
    from PySide6.QtGui import QPageLayout

    for period in report.periods:
        rows = [[_("Indikator"), *(report.benefit_name(b) for b in report.benefits)]]
        for indicator in INDICATORS:
            table = report.table(indicator.code, period)
            rows.append(
                [
                    indicator.title,
                    *(swedish_number(table.value(b, TOTAL)) for b in report.benefits),
                ]
            )
        for part in _table_pages(writer, painter, rows, font):
            writer.newPage()
            page = writer.pageLayout().paintRectPixels(writer.resolution())
            width = float(page.width())
            painter.setFont(heading)
            painter.drawText(QRectF(0, 0, width, 60), Qt.AlignmentFlag.AlignLeft, period)
            painter.setFont(font)
            layout = table_layout(painter, width, part, report_heading_font(font), font)
            bottom = _paint_table(painter, 70, width, part, layout)
            painter.drawText(
                QRectF(0, bottom + 20, width, 200),
                Qt.TextFlag.TextWordWrap,
                report_explanation(report),
            )
    writer.setPageOrientation(QPageLayout.Orientation.Portrait)
    painter.end()
    del writer
    buffer.close()
    return bytes(data.data())
