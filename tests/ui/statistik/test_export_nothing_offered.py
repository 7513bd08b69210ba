"""Exportera statistik… when it offers no month: it says why, and one month is enough to pick."""

import pytest
from PySide6.QtCore import Qt

from fkstod.core.usage.recorder import current_month

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

FLOW = "underhallsstod-fraga"


def open_export(qtbot, window):
    qtbot.keyClick(window, Qt.Key_T, Qt.ControlModifier | Qt.ShiftModifier)
    dialog = window.sections()[window.index_of("statistik")].dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_only_the_running_month_is_not_said_to_have_been_exported(qtbot, window, services):
    # A first day with fkstod: counts only in the month still running, nothing sent ever.
    services.usage.record("flow_started", flow=FLOW, benefit="underhallsstod")
    dialog = open_export(qtbot, window)
    text = dialog.months_line.text()
    assert "exporterats förut" not in text
    assert "Det finns inga hela månader med antal ännu." in text
    assert current_month() in text and "inte slut än" in text
    dialog.reject()


def test_choosing_only_the_first_month_chooses_that_month(qtbot, window, services):
    services.usage.record("flow_started", flow=FLOW, benefit="underhallsstod")
    dialog = open_export(qtbot, window)
    assert dialog.last.currentIndex() == -1  # nothing offered, nothing chosen yet
    dialog.first.setFocus()
    qtbot.keyClick(dialog.first, Qt.Key_Down)  # the one month in the list
    assert dialog.months() == [current_month()]
    assert dialog.last.currentData() == current_month()  # both ends show it
    assert dialog.save_button.isEnabled()
    assert "Månader som exporteras: " + current_month() in dialog.months_line.text()
    dialog.reject()
