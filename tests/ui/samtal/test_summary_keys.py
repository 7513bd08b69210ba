"""Keys at the end of a call, in the real window: a spare answer key never lands in the note,
the note is written in only when the caseworker goes to it, Ctrl+N works wherever the focus is,
and the keys from a cold start to a copied note stay few."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from tests.ui.fakes import real_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
NONE = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

#: Cold start to a copied note and a new call: sjukpenning, alone, asked, nothing told.
COLD_START_TO_COPIED_NOTE = [
    (Qt.Key.Key_Down, NONE),  # the benefit list: sjukpenning
    (Qt.Key.Key_Down, NONE),
    (Qt.Key.Key_Return, NONE),  # start its flow
    (Qt.Key.Key_1, NONE),  # alone and able to talk
    (Qt.Key.Key_Return, NONE),  # the routine framing said
    (Qt.Key.Key_1, NONE),  # asked
    (Qt.Key.Key_1, NONE),  # nothing told: the end
    (Qt.Key.Key_C, CTRL_SHIFT),  # copy the note
    (Qt.Key.Key_N, CTRL),  # the next call
]


@pytest.fixture
def window(qtbot, data_folder, dialogs):
    yield from real_window(qtbot, data_folder, dialogs)


def key(qtbot, k, mods=NONE) -> None:
    qtbot.keyClick(QApplication.focusWidget(), k, mods)


def to_the_summary(qtbot, window):
    """Sjukpenning by name, then the cold start's answers up to the end of the flow."""
    page = window.page(window.index_of("samtal"))
    assert QApplication.focusWidget() is page.picker.filter
    assert page.picker.filter.selectedText() == page.picker.filter.text()  # typing replaces
    qtbot.keyClicks(page.picker.filter, "sjukpenning")
    for k, mods in COLD_START_TO_COPIED_NOTE[2:7]:
        key(qtbot, k, mods)
    assert page.stack.currentWidget() is page.summary
    return page


def test_nine_keys_from_a_cold_start_to_a_copied_note_and_the_next_call(qtbot, window):
    page = window.page(window.index_of("samtal"))
    assert window.current_section_id() == "samtal"
    assert len(COLD_START_TO_COPIED_NOTE) == 9
    note = ""
    for k, mods in COLD_START_TO_COPIED_NOTE:
        if k == Qt.Key.Key_C:
            assert page.stack.currentWidget() is page.summary
            assert page.session.flow_id == "sjukpenning-fraga"
            note = page.summary.note.toPlainText()
        key(qtbot, k, mods)
    assert note.startswith("Samtalsanteckning")
    assert QGuiApplication.clipboard().text() == note
    assert page.stack.currentWidget() is page.picker
    assert QApplication.focusWidget() is page.picker.filter


def test_an_answer_key_too_many_does_not_go_into_the_note(qtbot, window, dialogs):
    page = to_the_summary(qtbot, window)
    written = page.summary.note.toPlainText()
    assert QApplication.focusWidget() is page.summary.note  # read aloud, arrows scroll it
    key(qtbot, Qt.Key.Key_1)  # pressed once too often
    key(qtbot, Qt.Key.Key_2)
    assert page.summary.note.toPlainText() == written
    assert not page.summary.is_edited()
    assert "Alt+T" in page.summary.copied.text()  # what to press to write in it
    key(qtbot, Qt.Key.Key_N, CTRL)  # nothing to lose: no question
    assert dialogs.confirm_titles() == []
    assert page.stack.currentWidget() is page.picker


def test_alt_t_opens_the_note_for_writing(qtbot, window):
    page = to_the_summary(qtbot, window)
    note = page.summary.note
    key(qtbot, Qt.Key.Key_T, ALT)
    assert QApplication.focusWidget() is note
    key(qtbot, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(note, " Egen rad.")
    assert note.toPlainText().endswith(" Egen rad.")
    key(qtbot, Qt.Key.Key_C, CTRL_SHIFT)
    assert QGuiApplication.clipboard().text().endswith(" Egen rad.")


def test_tab_or_a_click_into_the_note_opens_it_for_writing(qtbot, window):
    page = to_the_summary(qtbot, window)
    note = page.summary.note
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Backtab)  # back into the note, on purpose
    assert QApplication.focusWidget() is note
    qtbot.keyClicks(note, "A")
    assert "A" in note.toPlainText()
    key(qtbot, Qt.Key.Key_N, CTRL)  # the edit is asked about; the fake says yes
    page = to_the_summary(qtbot, window)
    note = page.summary.note
    qtbot.mouseClick(note.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.keyClicks(note, "B")
    assert "B" in note.toPlainText()


def test_the_next_call_opens_the_note_locked_again(qtbot, window):
    page = to_the_summary(qtbot, window)
    key(qtbot, Qt.Key.Key_T, ALT)
    key(qtbot, Qt.Key.Key_N, CTRL)
    page = to_the_summary(qtbot, window)
    written = page.summary.note.toPlainText()
    key(qtbot, Qt.Key.Key_1)
    assert page.summary.note.toPlainText() == written


def test_backspace_in_the_locked_note_goes_back_to_the_last_step(qtbot, window):
    # As in every step: a wrong last answer is one key from being changed.
    page = to_the_summary(qtbot, window)
    written = page.summary.note.toPlainText()
    key(qtbot, Qt.Key.Key_Backspace)
    assert page.stack.currentWidget() is page.step_view
    assert page.session.previous_answer() is not None
    key(qtbot, Qt.Key.Key_1)
    assert page.summary.note.toPlainText() == written


@pytest.mark.parametrize("where", ["kommun", "copy", "jump", "note open"])
def test_ctrl_n_starts_the_next_call_wherever_the_focus_is_on_the_summary(qtbot, window, where):
    page = to_the_summary(qtbot, window)
    if where == "kommun":
        page.kommun.setFocus(Qt.FocusReason.TabFocusReason)
    elif where == "copy":
        page.summary.copy_button.setFocus(Qt.FocusReason.TabFocusReason)
    elif where == "jump":
        page.jumps.buttons["akut-fara"].setFocus(Qt.FocusReason.TabFocusReason)
    else:
        key(qtbot, Qt.Key.Key_T, ALT)
    key(qtbot, Qt.Key.Key_N, CTRL)
    assert page.stack.currentWidget() is page.picker
    assert page.session is None
