"""Import and export run off the window's thread: the window answers while a big file is read.

Each test holds the work until the window's own thread has turned its event
loop (a timer fired): with the work on the window's thread that could not
happen, and the wait would time out.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from fkstod.core.directory import Directory, csvfile
from fkstod.core.files import NOTHING_PROTECTED
from fkstod.core.schema import MIGRATION_SETS
from fkstod.core.store import open_store
from fkstod.ui.katalog import transfer as transfer_module
from fkstod.ui.katalog.page import DirectoryPage
from tests.benchmarks.data import generate
from tests.conftest import CORE_DATA
from tests.ui.fakes import FakeDialogs

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

FILES = CORE_DATA / "directory_files"


@pytest.fixture
def stored(data_folder):
    """A directory kept in a database file, as the window has it."""
    opened = open_store(data_folder / "fkstod.sqlite3", MIGRATION_SETS)
    yield opened.db
    opened.db.close()


@pytest.fixture
def page(qtbot, stored):
    dialogs = FakeDialogs()
    dialogs.answer = True
    page = DirectoryPage(Directory(stored), dialogs)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def where() -> str:
    return "main" if threading.current_thread() is threading.main_thread() else "worker"


def held_until_the_window_turns(calls: list[str]):
    """Return (wrap, ticked): ``wrap(f)`` runs ``f`` after a timer of the window fired."""
    ticked = threading.Event()
    QTimer.singleShot(30, ticked.set)

    def wrap(real):
        def held(*args, **kwargs):
            calls.append(where())
            assert ticked.wait(10), "the window's event loop did not turn during the work"
            return real(*args, **kwargs)

        return held

    return wrap


def test_an_import_is_read_and_written_while_the_window_answers(
    qtbot, page, stored, tmp_path, monkeypatch
):
    source = tmp_path / "stor.csv"
    csvfile.write_csv(generate(1200), source, NOTHING_PROTECTED)
    calls: list[str] = []
    wrap = held_until_the_window_turns(calls)
    monkeypatch.setattr(csvfile, "read_rows", wrap(csvfile.read_rows))
    real_store = Directory.store_import
    seen_db = []

    def store_import(self, plan, db=None):
        calls.append("write:" + where())
        seen_db.append(db)
        return real_store(self, plan, db)

    monkeypatch.setattr(Directory, "store_import", store_import)
    page.transfer.choose_import_path = lambda: str(source)
    page.transfer.import_file()
    assert calls == ["worker", "write:worker"]
    assert seen_db[0] is not None and seen_db[0] is not stored  # the worker's own connection
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)  # the index, in slices
    assert len(page.directory.local_entries()) == 1200
    assert stored.execute("SELECT count(*) FROM directory_entries").fetchone() == (1200,)
    assert "1200 nya" in page.transfer.dialogs.shown[-1][2]


def test_avbryt_stops_the_import_and_nothing_is_changed(qtbot, page, stored, tmp_path, monkeypatch):
    before = stored.execute("SELECT count(*) FROM directory_entries").fetchone()
    source = tmp_path / "stor.csv"
    csvfile.write_csv(generate(3000), source, NOTHING_PROTECTED)
    cancelled = threading.Event()

    def cancel_when_shown():
        dialog = page.findChild(QProgressDialog)
        if dialog is not None and dialog.isVisible():
            dialog.findChild(QPushButton).click()  # Avbryt, as the user presses it
            cancelled.set()
        else:
            QTimer.singleShot(20, cancel_when_shown)

    real = csvfile.read_rows

    def read_rows(path):
        rows = real(path)
        assert cancelled.wait(10), "the progress dialog never showed"
        return rows

    monkeypatch.setattr(csvfile, "read_rows", read_rows)
    QTimer.singleShot(20, cancel_when_shown)
    page.transfer.choose_import_path = lambda: str(source)
    page.transfer.import_file()
    assert page.transfer.dialogs.confirms == []  # stopped before the preview
    assert stored.execute("SELECT count(*) FROM directory_entries").fetchone() == before
    assert not page.transfer.busy
    assert not any(d.isVisible() for d in page.findChildren(QProgressDialog))


def test_an_export_is_written_while_the_window_answers(qtbot, page, tmp_path, monkeypatch):
    calls: list[str] = []
    wrap = held_until_the_window_turns(calls)
    monkeypatch.setattr(transfer_module, "write_export", wrap(transfer_module.write_export))
    page.transfer.choose_export_path = lambda fmt: str(tmp_path / "ut.xlsx")
    page.transfer.export_file("xlsx")
    assert calls == ["worker"]
    assert (tmp_path / "ut.xlsx").read_bytes().startswith(b"PK")
    assert "poster sparade" in page.transfer.dialogs.shown[-1][2]
    assert QApplication.activeModalWidget() is None
