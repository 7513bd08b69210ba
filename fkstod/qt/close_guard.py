"""Stop a window from closing until a question has been answered."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject


class CloseGuard(QObject):
    """An event filter that lets a close through only when ``may_close()`` says yes.

    Args:
        may_close: asks (for example "throw away the report?") and returns True to close.
    """

    def __init__(self, may_close: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._may_close = may_close

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and not self._may_close():
            event.ignore()
            return True
        return super().eventFilter(watched, event)
