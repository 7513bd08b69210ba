"""A call in Övningsläge, through the window as a caseworker drives it: its note says it
is a practice note, and what the call starts is counted as the call was."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from fkstod.core.flows.note_rule import HEADING, TRAINING_MARK
from fkstod.core.flows.session import FlowSession
from tests.ui.fakes import real_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, data_folder, services, dialogs):
    for window in real_window(qtbot, data_folder, dialogs, services):
        yield window
        for section in window.built_sections():
            section.shutdown()


def key(qtbot, k, mods=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), k, mods)


def training_key(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL_SHIFT)


def sjukpenning_to_the_summary(qtbot, window):
    """Sjukpenning, alone, asked, nothing told: the summary with its note."""
    page = window.show_section_id("samtal").build()
    qtbot.keyClicks(QApplication.focusWidget(), "sjukpenning")
    key(qtbot, Qt.Key.Key_Return)
    for _ in range(20):
        if page.stack.currentWidget() is page.summary:
            return page
        step = page.session.step
        key(qtbot, Qt.Key.Key_1 if step.kind == "question" else Qt.Key.Key_Return)
    raise AssertionError("the flow never ended")


def copy_by_key(qtbot) -> str:
    key(qtbot, Qt.Key.Key_C, CTRL_SHIFT)
    return QGuiApplication.clipboard().text()


def real_note(page) -> str:
    """The note the same path gives outside Övningsläge."""
    s = page.session
    again = FlowSession(s.library, s.flow_id, s.benefit)
    for entry in s.trail[:-1]:
        again.choose(entry.left_by) if entry.left_by >= 0 else again.advance()
    return again.note()


def test_a_note_copied_in_training_mode_says_so_first(qtbot, window):
    training_key(qtbot, window)
    page = sjukpenning_to_the_summary(qtbot, window)
    copied = copy_by_key(qtbot)
    first, rest = copied.split("\n", 1)
    assert first == TRAINING_MARK
    assert rest == real_note(page)  # the mark, then the note as it would be
    assert page.summary.note.toPlainText().startswith(TRAINING_MARK + "\n")
    assert page.summary.training_mark.isVisible()
    assert page.summary.training_mark.text().startswith("ÖVNING")


def test_the_mark_names_nothing_but_the_exercise(qtbot):
    assert TRAINING_MARK.startswith("ÖVNING – fiktivt fall")
    assert len(TRAINING_MARK.splitlines()) == 1


def test_a_real_calls_note_is_unchanged_and_unmarked(qtbot, window):
    page = sjukpenning_to_the_summary(qtbot, window)
    copied = copy_by_key(qtbot)
    assert copied == real_note(page)
    assert copied.splitlines()[0] == f"{HEADING} {date.today().isoformat()}"
    assert "ÖVNING" not in copied
    assert not page.summary.training_mark.isVisible()


def test_a_demonstrations_note_stays_marked_when_the_mode_is_switched_off(qtbot, window):
    # The trainer leaves Övningsläge at the summary: the note is still a practice note.
    training_key(qtbot, window)
    page = sjukpenning_to_the_summary(qtbot, window)
    training_key(qtbot, window)
    assert not window.training_banner.isVisible()
    assert copy_by_key(qtbot).startswith(TRAINING_MARK + "\n")
    assert page.summary.training_mark.isVisible()


def test_a_practice_note_copied_without_its_mark_gets_it_back(qtbot, window):
    # The trainee deletes the first line: what reaches the clipboard is marked all the same.
    training_key(qtbot, window)
    page = sjukpenning_to_the_summary(qtbot, window)
    note = page.summary.note
    note.setPlainText(note.toPlainText().split("\n", 1)[1])
    copied = copy_by_key(qtbot)
    assert copied.startswith(TRAINING_MARK + "\n" + HEADING)
    assert note.toPlainText() == copied
