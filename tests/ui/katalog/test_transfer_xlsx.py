"""The directory's Excel workbook in the window: offered first, written and read back."""

from __future__ import annotations

import pytest

from fkstod.core.directory import Directory
from fkstod.ui.katalog.import_problems import DirectoryImportProblems
from fkstod.ui.katalog.transfer import DirectoryTransfer
from tests.conftest import CORE_DATA
from tests.ui.fakes import FakeDialogs

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def directory(memory_db) -> Directory:
    d = Directory(memory_db)
    d.apply_import(d.plan_import(CORE_DATA / "directory_files" / "lokala.csv"))
    return d


@pytest.fixture
def transfer(qtbot, directory):
    dialogs = FakeDialogs()
    widget = DirectoryTransfer(directory, dialogs, DirectoryImportProblems())
    qtbot.addWidget(widget)
    return widget


def test_excel_comes_first_in_the_export_menu(transfer):
    first = transfer.export_button.menu().actions()[0]
    assert first is transfer.export_xlsx_action
    assert "Excel-arbetsbok" in first.text()


def test_the_save_dialog_suggests_a_workbook_name_and_filter(transfer):
    transfer.dialogs.path = ""
    asked = []
    transfer.dialogs.save_file = lambda title, name, filters: (
        asked.append((name, filters)) or ("", "")
    )
    transfer.export_xlsx_action.trigger()
    assert asked == [("stodkatalog.xlsx", "Excel-arbetsbok (*.xlsx)")]


def test_a_workbook_exported_from_the_window_imports_back_unchanged(transfer, tmp_path):
    path = tmp_path / "katalog.xlsx"
    transfer.dialogs.path = str(path)
    transfer.export_xlsx_action.trigger()
    assert path.read_bytes().startswith(b"PK\x03\x04")
    assert "poster sparade" in transfer.dialogs.shown[-1][2]
    before = transfer.directory.local_entries()
    transfer.choose_import_path = lambda: str(path)
    transfer.import_file()
    assert transfer.dialogs.shown[-1][1] == "Importen är klar", transfer.dialogs.shown[-1]
    assert transfer.directory.local_entries() == before


def test_the_import_dialog_offers_workbooks(transfer):
    asked = []
    transfer.dialogs.open_file = lambda title, filters: asked.append(filters) or ""
    transfer.import_file()
    assert asked and "*.xlsx" in asked[0]
