"""Message boxes behind a small service, so logic can be tested with a fake."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


class Dialogs:
    """Ask and tell the user things in modal message boxes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def info(self, title: str, text: str) -> None:
        """Show an informational message."""
        QMessageBox.information(self.parent, title, text)

    def error(self, title: str, text: str) -> None:
        """Show an error message."""
        QMessageBox.critical(self.parent, title, text)

    def confirm(self, title: str, text: str) -> bool:
        """Ask a yes/no question; return True for yes. No is the default."""
        answer = QMessageBox.question(
            self.parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes
