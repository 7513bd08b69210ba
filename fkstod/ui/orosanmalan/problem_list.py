"""What still has to be filled in or corrected, one line per problem.

Selecting a line (Enter or double-click) asks for the cursor to go to its field.

Signals:
    field_selected(str): the field path of the chosen problem, e.g. ``barn[1].namn``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from fkstod.core.orosanmalan import FieldProblem
from fkstod.ui.widgets.accent_room import give_accent_room

FIELD_ROLE = Qt.ItemDataRole.UserRole
#: Lines of text the list is at least high; it grows to show every problem up to
#: ``MAX_LINES`` (or a quarter of the window, if less) and scrolls beyond that: the
#: preview below needs the room.
VISIBLE_LINES = 5
MAX_LINES = 12


class ProblemList(QListWidget):
    """The problems of the report, each leading to its field."""

    field_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        give_accent_room(self)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.itemActivated.connect(self._activated)
        self._done = ""
        self.fit_height()

    def set_problems(self, problems: Sequence[FieldProblem], done: str, advice: str) -> None:
        """Show ``problems``, or the line ``done`` when there are none.

        Args:
            advice: the prefix of problems that do not stop the report.
        """
        self.clear()
        self._done = done
        for problem in problems:
            prefix = "⚠ " if problem.blocking else f"{advice} "
            item = QListWidgetItem(prefix + str(problem))
            item.setData(FIELD_ROLE, problem.field)
            self.addItem(item)
        if not problems:
            item = QListWidgetItem(done)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addItem(item)
        else:
            # Current for Enter, but not highlighted: a selected row looks like an alarm.
            self.setCurrentRow(0, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.fit_height()

    def text(self) -> str:
        """Return every line shown, one per line."""
        return "\n".join(self.item(i).text() for i in range(self.count()))

    def _activated(self, item: QListWidgetItem) -> None:
        field = item.data(FIELD_ROLE)
        if field:
            self.field_selected.emit(field)

    def fit_height(self) -> None:
        """Be as high as the problems need, within five lines and the room the window has."""
        # High enough for every problem (five lines at least, so the preview does not
        # jump while typing; twelve at most, then it scrolls); it follows the text size.
        line = self.fontMetrics().lineSpacing()
        self.doItemsLayout()
        rows = sum(self.visualItemRect(self.item(i)).height() for i in range(self.count()))
        rows += 2 * self.spacing() * self.count()
        # At most a quarter of the window's height (at 150 % text on a laptop, twelve
        # lines would leave the preview below only its heading).
        room = self.window().height() // 4 if self.window() is not self else 0
        most = max(VISIBLE_LINES, min(MAX_LINES, room // line)) if room else MAX_LINES
        content = min(max(rows, line * VISIBLE_LINES), line * most)
        height = content + 2 * self.frameWidth() + line // 2
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_height()  # a narrower list wraps into more lines

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_height()
