"""The mark of an acute step: the word AKUT and the emergency number in large type.

It sits above the step and stays in view while the step scrolls. It is set apart by
shape and words (a thick box, "AKUT", the number), never by colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget


class FlowAcuteBanner(QFrame):
    """ "AKUT", the number to call and what it is for, in a thick box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flowAcuteBanner")
        self.setFrameShape(QFrame.Shape.Box)
        self.setAccessibleName(self.tr("Akut"))
        self.label = QLabel(self.tr("AKUT"))
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.number = QLabel()
        self.number.setTextFormat(Qt.TextFormat.PlainText)
        self.number.setAccessibleName(self.tr("Nödnummer"))
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.number)
        layout.addWidget(self.text, 1)
        self._apply_fonts()
        self.show_number("112")

    def show_number(self, number: str) -> None:
        """Show ``number`` as the one to call now."""
        self.number.setText(number)
        self.text.setText(
            self.tr("Vid fara för liv eller hälsa: ring %1 nu.").replace("%1", number)
        )
        self.setAccessibleDescription(self.tr("Akut fara: ring %1").replace("%1", number))

    def changeEvent(self, event: QEvent) -> None:
        # Follow the user's text size (Ctrl++) at the same proportions.
        if event.type() == QEvent.Type.FontChange:
            self._apply_fonts()
        super().changeEvent(event)

    def _apply_fonts(self) -> None:
        base = self.font().pointSizeF() or 10.0
        word = QFont(self.font())
        word.setPointSizeF(base * 1.4)
        word.setBold(True)
        self.label.setFont(word)
        big = QFont(self.font())
        big.setPointSizeF(base * 3.0)
        big.setBold(True)
        self.number.setFont(big)
        self.setLineWidth(max(3, self.fontMetrics().height() // 5))
