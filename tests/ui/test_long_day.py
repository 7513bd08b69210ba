"""A caseworker's day: thirty calls by keys, sections switched, text size changed, in one window.

What grows with the number of calls, switches or text sizes instead of staying flat
would, over a working day left open, make the window slow or run out of memory.
Every call is counted once; no call leaves a widget behind.
"""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fkstod.qt.text_scale import apply_text_scale
from tests.ui.fakes import real_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier
CALLS = 30


@pytest.fixture
def window(qtbot, data_folder, services):
    yield from real_window(qtbot, data_folder, services=services)
    apply_text_scale(1.0)


def _key(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def _one_call(qtbot, window, page, n: int) -> None:
    _key(qtbot, window, Qt.Key.Key_1, CTRL)  # Samtalsstöd
    for _ in range(n % 13):
        _key(qtbot, window, Qt.Key.Key_Down)
    _key(qtbot, window, Qt.Key.Key_Return)  # the flow on that row
    if n % 3 == 0:  # Akut fara and back
        _key(qtbot, window, Qt.Key.Key_F5)
        _key(qtbot, window, Qt.Key.Key_Escape)
    for _ in range(80):
        if page.stack.currentWidget() is page.summary:
            break
        answer = Qt.Key.Key_1 if n % 2 else Qt.Key.Key_2
        step = page.session.step
        _key(qtbot, window, answer if step.kind == "question" else Qt.Key.Key_Return)
    else:
        raise AssertionError(f"call {n} did not reach its end by keys")
    _key(qtbot, window, Qt.Key.Key_N, CTRL)  # Nytt samtal
    assert page.stack.currentWidget() is page.picker


def _between_calls(qtbot, window, n: int) -> None:
    for r in range(10):
        _key(qtbot, window, getattr(Qt.Key, f"Key_{1 + (n + r) % 5}"), CTRL)
    if n % 5 == 0:
        for _ in range(5):  # 150 %, and back
            _key(qtbot, window, Qt.Key.Key_Plus, CTRL)
        _key(qtbot, window, Qt.Key.Key_0, CTRL)
    window.resize(760 + 10 * (n % 3), 560)
    qtbot.wait(1)


def test_thirty_calls_leave_the_window_as_it_was(qtbot, window, services):
    window.build_pending_sections()
    qtbot.waitUntil(lambda: len(window.built_sections()) == len(window.sections()))
    page = window.page(window.index_of("samtal"))
    widgets = []
    for n in range(CALLS):
        _one_call(qtbot, window, page, n)
        _between_calls(qtbot, window, n)
        if n in (4, CALLS - 1):
            gc.collect()
            QApplication.processEvents()
            widgets.append(len(QApplication.allWidgets()))
    assert widgets[0] == widgets[1], widgets  # flat: nothing left by a call or a switch
    calls = sum(c.count for c in services.usage.counts() if c.metric == "call_ended")
    assert calls == CALLS
    flows = {c.labels["flow"] for c in services.usage.counts() if c.metric == "flow_started"}
    assert len(flows) >= 5, flows  # the day's calls went through several flows and jumps
    assert window.text_scale == 1.0
