"""A checklist point: a check box whose text wraps, with a box as large as the text.

QCheckBox draws its text on one line (a long point widens the window) and its
box at a fixed pixel size (tiny at large text). This one scales both with the font.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStyleOptionFocusRect,
    QStylePainter,
    QWidget,
)

_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap


class FlowCheckItem(QCheckBox):
    """A check box for one checklist point; the whole row toggles it."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _box(self) -> int:
        return self.fontMetrics().height()

    def _indent(self) -> int:
        return self._box() + self.fontMetrics().averageCharWidth() + 4

    def _text_height(self, width: int) -> int:
        bound = QRect(0, 0, max(1, width), 100_000)
        return self.fontMetrics().boundingRect(bound, int(_FLAGS), self.text()).height()

    def sizeHint(self) -> QSize:
        width = self._indent() + self.fontMetrics().horizontalAdvance(self.text()) + 4
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        widest_word = max(
            (self.fontMetrics().horizontalAdvance(w) for w in self.text().split()), default=0
        )
        return QSize(self._indent() + widest_word + 4, self._box() + 4)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(self._box(), self._text_height(width - self._indent() - 4)) + 4

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        box = self._box()
        option.rect = QRect(2, 2, box, box)
        painter.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorCheckBox, option)
        text_rect = self.rect().adjusted(self._indent(), 2, -2, -2)
        painter.drawItemText(
            text_rect,
            int(_FLAGS),
            self.palette(),
            self.isEnabled(),
            self.text(),
            QPalette.ColorRole.WindowText,
        )
        if self.hasFocus():
            focus = QStyleOptionFocusRect()
            focus.initFrom(self)
            focus.rect = text_rect.adjusted(-2, -2, 2, 2)
            painter.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus)
