"""Öva själv's keys: F1 lists them, and every key listed is one the window acts on."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

from fkstod.core.flows import load_library
from fkstod.core.training import load_cases
from fkstod.ui.ovning.page import OvningPage
from fkstod.ui.ovning.practice import PRACTICE_KEYS, PracticeWindow
from tests.ui.fakes import FakeDialogs


@pytest.fixture(scope="module")
def library():
    return load_library()


@pytest.fixture
def window(qtbot, data_folder):
    from tests.ui.fakes import real_window

    yield from real_window(qtbot, data_folder, FakeDialogs())


def _accepted(practice: PracticeWindow, key: int, modifiers=Qt.KeyboardModifier.NoModifier) -> bool:
    event = QKeyEvent(QEvent.Type.KeyPress, key, modifiers)
    practice.keyPressEvent(event)
    return event.isAccepted()


def test_every_key_listed_is_one_the_window_acts_on(qtbot, library):
    case = load_cases(library).get("man-utsatt")
    for keys, names, _what in PRACTICE_KEYS:
        for key in keys:
            if key == Qt.Key.Key_Escape:
                continue  # closes the window: seen below
            practice = PracticeWindow(case, library)
            qtbot.addWidget(practice)
            modifiers = (
                Qt.KeyboardModifier.AltModifier
                if key == Qt.Key.Key_Left
                else Qt.KeyboardModifier.NoModifier
            )
            assert _accepted(practice, key, modifiers), names
    practice = PracticeWindow(case, library)
    qtbot.addWidget(practice)
    practice.show()
    assert _accepted(practice, Qt.Key.Key_Escape)
    assert not practice.isVisible()
    assert not _accepted(PracticeWindow(case, library), Qt.Key.Key_Q)  # the test can fail


def test_f1_lists_ova_sjalv_keys(qtbot, window, monkeypatch):
    from fkstod import app as fkapp
    from fkstod.ui.shortcuts_dialog import ShortcutsDialog

    shown = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda self: shown.append(self.text.toPlainText()))
    fkapp.show_shortcuts(window)
    [text] = shown
    assert "Övning: Öva själv" in text
    lines = text.splitlines()
    for _keys, names, what in PRACTICE_KEYS:
        assert any(
            line.startswith(names) and line.lower().endswith(what.lower()) for line in lines
        ), names


def test_the_page_gives_both_windows_keys(qtbot, library):
    page = OvningPage(library, load_cases(library), FakeDialogs())
    qtbot.addWidget(page)
    places = {where for where, _n, _w in page.keys_of_other_windows()}
    assert places == {"tränarvy och publikfönster", "Öva själv"}
