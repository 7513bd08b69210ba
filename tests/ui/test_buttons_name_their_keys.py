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
