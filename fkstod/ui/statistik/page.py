"""Statistik: the anonymous counts kept on this computer, per month."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fkstod.core.usage.present import CountRow


class StatisticsPage(QWidget):
    """A read-only table of counts: month, what, details, count."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Statistik"))
        heading = QLabel(self.tr("<h1>Statistik</h1>"))
        intro = QLabel(
            self.tr(
                "Antal per månad av det som räknas på den här datorn: flöden, utfall, visade "
                "stödkontakter och skrivna orosanmälningar. Bara antal – inga namn, inga "
                "tidpunkter och inget av det du skriver. Export till samordnaren kommer i en "
                "senare version."
            )
        )
        intro.setWordWrap(True)
        self.empty = QLabel(self.tr("Inga antal sparade ännu."))
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName(self.tr("Antal per månad"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Månad"), self.tr("Vad"), self.tr("Detaljer"), self.tr("Antal")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addStretch(0)  # no counts: the lines stay at the top (the table, stretch 1, wins)
        self.setFocusProxy(self.table)

    def show_rows(self, rows: Sequence[CountRow]) -> None:
        """Replace the table's content with ``rows``."""
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = (row.month, row.what, row.details, str(row.count))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 3:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
