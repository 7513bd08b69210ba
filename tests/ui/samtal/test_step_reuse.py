"""A step change reuses the step view's widgets: none made or deleted, none left active."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from fkstod.core.flows import load_library
from fkstod.ui.samtal.step_view import FlowStepView

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
ALT = Qt.KeyboardModifier.AltModifier
LIBRARY = load_library()
STEPS = [step for flow in LIBRARY.flows.values() for step in flow.steps]


def _show(view: FlowStepView, step, ticked: set[int] | None = None) -> None:
    view.show_step(step, flow_title="Flöde", progress=(0, 1), can_go_back=False, ticked=ticked)


def test_a_step_change_makes_and_deletes_no_widgets(qtbot, view):
    for step in STEPS:  # every size of every list once
        _show(view, step)
    widgets = set(view.findChildren(QWidget))
    for step in reversed(STEPS):
        _show(view, step)
        qtbot.wait(0)  # a deleteLater would land here
        assert set(view.findChildren(QWidget)) == widgets, step.id
        assert [b.isVisibleTo(view) for b in view.option_buttons] == [True] * len(step.options)
        assert len(view.item_boxes) == len(step.items)
        assert len(view.extra_buttons) == len(step.directory[:9]) + bool(step.orosanmalan)
        shown = [w for w in view.findChildren(QWidget) if w.isVisibleTo(view)]
        assert all(w in shown for w in [*view.option_buttons, *view.item_boxes])


def test_a_point_ticked_before_is_shown_ticked_and_not_reported_again(qtbot, view):
    step = next(s for s in STEPS if len(s.items) >= 2)
    _show(view, next(s for s in STEPS if s.items and s is not step), ticked={0})
    with qtbot.assertNotEmitted(view.item_toggled):
        _show(view, step, ticked={1})
    assert [b.isChecked() for b in view.item_boxes[:2]] == [False, True]
    with qtbot.waitSignal(view.item_toggled) as blocker:
        view.item_boxes[0].click()
    assert blocker.args == [0]


def test_the_key_of_a_shortcut_the_step_does_not_have_does_nothing(qtbot, view):
    many = next(s for s in STEPS if len(s.directory) >= 2)
    one = next(s for s in STEPS if len(s.directory) == 1 and not s.orosanmalan)
    _show(view, many)
    _show(view, one)
    view.setFocus()
    with qtbot.assertNotEmitted(view.directory_clicked):
        qtbot.keyClick(view, Qt.Key.Key_2, ALT)  # shown on the step before
        qtbot.keyClick(view, Qt.Key.Key_9, ALT)  # never shown
    with qtbot.assertNotEmitted(view.orosanmalan_clicked):
        qtbot.keyClick(view, Qt.Key.Key_R, ALT)
    with qtbot.waitSignal(view.directory_clicked) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_1, ALT)
    shortcut = one.directory[0]
    assert blocker.args == [shortcut.category, shortcut.kommun]


def test_clearing_the_view_leaves_no_answer_tick_or_shortcut_behind(qtbot, view):
    step = next(s for s in STEPS if s.items and s.directory)
    _show(view, step, ticked={0})
    view._clear()
    pools = [*view._option_pool, *view._item_pool, *(b for b, _k in view._directory_pool)]
    assert all(w.isHidden() and not w.text() for w in pools)
    assert not any(box.isChecked() for box in view._item_pool)
    assert view.option_buttons == view.item_boxes == view.extra_buttons == []
    view.setFocus()
    with qtbot.assertNotEmitted(view.directory_clicked):
        qtbot.keyClick(view, Qt.Key.Key_1, ALT)
