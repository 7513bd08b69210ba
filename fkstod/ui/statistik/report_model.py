"""The protected report as a table model: a row per period, indicator and benefit.

A view asks for the cells it paints, so a report of many units and months is
shown at once: filling a ``QTableWidget`` with an item per cell (25 000 for 20
units and a year of months) held the window for a fifth of a second at every
change of Period, and longer the more units there are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

if TYPE_CHECKING:
    from fkstod.core.usage.indicators import Indicator, Report

Index = QModelIndex | QPersistentModelIndex


def format_count(value: int | None) -> str:
    """Return a count in Swedish form (space between thousands), or ".." when suppressed."""
    from fkstod.core.usage.indicators import MARK

    if value is None:
        return MARK
    return f"{value:,}".replace(",", "\u00a0")


class ReportModel(QAbstractTableModel):
    """Period, indicator, benefit, then a column per unit (``..`` where hidden)."""

    def __init__(self) -> None:
        super().__init__()
        self._report: Report | None = None
        self._rows: list[tuple[str, Indicator, str]] = []
        self._header: list[str] = []

    def show(self, report: Report | None) -> None:
        """Show ``report`` (None: nothing)."""
        from fkstod.core.usage.indicators import INDICATORS

        self.beginResetModel()
        self._report = report
        self._rows = (
            []
            if report is None
            else [
                (period, indicator, benefit)
                for period in report.periods
                for indicator in INDICATORS
                for benefit in report.benefits
            ]
        )
        self._header = (
            []
            if report is None
            else [self.tr("Period"), self.tr("Indikator"), self.tr("Förmån")]
            + [report.unit_name(u) for u in report.units]
        )
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._header)

    def text(self, row: int, column: int) -> str:
        """Return the text of a cell."""
        report = self._report
        assert report is not None
        period, indicator, benefit = self._rows[row]
        if column == 0:
            return period
        if column == 1:
            return indicator.title
        if column == 2:
            return report.benefit_name(benefit)
        unit = report.units[column - 3]
        table = report.table(indicator.code, period)
        # A reason is published for all units together only: the rest stays empty.
        return format_count(table.value(benefit, unit)) if table.has_column(unit) else ""

    def names(self, row: int) -> tuple[str, str]:
        """Return a row's indicator and benefit names: what sets the row's height."""
        report = self._report
        assert report is not None
        _period, indicator, benefit = self._rows[row]
        return indicator.title, report.benefit_name(benefit)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._header[section] if 0 <= section < len(self._header) else None
        return None

    def header(self) -> list[str]:
        """Return the column headings."""
        return list(self._header)
