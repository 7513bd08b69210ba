"""The end of a call and the steps on the way, driven by keys in the real window.

A long call never makes the window taller; a report of concern is one key from the
summary; checklist points are ticked by number; the way back from a jump is named.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from fkstod import app as fkapp
from fkstod.qt.text_scale import apply_text_scale
from tests.ui.fakes import FakeDialogs

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(qtbot, data_folder):
    fkapp.make_application()
    services, _notice = fkapp.build_services(data_folder)
    window = fkapp.build_window(services, FakeDialogs())
    qtbot.addWidget(window)
    window.resize(1366, 700)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    yield window
    window.close()
    apply_text_scale(1.0)
    services.db.close()


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def key(qtbot, k, mods=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget(), k, mods)
    settle()


def start(qtbot, window, words: str):
    page = window.page(0)
    window.show_section(0)
    qtbot.keyClicks(QApplication.focusWidget(), words)
    key(qtbot, Qt.Key.Key_Return)
    assert page.stack.currentWidget() is page.step_view
    return page


def finish(qtbot, page) -> None:
    """Answer 1 to each question and Enter on each other step, to the end."""
    for _ in range(100):
        if page.stack.currentWidget() is page.summary:
            return
        step = page.session.step
        key(qtbot, Qt.Key.Key_1 if step.kind == "question" else Qt.Key.Key_Return)
    raise AssertionError("the flow never ended")


def reachable(window: QWidget, widget: QWidget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return widget.isVisible() and window.rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_a_long_call_with_jumps_keeps_the_window_height(qtbot, window, scale):
    apply_text_scale(scale)
    settle()
    height = window.height()
    page = start(qtbot, window, "sjukpenning")
    # 14 times into Barn berörs and back: four steps each on the path.
    for _ in range(14):
        key(qtbot, Qt.Key.Key_F6)
        assert page.session.flow.id == "barn-berors"
        key(qtbot, Qt.Key.Key_1)  # the person can talk freely
        key(qtbot, Qt.Key.Key_3)  # Inga barn berörs
        key(qtbot, Qt.Key.Key_Return)  # back to the call
    finish(qtbot, page)
    assert len(page.session.path()) >= 40
    settle()
    assert window.height() == height
    summary = page.summary
    for button in (summary.copy_button, summary.new_button, summary.back_button):
        assert reachable(window, button), button.text()
    assert summary.scroll.verticalScrollBar().maximum() > 0  # the path scrolls instead
    assert QApplication.focusWidget() is summary.note
    # Copy and start anew by keys; the window keeps its size.
    key(
        qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    key(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.stack.currentWidget() is page.picker
    assert window.height() == height


def test_the_summary_offers_the_report_when_one_is_needed(qtbot, window):
    page = start(qtbot, window, "underhåll")
    page.kommun.setCurrentIndex(page.kommun.findData("0180"))
    page.step_view.setFocus()
    key(qtbot, Qt.Key.Key_F6)  # Barn berörs
    key(qtbot, Qt.Key.Key_1)  # the person can talk freely
    key(qtbot, Qt.Key.Key_1)  # yes, or cannot be ruled out
    finish(qtbot, page)
    summary = page.summary
    assert "orosanmalan_needed" in page.session.codes()
    assert summary.report_button.isVisible()
    assert summary.tab_order()[0] is summary.report_button
    key(qtbot, Qt.Key.Key_R, ALT)
    assert window.current_section_id() == "orosanmalan"
    report = window.page(2)
    assert report._benefit == "underhallsstod"
    assert report.form.kommun.currentData() == "0180"


def test_no_report_button_when_no_report_is_needed(qtbot, window):
    page = start(qtbot, window, "underhåll")
    key(qtbot, Qt.Key.Key_F6)
    key(qtbot, Qt.Key.Key_1)  # the person can talk freely
    key(qtbot, Qt.Key.Key_3)  # Inga barn berörs
    finish(qtbot, page)
    assert not page.summary.report_button.isVisible()
    key(qtbot, Qt.Key.Key_R, ALT)
    assert window.current_section_id() == "samtal"


def test_checklist_points_are_ticked_by_their_numbers(qtbot, window):
    page = start(qtbot, window, "sjukpenning")
    page.jump("barn-berors")
    # Can talk freely, then on to Säg inget om anmälan.
    for k in (Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_1):
        key(qtbot, k)
    for _ in range(20):
        if page.session.step.items:
            break
        key(qtbot, Qt.Key.Key_Return)
    assert page.session.step.items, page.session.current
    view = page.step_view
    assert view.item_boxes[0].text().startswith("1  ")
    assert "Bocka av med 1–" in view.key_hint.text()
    key(qtbot, Qt.Key.Key_2)
    assert [b.isChecked() for b in view.item_boxes[:2]] == [False, True]
    here = (page.session.current.flow_id, page.session.current.step_id)
    assert page.session.checked[here] == {1}
    key(qtbot, Qt.Key.Key_2)
    assert not view.item_boxes[1].isChecked()
    assert page.session.checked[here] == set()
    assert QApplication.focusWidget() is view  # the keys go on working
