"""A layout that puts its items in a row and wraps to a new row when the width runs out.

Qt has no such layout of its own; this follows Qt's "Flow Layout" example, and
also lets an item narrower than its size hint wrap its own text
(``heightForWidth``), so one long button never widens the window.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QStyle, QWidget


class WrapLayout(QLayout):
    """Lay items out left to right, wrapping; its minimum width is its widest item's minimum."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        # The items not hidden, asked for by every size question: kept until Qt
        # invalidates the layout (it does when an item is shown, hidden or changed).
        self._shown: list[QLayoutItem] | None = None

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self._shown = None

    def invalidate(self) -> None:
        self._shown = None
        super().invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        self._shown = None
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        # One row: what the items would like when there is room.
        shown = self._visible()
        width = sum(i.sizeHint().width() for i in shown)
        width += self._spacing(Qt.Orientation.Horizontal) * max(0, len(shown) - 1)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return QSize(width, height).grownBy(self.contentsMargins())

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        return size.grownBy(self.contentsMargins())

    # -- internals -----------------------------------------------------------

    def _visible(self) -> list[QLayoutItem]:
        if self._shown is None:
            self._shown = [i for i in self._items if not i.isEmpty()]
        return self._shown

    def _spacing(self, orientation: Qt.Orientation) -> int:
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parentWidget()
        if parent is None:
            return 6
        kind = (
            QStyle.PixelMetric.PM_LayoutHorizontalSpacing
            if orientation == Qt.Orientation.Horizontal
            else QStyle.PixelMetric.PM_LayoutVerticalSpacing
        )
        value = parent.style().pixelMetric(kind, None, parent)
        return value if value >= 0 else 6

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        dx = self._spacing(Qt.Orientation.Horizontal)
        dy = self._spacing(Qt.Orientation.Vertical)
        x, y, row_height = area.x(), area.y(), 0
        for item in self._visible():
            width = max(item.minimumSize().width(), min(item.sizeHint().width(), area.width()))
            if x > area.x() and x + width > area.x() + area.width():
                x, y, row_height = area.x(), y + row_height + dy, 0
            height = (
                item.heightForWidth(width) if item.hasHeightForWidth() else item.sizeHint().height()
            )
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
            x += width + dx
            row_height = max(row_height, height)
        return y + row_height - rect.y() + margins.bottom()


def wrap_policy() -> QSizePolicy:
    """Return the size policy of a widget whose height follows its width."""
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    return policy
