"""Keep a window's state while it runs: saved a moment after it last changed.

A window that ends without its close (kill -9, a crash, a session ended at
logout, the power gone) would come back at its default size, on its default
section, if its state were saved only when it closes. A caseworker keeps fkstod
open all day, every day: for most windows there is no close at all.

``StateKeeper`` watches the window's moves, resizes and state changes (and any
signal connected to ``changed``) and calls ``save`` once they have settled for
``SETTLE_MS``: a drag across the screen is one write, not hundreds. ``flush``
saves at once what is still waiting; ``stop`` drops it and ends the keeping (a
close that saves itself).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

#: How long the window must stay as it is before it is saved.
SETTLE_MS = 1000

_WATCHED = frozenset({QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.WindowStateChange})


class StateKeeper(QObject):
    """Call ``save`` a moment after ``window`` last moved, resized or ``changed`` was called."""

    def __init__(self, window: QWidget, save: Callable[[], None], settle_ms: int = SETTLE_MS):
        super().__init__(window)
        self._window = window
        self._save = save
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(settle_ms)
        self._timer.timeout.connect(self._settled)
        self._stopped = False
        window.installEventFilter(self)

    @property
    def pending(self) -> bool:
        """Return True while a change waits to be saved."""
        return self._timer.isActive()

    def changed(self, *_args: object) -> None:
        """Save a moment from now (again later if more changes come first)."""
        if not self._stopped:
            self._timer.start()

    def stop(self) -> None:
        """Drop what waits to be saved, and keep nothing after (a close saves itself).

        For good: the database may be closed next, and a window still on screen
        moved or laid out again must not write into it.
        """
        self._stopped = True
        self._timer.stop()
        self._window.removeEventFilter(self)

    def flush(self) -> None:
        """Save now what waits to be saved; nothing if nothing does."""
        if self._timer.isActive():
            self._timer.stop()
            self._save()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A hidden window's changes are no one's: one closed (its database may be
        # closed next) is laid out again by a text size set after, and not kept.
        if event.type() in _WATCHED and self._window.isVisible():
            self._timer.start()
        return False

    def _settled(self) -> None:
        if self._window.isVisible():
            self._save()
