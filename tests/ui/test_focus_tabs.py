"""A tab with the keyboard focus has the same solid frame as every other control.

Statistik's "Mina antal / Sammanställning" and the report's tabs per child take
the focus (Ctrl+4 puts it on Statistik's tabs), and the style marked that with a
faint tint only: where the keyboard was could not be seen.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from fkstod import app as fkapp
from fkstod.qt.focus_style import focus_colour

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_current_tab_with_the_focus_has_a_solid_frame(qtbot):
    fkapp.make_application()
    holder = QWidget()
    qtbot.addWidget(holder)
    layout = QVBoxLayout(holder)
    tabs = QTabWidget()
    tabs.addTab(QLabel("antal"), "Mina antal")
    tabs.addTab(QLabel("sammanställning"), "Sammanställning")
    other = QPushButton("Annat")
    layout.addWidget(tabs)
    layout.addWidget(other)
    holder.show()
    qtbot.waitExposed(holder)
    holder.activateWindow()
    bar = tabs.tabBar()
    bar.setFocus()
    qtbot.waitUntil(bar.hasFocus)
    want = focus_colour(bar.palette()).name()
    rect = bar.tabRect(bar.currentIndex())

    def left_edge() -> list[str]:
        image = bar.grab().toImage()
        y = rect.center().y()
        return [QColor(image.pixel(x, y)).name() for x in range(rect.left(), rect.left() + 4)]

    assert left_edge().count(want) >= 2, left_edge()
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    assert want not in left_edge()
