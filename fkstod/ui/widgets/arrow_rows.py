"""Up and Down in a search box choose the row of the list below it.

The caseworker types, sees the rows narrow, and picks one with the arrows without
leaving the box: the typing goes on, and a key such as Ctrl+K acts on the row chosen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLineEdit, QListWidget


class _ArrowRows(QObject):
    def __init__(self, box: QLineEdit, rows: QListWidget) -> None:
        super().__init__(box)
        self.rows = rows

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            row = self.rows.currentRow() + (1 if event.key() == Qt.Key.Key_Down else -1)
            if 0 <= row < self.rows.count():
                self.rows.setCurrentRow(row)
            return True
        return super().eventFilter(watched, event)


def arrows_choose_rows(box: QLineEdit, rows: QListWidget) -> None:
    """Let Up and Down in ``box`` move the current row of ``rows``."""
    box.installEventFilter(_ArrowRows(box, rows))
