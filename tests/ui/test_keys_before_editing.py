"""The window's keys win over a text field's own, except Windows's editing keys.

On X11 a line edit takes Ctrl+E for "end of line" before any shortcut sees it
(ShortcutOverride): Stödkatalog's Ctrl+E (Ändra) did nothing from the search
field under Xvfb. Here a field that claims every key as an X11 line edit claims
Ctrl+E stands in for it, on whatever platform the tests run.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLineEdit

from fkstod.ui.widgets.pass_keys import WINDOWS_EDITING_KEYS
from tests.ui.fakes import FakeDialogs, real_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier


class GreedyLineEdit(QLineEdit):
    """A line edit that claims every key with Ctrl or Alt, as X11's claims Ctrl+E and Ctrl+U."""

    def event(self, event) -> bool:
        mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        if event.type() == QEvent.Type.ShortcutOverride and event.modifiers() & mods:
            event.accept()
            return True
        return super().event(event)


@pytest.fixture
def window(qtbot, data_folder):
    yield from real_window(qtbot, data_folder, FakeDialogs())


def page_shortcut(page, keys: str) -> QShortcut:
    (found,) = [s for s in page.findChildren(QShortcut) if s.key() == QKeySequence(keys)]
    return found


def claimed(widget, sequence: QKeySequence) -> bool:
    """Return True when ``widget`` keeps the key from the shortcuts (ShortcutOverride)."""
    combination = sequence[0]
    event = QKeyEvent(
        QEvent.Type.ShortcutOverride, combination.key(), combination.keyboardModifiers()
    )
    event.ignore()
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def greedy_field_in(qtbot, page) -> GreedyLineEdit:
    field = GreedyLineEdit("Kvinnojour")
    field.setAccessibleName("Sökfält som tar alla tangenter")
    page.layout().insertWidget(0, field)
    field.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    return field


def test_ctrl_e_edits_even_when_the_search_field_claims_it_as_on_x11(qtbot, window):
    page = window.show_section_id("katalog").build()
    edit = page_shortcut(page, "Ctrl+E")
    fired = []
    edit.activated.connect(lambda: fired.append("Ändra"))
    field = greedy_field_in(qtbot, page)
    assert claimed(GreedyLineEdit(), QKeySequence("Ctrl+E"))  # the field would take it
    qtbot.keyClick(field, Qt.Key.Key_E, CTRL)
    assert fired == ["Ändra"]
    # The page's own search field too, whatever this platform's scheme gives it.
    page.search_box.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.search_box)
    qtbot.keyClick(page.search_box, Qt.Key.Key_E, CTRL)
    assert fired == ["Ändra", "Ändra"]


def test_every_key_of_the_window_wins_over_a_field_but_the_editing_keys(qtbot, window):
    for index in range(len(window.sections())):
        window.show_section(index)  # every page built, with its keys
    page = window.show_section_id("katalog").build()
    field = greedy_field_in(qtbot, page)
    editing = {QKeySequence(k) for k in WINDOWS_EDITING_KEYS}
    keys = {s for a in window.findChildren(QAction) for s in a.shortcuts()}
    keys |= {s.key() for s in window.findChildren(QShortcut)}
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    ours = [k for k in keys if not k.isEmpty() and k[0].keyboardModifiers() & mods]
    assert {"Ctrl+E", "Ctrl+K", "Ctrl+N", "Ctrl+Shift+X", "Alt+Left"} <= {
        k.toString() for k in ours
    }
    kept = [k.toString() for k in ours if k not in editing and claimed(field, k)]
    assert kept == []
    # Editing stays the field's: Ctrl+A selects all, Ctrl+Z undoes, Ctrl+C copies.
    for keys in ("Ctrl+A", "Ctrl+Z", "Ctrl+C", "Ctrl+V", "Ctrl+Left"):
        assert claimed(field, QKeySequence(keys)), keys
    page.search_box.setFocus(Qt.FocusReason.OtherFocusReason)
    page.search_box.setText("jour")
    qtbot.keyClick(page.search_box, Qt.Key.Key_A, CTRL)
    assert page.search_box.selectedText() == "jour"


def test_ctrl_delete_in_the_search_field_deletes_a_word_not_the_entry(qtbot, window):
    # Ctrl+Delete is Stödkatalog's Ta bort, and on Windows a text field's "delete
    # the next word". Typing a search, the field's meaning wins: no question about
    # removing an entry pops up in the middle of a word.
    page = window.show_section_id("katalog").build()
    asked = []
    page.dialogs.confirm = lambda title, text: asked.append(title) or False
    page.search_box.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.search_box)
    page.search_box.setText("kvinnojour stockholm")
    page.search_box.setCursorPosition(0)
    assert claimed(page.search_box, QKeySequence("Ctrl+Delete"))
    qtbot.keyClick(page.search_box, Qt.Key.Key_Delete, CTRL)
    assert asked == []
    assert page.search_box.text() == "stockholm"


def test_a_field_that_cannot_be_written_keeps_no_key_for_writing(qtbot, window):
    # Ctrl+Delete is "delete a word" only where a word can be deleted. From Stödkatalog's
    # Län (a list to choose from, nothing to write) or the read-only list of an import's
    # faults, it is Ta bort, as before the editing keys were kept by every field.
    page = window.show_section_id("katalog").build()
    remove = page_shortcut(page, "Ctrl+Delete")
    fired = []
    remove.activated.connect(lambda: fired.append("Ta bort"))
    assert not page.lan.isEditable()
    page.lan.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.lan)
    assert not claimed(page.lan, QKeySequence("Ctrl+Delete"))
    qtbot.keyClick(page.lan, Qt.Key.Key_Delete, CTRL)
    assert fired == ["Ta bort"]
    read_only = QLineEdit("Kvinnojour")
    read_only.setReadOnly(True)
    page.layout().insertWidget(0, read_only)
    read_only.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is read_only)
    assert not claimed(read_only, QKeySequence("Ctrl+Delete"))
    assert not claimed(read_only, QKeySequence("Ctrl+V"))
    # What a read-only field does with keys stays its own: select all, copy.
    assert claimed(read_only, QKeySequence("Ctrl+A"))
    assert claimed(read_only, QKeySequence("Ctrl+C"))
    # A field that is written in keeps the key.
    page.search_box.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.search_box)
    assert claimed(page.search_box, QKeySequence("Ctrl+Delete"))


def test_the_number_pads_delete_is_the_same_key_to_the_field(qtbot, window):
    # With Num Lock off, Ctrl + the pad's Del carries Qt's keypad modifier: still the
    # field's "delete a word", never Ta bort from the search field.
    page = window.show_section_id("katalog").build()
    page.search_box.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.search_box)
    event = QKeyEvent(
        QEvent.Type.ShortcutOverride,
        Qt.Key.Key_Delete,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier,
    )
    event.ignore()
    QApplication.sendEvent(page.search_box, event)
    assert event.isAccepted()
