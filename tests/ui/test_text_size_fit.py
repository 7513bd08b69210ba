"""After a larger text made the window grow past the screen, a smaller text brings it back.

At the largest text sizes the window's least width is more than a laptop's screen
(the four jump buttons in a row), so it grew past the edge; going back to a smaller
size left it there, its right side and the last jump button out of sight.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from fkstod.qt.text_scale import apply_text_scale
from tests.ui.fakes import real_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def window(qtbot, data_folder):
    yield from real_window(qtbot, data_folder)
    apply_text_scale(1.0)


def test_a_smaller_text_brings_the_window_back_inside_the_screen(qtbot, window):
    free = window.screen().availableGeometry()
    window.resize(free.width() - 40, free.height() - 80)
    window.set_text_scale(2.5)  # Ctrl++ all the way
    qtbot.waitUntil(lambda: window.width() > free.width(), timeout=2000)  # it had to grow
    window.set_text_scale(1.0)  # Ctrl+0
    for _ in range(4):
        QApplication.processEvents()
    qtbot.waitUntil(lambda: window.width() <= free.width(), timeout=2000)
    assert window.frameGeometry().right() <= free.right() + 1
