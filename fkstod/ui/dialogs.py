"""Message boxes behind a small service, so logic can be tested with a fake."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    # The text often holds data (a path, a cell of an import): shown as it is, never as HTML.
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


class Dialogs:
    """Ask and tell the user things in modal message boxes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def info(self, title: str, text: str) -> None:
        """Show an informational message."""
        box = _box(self.parent, QMessageBox.Icon.Information, title, text)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()

    def error(self, title: str, text: str) -> None:
        """Show an error message."""
        box = _box(self.parent, QMessageBox.Icon.Critical, title, text)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()

    def confirm(self, title: str, text: str) -> bool:
        """Ask a yes/no question; return True for yes. No is the default."""
        box = _box(self.parent, QMessageBox.Icon.Question, title, text)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes
