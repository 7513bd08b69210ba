"""A save that fails at the disk leaves the editor as typed, with no stale problems.

The caseworker fixes the fields the list named, presses Spara, and the disk is
full: the database error is told by the window, and the editor must not go on
listing "Kategori saknas" for a kategori that is now chosen.
"""

from __future__ import annotations

import pytest

from fkstod.core.directory import Directory
from fkstod.core.store import StoreError

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_a_save_that_fails_at_the_disk_lists_no_problems_already_mended(qtbot, memory_db):
    from fkstod.ui.katalog.entry_dialog import DirectoryEntryDialog

    directory = Directory(memory_db)
    disk_full = False

    def save(values, entry_id=""):
        if disk_full:
            raise StoreError("Det gick inte att spara i databasen (disken är full).")
        return directory.save(values, entry_id)

    dialog = DirectoryEntryDialog(save)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.fields["organisation"], "Kvinnojouren Testby")
    qtbot.keyClicks(dialog.fields["telefon"], "0970-123 45")
    dialog.try_save()
    assert "Kategori" in dialog.errors.text()  # the list names what is missing

    dialog.fields["kategori"].set_value("kvinnor")
    qtbot.keyClicks(dialog.fields["senast_verifierad"], "2026-11-30")
    disk_full = True
    with pytest.raises(StoreError):  # the window's hook tells it in Swedish
        dialog.try_save()
    assert dialog.saved is None
    assert dialog.errors.count() == 0 and dialog.errors.isHidden()
    assert dialog.fields["organisation"].text() == "Kvinnojouren Testby"  # nothing typed lost
