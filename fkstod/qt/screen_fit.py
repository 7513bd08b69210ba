"""Fit a window inside a screen's free area (the screen less its taskbar)."""

from __future__ import annotations

from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QWidget

#: Room kept for the title bar before a window is first shown: the window manager's
#: frame has no size yet then.
TITLE_BAR_ALLOWANCE = 32


def fit_inside(window: QWidget, screen: QScreen, *, centre: bool = False) -> None:
    """Make ``window`` no larger than ``screen``'s free area and put it inside it.

    The title bar and borders are the window manager's: room is left for them
    too. Args:
        centre: put the window in the middle of the free area; else it moves only
            as far as it must to lie inside (a remembered place is kept).
    """
    free = screen.availableGeometry()
    frame = window.frameGeometry()
    extra_w = max(0, frame.width() - window.width())
    extra_h = max(0, frame.height() - window.height())
    if not window.isVisible() and extra_h == 0:
        extra_h = TITLE_BAR_ALLOWANCE
    width = min(window.width(), free.width() - extra_w)
    height = min(window.height(), free.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    if centre:
        x = free.left() + max(0, (free.width() - width - extra_w) // 2)
        y = free.top() + max(0, (free.height() - height - extra_h) // 2)
    else:
        x = min(max(window.x(), free.left()), free.right() - width - extra_w + 1)
        y = min(max(window.y(), free.top()), free.bottom() - height - extra_h + 1)
    if (x, y) != (window.x(), window.y()):
        window.move(x, y)
