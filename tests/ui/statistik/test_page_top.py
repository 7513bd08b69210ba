"""The Statistik page keeps its few lines at the top, however tall the window."""

from __future__ import annotations

import pytest

from fkstod.core.usage.present import CountRow
from fkstod.ui.statistik.page import StatisticsPage


@pytest.fixture
def page(qtbot) -> StatisticsPage:
    page = StatisticsPage()
    qtbot.addWidget(page)
    page.resize(800, 1200)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_without_counts_the_lines_sit_at_the_top(page):
    page.show_rows([])
    page.layout().activate()
    assert page.empty.isVisible()
    # Each line as tall as its text, the last one high up: not spread down the page.
    assert page.empty.geometry().bottom() < page.height() / 3
    assert page.empty.height() <= page.empty.sizeHint().height()


def test_with_counts_the_table_still_takes_the_height(page):
    page.show_rows([CountRow("2026-11", "Flöde", "sjukpenning-fraga", 3)])
    page.layout().activate()
    assert page.table.isVisible()
    assert page.table.geometry().bottom() > page.height() - 40
