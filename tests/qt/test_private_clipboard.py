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


def test_a_process_that_ends_without_quitting_exits_cleanly_after_a_copy():
    # The clipboard owns the copied mime data; left there, Qt deletes it after
    # Python has finalised and the process dies with SIGSEGV at exit.
    import subprocess
    import sys

    from tests.conftest import REPO

    script = (
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from fkstod.qt.private_clipboard import copy_private\n"
        "copy_private('Samtalsanteckning')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_only_the_last_copy_is_remembered_and_never_as_text(qapp):
    clipboard = QGuiApplication.clipboard()
    notes = [f"anteckning {n}: Saga berättade om hot" for n in range(200)]
    for note in notes:
        private_clipboard.copy_private(note)
    assert private_clipboard.remembered() == 1
    held = [v for v in vars(private_clipboard).values() if isinstance(v, str | set | list | dict)]
    assert not any("Saga" in repr(v) for v in held)
    private_clipboard.clear_private(notes[0])  # an earlier copy, replaced long ago
    assert clipboard.text() == notes[-1]
    private_clipboard.clear_private()
    assert clipboard.text() == "" and private_clipboard.remembered() == 0


def test_clearing_a_copy_that_is_gone_leaves_the_users_text(qapp):
    clipboard = QGuiApplication.clipboard()
    private_clipboard.copy_private("rapport om Saga")
    clipboard.setText("något annat")
    private_clipboard.clear_private("rapport om Saga")
    assert clipboard.text() == "något annat" and private_clipboard.remembered() == 0
