"""Long work off the window's thread, with a progress bar and Avbryt.

``run_in_background(parent, title, text, work)`` runs ``work(progress)`` in a
worker thread and turns the window's event loop meanwhile (a local loop, as a
modal dialog's ``exec`` does): the window repaints, its timers run, and it never
looks hung. Once the work has taken ``SHOW_AFTER_MS``, a progress dialog shows
(window-modal: nothing in the window can change under the work); ``progress(done,
total)`` moves its bar, and Avbryt makes ``progress`` return False, on which the
work raises ``Cancelled`` having changed nothing. Work that must not stop midway
(one transaction) is run with ``cancellable=False``: no Avbryt.

It returns what ``work`` returned, or raises what it raised, in the window's
thread, so the caller's handlers (and the window's exception hook) see it.

The work must not touch widgets, and a database connection only of its own
(``Db.sibling``): SQLite connections and Qt widgets belong to their thread.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from fkstod.core.progress import Progress

#: Work that is done within this long shows no dialog at all.
SHOW_AFTER_MS = 400
#: The interpreter's turn between threads while a worker runs (Python's default: 5 ms).
SWITCH_S = 0.0005

T = TypeVar("T")


class _Relay(QObject):
    """Carries the worker's news to the window's thread (queued signals)."""

    progressed = Signal(int, int)
    done = Signal()


def run_in_background(
    parent: QWidget,
    title: str,
    text: str,
    work: Callable[[Progress], T],
    *,
    cancellable: bool = True,
) -> T:
    """Run ``work(progress)`` in a worker thread with a progress dialog; return its result.

    Raises:
        whatever ``work`` raised (``Cancelled`` when the user pressed Avbryt).
    """
    relay = _Relay()
    stop = threading.Event()
    outcome: dict[str, object] = {}

    def progress(done: int, total: int) -> bool:
        relay.progressed.emit(done, total)
        return not stop.is_set()

    def run() -> None:
        try:
            outcome["value"] = work(progress)
        except BaseException as exc:  # handed to the window's thread, raised there
            outcome["error"] = exc
        finally:
            relay.done.emit()

    dialog = QProgressDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(text)
    dialog.setAccessibleName(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setRange(0, 0)  # busy until the work tells how far it is
    if cancellable:
        dialog.setCancelButtonText(dialog.tr("Avbryt"))
        dialog.canceled.connect(stop.set)
    else:
        dialog.setCancelButton(None)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setValue(0)  # starts the dialog's clock: shown after SHOW_AFTER_MS, progress or not

    def moved(done: int, total: int) -> None:
        if total > 0:
            dialog.setRange(0, total)
            dialog.setValue(min(done, total))

    loop = QEventLoop()
    relay.progressed.connect(moved, Qt.ConnectionType.QueuedConnection)
    relay.done.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    worker = threading.Thread(target=run, name="fkstod-arbete", daemon=True)
    # Painting calls back into Python many times (the focus frame's style, the
    # delegates), each waiting for the interpreter lock the worker holds: with the
    # usual 5 ms turns a repaint waited tens of milliseconds. Shorter turns while
    # the worker runs keep the window's share of the lock near its need.
    turn = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_S)
    try:
        worker.start()
        loop.exec()
        if worker.is_alive():  # the loop ended early: the application is quitting
            stop.set()
        worker.join()
    finally:
        sys.setswitchinterval(turn)
    dialog.close()
    dialog.deleteLater()
    relay.deleteLater()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


__all__ = ["SHOW_AFTER_MS", "run_in_background"]
