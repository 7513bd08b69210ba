"""The control that has the keys is in view, however it got them.

Qt's scroll area shows a control that Tab moves to, but not one reached by its
Alt+letter or given the focus by the code (the first field with an error): the
caseworker would type into a field they cannot see.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fkstod import app as fkapp
from fkstod.ui.katalog.entry_dialog import DirectoryEntryDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def in_view(area: QScrollArea, widget: QWidget) -> bool:
    viewport = area.viewport()
    where = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    return viewport.rect().intersects(where)


@pytest.fixture
def form(qtbot):
    fkapp.make_application()
    holder = QWidget()
    qtbot.addWidget(holder)
    content = QWidget()
    rows = QFormLayout(content)
    fields = []
    for n in range(40):
        field = QLineEdit()
        label = QLabel(f"Fält &{chr(ord('a') + n % 26)}{n}:" if n == 39 else f"Fält {n}:")
        label.setBuddy(field)
        rows.addRow(label, field)
        fields.append(field)
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    QVBoxLayout(holder).addWidget(area)
    holder.resize(400, 300)
    holder.show()
    qtbot.waitExposed(holder)
    holder.activateWindow()
    fields[0].setFocus()
    qtbot.waitUntil(fields[0].hasFocus)
    yield area, fields
    holder.close()


def test_a_field_given_the_focus_by_the_code_is_scrolled_into_view(qtbot, form):
    area, fields = form
    assert not in_view(area, fields[-1])
    fields[-1].setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(fields[-1].hasFocus)
    assert in_view(area, fields[-1])


def test_a_field_reached_by_its_alt_letter_is_scrolled_into_view(qtbot, form):
    area, fields = form
    qtbot.keyClick(fields[0], Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # "Fält &n39"
    qtbot.waitUntil(fields[-1].hasFocus)
    assert in_view(area, fields[-1])


def test_the_entry_editor_shows_the_field_with_the_error(qtbot):
    fkapp.make_application()
    dialog = DirectoryEntryDialog(lambda entry: None, None, None, [])
    qtbot.addWidget(dialog)
    dialog.resize(560, 480)
    dialog.show()
    qtbot.waitExposed(dialog)
    area = dialog.findChild(QScrollArea)
    last = dialog.fields[list(dialog.fields)[-1]]
    assert not in_view(area, last)
    last.setFocus(Qt.FocusReason.OtherFocusReason)  # as a failed save does
    qtbot.waitUntil(last.hasFocus)
    assert in_view(area, last)


def test_a_field_clicked_is_not_scrolled(qtbot, form):
    # Half shown at the bottom edge: Tab would scroll it up, a click must not move it.
    area, fields = form
    viewport = area.viewport()

    def cut_at_the_bottom(field) -> bool:
        top = field.mapTo(viewport, QPoint(0, 0)).y()
        return top < viewport.height() < top + field.height()

    bar = area.verticalScrollBar()
    for value in range(bar.maximum()):
        bar.setValue(value)
        shown = next((f for f in fields if cut_at_the_bottom(f)), None)
        if shown is not None:
            break
    assert shown is not None
    before = bar.value()
    inside = QPoint(5, 2)
    if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
        # QTest's double-click (an earlier test) leaves the button down: let it up first.
        qtbot.mouseRelease(shown, Qt.MouseButton.LeftButton, pos=inside)
    qtbot.mouseMove(shown, inside)
    qtbot.waitUntil(shown.underMouse)
    qtbot.mouseClick(shown, Qt.MouseButton.LeftButton, pos=inside)
    qtbot.waitUntil(shown.hasFocus)
    assert bar.value() == before
