"""Text larger than the text around it, that follows the chosen text size.

Qt's style sheets ignore ``font-size`` in ``em`` (only ``pt`` and ``px`` are
read), and a font set with ``setFont`` keeps its size when the application
font changes (Visa → Större text). ``keep_relative_size`` does both right: the
widget's font is ``factor`` times the application font, now and after every
change of it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget


class _RelativeSize(QObject):
    """Sets its widget's font from the application font, again at every change.

    A child of the widget: it goes with it, and so does the connection.
    """

    def __init__(self, widget: QWidget, factor: float, bold: bool) -> None:
        super().__init__(widget)
        self.widget = widget
        self.factor = factor
        self.bold = bold
        app = QApplication.instance()
        if isinstance(app, QApplication):
            # Not ApplicationFontChange: Qt sends it to windows only, not to their children.
            app.fontChanged.connect(self.apply)
        self.apply()

    @Slot()
    def apply(self, *_font: object) -> None:
        font = QFont(self.widget.font())
        font.setPointSizeF(QApplication.font().pointSizeF() * self.factor)
        if self.bold:
            font.setBold(True)
        self.widget.setFont(font)


def keep_relative_size(widget: QWidget, factor: float, *, bold: bool = False) -> None:
    """Make ``widget``'s text ``factor`` times the application's, also after a change."""
    for old in widget.findChildren(_RelativeSize):
        if old.parent() is widget:
            old.setParent(None)
            old.deleteLater()
    _RelativeSize(widget, factor, bold)
