"""Stödkatalog opened from a call: the way back (Alt+Left), the jump keys, the kommun kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fkstod.ui.katalog.page import DirectoryPage
from fkstod.ui.samtal.page import FlowPage
from tests.ui.fakes import real_window

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(qtbot, data_folder):
    yield from real_window(qtbot, data_folder)


def pages(window) -> tuple[FlowPage, DirectoryPage]:
    call = window.page(window.index_of("samtal"))
    directory = window.page(window.index_of("katalog"))
    return call, directory


def test_from_a_call_the_directory_shows_the_way_back_and_the_jump_keys(qtbot, window):
    call, directory = pages(window)
    window.show_section(window.index_of("samtal"))
    call.kommun.set_code("1280")
    call.directory_requested.emit("kvinnor", call.kommun.code())  # a step's shortcut
    assert window.current_section_id() == "katalog"
    bar = directory.call_bar
    assert bar.isVisibleTo(window)
    assert "Tillbaka till samtalet" in bar.back_button.text()
    assert bar.jump_buttons[0].text().endswith("(F5)")
    assert len(bar.jump_buttons) == 4
    assert directory.kommun.code() == "1280"  # the call's kommun stays in the filter
    directory.search_box.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left, ALT)
    assert window.current_section_id() == "samtal"
    assert not bar.isVisibleTo(window)


def test_the_directory_shown_by_itself_offers_no_way_back(qtbot, window):
    _call, directory = pages(window)
    window.show_section(window.index_of("katalog"))
    assert not directory.call_bar.isVisibleTo(window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left, ALT)
    assert window.current_section_id() == "katalog"


def test_a_jump_button_in_the_directory_starts_the_jump_in_the_call(qtbot, window):
    call, directory = pages(window)
    window.show_section(window.index_of("samtal"))
    call.directory_requested.emit("kvinnor", "")
    directory.call_bar.jump_buttons[0].click()  # Akut fara (F5)
    assert window.current_section_id() == "samtal"
    assert call.session is not None and call.session.flow.id == "akut-fara"


def test_enter_in_the_calls_kommun_gives_the_keys_back_to_the_step(qtbot, window):
    call, _directory = pages(window)
    window.show_section(window.index_of("samtal"))
    call.start("underhallsstod-fraga", "underhallsstod")
    call.kommun.setFocus()
    call.kommun.lineEdit().selectAll()
    qtbot.keyClicks(call.kommun.lineEdit(), "uppsala")
    qtbot.keyClick(call.kommun.lineEdit(), Qt.Key.Key_Return)
    assert call.kommun.code() == "0380"
    assert QApplication.focusWidget() is call.step_view


def test_the_directory_shown_again_by_its_own_key_no_longer_offers_the_way_back(qtbot, window):
    """Back to the call by Ctrl+1, not by the bar; later Ctrl+2 is a plain search, no call's."""
    call, directory = pages(window)
    window.show_section(window.index_of("samtal"))
    call.directory_requested.emit("kvinnor", "")
    assert directory.call_bar.isVisibleTo(window)
    window.show_section(window.index_of("samtal"))  # by its own key, the bar not used
    window.show_section(window.index_of("katalog"))
    assert not directory.call_bar.isVisibleTo(window)
    directory.search_box.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left, ALT)
    assert window.current_section_id() == "katalog"  # Alt+Left no longer leaves
