"""The Stödkatalog's results: one row per entry with its name, number and open state.

Rows share one height (fast painting): a wrapped title would push the number out
of its row, so a long title is shortened; it is whole in the tooltip, in the
details beside and for screen readers. Number and open state share a line while
it fits; at large text or in a narrow list the state gets a line of its own
rather than being cut off.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QWidget

from fkstod.ui.widgets.accent_room import give_accent_room
from fkstod.ui.widgets.plain_label import plain_tooltip

ID_ROLE = Qt.ItemDataRole.UserRole
SEPARATOR = "  ·  "

#: One row: entry id, title, number (or web address), open state.
Row = tuple[str, str, str, str]


class DirectoryResultList(QListWidget):
    """The rows of a search, laid out to show number and open state whole."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        give_accent_room(self)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAlternatingRowColors(True)
        self.setUniformItemSizes(True)
        self.setSpacing(3)
        self._rows: list[Row] = []
        self._one_line = True

    def set_rows(self, rows: list[Row]) -> None:
        """Show ``rows`` without a current row and without emitting signals."""
        self._rows = list(rows)
        self._fill(self._state_fits_beside_number())

    def entry_id(self, row: int) -> str:
        """Return the id of the entry on ``row`` ("" when there is none)."""
        item = self.item(row)
        return item.data(ID_ROLE) if item is not None else ""

    def titles(self) -> list[str]:
        """Return the whole title of every row, in order."""
        return [title for _id, title, _reach, _state in self._rows]

    def _state_fits_beside_number(self) -> bool:
        # What a row's text gets: the list less the spacing around the row and
        # the margins the style keeps inside it. Measured as if the scroll bar
        # were there: otherwise the taller rows would bring the bar, the bar
        # would narrow the rows, and the layout would flip back and forth.
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
        bar = self.verticalScrollBar().sizeHint().width()
        room = self.contentsRect().width() - bar - 2 * self.spacing() - 2 * margin
        metrics = self.fontMetrics()
        return all(
            metrics.horizontalAdvance(f"{reach}{SEPARATOR}{state}") <= room
            for _id, _title, reach, state in self._rows
        )

    def _fill(self, one_line: bool) -> None:
        self._one_line = one_line
        self.setUpdatesEnabled(False)
        self.blockSignals(True)
        self.clear()
        for entry_id, title, reach, state in self._rows:
            detail = f"{reach}{SEPARATOR}{state}" if one_line else f"{reach}\n{state}"
            item = QListWidgetItem(f"{title}\n{detail}")
            item.setData(ID_ROLE, entry_id)
            item.setToolTip(plain_tooltip(title))
            self.addItem(item)
        self.blockSignals(False)
        self.setUpdatesEnabled(True)

    def _refit(self) -> None:
        one_line = self._state_fits_beside_number()
        if one_line != self._one_line:
            row = self.currentRow()
            self._fill(one_line)
            self.blockSignals(True)  # the same entry stays chosen
            self.setCurrentRow(row)
            self.blockSignals(False)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._refit()
