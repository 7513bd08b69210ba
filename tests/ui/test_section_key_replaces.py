"""A section's key (Ctrl+1 … Ctrl+5) puts the keys in its first field, ready to replace.

Between two calls the caseworker presses Ctrl+2 and types the next caller's need:
it must replace the last search, not be added to it ("kvinnobris": no hits).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fkstod import app as fkapp
from tests.ui.fakes import FakeDialogs, close_window
from tests.ui.orosanmalan.helpers import type_keys

CTRL = Qt.KeyboardModifier.ControlModifier


def focused():
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def test_ctrl_2_again_replaces_the_last_search(qtbot, services):
    fkapp.make_application()
    window = fkapp.build_window(services, FakeDialogs())
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    try:
        window.build_pending_sections()
        qtbot.waitUntil(lambda: all(window.built_page(i) for i in range(window.pages.count())))
        katalog = window.page(1)
        qtbot.waitUntil(lambda: not katalog.loading)
        qtbot.keyClick(focused(), Qt.Key.Key_2, CTRL)
        type_keys(qtbot, focused(), "kvinno")
        assert katalog.search_box.text() == "kvinno"
        qtbot.keyClick(focused(), Qt.Key.Key_1, CTRL)
        qtbot.keyClick(focused(), Qt.Key.Key_2, CTRL)
        type_keys(qtbot, focused(), "bris")
        assert katalog.search_box.text() == "bris"
    finally:
        close_window(window)
