"""The reused step widgets under odd flows: long checklists, nine answers then none, Back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from fkstod.core.flows.model import Option, Step

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

NINE = Step(
    "nio", "question", "Nio svar", options=tuple(Option(f"Svar {n}", "slut") for n in range(9))
)
TWELVE = Step(
    "tolv", "info", "Tolv punkter", next="slut", items=tuple(f"Punkt {n}" for n in range(12))
)
THREE = Step("tre", "info", "Tre punkter", next="slut", items=("A", "B", "C"))
NONE = Step("inget", "info", "Inget att välja", next="slut")


def _show(view, step, ticked=None):
    view.show_step(step, flow_title="Flöde", progress=(0, 1), can_go_back=True, ticked=ticked)
    view.setFocus()


def test_a_checklist_longer_than_nine_offers_only_the_keys_there_are(qtbot, view):
    _show(view, TWELVE)
    assert view.key_hint.text() == "Bocka av med 1–9, Enter går vidare"
    qtbot.keyClick(view, Qt.Key.Key_9)
    assert [b.isChecked() for b in view.item_boxes].index(True) == 8


def test_after_nine_answers_a_step_with_none_takes_no_digit(qtbot, view):
    _show(view, NINE)
    chosen, toggled, on = [], [], []
    view.option_chosen.connect(chosen.append)
    view.item_toggled.connect(toggled.append)
    view.continue_requested.connect(lambda: on.append(1))
    _show(view, NONE)
    for key in range(Qt.Key.Key_1, Qt.Key.Key_9 + 1):
        qtbot.keyClick(view, Qt.Key(key))
    assert (chosen, toggled) == ([], [])
    assert view.option_buttons == [] and view.item_boxes == []
    assert view.key_hint.text() == "Enter går vidare"
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert on == [1]


def test_back_to_a_long_checklist_after_a_short_one_ticks_the_right_points(qtbot, view):
    _show(view, TWELVE)
    toggled = []
    view.item_toggled.connect(toggled.append)
    for key in (Qt.Key.Key_2, Qt.Key.Key_7):
        qtbot.keyClick(view, key)
    assert toggled == [1, 6]
    _show(view, THREE)
    assert [b.isChecked() for b in view.item_boxes] == [False, False, False]
    qtbot.keyClick(view, Qt.Key.Key_7)  # no seventh point here
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert toggled == [1, 6, 2]
    _show(view, TWELVE, ticked={1, 6})  # Back
    assert toggled == [1, 6, 2]  # shown again, not reported again
    assert [n for n, b in enumerate(view.item_boxes) if b.isChecked()] == [1, 6]
    assert all(b.isVisibleTo(view) for b in view.item_boxes)
    qtbot.keyClick(view, Qt.Key.Key_2)
    assert toggled == [1, 6, 2, 1] and not view.item_boxes[1].isChecked()
