"""Every dialog the app shows, behind one small protocol, so logic can be tested with a fake.

``Dialogs`` is what pages and the app are given: messages (info, error,
confirm), files (open, choose a folder, save) and the printer. ``QtDialogs``
shows the real ones; ``tests/ui/fakes.py:FakeDialogs`` records and answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter


class Dialogs(Protocol):
    """Ask and tell the user things; the window is the parent of every dialog."""

    parent: QWidget | None

    def info(self, title: str, text: str) -> None:
        """Show an informational message."""
        ...

    def error(self, title: str, text: str) -> None:
        """Show an error message."""
        ...

    def confirm(self, title: str, text: str) -> bool:
        """Ask a yes/no question; return True for yes. No is the default."""
        ...

    def open_file(self, title: str, filters: str) -> str:
        """Ask for a file to read; return its path, or "" when cancelled."""
        ...

    def open_files(self, title: str, filters: str) -> list[str]:
        """Ask for one or more files to read; return their paths ([] when cancelled)."""
        ...

    def choose_folder(self, title: str) -> str:
        """Ask for a folder; return its path, or "" when cancelled."""
        ...

    def save_file(self, title: str, suggested: str, filters: str) -> tuple[str, str]:
        """Ask where to save; return the path ("" when cancelled) and the chosen filter."""
        ...

    def save_private(self, title: str, suggested: str, filters: str) -> tuple[str, str]:
        """Like ``save_file``, for a file about a client: no trace of its folder is kept."""
        ...

    def choose_printer(self) -> QPrinter | None:
        """Show the print dialog; return the chosen printer, or None when cancelled."""
        ...


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    # The text often holds data (a path, a cell of an import): shown as it is, never as HTML.
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


class QtDialogs:
    """The real dialogs: modal message boxes, Qt's file dialogs, the print dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def info(self, title: str, text: str) -> None:
        box = _box(self.parent, QMessageBox.Icon.Information, title, text)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()

    def error(self, title: str, text: str) -> None:
        box = _box(self.parent, QMessageBox.Icon.Critical, title, text)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()

    def confirm(self, title: str, text: str) -> bool:
        box = _box(self.parent, QMessageBox.Icon.Question, title, text)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def open_file(self, title: str, filters: str) -> str:
        path, _filter = QFileDialog.getOpenFileName(self.parent, title, "", filters)
        return path

    def open_files(self, title: str, filters: str) -> list[str]:
        paths, _filter = QFileDialog.getOpenFileNames(self.parent, title, "", filters)
        return list(paths)

    def choose_folder(self, title: str) -> str:
        return QFileDialog.getExistingDirectory(
            self.parent, title, "", QFileDialog.Option.ShowDirsOnly
        )

    def save_file(self, title: str, suggested: str, filters: str) -> tuple[str, str]:
        return QFileDialog.getSaveFileName(self.parent, title, suggested, filters)

    def save_private(self, title: str, suggested: str, filters: str) -> tuple[str, str]:
        from fkstod.qt.private_file_dialog import ask_save_path

        return ask_save_path(self.parent, title, suggested, filters)

    def choose_printer(self) -> QPrinter | None:
        # Imported here: QtPrintSupport is not needed until the first print.
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from fkstod.qt.render_pdf import a4_layout

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(a4_layout())
        dialog = QPrintDialog(printer, self.parent)
        return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None
