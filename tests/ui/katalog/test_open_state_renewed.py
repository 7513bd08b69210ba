""" "Öppet nu" is renewed as the clock moves on, not only at the next search.

The caseworker keeps the directory open all day. At 15:58 the jour is "öppet
nu"; after a call that ran past 16:00 the same row must not still say so (nor
stay in a list filtered on "Öppet nu"): a number read out as open that is not.
The row being read stays the current one.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from fkstod.core.directory import Directory
from fkstod.ui.katalog.page import DirectoryPage
from tests.conftest import CORE_DATA
from tests.ui.fakes import FakeDialogs

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

FILES = CORE_DATA / "directory_files"


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 23, 15, 58))  # a Monday; the jour answers 9-16


@pytest.fixture
def page(qtbot, memory_db, clock) -> DirectoryPage:
    directory = Directory(memory_db)
    directory.apply_import(directory.plan_import(FILES / "lokala.csv"))
    page = DirectoryPage(directory, FakeDialogs(), clock=clock)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def _row_of(page, entry_id: str) -> int:
    return next(i for i in range(page.results.count()) if page.results.entry_id(i) == entry_id)


def test_the_open_state_shown_follows_the_clock(qtbot, page, clock):
    page.search_box.setText("Exempelstaden")
    row = _row_of(page, "lokal-malmo-jour")
    page.results.setCurrentRow(row)
    assert "öppet nu" in page.results.item(row).text()
    assert "öppet nu" in page.view.details.text()
    clock.now = datetime(2026, 11, 23, 16, 5)
    page.renew_open_state()
    row = _row_of(page, "lokal-malmo-jour")
    assert "stängt nu" in page.results.item(row).text()
    assert "öppet nu" not in page.view.details.text()
    assert page.current_entry().id == "lokal-malmo-jour"  # still the one being read


def test_a_list_of_those_open_now_loses_the_one_that_closed(qtbot, page, clock):
    page.open_now.setChecked(True)
    assert "lokal-malmo-jour" in [page.results.entry_id(i) for i in range(page.results.count())]
    clock.now = datetime(2026, 11, 23, 16, 5)
    page.renew_open_state()
    assert "lokal-malmo-jour" not in [page.results.entry_id(i) for i in range(page.results.count())]


def test_nothing_is_searched_again_while_the_clock_changes_nothing(qtbot, page, clock):
    page.search_box.setText("Exempelstaden")
    row = _row_of(page, "lokal-malmo-jour")
    page.results.setCurrentRow(row)
    before = page.results.item(row)
    clock.now = datetime(2026, 11, 23, 15, 59)
    page.renew_open_state()
    assert page.results.item(row) is before  # the same row, not made again


def test_the_page_renews_by_itself_while_shown(qtbot, page, clock, monkeypatch):
    page.search_box.setText("Exempelstaden")
    clock.now = datetime(2026, 11, 23, 16, 5)
    page.open_state_timer.timeout.emit()
    row = _row_of(page, "lokal-malmo-jour")
    assert "stängt nu" in page.results.item(row).text()


def test_the_clock_is_watched_only_while_the_page_is_shown(qtbot, page):
    # Built once and kept all day behind the other sections: hidden, its timer rests.
    assert page.open_state_timer.isActive()
    page.hide()
    assert not page.open_state_timer.isActive()
    page.show()
    qtbot.waitExposed(page)
    assert page.open_state_timer.isActive()


def test_a_window_restored_after_lunch_shows_the_open_state_of_now(qtbot, page, clock):
    # Minimized over lunch, the page is hidden with its window; restored, it must not
    # say "öppet nu" of a jour that closed meanwhile for another 30 seconds.
    page.search_box.setText("Exempelstaden")
    page.hide()
    clock.now = datetime(2026, 11, 23, 16, 5)
    page.show()
    qtbot.waitExposed(page)
    row = _row_of(page, "lokal-malmo-jour")
    assert "stängt nu" in page.results.item(row).text()
