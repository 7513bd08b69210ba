"""Let a window's shortcut through a widget that would take the key for itself.

A line edit takes Ctrl+K (delete to the end of the line), Ctrl+A, Ctrl+Z and
others before any shortcut sees them. ``let_shortcuts_through(edit, "Ctrl+K")``
gives those keys back to the shortcut, everywhere else the edit keeps its keys.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget


class _PassKeys(QObject):
    def __init__(self, widget: QWidget, keys: tuple[str, ...]) -> None:
        super().__init__(widget)
        self.keys = {QKeySequence(k)[0] for k in keys}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and event.keyCombination() in self.keys:
            event.ignore()  # not the widget's: the shortcut runs
            return True
        return super().eventFilter(watched, event)


def let_shortcuts_through(widget: QWidget, *keys: str) -> None:
    """Make ``keys`` reach the window's shortcuts while ``widget`` has the focus."""
    widget.installEventFilter(_PassKeys(widget, keys))
