"""Close the window on SIGTERM (a logout, a shutdown, ``kill``) the way Avsluta does.

Without a handler SIGTERM ends the process at once: the window's clean close
(the sections' shutdown, the database's last checkpoint and its clean-close mark,
the folder's lock given back) never runs. A Python handler alone is not enough
either: Python runs it only when it next runs Python code, and the window's event
loop may sit in Qt for minutes. So the signal's number is written to a socket
(``signal.set_wakeup_fd``) that a ``QSocketNotifier`` watches: the event loop
wakes, and the window is closed from the loop, never from inside whatever Python
code the signal interrupted.

SIGINT (Ctrl+C in the terminal that started fkstod) is handled alike, unless the
process was started with it ignored (in the background by a shell).
"""

from __future__ import annotations

import contextlib
import signal
import socket
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QWidget


def _signals() -> list[signal.Signals]:
    wanted = []
    if hasattr(signal, "SIGTERM") and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        wanted.append(signal.SIGTERM)
    # Python's own handler means SIGINT was not ignored when the process started.
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        wanted.append(signal.SIGINT)
    return wanted


class QuitOnSignals(QObject):
    """Close ``window`` (as Avsluta does) when the process gets SIGTERM or SIGINT.

    Call ``restore()`` when the event loop has ended: the handlers and the wake-up
    socket are put back as they were.
    """

    def __init__(self, window: QWidget, close: Callable[[], object] | None = None) -> None:
        super().__init__(window)
        self._close = close or window.close
        self._old: dict[signal.Signals, object] = {}
        self._old_fd = -1
        self._sockets: tuple[socket.socket, socket.socket] | None = None
        self._notifier: QSocketNotifier | None = None
        if threading.current_thread() is not threading.main_thread():
            return  # signals reach the main thread only
        wanted = _signals()
        if not wanted:
            return
        reader, writer = socket.socketpair()
        reader.setblocking(False)
        writer.setblocking(False)
        self._sockets = (reader, writer)
        self._old_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
        for number in wanted:
            # Nothing here: the handler only keeps Python from ending (SIGTERM) or
            # raising KeyboardInterrupt (SIGINT); the socket wakes the loop.
            self._old[number] = signal.signal(number, lambda _n, _f: None)
        self._notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)

    def _woken(self) -> None:
        assert self._sockets is not None
        with contextlib.suppress(OSError):
            while self._sockets[0].recv(64):  # the signals' numbers; empty it
                pass
        self._close_when_free(10)

    def _close_when_free(self, tries: int) -> None:
        # An open question (a modal dialog, with a loop of its own) is closed first,
        # as Esc would; then the window, from the loop. One that will not close is
        # left after a few turns, and the window asked all the same.
        modal = QApplication.activeModalWidget()
        if modal is not None and tries > 0:
            modal.close()
            QTimer.singleShot(0, self, lambda: self._close_when_free(tries - 1))
            return
        self._close()

    def restore(self) -> None:
        """Put the signals' handlers and the wake-up socket back as they were."""
        if self._sockets is None:
            return
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        for number, old in self._old.items():
            signal.signal(number, old)  # type: ignore[arg-type]
        signal.set_wakeup_fd(self._old_fd)
        for sock in self._sockets:
            sock.close()
        self._sockets = None
