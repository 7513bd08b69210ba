"""The database file replaced while the window runs: told once, and the form keeps its text."""

from __future__ import annotations

import os
import sys

import pytest

from fkstod import app as fkapp
from fkstod.core.directory import Directory
from fkstod.core.store import StoreError
from tests.ui.fakes import FakeDialogs

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


def save_as_the_window_does(editor) -> None:
    """Click Spara: an error in a slot goes to the excepthook, the editor stays open."""
    try:
        editor.try_save()
    except StoreError:
        sys.excepthook(*sys.exc_info())


def test_a_save_after_the_database_was_replaced_keeps_the_form_and_tells_once(
    qtbot, services, tmp_path, monkeypatch
):
    from fkstod.ui.katalog.entry_dialog import DirectoryEntryDialog

    dialogs = FakeDialogs()
    window = fkapp.build_window(services, dialogs)
    qtbot.addWidget(window)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    fkapp.install_excepthook(dialogs)
    path = services.db.path
    copy = tmp_path / "kopia.sqlite3"
    copy.write_bytes(path.read_bytes())
    os.replace(copy, path)  # a sync tool puts its copy in the place

    editor = DirectoryEntryDialog(Directory(services.db).save)
    qtbot.addWidget(editor)
    qtbot.keyClicks(editor.fields["organisation"], "Tjejjouren Testby")
    qtbot.keyClicks(editor.fields["telefon"], "040-628 04 09")
    editor.fields["kategori"].set_value("kvinnor")
    qtbot.keyClicks(editor.fields["senast_verifierad"], "2026-11-01")
    save_as_the_window_does(editor)
    assert editor.saved is None  # still open, with what was typed
    assert editor.fields["organisation"].text() == "Tjejjouren Testby"
    qtbot.waitUntil(lambda: bool(dialogs.errors))
    assert services.usage.record("referral_shown", category="akut") is None  # no second word
    qtbot.wait(20)
    [(title, text)] = dialogs.errors
    assert title == "Databasfilen har bytts ut"
    assert str(path) in text and "har inte sparats" in text and "starta det igen" in text

    save_as_the_window_does(editor)  # tried again: said again, for this save
    assert dialogs.errors[-1] == ("Det gick inte att spara", text)
    assert len(dialogs.errors) == 2
