"""Tell a window when the screens change while it runs: one added or removed, a free area changed.

A laptop undocked at lunch, a projector plugged in, a taskbar moved: the system moves
a window off a screen that is gone, but leaves it as large as it was, its bottom row
below the smaller screen's edge. ``ScreenWatch.changed`` comes once the change has
settled (the system sends several at a time), so that the window can fit itself again.

Signals:
    changed(): a screen was added or removed, or a screen's free area changed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen

#: How long after the last change ``changed`` comes (the system moves its windows first).
SETTLE_MS = 200


class ScreenWatch(QObject):
    """Emit ``changed`` once after each burst of screen changes (a child of the window)."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None, settle_ms: int = SETTLE_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(settle_ms)
        self._timer.timeout.connect(self.changed)
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        # Connected to this object's methods: gone with it, no call into a deleted window.
        app.screenAdded.connect(self._added)
        app.screenRemoved.connect(self._later)
        app.primaryScreenChanged.connect(self._later)
        for screen in app.screens():
            self._watch(screen)

    def _added(self, screen: QScreen) -> None:
        self._watch(screen)
        self._later()

    def _watch(self, screen: QScreen) -> None:
        screen.availableGeometryChanged.connect(self._later)
        screen.geometryChanged.connect(self._later)

    def _later(self, *_args: object) -> None:
        self._timer.start()
