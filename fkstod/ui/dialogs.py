"""Every dialog the app shows, behind one small protocol, so logic can be tested with a fake.

``Dialogs`` is what pages and the app are given: messages (info, error,
confirm, choose), files (open, choose a folder, save) and the printer. ``QtDialogs``
shows the real ones; ``tests/ui/fakes.py:FakeDialogs`` records and answers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import wraps
from typing import TYPE_CHECKING, ParamSpec, Protocol, TypeVar

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

# The message box and the file dialogs are imported when first shown: their
# classes (and the enums PySide6 makes for them) are not needed by the first frame.
if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QMessageBox


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

    def choose(self, title: str, text: str, choices: Sequence[str]) -> int:
        """Ask with one button per choice (``&`` marks its Alt key); the first is the default.

        Returns the index of the choice, or -1 when the question was closed (Esc).
        """
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
    from PySide6.QtWidgets import QMessageBox

    # The text often holds data (a path, a cell of an import): shown as it is, never as HTML.
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def focus_kept(parent: QWidget | None) -> Iterator[None]:
    """Give the keyboard focus back to the widget that had it before a dialog.

    Some dialogs (the print dialog, the file dialogs) leave the window with no
    focus widget: Alt+letter and the step's keys then do nothing until Tab.
    When that widget is gone or hidden, the window's own focus chain decides.
    """
    window = parent.window() if parent is not None else None
    before = QApplication.focusWidget() or (window.focusWidget() if window else None)
    try:
        yield
    finally:
        if window is not None and shiboken6.isValid(window) and window.isVisible():
            window.activateWindow()
            target = before if before is not None and shiboken6.isValid(before) else None
            if target is None or not target.isVisible():
                target = window.focusWidget()
            if target is not None and target.isVisible():
                target.setFocus(Qt.FocusReason.PopupFocusReason)


def _give_focus_frame() -> None:
    # The window's start gives the focus frame after its first frame (app.run_gui); a
    # dialog may come before it (the start refused, the database recreated), and its
    # buttons are reached by Tab like any other. Given once; a no-op after that.
    from fkstod.qt.focus_style import install_focus_style

    app = QApplication.instance()
    if isinstance(app, QApplication):
        install_focus_style(app)


def _keeps_focus(method: Callable[P, R]) -> Callable[P, R]:
    @wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        _give_focus_frame()
        with focus_kept(args[0].parent):  # type: ignore[attr-defined]
            return method(*args, **kwargs)

    return wrapper


class QtDialogs:
    """The real dialogs: modal message boxes, Qt's file dialogs, the print dialog.

    Each one gives the focus back where it was when it closes (``focus_kept``), and
    has the focus frame even before the window's first frame (``_give_focus_frame``).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    @_keeps_focus
    def info(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = _box(self.parent, QMessageBox.Icon.Information, title, text)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()

    @_keeps_focus
    def error(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = _box(self.parent, QMessageBox.Icon.Critical, title, text)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()

    @_keeps_focus
    def confirm(self, title: str, text: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        box = _box(self.parent, QMessageBox.Icon.Question, title, text)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    @_keeps_focus
    def choose(self, title: str, text: str, choices: Sequence[str]) -> int:
        from PySide6.QtWidgets import QMessageBox

        box = _box(self.parent, QMessageBox.Icon.Question, title, text)
        buttons = [box.addButton(c, QMessageBox.ButtonRole.ActionRole) for c in choices]
        # Esc closes the question without a choice: a box of action buttons only would
        # ignore Esc and its close button. The button that does it is not shown.
        closed = box.addButton(QMessageBox.StandardButton.Cancel)
        closed.hide()
        box.setEscapeButton(closed)
        if buttons:
            box.setDefaultButton(buttons[0])
        box.exec()
        clicked = box.clickedButton()
        return buttons.index(clicked) if clicked in buttons else -1

    @_keeps_focus
    def open_file(self, title: str, filters: str) -> str:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(self.parent, title, _start(""), filters)
        return path

    @_keeps_focus
    def open_files(self, title: str, filters: str) -> list[str]:
        from PySide6.QtWidgets import QFileDialog

        paths, _filter = QFileDialog.getOpenFileNames(self.parent, title, _start(""), filters)
        return list(paths)

    @_keeps_focus
    def choose_folder(self, title: str) -> str:
        from PySide6.QtWidgets import QFileDialog

        return QFileDialog.getExistingDirectory(
            self.parent, title, _start(""), QFileDialog.Option.ShowDirsOnly
        )

    @_keeps_focus
    def save_file(self, title: str, suggested: str, filters: str) -> tuple[str, str]:
        from PySide6.QtWidgets import QFileDialog

        return QFileDialog.getSaveFileName(self.parent, title, _start(suggested), filters)

    @_keeps_focus
    def save_private(self, title: str, suggested: str, filters: str) -> tuple[str, str]:
        from fkstod.qt.private_file_dialog import ask_save_path

        return ask_save_path(self.parent, title, suggested, filters)

    @_keeps_focus
    def choose_printer(self) -> QPrinter | None:
        # Imported here: QtPrintSupport is not needed until the first print.
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from fkstod.qt.render_pdf import a4_layout

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(a4_layout())
        dialog = QPrintDialog(printer, self.parent)
        return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


def _start(suggested: str) -> str:
    """Return where a file dialog starts: a bare file name goes in the documents folder.

    Qt would start in the program's working folder, which means nothing to a user.
    """
    from pathlib import Path

    from fkstod.qt.private_file_dialog import neutral_folder

    if suggested and Path(suggested).parent != Path("."):
        return suggested
    return str(Path(neutral_folder()) / suggested) if suggested else neutral_folder()
