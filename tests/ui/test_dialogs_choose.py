"""Dialogs.choose: a question with named buttons, every answer reachable by keys.

The draft a crash left is offered with it (Fortsätta / Kasta bort): Enter goes on,
Alt and the marked letter chooses, Esc closes it without a choice.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from fkstod.ui.dialogs import QtDialogs

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def answer(qtbot, keys, modifier=Qt.KeyboardModifier.NoModifier) -> tuple[int, list[str]]:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    seen: list[str] = []

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press)
            return
        seen.extend(b.text() for b in box.buttons() if b.isVisible())
        seen.append(box.text())
        box.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is box, timeout=1000)
        qtbot.keyClick(box, keys, modifier)
        # Never a test that hangs: a key that did nothing leaves the box to be closed.
        # (The box as the timer's context: gone with the box, it never fires.)
        QTimer.singleShot(500, box, lambda: box.done(-2))

    QTimer.singleShot(0, press)
    chosen = QtDialogs(parent).choose(
        "Osparad post", "Vill du fortsätta med den?", ["&Fortsätta", "&Kasta bort"]
    )
    return chosen, seen


def test_enter_takes_the_first_choice(qtbot):
    chosen, seen = answer(qtbot, Qt.Key.Key_Return)
    assert chosen == 0
    assert sorted(seen[:2]) == ["&Fortsätta", "&Kasta bort"]  # the hidden Esc button: not shown
    assert seen[2] == "Vill du fortsätta med den?"


def test_alt_and_the_marked_letter_chooses(qtbot):
    assert answer(qtbot, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)[0] == 1


def test_esc_closes_the_question_without_a_choice(qtbot):
    assert answer(qtbot, Qt.Key.Key_Escape)[0] == -1
