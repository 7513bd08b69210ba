"""Stödkatalog reads its entries in slices: the page answers while it does, and ends the same."""

from __future__ import annotations

from datetime import datetime

import pytest

from fkstod.core.directory import Directory
from fkstod.ui.katalog.page import DirectoryPage
from fkstod.ui.katalog.section import KatalogSection
from tests.conftest import CORE_DATA
from tests.ui.fakes import FakeDialogs

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

FILES = CORE_DATA / "directory_files"
MONDAY_10 = datetime(2026, 11, 23, 10, 0)


@pytest.fixture
def stored(memory_db):
    d = Directory(memory_db)
    d.apply_import(d.plan_import(FILES / "lokala.csv"))
    return memory_db


def _page(qtbot, directory: Directory | None) -> DirectoryPage:
    page = DirectoryPage(directory, FakeDialogs())
    page.clock = lambda: MONDAY_10
    qtbot.addWidget(page)
    page.show()
    return page


def _shown(page: DirectoryPage) -> tuple[list[str], str, str]:
    return page.visible_titles(), page.count.text(), page.view.number.text()


def test_a_search_typed_while_loading_is_run_once_loaded_with_the_same_results(qtbot, stored):
    loading = _page(qtbot, None)
    assert loading.loading
    assert loading.notice.text() == "Läser in katalogen…" and not loading.notice.isHidden()
    qtbot.keyClicks(loading.search_box, "jour")  # the keys are taken meanwhile
    assert loading.visible_titles() == [] and loading.search_box.text() == "jour"
    assert not loading.new_button.isEnabled() and not loading.transfer.isEnabled()

    loader = Directory.in_slices(stored)
    while not loader.step(0):
        pass
    loading.set_directory(loader.directory)

    loaded = _page(qtbot, Directory(stored))
    qtbot.keyClicks(loaded.search_box, "jour")
    assert not loading.loading and loading.notice.isHidden()
    assert loading.visible_titles()  # "jour" finds something
    assert _shown(loading) == _shown(loaded)
    assert [loading.language.itemText(i) for i in range(loading.language.count())] == [
        loaded.language.itemText(i) for i in range(loaded.language.count())
    ]
    assert loading.new_button.isEnabled() and loading.transfer.isEnabled()


def test_the_section_reads_the_directory_from_the_event_loop(qtbot, stored):
    loader = Directory.in_slices(stored)
    section = KatalogSection(lambda: loader, FakeDialogs(), usage=None)  # type: ignore[arg-type]
    page = section.build()
    qtbot.addWidget(page)
    assert page.loading and not loader.done  # building the page read nothing yet
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert page.directory is loader.directory
    assert page.results.count() > 0


def test_a_directory_shortcut_while_loading_shows_the_category_once_loaded(qtbot, stored):
    page = _page(qtbot, None)
    page.show_filtered("akut")
    assert page.notice.text() == "Läser in katalogen…"
    page.set_directory(Directory(stored))
    assert page.need.currentData() == "akut"
    assert page.visible_titles()


def test_an_entry_saved_in_the_editor_is_indexed_in_slices_then_selected(
    qtbot, stored, monkeypatch
):
    from fkstod.ui.katalog import entry_dialog

    page = _page(qtbot, Directory(stored))
    values = {
        "organisation": "Tjejjouren Testby",
        "tjanst": "Chatt",
        "kategori": "kvinnor",
        "telefon": "040-628 04 09",
        "kommuner": "1280",
        "senast_verifierad": "2026-11-01",
    }

    def exec_saving(dialog) -> int:
        dialog.saved = dialog._save(values, "")
        return 1

    monkeypatch.setattr(entry_dialog.DirectoryEntryDialog, "exec", exec_saving)
    page.add_entry()
    # Stored at once; the index is rebuilt from the timer, not inside the click.
    assert page.directory is not None and page.directory.reindexing
    assert page.loading and page.notice.text() == "Läser in katalogen…"
    assert [e.organisation for e in Directory(stored).local_entries()].count(
        "Tjejjouren Testby"
    ) == 1
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    entry = page.current_entry()
    assert entry is not None and entry.organisation == "Tjejjouren Testby"


def test_the_editing_and_file_keys_wait_quietly_while_loading(qtbot, stored, monkeypatch):
    from PySide6.QtCore import Qt

    from fkstod.ui.katalog import editing

    opened = []
    monkeypatch.setattr(editing, "DirectoryEntryDialog", lambda *a: opened.append(a))
    loading = _page(qtbot, None)
    loading.transfer.choose_import_path = lambda: opened.append("import") or ""
    loading.transfer.choose_export_path = lambda fmt: opened.append(fmt) or ""
    loading.search_box.setFocus()
    for key in (Qt.Key.Key_N, Qt.Key.Key_E, Qt.Key.Key_I):  # Ny post, Ändra, Importera
        qtbot.keyClick(loading.search_box, key, Qt.KeyboardModifier.ControlModifier)
    loading.transfer.import_file()  # as Arkiv's entry would, were it not stopped before
    loading.transfer.export_file("csv")
    assert opened == []  # nothing opened on a directory that is not there yet
