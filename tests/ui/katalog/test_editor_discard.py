"""Esc in the entry editor asks before it throws away what was typed.

Ny post and Ändra are long forms; Esc, Avbryt or the window's close button used to
close them at once, and an entry typed out in full was gone without a word.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fkstod.core.directory import Directory
from fkstod.ui.katalog.entry_dialog import DirectoryEntryDialog
from tests.ui.fakes import FakeDialogs

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def asked():
    return FakeDialogs(answer=False)


def editor(qtbot, memory_db, asked, entry=None) -> DirectoryEntryDialog:
    dialog = DirectoryEntryDialog(
        Directory(memory_db).save,
        entry,
        confirm_discard=lambda: asked.confirm("Kasta posten?", "…"),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_esc_on_a_typed_entry_asks_and_a_no_keeps_it(qtbot, memory_db, asked):
    dialog = editor(qtbot, memory_db, asked)
    qtbot.keyClicks(dialog.fields["organisation"], "Tjejjouren Testby")
    qtbot.keyClick(dialog, Qt.Key_Escape)
    assert asked.confirm_titles() == ["Kasta posten?"]
    assert dialog.isVisible()
    assert dialog.fields["organisation"].text() == "Tjejjouren Testby"
    asked.answer = True
    dialog.reject()  # Avbryt, the close button and Esc all come here
    assert not dialog.isVisible()


def test_esc_on_an_untouched_editor_closes_without_asking(qtbot, memory_db, asked):
    dialog = editor(qtbot, memory_db, asked)
    qtbot.keyClick(dialog, Qt.Key_Escape)
    assert asked.confirms == [] and not dialog.isVisible()


def test_the_page_asks_through_its_dialogs(qtbot, memory_db, monkeypatch):
    from fkstod.ui.katalog import editing
    from fkstod.ui.katalog.page import DirectoryPage

    dialogs = FakeDialogs(answer=False)
    page = DirectoryPage(Directory(memory_db), dialogs)
    qtbot.addWidget(page)
    made = []

    def exec_typing_then_esc(dialog) -> int:
        made.append(dialog)
        dialog.fields["telefon"].setText("020-50 50 50")
        dialog.reject()
        return 0

    monkeypatch.setattr(editing.DirectoryEntryDialog, "exec", exec_typing_then_esc)
    page.add_entry()
    assert made and dialogs.confirm_titles() == ["Kasta posten?"]
