"""Ctrl+N, Nytt samtal: one key wherever the caseworker is in Samtalsstöd, real key events.

It was the summary's key only: in the list of flows and in the middle of a call it did
nothing. Now the page owns it, the summary's button and the menu entry are the same
action, and it asks first while a flow is open. Stödkatalog's Ctrl+N stays "Ny post":
two shortcuts on one key active at once would make Qt run neither.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fkstod.ui.shortcuts_dialog import window_keys
from tests.ui.fakes import FakeDialogs, real_window
from tests.ui.samtal.test_summary_keys import to_the_summary

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
CTRL = Qt.KeyboardModifier.ControlModifier
ASKED = "Nytt samtal?"


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs(answer=False)  # "Nej" unless a test says otherwise


@pytest.fixture
def window(qtbot, data_folder, dialogs):
    yield from real_window(qtbot, data_folder, dialogs)


def ctrl_n(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)


def samtal(window):
    return window.page(window.index_of("samtal"))


def mid_call(qtbot, window):
    """Sjukpenning started by keys, the first question answered: the call is open."""
    page = samtal(window)
    qtbot.keyClicks(page.picker.filter, "sjukpenning")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1)
    assert page.session is not None and page.session.step.id == "ramar"
    return page


def test_ctrl_n_in_the_list_of_flows_starts_afresh(qtbot, window, dialogs):
    page = samtal(window)
    page.kommun.set_code("0180")  # the last caller's kommun, still chosen
    ended = []
    page.conversation_ended.connect(lambda: ended.append(True))
    ctrl_n(qtbot, window)
    assert ended == [True]
    assert page.kommun.code() == ""
    assert dialogs.confirm_titles() == []  # no call open: nothing to ask
    assert QApplication.focusWidget() is page.picker.filter


def test_ctrl_n_in_the_middle_of_a_call_asks_and_no_keeps_the_call(qtbot, window, dialogs):
    page = mid_call(qtbot, window)
    session = page.session
    ctrl_n(qtbot, window)
    assert dialogs.confirm_titles() == [ASKED]
    assert page.session is session and page.stack.currentWidget() is page.step_view
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # the keys go on with it
    assert page.session.step.id == "fraga"


def test_ctrl_n_in_the_middle_of_a_call_asks_and_yes_ends_it(qtbot, window, dialogs):
    page = mid_call(qtbot, window)
    dialogs.answer = True
    ctrl_n(qtbot, window)
    assert dialogs.confirm_titles() == [ASKED]
    assert page.session is None and page.stack.currentWidget() is page.picker


def test_ctrl_n_in_a_jump_asks_too(qtbot, window, dialogs):
    page = mid_call(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert page.session.in_jump
    ctrl_n(qtbot, window)
    assert dialogs.confirm_titles() == [ASKED]
    assert page.session is not None and page.session.in_jump


@pytest.mark.parametrize("where", ["note", "navigation"])
def test_ctrl_n_on_the_summary_starts_the_next_call_without_asking(qtbot, window, dialogs, where):
    page = to_the_summary(qtbot, window)
    if where == "navigation":
        window.navigation.setFocus(Qt.FocusReason.MouseFocusReason)  # clicked there
    ctrl_n(qtbot, window)
    assert dialogs.confirm_titles() == []  # the call has ended: nothing open to lose
    assert page.session is None and page.stack.currentWidget() is page.picker


def test_ctrl_n_in_the_directory_is_ny_post_and_the_call_goes_on(qtbot, window, dialogs):
    page = mid_call(qtbot, window)
    session = page.session
    directory = window.page(window.index_of("katalog"))
    qtbot.waitUntil(lambda: not directory.loading)
    opened = []
    directory._edit = lambda entry: opened.append(entry)  # the editor would be modal
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)  # Stödkatalog
    assert window.current_section_id() == "katalog"
    ctrl_n(qtbot, window)
    assert opened == [None]  # Ny post
    assert dialogs.confirm_titles() == []
    assert page.session is session


def test_the_menu_entry_and_f1_name_ctrl_n_where_it_works(qtbot, window):
    entry = window.call_menu.actions()[0]
    assert entry.text() == "&Nytt samtal\tCtrl+N"
    sections = [(s.title, window.page(i)) for i, s in enumerate(window.sections())]
    keys = [(k.where, k.what) for k in window_keys(window, sections) if k.keys == "Ctrl+N"]
    assert sorted(keys) == [("Samtalsstöd", "Nytt samtal"), ("Stödkatalog", "Ny post")]
