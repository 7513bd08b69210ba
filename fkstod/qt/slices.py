"""Run long work a slice at a time from the event loop, so the window keeps answering.

The work is a ``step(budget_ms) -> bool`` function that does about
``budget_ms`` of work and returns True once everything is done (the core's
``DirectoryLoader.step`` and ``IndexBuilder.step``). A zero-interval timer
calls it: between two slices Qt paints and handles the keys typed meanwhile.

Signals:
    finished(): the work is done (emitted once, after the last slice).
    failed(object): a slice raised this exception; the work stops there (a
        loader's next step could take its spent work for done), and the
        exception goes on to ``sys.excepthook``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

#: Each slice's budget: well under a frame, so typing never waits for one.
SLICE_MS = 10.0


class Slices(QObject):
    """Call ``step(budget_ms)`` from a zero-interval timer until it returns True."""

    finished = Signal()
    failed = Signal(object)

    def __init__(
        self,
        step: Callable[[float], bool],
        budget_ms: float = SLICE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._step = step
        self._budget_ms = budget_ms
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)

    @property
    def running(self) -> bool:
        """Whether the work has been started and is not done yet."""
        return self._timer.isActive()

    def start(self) -> None:
        """Start (or go on with) the work on the next turns of the event loop."""
        self._timer.start()

    def stop(self) -> None:
        """Stop the work where it is (a window shut down: its database closes next)."""
        self._timer.stop()

    def _slice(self) -> None:
        try:
            done = self._step(self._budget_ms)
        except Exception as exc:
            # Once: a timer that went on would report it every turn of the event loop.
            # Raised on, so the window's excepthook tells the user as for any fault.
            self._timer.stop()
            self.failed.emit(exc)
            raise
        if done:
            self._timer.stop()
            self.finished.emit()
