"""One fit for every window: the main window keeps its place, the presenter's are centred."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from fkstod.qt.screen_fit import TITLE_BAR_ALLOWANCE, fit_inside


def _window(qtbot, width: int, height: int, x: int, y: int) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(width, height)
    window.move(x, y)
    return window


def test_a_window_too_large_is_made_to_fit_and_moved_no_further_than_it_must(qtbot):
    screen = QGuiApplication.primaryScreen()
    free = screen.availableGeometry()
    window = _window(qtbot, free.width() + 300, free.height() + 300, free.left() + 50, 10_000)
    fit_inside(window, screen)
    # Not shown yet: room for a title bar the window manager has not drawn.
    assert window.size().width() == free.width()
    assert window.size().height() == free.height() - TITLE_BAR_ALLOWANCE
    assert window.x() == free.left()  # as far left as the width needs
    assert window.y() + window.height() + TITLE_BAR_ALLOWANCE - 1 == free.bottom()
    small = _window(qtbot, 200, 100, free.left() + 40, free.top() + 30)
    fit_inside(small, screen)
    assert (small.x(), small.y(), small.width(), small.height()) == (
        free.left() + 40,
        free.top() + 30,
        200,
        100,
    )  # a remembered place that fits is kept


def test_centred_the_window_lies_in_the_middle_of_the_free_area(qtbot):
    screen = QGuiApplication.primaryScreen()
    free = screen.availableGeometry()
    window = _window(qtbot, 200, 100, free.left() + 3, free.top() + 3)
    fit_inside(window, screen, centre=True)
    assert window.size().width() == 200 and window.size().height() == 100
    assert window.x() == free.left() + (free.width() - 200) // 2
    assert window.y() == free.top() + (free.height() - 100 - TITLE_BAR_ALLOWANCE) // 2
