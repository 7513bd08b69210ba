"""F1's list of keys holds the window's keys only, not those of a dialog it once opened.

A dialog made with the window as its parent (Exportera statistik…, an editor) stays
a child of the window after it is closed. Its keys work only while it is open, and
its buttons name them ("Spara… (Ctrl+S)"); listed under "Hela fönstret" they say
that Ctrl+S saves an export from anywhere, which it does not.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog

from fkstod.ui.shortcuts_dialog import window_keys
from tests.ui.fakes import FakeDialogs, real_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def window(qtbot, data_folder, services):
    dialogs = FakeDialogs()
    for window in real_window(qtbot, data_folder, dialogs, services):
        dialogs.parent = window  # as the app's Dialogs: the window owns what they open
        yield window


def listed(window) -> set[tuple[str, str]]:
    sections = [(s.title, window.page(i)) for i, s in enumerate(window.sections())]
    return {(k.where, k.keys) for k in window_keys(window, sections)}


def test_a_closed_export_dialog_adds_no_key_to_the_whole_window(qtbot, window, services):
    services.usage.record("flow_started", flow="underhallsstod-fraga", benefit="underhallsstod")
    before = listed(window)
    qtbot.keyClick(window, Qt.Key_T, Qt.ControlModifier | Qt.ShiftModifier)
    dialog = window.sections()[window.index_of("statistik")].dialog
    assert dialog is not None and dialog.parent() is not None  # a child of the window
    dialog.reject()
    assert ("Hela fönstret", "Ctrl+S") not in listed(window)
    assert listed(window) == before


def test_no_key_of_any_dialog_of_the_window_is_listed(qtbot, window):
    before = listed(window)
    dialog = QDialog(window)
    QShortcut(QKeySequence("Ctrl+Shift+J"), dialog)
    action = QAction("Gör något i dialogen", dialog)
    action.setShortcut(QKeySequence("Ctrl+Shift+L"))
    dialog.addAction(action)
    assert listed(window) == before


def test_each_export_opened_again_replaces_the_last_one(qtbot, window, services):
    # Every Exportera statistik… made a new dialog and kept the old one as the window's
    # child for as long as the window lived (with its Ctrl+S and its counts).
    from fkstod.ui.statistik.export_dialog import ExportDialog

    services.usage.record("flow_started", flow="underhallsstod-fraga", benefit="underhallsstod")
    section = window.sections()[window.index_of("statistik")]
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key_T, Qt.ControlModifier | Qt.ShiftModifier)
        section.dialog.reject()
    qtbot.waitUntil(lambda: len(window.findChildren(ExportDialog)) == 1, timeout=2000)
