"""Every push button in sight says how to reach it from the keyboard.

Either by a letter (Alt + the underlined letter) or by the key in its text, as
"Öva själv (Ctrl+Skift+P)" does. Övning's "Spara diagrammet…" and "Spara
utdelning som PDF…" had keys (Ctrl+Skift+D, Ctrl+Skift+U) that only F1 and the
Arkiv menu told of. (Check boxes in a group, such as Vad oron gäller, are
reached with Tabb and Mellanslag: not counted here.)
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.ui.fakes import FakeDialogs, real_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

#: A key named in a button's text: "(Ctrl+Skift+C)", "(Enter)", "(Alt+Vänster)".
KEY_IN_TEXT = re.compile(r"\((Ctrl|Alt|F\d+|Enter|Esc|Backsteg|Skift)\b")


@pytest.fixture
def window(qtbot, data_folder):
    yield from real_window(qtbot, data_folder, FakeDialogs())


def test_every_button_in_every_section_names_its_key(qtbot, window):
    silent = []
    for index in range(len(window.sections())):
        window.show_section(index)
        page = window.page(index)
        for button in page.findChildren(QPushButton):
            if not button.isVisibleTo(page) or button.focusPolicy() == Qt.FocusPolicy.NoFocus:
                continue
            text = button.text()
            if "&" in text.replace("&&", "") or KEY_IN_TEXT.search(text):
                continue
            silent.append((window.sections()[index].title, text))
    assert silent == []


def hints(widget) -> set[str]:
    """Return the keys named in parentheses on ``widget``'s visible push buttons."""
    out = set()
    for button in widget.findChildren(QPushButton):
        text = button.text()
        if button.isVisibleTo(widget) and (found := KEY_IN_TEXT.search(text)):
            out.add(text[found.start() + 1 : text.index(")", found.start())])
    return out


def test_a_key_named_on_a_button_is_spelled_as_the_list_of_keys_spells_it(qtbot, window):
    # One key, one spelling: "Alt+←" on one button, "Alt+Vänster" on another and
    # "Alt+Vänsterpil" in F1 read as three keys; so did "Enter" and F1's "Retur".
    from fkstod.ui.shortcuts_dialog import keys_as_text, window_keys
    from tests.ui.samtal.test_summary_keys import to_the_summary

    to_the_summary(qtbot, window)  # the summary's buttons: Tillbaka, Kopiera, Nytt samtal
    call = window.page(window.index_of("samtal"))
    named = hints(call)
    call.start("barn-berors", "ovriga")
    call.orosanmalan_requested.emit("ovriga", "")  # the way back above the report
    sections = [(s.title, window.page(i)) for i, s in enumerate(window.sections())]
    for index in range(len(sections)):
        named |= hints(window.page(index))
    listed = keys_as_text(window_keys(window, sections))
    assert {"Enter", "Ctrl+Skift+C", "F5"} <= named
    unlisted = sorted(k for k in named if not re.search(rf"(?<![\w+]){re.escape(k)}(?!\w)", listed))
    assert unlisted == []
