"""WrapLayout keeps the list of its shown items between invalidations: it must follow changes."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton, QWidget

from fkstod.ui.widgets.wrap_layout import WrapLayout

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_layout_follows_items_shown_hidden_added_and_removed(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = WrapLayout(holder)
    buttons = [QPushButton(f"Knapp nummer {n}") for n in range(3)]
    for button in buttons:
        layout.addWidget(button)
    holder.show()
    qtbot.waitExposed(holder)
    three = layout.sizeHint().width()
    buttons[1].hide()
    qtbot.wait(0)  # Qt invalidates the layout when it lays the widget out again
    two = layout.sizeHint().width()
    assert two < three
    assert layout.heightForWidth(10_000) == layout.sizeHint().height()
    buttons[1].show()
    qtbot.wait(0)
    assert layout.sizeHint().width() == three
    layout.removeWidget(buttons[2])
    assert layout.sizeHint().width() < three
    extra = QPushButton("En till")
    layout.addWidget(extra)
    extra.show()
    qtbot.wait(0)
    assert layout.count() == 3 and extra.geometry().width() > 0
