"""Stödkatalog while it loads, attacked: fast typing in the kommun picker, edits mid-rebuild, closing."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fkstod.core.directory import Directory
from fkstod.ui.katalog.page import DirectoryPage
from fkstod.ui.katalog.section import KatalogSection
from tests.conftest import CORE_DATA
from tests.ui.fakes import FakeDialogs

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

FILES = CORE_DATA / "directory_files"
MONDAY_10 = datetime(2026, 11, 23, 10, 0)
VALUES = {
    "organisation": "Tjejjouren Testby",
    "tjanst": "Chatt",
    "kategori": "kvinnor",
    "telefon": "040-628 04 09",
    "kommuner": "1280",
    "senast_verifierad": "2026-11-01",
}


@pytest.fixture
def stored(memory_db):
    d = Directory(memory_db)
    d.apply_import(d.plan_import(FILES / "lokala.csv"))
    return memory_db


def _section_page(qtbot, stored):
    loader = Directory.in_slices(stored)
    section = KatalogSection(lambda: loader, FakeDialogs(), usage=None)  # type: ignore[arg-type]
    page = section.build()
    page.clock = lambda: MONDAY_10
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page, loader


def _shown(page: DirectoryPage):
    return page.visible_titles(), page.count.text(), page.kommun.code()


def test_a_kommun_typed_fast_while_loading_is_searched_once_loaded(qtbot, stored):
    page, _loader = _section_page(qtbot, stored)
    assert page.loading
    page.kommun.setFocus()
    page.kommun.lineEdit().selectAll()
    qtbot.keyClicks(page.kommun.lineEdit(), "malm")
    qtbot.keyClick(QApplication.focusWidget() or page.kommun.lineEdit(), Qt.Key.Key_Return)
    qtbot.keyClicks(page.search_box, "jour")
    assert page.kommun.code() == "1280"
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    loaded = DirectoryPage(Directory(stored), FakeDialogs())
    loaded.clock = lambda: MONDAY_10
    qtbot.addWidget(loaded)
    loaded.kommun.set_code("1280")
    loaded.search_box.setText("jour")
    assert _shown(page) == _shown(loaded)
    assert page.visible_titles()


def test_closing_the_page_mid_load_fires_no_timer_into_it(qtbot, stored):
    loader = Directory.in_slices(stored)
    section = KatalogSection(lambda: loader, FakeDialogs(), usage=None)  # type: ignore[arg-type]
    page = section.build()
    page.show()
    assert page.loading and section.loading is not None and section.loading.running
    timer = section.loading
    page.close()
    page.deleteLater()
    qtbot.wait(50)  # a timer left behind would call into the deleted page here
    from shiboken6 import isValid

    assert not isValid(page) and not isValid(timer)  # the timer went with the page


def test_edits_before_the_rebuild_ends_all_land_and_search_sees_each(qtbot, stored):
    page = DirectoryPage(Directory(stored), FakeDialogs())
    page.clock = lambda: MONDAY_10
    qtbot.addWidget(page)
    directory = page.directory
    assert directory is not None
    first = page.save_later(VALUES)
    assert not isinstance(first, list) and page.rebuild_later(first.id)
    assert page.loading
    # A search meanwhile (Directory's own reads settle the rebuild) sees the new entry.
    assert directory.search("Testby").total == 1
    second = page.save_later({**VALUES, "tjanst": "Telefon"})
    assert not isinstance(second, list) and page.rebuild_later(second.id)
    again = page.save_later(VALUES)  # the first one's twin, before the rebuild ends
    assert isinstance(again, list) and again[0].field == "organisation"
    directory.remove(first.id, index_now=False)
    page.rebuild_later("")
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    page.search_box.setText("Testby")
    assert page.visible_titles() == [second.title]
    assert [e.id for e in Directory(stored).local_entries() if "Testby" in e.organisation] == [
        second.id
    ]


class FailingLoader:
    """A loader whose second slice meets a database fault (a disk that went away)."""

    def __init__(self, stored) -> None:
        self._real = Directory.in_slices(stored)
        self.steps = 0

    @property
    def done(self) -> bool:
        return False

    @property
    def directory(self):
        raise AssertionError("a half-read directory was taken")

    def step(self, budget_ms: float) -> bool:
        self.steps += 1
        if self.steps == 2:
            import sqlite3

            raise sqlite3.OperationalError("disk I/O error")
        return self._real.step(0) and False


def test_a_directory_that_cannot_be_read_says_so_and_stays_closed(qtbot, stored):
    loader = FailingLoader(stored)
    dialogs = FakeDialogs()
    section = KatalogSection(lambda: loader, dialogs, usage=None)  # type: ignore[arg-type]
    with qtbot.capture_exceptions() as raised:
        page = section.build()
        qtbot.addWidget(page)
        page.show()
        qtbot.waitUntil(lambda: loader.steps >= 2, timeout=5000)
        qtbot.wait(30)
    assert loader.steps == 2  # no slice after the fault
    assert [type(e[1]).__name__ for e in raised] == ["OperationalError"]  # told once
    assert "kunde inte läsas in" in page.notice.text() and not page.notice.isHidden()
    qtbot.keyClicks(page.search_box, "jour")  # a search typed after does not hide it
    assert "kunde inte läsas in" in page.notice.text()
    assert page.loading and not page.new_button.isEnabled() and page.visible_titles() == []
    section.import_file()  # Arkiv's entry: not "still loading, try again soon"
    ((_title, text),) = dialogs.infos
    assert "kunde inte läsas in" in text and "Försök igen om en liten stund" not in text


def test_switching_away_and_closing_the_window_mid_load_loses_nothing(qtbot, tmp_path):
    """Stödkatalog opened, left at once for Samtalsstöd, the window closed while it reads."""
    from fkstod import app as fkapp
    from tests.benchmarks.data import fill_data_folder
    from tests.ui.fakes import close_window

    folder = fill_data_folder(tmp_path / "data", 3000)
    fkapp.make_application()
    with qtbot.capture_exceptions() as raised:
        services, _notice = fkapp.build_services(folder)
        window = fkapp.build_window(services, FakeDialogs())
        window.show()  # not given to qtbot: close_window deletes it here
        window.show_section(window.index_of("katalog"))
        page = window.page(window.index_of("katalog"))
        assert page.loading  # 3000 rows are not read in one turn
        qtbot.keyClicks(page.search_box, "jour")
        window.show_section(window.index_of("samtal"))
        qtbot.wait(1)
        close_window(window)
        qtbot.wait(30)  # a timer left behind would fire into the deleted page here
        services.db.close()
    assert raised == []
    again = fkapp.build_services(folder)[0]
    assert len(Directory(again.db).local_entries()) == 3000  # nothing lost
    again.db.close()
