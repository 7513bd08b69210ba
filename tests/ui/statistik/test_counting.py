"""The counting gaps: the note copied, support offered in a call (not in a plain search)."""

import pytest
from PySide6.QtCore import Qt

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

FLOW = "underhallsstod-fraga"


def metric_rows(services, metric):
    return [(c.labels, c.count) for c in services.usage.counts() if c.metric == metric]


def test_copying_the_note_with_ctrl_shift_c_counts_it_once_per_call(qtbot, window, services):
    page = window.page(0)
    page.start(FLOW, "underhallsstod")
    page.choose(1)  # not alone: the flow ends at the summary
    assert page.stack.currentWidget() is page.summary
    qtbot.keyClick(page.summary.copy_button, Qt.Key_C, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.keyClick(page.summary.copy_button, Qt.Key_C, Qt.ControlModifier | Qt.ShiftModifier)
    assert metric_rows(services, "case_note_copied") == [
        ({"flow": FLOW, "benefit": "underhallsstod"}, 1)
    ]


def test_a_number_copied_from_a_calls_shortcut_is_support_offered_in_that_call(
    qtbot, window, services
):
    page = window.page(0)
    page.start(FLOW, "underhallsstod")
    page._directory("kvinnor", False)  # the step's directory shortcut
    assert window.current_section_id() == "katalog"
    window.page(1).number_copied.emit("kvinnor")
    assert metric_rows(services, "support_offered_in_call") == [
        ({"flow": FLOW, "benefit": "underhallsstod", "category": "kvinnor"}, 1)
    ]


def test_a_number_copied_in_a_plain_search_is_not_support_offered(qtbot, window, services):
    page = window.page(0)
    page.start(FLOW, "underhallsstod")
    page._directory("kvinnor", False)
    qtbot.keyClick(window, Qt.Key_1, Qt.ControlModifier)
    qtbot.keyClick(window, Qt.Key_2, Qt.ControlModifier)  # the directory on its own
    window.page(1).number_copied.emit("kvinnor")
    assert metric_rows(services, "support_offered_in_call") == []


def test_a_report_from_a_call_carries_the_calls_benefit(qtbot, window, services):
    page = window.page(0)
    page.start(FLOW, "underhallsstod")
    page.orosanmalan_requested.emit(page.session.benefit, "")  # what Alt+R emits (no kommun)
    report = window.page(window.index_of("orosanmalan"))
    report._created_once(0)
    assert metric_rows(services, "orosanmalan_created") == [({"benefit": "underhallsstod"}, 1)]
