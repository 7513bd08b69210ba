"""The entry editor's own words for what a caseworker types (not the import's)."""

from __future__ import annotations

import pytest

from fkstod.core.directory import Directory

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def test_a_three_digit_kommun_code_typed_in_the_editor_is_told_plainly(qtbot, memory_db):
    from fkstod.ui.katalog.entry_dialog import DirectoryEntryDialog

    directory = Directory(memory_db)
    dialog = DirectoryEntryDialog(directory.save)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.fields["organisation"], "Tjejjouren Testby")
    qtbot.keyClicks(dialog.fields["telefon"], "040-628 04 09")
    dialog.fields["kategori"].set_value("kvinnor")
    qtbot.keyClicks(dialog.fields["senast_verifierad"], "2026-11-01")
    qtbot.keyClicks(dialog.fields["kommuner"], "380")
    dialog.try_save()
    assert dialog.saved is None
    shown = dialog.errors.text()
    assert "Kommuner:" in shown and "0380" in shown and "Uppsala" in shown
    assert "kolumn" not in shown and "som text" not in shown
