"""A line that says what just happened: a screen reader hears each new text.

"Anteckningen är kopierad", "3 träffar", "Rapporten är sparad": the keys stay where
they were, so NVDA would say nothing of the line. A new text is announced politely
(after what NVDA is saying) once it has stood for a moment, and only while the
line's place is on screen: typing "kvinno" says the count once, not six times.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from fkstod.qt.speech import announce
from fkstod.ui.widgets.plain_label import PlainLabel

#: How long a new text stands before it is announced (a search runs per key typed).
SETTLE_MS = 400


class StatusLabel(PlainLabel):
    """A ``PlainLabel`` whose every new text is announced to a screen reader."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        self._settle = None  # PlainLabel's constructor sets the first text: not told
        super().__init__(text, parent)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._tell)

    def setText(self, text: str) -> None:
        changed = text != self.text()
        super().setText(text)
        if changed and self._settle is not None:
            self._settle.start()

    def _tell(self) -> None:
        # Where it stands is on screen: a label shown just after its text is told too,
        # one on a section not shown is not (the directory read again in the background).
        where = self.parentWidget()
        if where is not None and where.isVisible():
            announce(self, self.text())
