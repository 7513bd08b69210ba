"""A vertical scroll area for a step: long text at large sizes scrolls instead of being cut off.

A plain QScrollArea reports a tiny minimum width, so its content could be
squeezed narrower than its words and answers allow; this one asks for the
content's minimum width and never scrolls sideways. When the content's layout
changes (larger text, compact mode) it says so to its own layout, which Qt's
scroll area does not: the window would keep the old, narrower minimum and cut the
text off at the right.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QStyle, QWidget


class VerticalScrollArea(QScrollArea):
    """Scroll ``content`` up and down; as wide as the content needs at least."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The step view takes the keys (1–9, Enter, Backspace), not the scroll area.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        content.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # our minimum follows the content's
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        width = self.widget().minimumSizeHint().width() + bar + 2 * self.frameWidth()
        return QSize(max(hint.width(), width), hint.height())
