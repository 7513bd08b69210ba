"""Lists give the marks over Å, Ä and Ö room (``fkstod.ui.widgets.accent_room``)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QListWidget

from fkstod.core.directory import Directory
from fkstod.ui.widgets.accent_room import AccentRoom, accent_overshoot

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_a_row_is_taller_by_the_room_the_marks_need(qtbot):
    plain, roomy = QListWidget(), QListWidget()
    for view in (plain, roomy):
        qtbot.addWidget(view)
        view.addItem("Övning")
    roomy.setItemDelegate(AccentRoom(roomy))
    room = accent_overshoot(roomy.fontMetrics())
    assert room > 0  # the reason for all this: Ö reaches above the ascent
    assert roomy.sizeHintForRow(0) == plain.sizeHintForRow(0) + 2 * room


def test_the_entry_editors_lists_give_the_room_too(qtbot, memory_db):
    from fkstod.ui.katalog.entry_dialog import DirectoryEntryDialog

    dialog = DirectoryEntryDialog(Directory(memory_db).save)
    qtbot.addWidget(dialog)
    lists = dialog.findChildren(QListWidget)
    assert len(lists) >= 2  # the kommun/benefit checklists and the problems
    assert all(isinstance(view.itemDelegate(), AccentRoom) for view in lists)
