"""Copy sensitive text to the clipboard without leaving it behind.

A report of concern or a case-file note may name a child and what happened. On
Windows, text on the clipboard is also kept in the clipboard history (Win+V) and
may be synced to the cloud; the formats below ask Windows not to. And what fkstod
put on the clipboard is taken off again when fkstod quits, if it is still there.
"""

from __future__ import annotations

import atexit

from PySide6.QtCore import QCoreApplication, QMimeData
from PySide6.QtGui import QGuiApplication

# Registered clipboard formats that Windows reads (Qt passes formats named
# application/x-qt-windows-mime;value="…" through as native formats).
_WINDOWS_FORMATS = {
    "ExcludeClipboardContentFromMonitorProcessing": b"\x00\x00\x00\x00",
    "CanIncludeInClipboardHistory": b"\x00\x00\x00\x00",  # DWORD 0: not in Win+V history
    "CanUploadToCloudClipboard": b"\x00\x00\x00\x00",  # DWORD 0: not synced
}
_WINDOWS_MIME = 'application/x-qt-windows-mime;value="{name}"'

_copied: set[str] = set()


def private_mime_data(text: str) -> QMimeData:
    """Return mime data holding ``text`` and the formats that keep it out of history."""
    data = QMimeData()
    data.setText(text)
    for name, value in _WINDOWS_FORMATS.items():
        data.setData(_WINDOWS_MIME.format(name=name), value)
    return data


def copy_private(text: str) -> None:
    """Put ``text`` on the clipboard, out of clipboard history, to be cleared at quit."""
    QGuiApplication.clipboard().setMimeData(private_mime_data(text))
    if not _copied:
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(clear_private)
        # Also when the process ends without quitting the event loop: the
        # clipboard owns the mime data made here, and Qt would otherwise delete it
        # after Python has finalised, which crashes the process at exit.
        atexit.unregister(_clear_at_exit)
        atexit.register(_clear_at_exit)
    _copied.add(text)


def _clear_at_exit() -> None:
    if QCoreApplication.instance() is not None:
        clear_private()


def clear_private(text: str | None = None) -> None:
    """Take ``text`` (or anything fkstod copied) off the clipboard if it is still there.

    What the user copied elsewhere since is left alone.
    """
    clipboard = QGuiApplication.clipboard()
    targets = {text} if text is not None else set(_copied)
    if clipboard.text() in targets:
        clipboard.clear()
    _copied.difference_update(targets)
