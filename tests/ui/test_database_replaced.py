"""The database file replaced while the window runs: told once, and the form keeps its text."""

from __future__ import annotations

import os
import sys

import pytest

from fkstod import app as fkapp
from fkstod.core.directory import Directory
from fkstod.core.store import StoreError
from tests.conftest import REPLACES_OPEN_FILES
from tests.ui.fakes import FakeDialogs

pytestmark = [pytest.mark.qt_log_ignore("propagateSizeHints"), REPLACES_OPEN_FILES]


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


def test_an_import_refused_in_its_worker_is_told(qtbot, services, tmp_path, monkeypatch):
    # An import is written by a worker thread through its own connection (Db.sibling).
    # The refusal found there must reach the user like any other: a worker has no Qt
    # event loop to tell it in, nor may it touch the window's connection.
    from fkstod.core.directory import csvfile
    from fkstod.core.files import NOTHING_PROTECTED
    from fkstod.ui.katalog.page import DirectoryPage
    from tests.benchmarks.data import generate

    dialogs = FakeDialogs()
    dialogs.answer = True
    window = fkapp.build_window(services, dialogs)
    qtbot.addWidget(window)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    fkapp.install_excepthook(dialogs)
    window.show_section(1)
    [page] = window.findChildren(DirectoryPage)
    qtbot.waitUntil(lambda: not page.loading and page.transfer.isEnabled(), timeout=10_000)
    source = tmp_path / "poster.csv"
    csvfile.write_csv(generate(20), source, NOTHING_PROTECTED)
    path = services.db.path
    copy = tmp_path / "kopia.sqlite3"
    copy.write_bytes(path.read_bytes())
    os.replace(copy, path)  # a sync tool puts its copy in the place
    page.transfer.choose_import_path = lambda: str(source)
    try:
        page.transfer.import_file()
    except StoreError:
        sys.excepthook(*sys.exc_info())  # as Qt hands a slot's error to the hook
    qtbot.wait(50)
    assert ("confirm", "Importera?") in [(kind, title) for kind, title, _text in dialogs.shown]
    [(title, text)] = dialogs.errors
    assert title == "Det gick inte att spara" and "har inte sparats" in text
    assert Directory(services.db).local_entries() == []
