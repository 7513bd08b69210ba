"""A screen that changes while fkstod runs: the window comes back inside the one it is on.

Undocked at lunch, a window that was 1500×900 on the office's 1920×1080 screen lands
on the laptop's 1366×768 one: the system moves it, but leaves it as large, with
"Kommun" and "Kompakt läge" below the screen's edge. The window fits itself again
whenever a screen is added or removed or its free area changes, as it does at start.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication

from tests.ui.fakes import real_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def window(qtbot, data_folder):
    yield from real_window(qtbot, data_folder)


def _inside(window) -> bool:
    free = window.screen().availableGeometry()
    return free.contains(window.frameGeometry()) or free.contains(window.geometry())


@pytest.mark.parametrize("change", ["free area", "screen removed", "screen added"])
def test_the_window_fits_its_screen_again_when_screens_change(qtbot, window, change):
    screen = window.screen()
    free = screen.availableGeometry()
    # Where the system left it: as large as on the big screen, partly off this one.
    window.resize(free.width() + 300, free.height() + 200)
    window.move(free.left() + 200, free.top() + 50)
    qtbot.wait(50)
    assert not _inside(window)
    app = QGuiApplication.instance()
    if change == "free area":
        screen.availableGeometryChanged.emit(QRect(free))
    elif change == "screen removed":
        app.screenRemoved.emit(screen)
    else:
        app.screenAdded.emit(screen)
    qtbot.waitUntil(lambda: _inside(window), timeout=3000)


@pytest.mark.parametrize("state", ["maximized", "full screen"])
def test_a_maximized_window_is_left_to_the_system(qtbot, window, monkeypatch, state):
    # The system fits a maximized (or full-screen) window to its new screen itself; a
    # resize of ours would make it a normal window again on some systems (Windows).
    free = window.screen().availableGeometry()
    window.resize(free.width() + 300, free.height() + 200)
    qtbot.wait(50)
    size = window.size()
    name = "isMaximized" if state == "maximized" else "isFullScreen"
    monkeypatch.setattr(window, name, lambda: True)
    window.screen().availableGeometryChanged.emit(QRect(free))
    qtbot.wait(600)  # past the watch's settling time
    assert window.size() == size
