"""While the entry editor is open, the table a save checks for duplicates in is made."""

from __future__ import annotations

import pytest

from fkstod.core.directory import Directory
from tests.ui.fakes import FakeDialogs

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_the_table_of_numbers_is_made_while_the_caseworker_types(qtbot, memory_db, monkeypatch):
    from fkstod.ui.katalog import editing
    from fkstod.ui.katalog.page import DirectoryPage

    directory = Directory(memory_db)
    page = DirectoryPage(directory, FakeDialogs())
    qtbot.addWidget(page)
    made_while_open = []

    def exec_while_typing(dialog) -> int:
        # The dialog's own event loop: the timers of the page run while it is open.
        qtbot.waitUntil(lambda: directory._duplicates is not None, timeout=2000)
        made_while_open.append(True)
        dialog.reject()
        return 0

    assert directory._duplicates is None
    monkeypatch.setattr(editing.DirectoryEntryDialog, "exec", exec_while_typing)
    page.add_entry()
    assert made_while_open == [True]
