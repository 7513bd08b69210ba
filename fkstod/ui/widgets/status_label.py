"""A line that says what just happened: a screen reader hears each new text.

"Anteckningen är kopierad", "3 träffar", "Rapporten är sparad": the keys stay where
they were, so NVDA would say nothing of the line. Each new text is announced
politely (after what NVDA is saying), and only while the line's place is on screen.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from fkstod.qt.speech import announce
from fkstod.ui.widgets.plain_label import PlainLabel


class StatusLabel(PlainLabel):
    """A ``PlainLabel`` whose every new text is announced to a screen reader."""

    def setText(self, text: str) -> None:
        changed = text != self.text()
        super().setText(text)
        # Where it stands is on screen: a label shown just after its text is told too,
        # one on a section not shown is not (the directory read again in the background).
        where: QWidget | None = self.parentWidget()
        if changed and where is not None and where.isVisible():
            announce(self, text)
