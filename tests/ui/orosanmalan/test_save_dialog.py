"""'Spara som…' leaves no trace of the folder it saved in: nothing in Qt's own settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from fkstod.ui.dialogs import QtDialogs
from fkstod.ui.orosanmalan.page import OrosanmalanPage
from tests.ui.fakes import FakeDialogs
from tests.ui.orosanmalan.helpers import fill_by_keyboard

CLIENT_FOLDER = "Saga Hemligsson"


@pytest.fixture
def qt_settings_folder(tmp_path):
    """Point Qt's user settings at a folder of this test's own: the developer's stay untouched."""
    folder = tmp_path / "config"
    folder.mkdir()
    default = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    yield folder
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, default)


def qt_project_settings() -> dict[str, object]:
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    return {key: settings.value(key) for key in settings.allKeys()}


def settings_text(folder: Path) -> str:
    return "".join(p.read_text(errors="replace") for p in folder.rglob("*") if p.is_file())


def accept_save_dialog_with(path: Path) -> None:
    """Choose ``path`` in the save dialog once it shows, as a caseworker would."""

    def choose() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog)]
        visible = [d for d in dialogs if d.isVisible()]
        if not visible:
            QTimer.singleShot(20, choose)
            return
        # Type the whole path into the file name box, then press Save.
        visible[0].findChild(QLineEdit, "fileNameEdit").setText(str(path))
        visible[0].accept()

    QTimer.singleShot(20, choose)


@pytest.fixture
def page(qtbot):
    dialogs = FakeDialogs()
    dialogs.save_private = QtDialogs().save_private  # the real file dialog, under test here
    widget = OrosanmalanPage(dialogs, reporter={})
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_saving_leaves_no_folder_in_qt_settings(qtbot, page, qt_settings_folder, tmp_path):
    folder = tmp_path / CLIENT_FOLDER
    folder.mkdir()
    fill_by_keyboard(qtbot, page)
    accept_save_dialog_with(folder / "anmalan.pdf")
    with qtbot.waitSignal(page.report_created):
        page.save_as()  # the real dialog, Qt's own
    assert (folder / "anmalan.pdf").read_bytes().startswith(b"%PDF")
    assert qt_project_settings() == {}
    assert CLIENT_FOLDER not in settings_text(qt_settings_folder)
    assert "Hemligsson" not in settings_text(qt_settings_folder)


def test_the_next_file_dialog_does_not_open_in_the_clients_folder(
    qtbot, page, qt_settings_folder, tmp_path
):
    folder = tmp_path / CLIENT_FOLDER
    folder.mkdir()
    fill_by_keyboard(qtbot, page)
    accept_save_dialog_with(folder / "anmalan.txt")
    with qtbot.waitSignal(page.report_created):
        page.save_as()
    other = QFileDialog()  # e.g. the directory's import, opened later in the same session
    other.setOption(QFileDialog.Option.DontUseNativeDialog)
    try:
        assert CLIENT_FOLDER not in other.directory().path()
    finally:
        other.deleteLater()


def test_other_programs_dialog_settings_are_kept(qtbot, page, qt_settings_folder, tmp_path):
    before = QSettings(QSettings.Scope.UserScope, "QtProject")
    before.setValue("FileDialog/viewMode", "List")
    before.setValue("Other/key", "value")
    before.sync()
    del before
    folder = tmp_path / CLIENT_FOLDER
    folder.mkdir()
    fill_by_keyboard(qtbot, page)
    accept_save_dialog_with(folder / "anmalan.pdf")
    with qtbot.waitSignal(page.report_created):
        page.save_as()
    assert qt_project_settings() == {"FileDialog/viewMode": "List", "Other/key": "value"}


def test_a_cancelled_dialog_leaves_nothing_either(qtbot, page, qt_settings_folder):
    fill_by_keyboard(qtbot, page)

    def cancel() -> None:
        visible = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QFileDialog) and w.isVisible()
        ]
        if not visible:
            QTimer.singleShot(20, cancel)
            return
        visible[0].reject()

    QTimer.singleShot(20, cancel)
    with qtbot.assertNotEmitted(page.report_created):
        page.save_as()
    assert qt_project_settings() == {}


def test_a_saved_report_is_confirmed_with_its_path(qtbot, tmp_path):
    target = tmp_path / "anmalan.pdf"
    dialogs = FakeDialogs()
    page = OrosanmalanPage(
        dialogs,
        save_asker=lambda parent, suggested: (str(target), ""),
        save_file=lambda path, data: path.write_bytes(data),
    )
    qtbot.addWidget(page)
    page.show()
    fill_by_keyboard(qtbot, page)
    page.save_as()
    assert target.exists()
    assert dialogs.infos[-1] == ("Anmälan är sparad", f"Sparad i {target}")
