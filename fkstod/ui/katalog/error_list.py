"""The entry editor's problems: one a row, scrolling instead of growing."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QWidget

from fkstod.ui.widgets.accent_room import give_accent_room


class ErrorList(QListWidget):
    """The problems of the entry, one a row; scrolls instead of growing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        give_accent_room(self)

    def text(self) -> str:
        """Return every problem shown, one per line."""
        return "\n".join(self.item(i).text() for i in range(self.count()))
