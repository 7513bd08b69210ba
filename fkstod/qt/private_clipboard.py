"""Copy sensitive text to the clipboard without leaving it behind.

A report of concern or a case-file note may name a child and what happened. On
Windows, text on the clipboard is also kept in the clipboard history (Win+V) and
may be synced to the cloud; the formats below ask Windows not to. And what fkstod
put on the clipboard is taken off again when fkstod quits, if it is still there.

Only the last copy can still be on the clipboard (each copy replaces the one
before), so only that one is remembered, and not as text: a digest is enough to
tell whether the clipboard still holds it. No note of an earlier call stays in
memory for the rest of the day.
"""

from __future__ import annotations

import atexit

from PySide6.QtCore import QCoreApplication, QMimeData
from PySide6.QtGui import QGuiApplication

from fkstod.core.digest import sha256

# Registered clipboard formats that Windows reads (Qt passes formats named
# application/x-qt-windows-mime;value="…" through as native formats).
_WINDOWS_FORMATS = {
    "ExcludeClipboardContentFromMonitorProcessing": b"\x00\x00\x00\x00",
    "CanIncludeInClipboardHistory": b"\x00\x00\x00\x00",  # DWORD 0: not in Win+V history
    "CanUploadToCloudClipboard": b"\x00\x00\x00\x00",  # DWORD 0: not synced
}
_WINDOWS_MIME = 'application/x-qt-windows-mime;value="{name}"'

#: The digest of the text fkstod put on the clipboard last (None: nothing to clear).
_last: bytes | None = None
_clears_at_quit = False


def _digest(text: str) -> bytes:
    return sha256(text.encode("utf-8", "surrogatepass")).digest()


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
    remember_private(text)


def remember_private(text: str) -> None:
    """Remember ``text``, just given to the clipboard as :func:`private_mime_data`, to clear at quit.

    For a copy Qt makes itself (a text field's Ctrl+C) with the mime data made here.
    """
    global _last, _clears_at_quit
    _last = _digest(text)
    if not _clears_at_quit:
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(clear_private)
            # Also when the process ends without quitting the event loop: the
            # clipboard owns the mime data made here, and Qt would otherwise delete
            # it after Python has finalised, which crashes the process at exit.
            atexit.register(_clear_at_exit)
            _clears_at_quit = True


def _clear_at_exit() -> None:
    if QCoreApplication.instance() is not None:
        clear_private()


def clear_private(text: str | None = None) -> None:
    """Take ``text`` (or what fkstod copied last) off the clipboard if it is still there.

    What the user copied elsewhere since is left alone.
    """
    global _last
    if _last is None or (text is not None and _digest(text) != _last):
        return  # not ours, or no longer the last thing fkstod copied
    clipboard = QGuiApplication.clipboard()
    if _digest(clipboard.text()) == _last:
        clipboard.clear()
    _last = None


def remembered() -> int:
    """Return how many copies fkstod remembers to clear (0 or 1, never text)."""
    return 0 if _last is None else 1
