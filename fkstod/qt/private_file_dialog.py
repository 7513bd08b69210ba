"""Ask for a file without Qt remembering the folder.

Qt's own file dialog (used so the platform does not add the report to a
recent-files list) stores its state in the user's QtProject settings when it
closes: the last folder visited and a history of folders (on Linux
``~/.config/QtProject.conf``, on Windows the registry). A folder may be named after
a client, so the dialog's state is put back as it was before, and the folder Qt
keeps in memory for the next dialog is reset to a neutral one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import shiboken6
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

QT_SETTINGS_ORGANISATION = "QtProject"
FILE_DIALOG_GROUP = "FileDialog"


def neutral_folder() -> str:
    """Return the folder a save dialog starts in: the documents folder, else home."""
    for location in (
        QStandardPaths.StandardLocation.DocumentsLocation,
        QStandardPaths.StandardLocation.HomeLocation,
    ):
        folder = QStandardPaths.writableLocation(location)
        if folder and Path(folder).is_dir():
            return folder
    return str(Path.home())


def _qt_settings() -> QSettings:
    return QSettings(QSettings.Scope.UserScope, QT_SETTINGS_ORGANISATION)


@contextmanager
def file_dialog_leaves_no_trace() -> Iterator[None]:
    """Put Qt's file dialog settings back as they were once the block is done."""
    settings = _qt_settings()
    existed = Path(settings.fileName()).exists()
    settings.beginGroup(FILE_DIALOG_GROUP)
    before = {key: settings.value(key) for key in settings.allKeys()}
    settings.endGroup()
    del settings  # each dialog writes through a QSettings of its own
    try:
        yield
    finally:
        forget_last_folder()
        restore_file_dialog_settings(before, remove_empty_file=not existed)


def forget_last_folder() -> None:
    """Point the folder Qt keeps in memory for the next file dialog at a neutral one."""
    # Qt has no API for it; a dialog shown a directory sets it, also when never shown.
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setDirectory(neutral_folder())
    # Its destructor writes the settings again: destroy it now, before they are restored.
    shiboken6.delete(dialog)


def restore_file_dialog_settings(before: dict[str, object], *, remove_empty_file: bool) -> None:
    """Replace the file dialog's settings with ``before``; keep every other program's."""
    settings = _qt_settings()
    settings.remove(FILE_DIALOG_GROUP)
    settings.beginGroup(FILE_DIALOG_GROUP)
    for key, value in before.items():
        settings.setValue(key, value)
    settings.endGroup()
    settings.sync()
    path = Path(settings.fileName())
    empty = not settings.allKeys()
    del settings
    if remove_empty_file and empty and path.is_file():
        path.unlink(missing_ok=True)


def ask_save_path(
    parent: QWidget | None, title: str, suggested: str, filters: str
) -> tuple[str, str]:
    """Ask where to save; return the path ("" to cancel) and the chosen filter.

    Args:
        title: the dialog's title.
        suggested: a file name; the dialog starts in a neutral folder.
        filters: Qt's filter string, e.g. ``"PDF (*.pdf);;Text (*.txt)"``.
    """
    with file_dialog_leaves_no_trace():
        # Qt's own dialog: the platform's dialog would add the file to a recent-files list.
        return QFileDialog.getSaveFileName(
            parent,
            title,
            str(Path(neutral_folder()) / suggested),
            filters,
            options=QFileDialog.Option.DontUseNativeDialog,
        )
