"""Sensitive text on the clipboard: out of Windows' history, cleared when fkstod quits."""

from PySide6.QtGui import QGuiApplication

from fkstod.qt import private_clipboard


def test_copied_text_carries_the_formats_that_keep_it_out_of_history(qapp):
    data = private_clipboard.private_mime_data("Saga, 8 år")
    assert data.text() == "Saga, 8 år"
    formats = data.formats()
    for name in ("CanIncludeInClipboardHistory", "CanUploadToCloudClipboard"):
        key = f'application/x-qt-windows-mime;value="{name}"'
        assert key in formats
        assert bytes(data.data(key).data()) == b"\x00\x00\x00\x00"


def test_what_fkstod_copied_is_cleared_and_other_text_is_left(qapp):
    clipboard = QGuiApplication.clipboard()
    private_clipboard.copy_private("anteckning om Saga")
    assert clipboard.text() == "anteckning om Saga"
    private_clipboard.clear_private()
    assert clipboard.text() == ""
    private_clipboard.copy_private("anteckning om Saga")
    clipboard.setText("något annat")  # the caseworker copied something else since
    private_clipboard.clear_private()
    assert clipboard.text() == "något annat"


def test_quitting_clears_what_is_still_ours(qapp):
    clipboard = QGuiApplication.clipboard()
    private_clipboard.copy_private("rapporttext")
    qapp.aboutToQuit.emit()
    assert clipboard.text() == ""
