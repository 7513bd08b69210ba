"""Orosanmälan opened from a call ("Skriv orosanmälan", Alt+R): the way back, as in Stödkatalog.

A step such as Barn berörs offers the report while the call goes on. The report
then filled the window with no "Tillbaka till samtalet" and Alt+Left did nothing;
only Ctrl+1 led back, which the page did not say.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.fakes import real_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(qtbot, data_folder):
    yield from real_window(qtbot, data_folder)


def test_from_a_call_the_report_shows_the_way_back_and_alt_left_takes_it(qtbot, window):
    call = window.page(window.index_of("samtal"))
    window.show_section(window.index_of("samtal"))
    call.start("underhallsstod-fraga", "underhallsstod")
    step = call.session.step.id
    call.orosanmalan_requested.emit("underhallsstod", "")  # Skriv orosanmälan (Alt+R)
    assert window.current_section_id() == "orosanmalan"
    report = window.page(window.index_of("orosanmalan"))
    bar = report.call_bar
    assert bar.isVisibleTo(window)
    assert "Tillbaka till samtalet" in bar.back_button.text()
    assert [b.text()[-4:] for b in bar.jump_buttons] == ["(F5)", "(F6)", "(F7)", "(F8)"]
    report.form.child_editor(0).namn.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left, ALT)
    assert window.current_section_id() == "samtal"
    assert call.session is not None and call.session.step.id == step  # the call as it was
    assert not bar.isVisibleTo(window)


def test_the_report_shown_by_its_own_key_offers_no_way_back(qtbot, window):
    call = window.page(window.index_of("samtal"))
    window.show_section(window.index_of("samtal"))
    call.start("underhallsstod-fraga", "underhallsstod")
    call.orosanmalan_requested.emit("underhallsstod", "")
    window.show_section(window.index_of("samtal"))  # back by Ctrl+1, not by the bar
    window.show_section(window.index_of("orosanmalan"))  # Ctrl+3: the report by itself
    report = window.page(window.index_of("orosanmalan"))
    assert not report.call_bar.isVisibleTo(window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left, ALT)
    assert window.current_section_id() == "orosanmalan"
