"""A new call leaves nothing of the last one: no widget holds its note or its path."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from fkstod.qt import private_clipboard
from tests.ui.fakes import real_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
MARK = "Saga 2019 hotad av Kalle"


def texts(root: QWidget) -> list[str]:
    """Every text any widget under ``root`` holds (labels, fields, buttons, editors)."""
    out = []
    for widget in [root, *root.findChildren(QWidget)]:
        for name in ("text", "toPlainText", "currentText", "placeholderText", "toolTip"):
            method = getattr(widget, name, None)
            if callable(method):
                try:
                    value = method()
                except TypeError:
                    continue  # text(int) of a list or a tab bar, not one text
                if isinstance(value, str) and value:
                    out.append(value)
        count = getattr(widget, "count", None)
        item = getattr(widget, "item", None)
        if callable(count) and callable(item):
            for row in range(count()):
                entry = item(row)
                if entry is not None and hasattr(entry, "text"):
                    out.append(entry.text())
    return out


@pytest.fixture
def window(qtbot, data_folder):
    yield from real_window(qtbot, data_folder)


def to_the_end(qtbot, page) -> None:
    for _ in range(60):
        if page.stack.currentWidget() is page.summary:
            return
        view = page.step_view
        key = Qt.Key.Key_1 if page.session.step.kind == "question" else Qt.Key.Key_Return
        qtbot.keyClick(view, key)
    raise AssertionError("the flow never reached its end")


def test_after_a_new_call_no_widget_holds_the_last_calls_note_or_path(qtbot, window):
    page = window.page(0)
    window.show_section(0)
    qtbot.keyClicks(QApplication.focusWidget(), "sjukpenning")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    page.jump("akut-fara")
    to_the_end(qtbot, page)
    last_step = page.step_view.say.text()
    assert last_step
    summary = page.summary
    qtbot.keyClick(summary.note, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # to write
    qtbot.keyClick(summary.note, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(summary.note, Qt.Key.Key_Return)
    qtbot.keyClicks(summary.note, MARK)
    note = summary.note.toPlainText()
    path = summary.path.text()
    assert MARK in note and "Akut fara" in path
    summary.copy_button.click()
    assert QGuiApplication.clipboard().text() == note

    summary.new_button.click()
    assert page.stack.currentWidget() is page.picker and page.session is None
    held = "\n".join(texts(window))
    assert MARK not in held
    assert note not in held
    assert summary.path.text() == "" and summary.closing.text() == ""
    assert last_step not in held  # the step view shows no step of the last call
    assert page.step_view.option_buttons == [] and page.step_view._step is None
    assert private_clipboard.remembered() <= 1
    private_clipboard.clear_private()


def test_a_kommun_typed_in_the_last_call_is_not_shown_in_the_next(qtbot, window):
    """Typed, matched nothing (so none chosen): the next call shows neither it nor its message."""
    page = window.page(0)
    window.show_section(0)
    typed = "Kallebo"  # what a caller said, that is no kommun
    page.kommun.setFocus()
    page.kommun.lineEdit().selectAll()
    qtbot.keyClicks(page.kommun.lineEdit(), typed)
    qtbot.keyClick(page.kommun.lineEdit(), Qt.Key.Key_Return)
    assert page.kommun.code() == "" and typed in page.notice.text()
    page.new_conversation()
    assert typed not in "\n".join(texts(window))
    assert page.notice.isHidden() and page.kommun.message.isHidden()


def test_a_new_call_leaves_nothing_of_the_last_in_the_directory(qtbot, window):
    """The last caller's kommun, need and search words, and the way back, all go."""
    page = window.page(0)
    window.show_section(0)
    page.start("sjukpenning-fraga", "sjukpenning")
    window.show_section(0)
    directory = window.page(window.index_of("katalog"))
    qtbot.waitUntil(lambda: not directory.loading)
    page.directory_requested.emit("socialtjanst", "1280")  # a step's shortcut, from the call
    assert directory.kommun.code() == "1280" and directory.call_bar.isVisibleTo(directory)
    qtbot.keyClicks(directory.search_box, "Kallebo jour")
    page.new_conversation()
    assert directory.kommun.code() == "" and directory.need.currentIndex() == 0
    assert directory.search_box.text() == "" and not directory.call_bar.isVisibleTo(directory)
    assert not any("Kallebo" in t for t in texts(window))


def test_the_last_calls_filter_words_are_replaced_by_typing_even_after_another_section(
    qtbot, window
):
    # The words stay, selected, so that the next caller's words replace them; going to
    # another section and back must not leave them to be typed after.
    page = window.page(0)
    window.show_section(0)
    window.activateWindow()
    picker = page.picker
    qtbot.waitUntil(lambda: QApplication.focusWidget() is picker.filter)
    qtbot.keyClicks(picker.filter, "sjukpenning")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    page.new_conversation()
    for keys in ("Ctrl+2", "Ctrl+1"):
        window.show_section(window.index_of("katalog" if keys == "Ctrl+2" else "samtal"))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is picker.filter)
    qtbot.keyClicks(QApplication.focusWidget(), "underh")
    assert picker.filter.text() == "underh"
    assert picker.list.count() > 0
    qtbot.keyClicks(picker.filter, "ll")  # once typed in, the words are the caseworker's
    picker.filter.clearFocus()
    picker.filter.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
    qtbot.keyClicks(picker.filter, "s")
    assert picker.filter.text() == "underhlls"
