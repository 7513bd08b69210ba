"""The control that has the keys is scrolled into view, however it got them.

Qt's scroll area shows a control that Tab moves to, but not one reached by its
Alt+letter, nor one the code gives the focus (the first field with an error in
the entry editor, a field after a dialog): the caseworker would type into a field
they cannot see. ``install_focus_in_view`` watches the application's focus and
scrolls every scroll area around the new focus widget until it shows. A click
needs none of this: the control under the pointer is already in view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget


def show_focused(_old: QWidget | None, new: QWidget | None) -> None:
    """Scroll each scroll area around ``new``, innermost first, so that it shows."""
    if new is None:
        return
    if QApplication.mouseButtons() != Qt.MouseButton.NoButton and new.underMouse():
        return  # clicked: already in view, and a jump under the pointer would surprise
    parent = new.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            content = parent.widget()
            if content is not None and content.isAncestorOf(new):
                parent.ensureWidgetVisible(new)
        parent = parent.parentWidget()


def install_focus_in_view(app: QApplication) -> None:
    """Keep the focus widget in view in every window of ``app`` (once)."""
    if app.property("fkstod_focus_in_view"):
        return
    app.setProperty("fkstod_focus_in_view", True)
    app.focusChanged.connect(show_focused)
