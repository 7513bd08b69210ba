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
    """A ``QLabel`` that always shows its text as plain text.

    A label given a name ("Status", "Filer som inte räknades") says only that name to
    a screen reader: Qt gives a label no value. Its text is then its description too,
    which NVDA says after the name.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        if self.accessibleName():
            self.setAccessibleDescription(text)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.setAccessibleDescription(self.text() if name else "")


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


def selectable_by_keys(label: QLabel, *, mouse: bool = False) -> None:
    """Let ``label``'s text be selected by keys (and the mouse), and Tab reach it.

    Qt's ``setTextInteractionFlags`` sets the focus policy anew, to a click only: a
    label selectable by keys that Tab never reaches is out of a keyboard user's reach.
    """
    flags = Qt.TextInteractionFlag.TextSelectableByKeyboard
    if mouse:
        flags |= Qt.TextInteractionFlag.TextSelectableByMouse
    label.setTextInteractionFlags(flags)
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus if mouse else Qt.FocusPolicy.TabFocus)
