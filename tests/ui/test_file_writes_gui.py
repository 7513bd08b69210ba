"""Saving from the window: a failed or refused save says so in Swedish and leaves nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from fkstod.core.directory import Directory
from fkstod.core.files import NOTHING_PROTECTED, Protected
from fkstod.ui.katalog.page import DirectoryPage
from fkstod.ui.orosanmalan.page import OrosanmalanPage
from tests.core.test_file_writes import Disk, snapshot
from tests.ui.fakes import FakeDialogs
from tests.ui.orosanmalan.helpers import fill_by_keyboard

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

FILES = Path(__file__).parents[1] / "core" / "directory_files"


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


def report_page(qtbot, dialogs, target: Path, protected: Protected = NOTHING_PROTECTED):
    page = OrosanmalanPage(
        dialogs,
        save_asker=lambda parent, suggested: (str(target), ""),
        protected=protected,
    )
    qtbot.addWidget(page)
    page.show()
    fill_by_keyboard(qtbot, page)
    return page


@pytest.mark.parametrize("name", ["anmalan.pdf", "anmalan.txt"])
def test_a_full_disk_keeps_the_old_report_and_says_it_was_not_saved(
    qtbot, dialogs, tmp_path, monkeypatch, name
):
    target = tmp_path / name
    target.write_bytes(b"den gamla anmalan")
    page = report_page(qtbot, dialogs, target)
    before = snapshot(tmp_path)
    Disk(monkeypatch, space=500)
    with qtbot.assertNotEmitted(page.report_created):
        page.save_as()
    title, text = dialogs.errors[0]
    assert title == "Anmälan sparades inte"
    assert "disken är full" in text and "Anmälan finns kvar här" in text
    assert snapshot(tmp_path) == before
    assert page.form.child_editor(0).namn.text() == "Saga Exempelsson"


def test_a_report_is_never_saved_into_the_data_folder(qtbot, dialogs, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    page = report_page(qtbot, dialogs, data / "anmalan.pdf", Protected(folders=(data,)))
    with qtbot.assertNotEmitted(page.report_created):
        page.save_as()
    assert "datamapp" in dialogs.errors[0][1]
    assert list(data.iterdir()) == []


def test_a_successful_save_leaves_only_the_report(qtbot, dialogs, tmp_path):
    page = report_page(qtbot, dialogs, tmp_path / "anmalan.pdf")
    with qtbot.waitSignal(page.report_created):
        page.save_as()
    assert [p.name for p in tmp_path.iterdir()] == ["anmalan.pdf"]
    assert (tmp_path / "anmalan.pdf").read_bytes().startswith(b"%PDF")


@pytest.fixture
def directory_page(qtbot, memory_db, dialogs, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    directory = Directory(memory_db, protected=Protected(folders=(data,)))
    directory.apply_import(directory.plan_import(FILES / "lokala.csv"))
    page = DirectoryPage(directory, dialogs)
    qtbot.addWidget(page)
    return page


@pytest.mark.parametrize("fmt", ["csv", "hsds"])
def test_a_failed_directory_export_keeps_the_old_file(
    directory_page, dialogs, tmp_path, monkeypatch, fmt
):
    target = tmp_path / ("katalog.csv" if fmt == "csv" else "paket")
    directory_page.directory.export(target, fmt)
    before = snapshot(tmp_path)
    directory_page.transfer.choose_export_path = lambda fmt: str(target)
    Disk(monkeypatch, space=1000)
    directory_page.transfer.export_file(fmt)
    title, text = dialogs.errors[0]
    assert title == "Exporten sparades inte" and "disken är full" in text
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("fmt, name", [("csv", "fkstod.sqlite3"), ("hsds", ".")])
def test_a_directory_export_into_the_data_folder_is_refused(
    directory_page, dialogs, tmp_path, fmt, name
):
    data = tmp_path / "data"
    (data / "fkstod.sqlite3").write_bytes(b"databasen")
    directory_page.transfer.choose_export_path = lambda fmt: str(data / name)
    directory_page.transfer.export_file(fmt)
    assert "datamapp" in dialogs.errors[0][1]
    assert snapshot(data) == {"fkstod.sqlite3": b"databasen"}


def test_the_window_protects_its_data_folder(qtbot, data_folder):
    from fkstod.app import build_services, build_window
    from fkstod.core.directory import FileProblem

    services, _notice = build_services(data_folder)
    dialogs = FakeDialogs()
    window = build_window(services, dialogs)  # closed below, before the database
    try:
        assert services.protected.folders == (data_folder,)
        with pytest.raises(FileProblem, match="datamapp"):
            services.directory.export(data_folder / "fkstod.sqlite3")
        page = window.page(2)
        assert isinstance(page, OrosanmalanPage)
        page._save_asker = lambda parent, suggested: (str(data_folder / "anmalan.pdf"), "")
        fill_by_keyboard(qtbot, page)
        page.save_as()
        assert "datamapp" in dialogs.errors[0][1]
        assert not (data_folder / "anmalan.pdf").exists()
    finally:
        window.close()
        window.deleteLater()
        services.db.close()


def _print_to_file(target: Path):
    from PySide6.QtPrintSupport import QPrinter

    def asker(parent):
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return printer

    return asker


def test_printing_to_a_file_is_a_save_like_any_other(qtbot, dialogs, tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    old = tmp_path / "utskrift.pdf"
    old.write_bytes(b"den gamla utskriften")
    before = snapshot(tmp_path)
    for target, fault in ((data / "utskrift.pdf", None), (old, {"space": 500})):
        page = OrosanmalanPage(
            dialogs, printer_asker=_print_to_file(target), protected=Protected(folders=(data,))
        )
        qtbot.addWidget(page)
        page.show()
        fill_by_keyboard(qtbot, page)
        with monkeypatch.context() as patch:
            if fault:
                Disk(patch, **fault)
            with qtbot.assertNotEmitted(page.report_created):
                page.print_report()
    assert "datamapp" in dialogs.errors[0][1] and "disken är full" in dialogs.errors[1][1]
    assert snapshot(tmp_path) == before
