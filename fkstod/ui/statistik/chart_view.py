"""A chart on screen, painted by ``fkstod.qt.charts.paint_chart``, and its numbers as a table.

The table holds the very numbers the chart draws (``chart_rows``), for screen
readers and for anyone who would rather read than look.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fkstod.qt.charts import Chart, chart_rows, paint_chart


class ChartCanvas(QWidget):
    """The painted chart (no focus: its numbers are in the table beside it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart: Chart | None = None
        self.setMinimumHeight(220)

    def sizeHint(self) -> QSize:
        return QSize(600, 320)

    def paintEvent(self, event) -> None:
        if self.chart is None:
            return
        painter = QPainter(self)
        # The words as large as the rest of the window (Visa → Större text).
        paint_chart(painter, QRectF(self.rect()), self.chart, text_size=self.font().pointSizeF())
        painter.end()

    def fit_to_text(self) -> None:
        """Leave room for the title, a legend row per series and a plot at this text size."""
        series = len(self.chart.series) if self.chart is not None else 4
        self.setMinimumHeight(max(220, int(self.fontMetrics().height() * (11 + 2.3 * series))))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_to_text()


class ChartView(QWidget):
    """A chart and the same numbers as a table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = ChartCanvas()
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves; the arrows move between cells
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(150)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.table)

    def show_chart(self, chart: Chart) -> None:
        """Draw ``chart`` and put its numbers in the table."""
        self.canvas.chart = chart
        self.canvas.fit_to_text()
        self.canvas.setAccessibleName(chart.title)
        self.table.setAccessibleName(self.tr("{title}, som tabell").format(title=chart.title))
        rows = chart_rows(chart)
        self.table.setColumnCount(len(rows[0]))
        self.table.setHorizontalHeaderLabels(rows[0])
        self.table.setRowCount(len(rows) - 1)
        for r, row in enumerate(rows[1:]):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.canvas.update()

    def table_texts(self) -> list[list[str]]:
        """Return the table, header first."""
        cols = self.table.columnCount()
        header = [self.table.horizontalHeaderItem(c).text() for c in range(cols)]
        return [header] + [
            [self.table.item(r, c).text() for c in range(cols)]
            for r in range(self.table.rowCount())
        ]
