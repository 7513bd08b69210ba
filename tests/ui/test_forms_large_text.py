"""Orosanmälan and Stödkatalog at large text: check boxes, result rows and hints show whole."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QCheckBox,
    QLineEdit,
    QStyle,
    QStyleOptionButton,
    QStyleOptionFrame,
)

from fkstod.core.directory import Directory
from fkstod.qt.text_scale import apply_text_scale
from fkstod.ui.katalog.page import DirectoryPage
from fkstod.ui.orosanmalan.page import OrosanmalanPage
from tests.ui.fakes import FakeDialogs

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")

FILES = Path(__file__).parents[1] / "core" / "directory_files"
#: The room the orosanmälan page gets in a 1024 px wide window beside the section list.
NARROW = (790, 640)


@pytest.fixture
def text_scale(qapp):
    """Set the application's text size as the menu does; back to normal afterwards."""
    yield apply_text_scale
    apply_text_scale(1.0)


def show(qtbot, qapp, page, size):
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    qapp.processEvents()
    return page


def indicator_height(box: QCheckBox) -> int:
    option = QStyleOptionButton()
    box.initStyleOption(option)
    rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    return rect.height()


@pytest.fixture
def directory(memory_db) -> Directory:
    d = Directory(memory_db)
    d.apply_import(d.plan_import(FILES / "lokala.csv"))
    return d


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_every_check_box_is_as_tall_as_its_text(qtbot, qapp, text_scale, directory, scale):
    text_scale(scale)
    pages = [
        show(qtbot, qapp, DirectoryPage(directory, FakeDialogs()), (1100, 800)),
        show(qtbot, qapp, OrosanmalanPage(FakeDialogs()), (1100, 800)),
    ]
    boxes = [box for page in pages for box in page.findChildren(QCheckBox)]
    assert len(boxes) >= 12
    for box in boxes:
        assert indicator_height(box) >= 0.9 * box.fontMetrics().height(), box.text()
    # It follows a change of text size made while the page is open.
    text_scale(scale + 0.5)
    qapp.processEvents()
    for box in boxes:
        assert indicator_height(box) >= 0.9 * box.fontMetrics().height(), box.text()


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_each_result_row_shows_its_number_and_open_state_whole(
    qtbot, qapp, text_scale, directory, scale
):
    text_scale(scale)
    # The room the page gets beside the section list in a 1100 px wide window.
    page = show(qtbot, qapp, DirectoryPage(directory, FakeDialogs()), (960, 700))
    page.clock = lambda: datetime(2026, 11, 23, 10, 0)
    page.run_search()  # every entry, national lines first
    assert page.results.count() >= 10
    # What a row's text gets: the list less the spacing around each row and the
    # margins the style keeps inside it, on either side.
    margin = page.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
    room = page.results.viewport().width() - 2 * page.results.spacing() - 2 * margin
    metrics = page.results.fontMetrics()
    states = (
        "öppet nu",
        "stängt nu",
        "dygnet runt",
        "öppettider okända",
        "öppettider varierar",
        "öppettider ej kontrollerade",
    )
    for i in range(page.results.count()):
        lines = page.results.item(i).text().split("\n")
        assert any(line.endswith(states) for line in lines[1:]), lines
        for line in lines[1:]:  # the title may be shortened; it is whole in the tooltip
            assert metrics.horizontalAdvance(line) < room, line


def test_the_report_field_hints_show_whole_in_a_narrow_page(qtbot, qapp):
    page = show(qtbot, qapp, OrosanmalanPage(FakeDialogs()), NARROW)
    hinted = [e for e in page.findChildren(QLineEdit) if e.placeholderText()]
    assert len(hinted) >= 6
    for edit in hinted:
        if not edit.isVisibleTo(page):
            continue
        option = QStyleOptionFrame()
        edit.initStyleOption(option)
        room = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
        needed = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
        assert needed <= room.width() - 4, edit.placeholderText()


def test_the_rows_settle_at_every_width_with_or_without_a_scroll_bar(qtbot, qapp):
    # Taller rows bring a scroll bar that narrows the rows: the choice of one or
    # two lines must not flip back and forth (it once recursed until it crashed).
    from fkstod.ui.katalog.result_list import DirectoryResultList

    rows = [(f"id{i}", f"Stödlinje {i}", "020-80 80 80", "öppettider okända") for i in range(6)]
    results = DirectoryResultList()
    qtbot.addWidget(results)
    font = results.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    results.setFont(font)
    results.set_rows(rows)
    results.show()
    qtbot.waitExposed(results)
    for height in (300, 400, 500, 600):
        for width in range(380, 480):
            results.resize(width, height)
            qapp.processEvents()
    assert results.count() == 6
