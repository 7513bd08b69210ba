"""Labels and tool tips that show text as it is, never as rich text.

A ``QLabel`` in its default ``AutoText`` mode renders anything that looks like
HTML, and so does a tool tip: an imported Organisation ``<img src=…>`` would be
drawn (on Windows, fetched from a network share). Text from imports, settings,
flows or the user goes through ``PlainLabel`` or ``plain_tooltip``; a label
that is rich on purpose escapes every piece of data it holds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class PlainLabel(QLabel):
    """A ``QLabel`` that always shows its text as plain text."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)


def plain_tooltip(text: str) -> str:
    """Return ``text`` as a tool tip that shows exactly these characters.

    Qt guesses whether a tool tip is rich text, and only text with a ``<`` can
    look rich: such text is escaped and wrapped in a paragraph, which makes the
    guess "rich" and the markup harmless. Other text is returned as it is.
    """
    if "<" not in text:
        return text
    # Escaped here, not with html.escape: the html package loads its table of
    # entities (~1.5 ms), and this module is on the first frame's path.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "<p style='white-space:pre-wrap'>" + escaped + "</p>"
