"""The report's date: one stop for Tab, the arrow keys move within it."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget


class ReportDateEdit(QDateEdit):
    """A date field (yyyy-MM-dd, with a calendar) that Tab leaves at once."""

    def __init__(self, name: str, day: QDate, parent: QWidget | None = None) -> None:
        super().__init__(day, parent)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setCalendarPopup(True)
        self.setAccessibleName(name)
        # Screen readers announce the editor inside, not the box around it.
        self.lineEdit().setAccessibleName(name)

    def focusNextPrevChild(self, next: bool) -> bool:
        # QDateTimeEdit spends Tab on moving between year, month and day (three
        # stops for one field); Left and Right already do that.
        return QWidget.focusNextPrevChild(self, next)
