"""A push button whose text wraps onto more lines instead of widening the window.

QPushButton draws its text on one line, so a long answer makes the whole
window as wide as the answer. This button draws the frame the style's way and
the text word-wrapped, left-aligned, with padding that follows the font.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QWidget,
)

_FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap


class WrapButton(QPushButton):
    """A button with left-aligned text that wraps; its height follows its width."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _padding(self) -> tuple[int, int]:
        # Relative to the font, so that large text keeps roomy buttons.
        line = self.fontMetrics().height()
        return line // 2 + 4, line // 3 + 4

    def _text_size(self, width: int) -> QSize:
        bound = QRect(0, 0, max(1, width), 100_000)
        return self.fontMetrics().boundingRect(bound, int(_FLAGS), self.text()).size()

    def sizeHint(self) -> QSize:
        px, _py = self._padding()
        one_line = self.fontMetrics().horizontalAdvance(self.text())
        return QSize(one_line + 2 * px + 1, self.heightForWidth(one_line + 2 * px + 1))

    def minimumSizeHint(self) -> QSize:
        px, py = self._padding()
        widest_word = max(
            (self.fontMetrics().horizontalAdvance(w) for w in self.text().split()), default=0
        )
        return QSize(widest_word + 2 * px + 1, self.fontMetrics().height() + 2 * py)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        px, py = self._padding()
        return self._text_size(width - 2 * px).height() + 2 * py

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""
        painter.drawControl(QStyle.ControlElement.CE_PushButton, option)
        px, py = self._padding()
        painter.drawItemText(
            self.rect().adjusted(px, py, -px, -py),
            int(_FLAGS),
            self.palette(),
            self.isEnabled(),
            self.text(),
            QPalette.ColorRole.ButtonText,
        )
